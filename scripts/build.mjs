// Bundles the server entry points with esbuild. Workspace packages (TypeScript sources) are
// bundled in; everything from npm stays external and is loaded from node_modules at run time.
// `--if-stale` skips the build when every output is newer than every input (fast `npm start`).
import { build } from 'esbuild';
import { readdirSync, statSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const entries = { server: 'apps/server/src/server.ts', admin: 'apps/server/src/admin.ts' };
const outdir = join(root, 'apps/server/dist');
const inputs = ['apps/server/src', 'packages', 'prisma/schema.prisma', 'package-lock.json'];

function newestMtime(path) {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const name of readdirSync(path)) {
    if (name === 'node_modules' || name === '.tsbuild' || name === 'test') continue;
    newest = Math.max(newest, newestMtime(join(path, name)));
  }
  return newest;
}

function isStale() {
  const oldestOutput = Math.min(
    ...Object.keys(entries).map((name) => {
      try {
        return statSync(join(outdir, `${name}.js`)).mtimeMs;
      } catch {
        return 0;
      }
    }),
  );
  const newestInput = Math.max(...inputs.map((p) => newestMtime(join(root, p))));
  return newestInput > oldestOutput;
}

if (process.argv.includes('--if-stale') && !isStale()) process.exit(0);

const workspaceBundled = {
  name: 'externalise-npm-packages',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) =>
      args.path.startsWith('@gatehouse/') ? undefined : { path: args.path, external: true },
    );
  },
};

const started = Date.now();
await build({
  absWorkingDir: root,
  entryPoints: entries,
  outdir,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  legalComments: 'none',
  plugins: [workspaceBundled],
  logLevel: 'warning',
});
console.error(`built apps/server/dist in ${Date.now() - started} ms`);
