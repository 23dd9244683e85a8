let hidden = false;

/**
 * The AWS SDK warns, once per process, that its releases from 2027 will need Node 22. The demo
 * and the e2e run are on the Node that Gatehouse supports; that notice is only noise there.
 * Every other warning is still printed by Node's own handler.
 */
export function hideSdkNodeVersionWarning(): void {
  if (hidden) return;
  hidden = true;
  const original = process.listeners('warning');
  process.removeAllListeners('warning');
  process.on('warning', (warning) => {
    if (warning.message.startsWith('NodeVersionSupportWarning')) return;
    for (const listener of original) listener(warning);
  });
}
