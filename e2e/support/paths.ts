import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

export const E2E_DIR = join(import.meta.dirname, '..');
/** Debian's Chromium; Playwright never downloads a browser here. */
export const CHROMIUM = '/usr/bin/chromium';
export const SCREENSHOT_DIR = join(E2E_DIR, 'screenshots');

/** Per-run state (git-ignored): the stack's addresses, the server log, the admin's session. */
const RUNS_DIR = join(E2E_DIR, '.run');
const RUN_DIR_ENV = 'GATEHOUSE_E2E_RUN_DIR';

/**
 * Makes this run's directory, `e2e/.run/run-<pid>`, and hands it to the workers through the
 * environment. Two runs at once (two people in one checkout) each get their own; the directories
 * of runs whose process is gone are removed, the last one stays for reading its server log.
 */
export function createRunDir(): string {
  mkdirSync(RUNS_DIR, { recursive: true });
  for (const name of readdirSync(RUNS_DIR)) {
    const pid = Number(/^run-(\d+)$/.exec(name)?.[1]);
    if (pid && pid !== process.pid && !isRunning(pid))
      rmSync(join(RUNS_DIR, name), { recursive: true, force: true });
  }
  const dir = join(RUNS_DIR, `run-${process.pid}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir);
  process.env[RUN_DIR_ENV] = dir;
  return dir;
}

/** A file of this run (in a worker: of the run that started it). */
export function runFile(name: 'stack.json' | 'server.log' | 'admin-storage-state.json'): string {
  const dir = process.env[RUN_DIR_ENV];
  if (!dir || !existsSync(dir))
    throw new Error(
      `${RUN_DIR_ENV} is not set: run the specs through playwright test -c e2e/playwright.config.ts`,
    );
  return join(dir, name);
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
