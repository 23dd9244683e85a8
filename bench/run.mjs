// `npm run bench [-- --smoke] [-- --only B1,B4]`: bundles the benchmark (TypeScript, using the
// workspace packages the way the server bundle does) with esbuild, then runs it. The bundles go to
// node_modules/.cache, where npm packages still resolve and no linter looks.
import { build } from 'esbuild';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { NODE_BUNDLE } from '../scripts/node-bundle.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = join(root, 'node_modules', '.cache', 'gatehouse-bench');
mkdirSync(outdir, { recursive: true });

await build({
  ...NODE_BUNDLE,
  absWorkingDir: root,
  entryPoints: {
    main: 'bench/src/main.ts',
    'load-worker': 'bench/src/load-worker.ts',
    hello: 'bench/src/hello.ts',
  },
  outdir,
  outExtension: { '.js': '.mjs' },
  sourcemap: true,
});

const { main } = await import(pathToFileURL(join(outdir, 'main.mjs')).href);
process.exitCode = await main({ root, buildDir: outdir, argv: process.argv.slice(2) });
