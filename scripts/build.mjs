// Bundles the server entry points with esbuild, as node-bundle.mjs says (workspace packages in,
// npm packages external).
// `--if-stale` skips what is already newer than its inputs (fast `npm start`); `--server` skips the web.
import { build } from 'esbuild';
import { readdirSync, statSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { NODE_BUNDLE } from './node-bundle.mjs';

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

const ifStale = process.argv.includes('--if-stale');
// `--server` builds only the server bundle (tests of the server need nothing else).
const serverOnly = process.argv.includes('--server');
if (!serverOnly) await buildWeb();
if (!serverOnly) await buildCliBundle();
if (ifStale && !isStale()) process.exit(0);

/**
 * The `gatehouse` CLI (packages/cli/build.mjs): packages/cli/dist/, the fast entry and the full CLI;
 * skipped with --if-stale when every file it writes is newer than its inputs.
 */
async function buildCliBundle() {
  const { CLI_OUTPUTS, buildCli } = await import('../packages/cli/build.mjs');
  const outdir = join(root, 'packages/cli/dist');
  const inputs = ['packages/cli/src', 'packages/cli/build.mjs', 'packages/contracts/src'];
  const builtAt = Math.min(...CLI_OUTPUTS.map((name) => newestMtime(join(outdir, name))));
  if (ifStale && builtAt > Math.max(...inputs.map((p) => newestMtime(join(root, p))))) return;
  const { ms } = await buildCli({ outdir });
  console.error(`built packages/cli/dist in ${ms} ms`);
}

/** The web portal, with Vite; skipped with --if-stale when apps/web/dist is newer than its inputs. */
async function buildWeb() {
  const webRoot = join(root, 'apps/web');
  const marker = join(webRoot, 'dist/index.html');
  const builtAt = (() => {
    try {
      return statSync(marker).mtimeMs;
    } catch {
      return 0;
    }
  })();
  const webInputs = [
    'apps/web/src',
    'apps/web/index.html',
    'apps/web/vite.config.ts',
    'packages/contracts/src',
    'package-lock.json',
  ];
  if (ifStale && builtAt > Math.max(...webInputs.map((p) => newestMtime(join(root, p))))) return;
  const { build: viteBuild } = await import('vite');
  const started = Date.now();
  const result = await viteBuild({
    root: webRoot,
    configFile: join(webRoot, 'vite.config.ts'),
    logLevel: 'warn',
  });
  const outputs = (Array.isArray(result) ? result : [result]).flatMap((r) => ('output' in r ? r.output : []));
  const sizes = outputs
    .filter((o) => o.type === 'chunk' || o.fileName.endsWith('.css'))
    .map((o) => ({
      file: o.fileName,
      bytes: Buffer.byteLength(o.type === 'chunk' ? o.code : String(o.source)),
    }));
  const gzip = (await import('node:zlib')).gzipSync;
  let total = 0;
  let totalGz = 0;
  for (const { file } of sizes) {
    const output = outputs.find((o) => o.fileName === file);
    const content = output.type === 'chunk' ? output.code : String(output.source);
    total += Buffer.byteLength(content);
    totalGz += gzip(content).length;
  }
  const kb = (n) => `${(n / 1024).toFixed(0)} KiB`;
  console.error(
    `built apps/web/dist in ${Date.now() - started} ms: ${sizes.length} files, ${kb(total)} (${kb(totalGz)} gzip); largest: ` +
      sizes
        .sort((a, b) => b.bytes - a.bytes)
        .slice(0, 3)
        .map((s) => `${s.file} ${kb(s.bytes)}`)
        .join(', '),
  );
}

const started = Date.now();
await build({
  ...NODE_BUNDLE,
  absWorkingDir: root,
  entryPoints: entries,
  outdir,
  sourcemap: true,
  legalComments: 'none',
});
console.error(`built apps/server/dist in ${Date.now() - started} ms`);
