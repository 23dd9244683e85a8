#!/usr/bin/env node
// The `gatehouse` command. npm links this file at install time, before `npm run build` has
// produced dist/, so it only loads dist/gatehouse.js. Both are CommonJS (bin/package.json,
// dist/package.json): the AWS CLI starts this before every command, and an ES module costs Node
// a few milliseconds more to start.
try {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- CommonJS on purpose, see above
  require('../dist/gatehouse.js');
} catch (err) {
  if (err && err.code === 'MODULE_NOT_FOUND' && String(err.message).includes('dist/gatehouse.js')) {
    process.stderr.write(
      'gatehouse: the CLI is not built yet: run `npm run build` in the Gatehouse checkout\n',
    );
  } else if (err && err.code === 'ERR_REQUIRE_ESM') {
    // dist/ from before the fast entry existed: an ES module, without dist/package.json.
    process.stderr.write(
      'gatehouse: the CLI build is out of date: run `npm run build` in the Gatehouse checkout\n',
    );
  } else {
    process.stderr.write(`gatehouse: ${err && err.message ? err.message : String(err)}\n`);
  }
  process.exitCode = 1;
}
