/** Opens a URL in the user's browser: $BROWSER when set, else the platform's opener. */
import { spawn } from 'node:child_process';
import { envVar } from './env';

function opener(url: string): { command: string; args: string[] } {
  const browser = envVar('BROWSER');
  // $BROWSER may be a list (`a:b`); like Python's webbrowser, try the first; `%s` marks the URL.
  if (browser) {
    const first = browser.split(':')[0] as string;
    return first.includes('%s')
      ? {
          command: first.split(' ')[0] as string,
          args: first
            .split(' ')
            .slice(1)
            .map((a) => a.replace('%s', url)),
        }
      : { command: first, args: [url] };
  }
  if (process.platform === 'darwin') return { command: 'open', args: [url] };
  // Not `cmd /c start`: cmd would interpret the & in the URL.
  if (process.platform === 'win32')
    return { command: 'rundll32', args: ['url.dll,FileProtocolHandler', url] };
  return { command: 'xdg-open', args: [url] };
}

/** True when an opener started; the browser itself is never waited for. */
export function openUrl(url: string): Promise<boolean> {
  const { command, args } = opener(url);
  return new Promise((resolve) => {
    try {
      const child = spawn(command, args, { stdio: 'ignore', detached: true });
      child.once('error', () => resolve(false));
      child.once('spawn', () => {
        child.unref();
        resolve(true);
      });
    } catch {
      resolve(false);
    }
  });
}
