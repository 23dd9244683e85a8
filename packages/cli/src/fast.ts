/**
 * dist/gatehouse.js, what `gatehouse` runs first: the AWS CLI starts it before every command it
 * runs with a Gatehouse profile, so it answers `credentials` from the cache by itself, through the
 * same function as the full CLI (cached.ts), and loads the full CLI (main.ts,
 * dist/gatehouse-full.mjs) for everything else. It is CommonJS and imports nothing beyond
 * node:fs, node:path and node:os: starting an ES module graph, evaluating the whole CLI or loading
 * node:crypto costs Node more than the answer itself.
 *
 * When anything is unusual it changes nothing, prints nothing and lets the full CLI decide, which
 * then does exactly what it would have done alone: arguments it rejects, --help, --debug, a tokens
 * file to repair, a file it cannot read, no fresh cache entry.
 */
import { writeSync } from 'node:fs';
import { parseArgs } from './args';
import { cachedCredentials } from './cached';

/** Beside this file in dist/; a variable, so that neither esbuild nor tsc tries to resolve it. */
const FULL_CLI = './gatehouse-full.mjs';

function fromCache(argv: readonly string[]): string | null {
  // --debug asks for the full CLI's account of what it did.
  if (argv.includes('--debug')) return null;
  try {
    return cachedCredentials(parseArgs(argv), { readOnly: true });
  } catch {
    return null;
  }
}

/**
 * Straight to file descriptor 1: process.stdout on a pipe, which is how the AWS CLI reads the
 * answer, loads Node's net and stream modules, costing more than all the rest of this file. What
 * a direct write cannot take (a full non-blocking pipe, a closed one) goes through process.stdout,
 * so it fails as the full CLI's output would.
 */
function writeStdout(text: string): void {
  const data = Buffer.from(text);
  let written = 0;
  try {
    while (written < data.length) written += writeSync(1, data, written);
  } catch {
    process.stdout.write(data.subarray(written));
  }
}

const answer = fromCache(process.argv.slice(2));
if (answer !== null) {
  writeStdout(answer);
} else {
  import(FULL_CLI).catch((err: unknown) => {
    process.stderr.write(`gatehouse: cannot load the CLI: ${(err as Error)?.message ?? String(err)}\n`);
    process.exitCode = 1;
  });
}
