/**
 * Runs the built server (apps/server/dist/server.js) as a child process, the way an operator
 * starts it, and reads what an operator reads on its standard output: the one-time setup link
 * and the "serving" line. Used by `npm run demo` and the Playwright global setup.
 */
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

export interface ServerProcess {
  /** The portal's public URL as the server printed it, e.g. http://127.0.0.1:8080/. */
  url: string;
  /** The first-administrator setup link; null when an administrator already exists. */
  setupUrl: string | null;
  pid: number;
  /** Resolves with the exit code (null when killed by a signal) once the process is gone. */
  exited: Promise<number | null>;
  /** SIGTERM, so the server closes its database (and stops the embedded PostgreSQL) itself. */
  stop(): Promise<number | null>;
}

export interface StartServerOptions {
  /** The repository root (holds apps/server/dist/server.js). */
  root: string;
  /** The complete environment of the server; nothing is inherited. */
  env: Record<string, string>;
  /** Standard output and error are appended here (pino's JSON lines included). */
  logFile: string;
  /** First starts of the embedded PostgreSQL run initdb; give them time. */
  startTimeoutMs?: number;
  /** How long stop() waits after SIGTERM before SIGKILL. */
  stopTimeoutMs?: number;
}

const SERVING = /^gatehouse: serving (\S+) /;
const SETUP_LINK = /^\s+(https?:\/\/\S+\/setup#token=\S+)\s*$/;

export async function startServerProcess(options: StartServerOptions): Promise<ServerProcess> {
  const entry = join(options.root, 'apps/server/dist/server.js');
  if (!existsSync(entry)) throw new Error(`${entry} is missing: run node scripts/build.mjs first`);
  const log = createWriteStream(options.logFile, { flags: 'a', mode: 0o600 });
  // Its own process group: a Ctrl-C in the terminal reaches only our process, which then stops the
  // server exactly once (a second SIGINT would cut its shutdown, and the embedded PostgreSQL's, short).
  // The V8 flags production runs with (npm start, Dockerfile).
  const flags = JSON.parse(
    readFileSync(join(options.root, 'apps/server/node-flags.json'), 'utf8'),
  ) as string[];
  const child = spawn(process.execPath, [...flags, '--enable-source-maps', entry], {
    cwd: options.root,
    env: options.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const pid = child.pid;
  if (pid === undefined) {
    log.end();
    throw new Error(`could not start ${entry}`);
  }
  child.stdout.pipe(log, { end: false });
  child.stderr.pipe(log, { end: false });

  const recent: string[] = [];
  const remember = (line: string) => {
    recent.push(line);
    if (recent.length > 40) recent.shift();
  };
  createInterface({ input: child.stderr }).on('line', remember);

  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => {
      process.removeListener('exit', killOnExit);
      resolve(code);
    });
  });
  void exited.then(() => setImmediate(() => log.end()));
  // If our process ends without stop() (an uncaught error), the server must not outlive it.
  const killOnExit = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  };
  process.once('exit', killOnExit);

  let setupUrl: string | null = null;
  const ready = new Promise<string>((resolve) => {
    createInterface({ input: child.stdout }).on('line', (line) => {
      // pino's JSON lines are for the log file; the operator's lines start with "gatehouse:" or a link.
      if (!line.startsWith('{')) remember(line);
      const link = SETUP_LINK.exec(line);
      if (link?.[1]) setupUrl = link[1];
      const serving = SERVING.exec(line);
      if (serving?.[1]) resolve(serving[1]);
    });
  });

  let stopping: Promise<number | null> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      if (child.exitCode !== null || child.signalCode !== null) return exited;
      child.kill('SIGTERM');
      const timer = setTimeout(() => {
        try {
          process.kill(-pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }, options.stopTimeoutMs ?? 45_000);
      const code = await exited;
      clearTimeout(timer);
      return code;
    })();
    return stopping;
  };

  const timeoutMs = options.startTimeoutMs ?? 120_000;
  let timer: NodeJS.Timeout | undefined;
  const outcome = await Promise.race([
    ready.then((url) => ({ kind: 'ready' as const, url })),
    exited.then((code) => ({ kind: 'exited' as const, code })),
    new Promise<{ kind: 'timeout' }>((resolve) => {
      timer = setTimeout(() => resolve({ kind: 'timeout' }), timeoutMs);
    }),
  ]);
  clearTimeout(timer);
  if (outcome.kind !== 'ready') {
    await stop();
    const why =
      outcome.kind === 'exited' ? `exited with code ${outcome.code}` : `did not start within ${timeoutMs} ms`;
    throw new Error(
      `the Gatehouse server ${why} (log: ${options.logFile})${recent.length ? `:\n${recent.join('\n')}` : ''}`,
    );
  }
  return { url: outcome.url, setupUrl, pid, exited, stop };
}
