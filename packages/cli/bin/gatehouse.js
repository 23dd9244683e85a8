#!/usr/bin/env node
// The `gatehouse` command. npm links this file at install time, before `npm run build` has
// produced the bundle, so it only forwards to dist/gatehouse.js (one esbuild bundle).
import('../dist/gatehouse.js').catch((err) => {
  if (err && err.code === 'ERR_MODULE_NOT_FOUND' && String(err.message).includes('dist/gatehouse.js')) {
    process.stderr.write(
      'gatehouse: the CLI is not built yet: run `npm run build` in the Gatehouse checkout\n',
    );
  } else {
    process.stderr.write(`gatehouse: ${err && err.message ? err.message : String(err)}\n`);
  }
  process.exitCode = 1;
});
