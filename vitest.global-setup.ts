// Builds the bundles that tests run as child processes (server, admin command) once, before
// any test file starts: test files run in parallel and must not race to write them.
import { spawnSync } from 'node:child_process';

export default function setup(): void {
  const result = spawnSync(process.execPath, ['scripts/build.mjs', '--if-stale', '--server'], {
    cwd: import.meta.dirname,
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`build failed before tests:\n${result.stderr}`);
}
