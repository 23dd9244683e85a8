// Bundles the `gatehouse` CLI into one self-contained file, dist/gatehouse.js (no npm
// dependencies at run time: the contracts are types only). Written to a temporary file and
// renamed into place, so a test or a shell never runs half a bundle.
import { build } from 'esbuild';
import { chmodSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

export async function buildCli({ outfile = join(here, 'dist/gatehouse.js') } = {}) {
  const started = Date.now();
  const result = await build({
    absWorkingDir: here,
    entryPoints: [join(here, 'src/main.ts')],
    outfile,
    write: false,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // Nothing from npm may end up required at run time: a global install has no node_modules.
    packages: 'bundle',
    banner: { js: '#!/usr/bin/env node' },
    legalComments: 'none',
    logLevel: 'warning',
  });
  mkdirSync(dirname(outfile), { recursive: true });
  for (const file of result.outputFiles) {
    const temp = `${file.path}.${process.pid}.${Date.now()}.tmp`;
    try {
      writeFileSync(temp, file.contents, { mode: 0o755 });
      chmodSync(temp, 0o755);
      renameSync(temp, file.path);
    } finally {
      rmSync(temp, { force: true });
    }
  }
  return { outfile, ms: Date.now() - started };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { outfile, ms } = await buildCli();
  console.error(`built ${outfile.replace(`${here}/`, 'packages/cli/')} in ${ms} ms`);
}
