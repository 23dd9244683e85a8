import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

export interface MotoServer {
  /** e.g. http://127.0.0.1:41234 — use as the STS/IAM endpoint. */
  endpoint: string;
  port: number;
  stop(): Promise<void>;
}

const HOST = '127.0.0.1';
const START_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 5_000;
const INSTALL_HINT = "moto_server is not on PATH. Install it with: pip install 'moto[server]'";

/** A free loopback port: bind to 0, read the port, let go. Another process may still grab it, hence retries. */
export function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, HOST, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error('could not find a free loopback port'))));
    });
  });
}

/**
 * Starts `moto_server` (the STS/IAM emulator) on a free loopback port and waits until it answers.
 * moto enforces nothing and accepts any credentials; see the federation stand-in for what that means.
 */
export async function startMotoServer(options: { port?: number } = {}): Promise<MotoServer> {
  const tries = options.port === undefined ? 3 : 1;
  let lastError: unknown;
  for (let i = 0; i < tries; i++) {
    const port = options.port ?? (await freeLoopbackPort());
    try {
      return await startOn(port);
    } catch (err) {
      if (err instanceof Error && err.message === INSTALL_HINT) throw err;
      lastError = err;
    }
  }
  throw lastError;
}

async function startOn(port: number): Promise<MotoServer> {
  // Not detached, so a Ctrl-C to the test run reaches moto too. The pyenv shim and `pyenv exec` both
  // exec, so the pid is moto's own.
  const child = spawn('moto_server', ['-H', HOST, '-p', String(port)], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-4_000);
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; error?: Error }>(
    (resolve) => {
      child.once('exit', (code, signal) => resolve({ code, signal }));
      child.once('error', (error) => resolve({ code: null, signal: null, error }));
    },
  );
  const killOnExit = (): void => killChild(child, 'SIGKILL');
  process.once('exit', killOnExit);

  const endpoint = `http://${HOST}:${port}`;
  const polling = { cancelled: false };
  const outcome = await Promise.race([
    waitUntilAnswering(endpoint, polling),
    exited.then((e) => ({ exited: e })),
  ]);
  polling.cancelled = true;
  if (outcome !== 'ready') {
    process.removeListener('exit', killOnExit);
    killChild(child, 'SIGKILL');
    if (typeof outcome === 'object' && outcome.exited.error) {
      const code = (outcome.exited.error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') throw new Error(INSTALL_HINT);
      throw new Error(`moto_server could not be started: ${outcome.exited.error.message}`);
    }
    const how =
      typeof outcome === 'object' ? `exited (code ${outcome.exited.code})` : 'did not answer in time';
    throw new Error(`moto_server on port ${port} ${how}${stderr ? `:\n${stderr}` : ''}`);
  }

  let stopped: Promise<void> | undefined;
  return {
    endpoint,
    port,
    stop() {
      stopped ??= (async () => {
        process.removeListener('exit', killOnExit);
        if (child.exitCode !== null || child.signalCode !== null) return;
        killChild(child, 'SIGTERM');
        const timer = setTimeout(() => killChild(child, 'SIGKILL'), STOP_TIMEOUT_MS);
        await exited;
        clearTimeout(timer);
      })();
      return stopped;
    },
  };
}

async function waitUntilAnswering(
  endpoint: string,
  polling: { cancelled: boolean },
): Promise<'ready' | 'timeout'> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline && !polling.cancelled) {
    try {
      const response = await fetch(`${endpoint}/moto-api/`, { signal: AbortSignal.timeout(1_000) });
      await response.body?.cancel();
      if (response.ok) return 'ready';
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return 'timeout';
}

function killChild(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    child.kill(signal);
  } catch {
    // already gone
  }
}
