/**
 * Starts what the specs run against, once per run: a fresh database on the local PostgreSQL,
 * moto_server, the federation stand-in and the built server as a child process, all on free
 * loopback ports. The returned function tears it all down. Workers learn the addresses from
 * the run's stack.json (support/paths.ts, support/stack.ts).
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { freeLoopbackPort, startFederationStandIn, startMotoServer } from '@gatehouse/aws/testing';
import { brokerPrincipalArn, motoEnv } from '../scripts/stack/moto';
import { hideSdkNodeVersionWarning } from '../scripts/stack/process-warnings';
import { startServerProcess } from '../scripts/stack/server-process';
import { CHROMIUM, createRunDir, runFile } from './support/paths';
import type { Stack } from './support/stack';

const ROOT = join(import.meta.dirname, '..');
const ADMIN_DATABASE_URL =
  process.env['TEST_DATABASE_URL'] ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

export default async function globalSetup(): Promise<() => Promise<void>> {
  hideSdkNodeVersionWarning();
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing. Install Debian's Chromium: apt-get install -y chromium`);
  }
  const built = spawnSync(process.execPath, [join(ROOT, 'scripts/build.mjs'), '--if-stale'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  if (built.status !== 0) throw new Error('node scripts/build.mjs failed (see above)');

  const runDir = createRunDir();
  const teardown: Array<() => Promise<unknown>> = [];
  const tearDown = async () => {
    for (const step of teardown.reverse()) await step().catch((err: unknown) => console.error(err));
  };

  try {
    const databaseUrl = await createDatabase();
    teardown.push(() => dropDatabase(databaseUrl));
    const moto = await startMotoServer();
    teardown.push(() => moto.stop());
    const standIn = await startFederationStandIn({ stsEndpoint: moto.endpoint });
    teardown.push(() => standIn.close());

    const server = await startServerProcess({
      root: ROOT,
      logFile: runFile('server.log'),
      env: {
        PATH: process.env['PATH'] ?? '/usr/bin:/bin',
        HOME: process.env['HOME'] ?? '/root',
        ...motoEnv(moto.endpoint),
        NODE_ENV: 'test',
        DATABASE_URL: databaseUrl,
        HOST: '127.0.0.1',
        PORT: String(await freeLoopbackPort()),
        GATEHOUSE_DATA_DIR: join(runDir, 'data'),
        GATEHOUSE_SECRET_KEY: randomBytes(32).toString('base64'),
        GATEHOUSE_FEDERATION_URL: standIn.url,
        // Every spec signs in from 127.0.0.1; the per-IP limit is not what these tests are about.
        GATEHOUSE_LOGIN_RATE_LIMIT: '10000',
        LOG_LEVEL: 'info',
      },
    });
    teardown.push(() => server.stop());
    if (!server.setupUrl) throw new Error('the server printed no setup link on a fresh database');

    const stack: Stack = {
      baseUrl: server.url,
      setupUrl: server.setupUrl,
      motoEndpoint: moto.endpoint,
      federationUrl: standIn.url,
      brokerPrincipalArn: await brokerPrincipalArn(moto.endpoint),
    };
    writeFileSync(runFile('stack.json'), `${JSON.stringify(stack, null, 2)}\n`);
    process.env['E2E_BASE_URL'] = server.url;
  } catch (err) {
    await tearDown();
    throw err;
  }
  return tearDown;
}

async function createDatabase(): Promise<string> {
  const name = `gh_e2e_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: ADMIN_DATABASE_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(ADMIN_DATABASE_URL);
  url.pathname = `/${name}`;
  return url.href;
}

async function dropDatabase(databaseUrl: string): Promise<void> {
  const name = new URL(databaseUrl).pathname.slice(1);
  const admin = new pg.Client({ connectionString: ADMIN_DATABASE_URL });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}
