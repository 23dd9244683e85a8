// `npm run demo`: bundles scripts/demo (TypeScript, with the workspace packages it uses, such as the
// moto launcher and the federation stand-in) with esbuild and runs it. npm packages stay external.
import { build } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { NODE_BUNDLE } from './node-bundle.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// Under node_modules so that the bundle's npm imports resolve from the repository's node_modules.
const outfile = join(root, 'node_modules/.cache/gatehouse-demo/demo.mjs');

await build({
  ...NODE_BUNDLE,
  absWorkingDir: root,
  entryPoints: ['scripts/demo/main.ts'],
  outfile,
  sourcemap: 'inline',
  legalComments: 'none',
});

process.setSourceMapsEnabled(true);
const { main } = await import(pathToFileURL(outfile).href);
process.exit(await main(process.argv.slice(2), root));
