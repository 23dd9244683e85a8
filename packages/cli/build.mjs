// Bundles the `gatehouse` CLI into dist/ (no npm dependencies at run time: of the contracts it uses
// types and the dependency-free list of credential formats):
//   gatehouse.js        src/fast.ts, CommonJS: answers a cached `credentials` by itself (what the
//                       AWS CLI runs before every command), else imports
//   gatehouse-full.mjs  src/main.ts, the whole CLI, an ES module
//   package.json        {"type":"commonjs"}, so that Node loads gatehouse.js as CommonJS
// Each file is written to a temporary file and renamed into place, gatehouse.js last, so a test
// or a shell never runs half a bundle.
import { build } from 'esbuild';
import { chmodSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/** What the build writes into dist/, in this order; scripts/build.mjs --if-stale checks them all. */
export const CLI_OUTPUTS = ['package.json', 'gatehouse-full.mjs', 'gatehouse.js'];

const common = {
  absWorkingDir: here,
  write: false,
  bundle: true,
  platform: 'node',
  target: 'node20',
  // Nothing from npm may end up required at run time: a global install has no node_modules.
  packages: 'bundle',
  legalComments: 'none',
  logLevel: 'warning',
};

function writeAtomic(path, contents, mode) {
  const temp = `${path}.${process.pid}.${Date.now()}.tmp`;
  try {
    writeFileSync(temp, contents, { mode });
    chmodSync(temp, mode);
    renameSync(temp, path);
  } finally {
    rmSync(temp, { force: true });
  }
}

export async function buildCli({ outdir = join(here, 'dist') } = {}) {
  const started = Date.now();
  const [full, fast] = await Promise.all([
    build({
      ...common,
      entryPoints: [join(here, 'src/main.ts')],
      outfile: join(outdir, 'gatehouse-full.mjs'),
      format: 'esm',
    }),
    build({
      ...common,
      entryPoints: [join(here, 'src/fast.ts')],
      outfile: join(outdir, 'gatehouse.js'),
      format: 'cjs',
      banner: { js: '#!/usr/bin/env node' },
    }),
  ]);
  const [fastFile] = fast.outputFiles;
  const imports = fastFile.text.match(/require\("[^"]*"\)/g) ?? [];
  // The point of the fast entry: no module beyond these, and the full CLI only through import().
  const unexpected = imports.filter((r) => !/^require\("node:(fs|path|os)"\)$/.test(r));
  if (unexpected.length > 0) throw new Error(`src/fast.ts must not load ${unexpected.join(', ')}`);
  mkdirSync(outdir, { recursive: true });
  writeAtomic(join(outdir, 'package.json'), '{ "type": "commonjs" }\n', 0o644);
  for (const file of full.outputFiles) writeAtomic(file.path, file.contents, 0o644);
  writeAtomic(fastFile.path, fastFile.contents, 0o755);
  return { outdir, ms: Date.now() - started };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { outdir, ms } = await buildCli();
  console.error(`built ${outdir.replace(`${here}/`, 'packages/cli/')} in ${ms} ms`);
}
