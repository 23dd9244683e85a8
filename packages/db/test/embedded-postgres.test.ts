import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { startEmbeddedPostgres } from '../src/embedded-postgres.js';
import { TEST_ADMIN_URL, queryRows } from '../src/testing/index.js';

// initdb and postgres start-up take real time; keep each test (and the file) well under a minute.
const SLOW = 60_000;

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function tempDataDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'gh-embedded-pg-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

async function start(dataDir: string, logs: string[] = []) {
  const server = await startEmbeddedPostgres({ dataDir, log: (m) => logs.push(m) });
  cleanups.push(server.stop);
  return server;
}

/** The system PostgreSQL the other tests use. */
const SYSTEM_URL = TEST_ADMIN_URL;
const portOf = (url: string) => Number(new URL(url).port);

describe('startEmbeddedPostgres', { timeout: SLOW }, () => {
  it('initialises once, serves the gatehouse database, and keeps data, port and password across restarts', async () => {
    const dataDir = await tempDataDir();
    const logs: string[] = [];
    const first = await start(dataDir, logs);
    expect(logs.some((l) => l.startsWith('initialising embedded PostgreSQL cluster'))).toBe(true);

    const url = new URL(first.connectionString);
    expect(url.hostname).toBe('127.0.0.1');
    expect(url.pathname).toBe('/gatehouse');
    expect(url.username).toBe('postgres');
    expect(portOf(first.connectionString)).not.toBe(5432);

    const password = (await readFile(join(dataDir, 'postgres-password'), 'utf8')).trim();
    expect(password.length).toBeGreaterThanOrEqual(32);
    expect(decodeURIComponent(url.password)).toBe(password);
    expect((await stat(join(dataDir, 'postgres-password'))).mode & 0o777).toBe(0o600);
    expect((await readFile(join(dataDir, 'postgres-port'), 'utf8')).trim()).toBe(url.port);

    const [settings] = await queryRows<{ db: string; listen: string; sockets: string; encoding: string }>(
      first.connectionString,
      `SELECT current_database() AS db, current_setting('listen_addresses') AS listen,
                current_setting('unix_socket_directories') AS sockets, pg_encoding_to_char(encoding) AS encoding
           FROM pg_database WHERE datname = current_database()`,
    );
    expect(settings).toEqual({ db: 'gatehouse', listen: '127.0.0.1', sockets: '', encoding: 'UTF8' });

    // The password is really required, and it is not the package's placeholder.
    for (const wrong of ['placeholder-not-used', 'password']) {
      const bad = new URL(first.connectionString);
      bad.password = wrong;
      await expect(queryRows(bad.toString(), 'SELECT 1')).rejects.toThrow(/password authentication failed/);
    }

    await queryRows(
      first.connectionString,
      `CREATE TABLE kept (v text); INSERT INTO kept VALUES ('survives')`,
    );
    await first.stop();
    await first.stop(); // idempotent
    await expect(queryRows(first.connectionString, 'SELECT 1')).rejects.toThrow(/ECONNREFUSED/);

    logs.length = 0;
    const second = await start(dataDir, logs);
    expect(logs.some((l) => l.startsWith('initialising'))).toBe(false);
    expect(second.connectionString).toBe(first.connectionString);
    expect(await queryRows(second.connectionString, 'SELECT v FROM kept')).toEqual([{ v: 'survives' }]);
    await second.stop();
  });

  it('starts again after a crash left a stale postmaster.pid', async () => {
    const dataDir = await tempDataDir();
    const logs: string[] = [];
    const first = await start(dataDir, logs);
    await queryRows(
      first.connectionString,
      `CREATE TABLE kept (v text); INSERT INTO kept VALUES ('committed')`,
    );

    const pidFile = join(dataDir, 'postgres', 'postmaster.pid');
    const pid = Number((await readFile(pidFile, 'utf8')).split('\n')[0]);
    process.kill(pid, 'SIGKILL');
    await waitFor(() => !isAlive(pid));
    await waitFor(() => logs.some((l) => l.includes('exited unexpectedly')));
    expect((await stat(pidFile)).isFile()).toBe(true); // the crash left it behind
    await first.stop(); // nothing left to stop, must not hang

    const second = await start(dataDir, logs);
    expect(logs.some((l) => l.includes('removed stale postmaster.pid'))).toBe(true);
    expect(await queryRows(second.connectionString, 'SELECT v FROM kept')).toEqual([{ v: 'committed' }]);
    await second.stop();

    // A recorded pid that now belongs to another live postgres-owned process (pid reuse after a
    // reboot or in a container) makes postgres itself refuse to start; we must clear it. A backend
    // of the system PostgreSQL is such a process for as long as we hold its connection.
    const other = new pg.Client({ connectionString: SYSTEM_URL });
    await other.connect();
    try {
      const [{ pid: reused } = { pid: 0 }] = (
        await other.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')
      ).rows;
      await writeFile(pidFile, `${reused}\n${join(dataDir, 'postgres')}\n`);
      logs.length = 0;
      const third = await start(dataDir, logs);
      expect(logs.some((l) => l.includes(`removed stale postmaster.pid (pid ${reused} `))).toBe(true);
      expect(await queryRows(third.connectionString, 'SELECT v FROM kept')).toEqual([{ v: 'committed' }]);
    } finally {
      await other.end();
    }
  });

  it('refuses to start on a data dir that is in use, or without its password', async () => {
    const dataDir = await tempDataDir();
    const running = await start(dataDir);
    await expect(startEmbeddedPostgres({ dataDir, log: () => {} })).rejects.toThrow(
      /Embedded PostgreSQL for .*postgres is already running \(postmaster pid \d+\)/,
    );
    expect(await queryRows(running.connectionString, 'SELECT 1 AS ok')).toEqual([{ ok: 1 }]);
    await running.stop();

    // Nor does it mint a new password for a cluster that only knows the old one.
    const passwordFile = join(dataDir, 'postgres-password');
    await rename(passwordFile, `${passwordFile}.moved`);
    await expect(startEmbeddedPostgres({ dataDir, log: () => {} })).rejects.toThrow(
      /postgres-password is missing/,
    );
    await rename(`${passwordFile}.moved`, passwordFile);
    const again = await start(dataDir);
    expect(await queryRows(again.connectionString, 'SELECT 1 AS ok')).toEqual([{ ok: 1 }]);
  });

  it('stops the postgres a killed Gatehouse left running, and starts on the same data', async () => {
    const dataDir = await tempDataDir();
    const orphaned = await start(dataDir);
    await queryRows(
      orphaned.connectionString,
      `CREATE TABLE kept (v text); INSERT INTO kept VALUES ('before crash')`,
    );
    const postmaster = Number(
      (await readFile(join(dataDir, 'postgres', 'postmaster.pid'), 'utf8')).split('\n')[0],
    );
    // Pretend its owner was SIGKILLed: the recorded owner is a process that has exited.
    const gone = spawnSync('true').pid;
    expect((await readFile(join(dataDir, 'gatehouse.pid'), 'utf8')).trim()).toBe(String(process.pid));
    await writeFile(join(dataDir, 'gatehouse.pid'), `${gone}\n`);

    const logs: string[] = [];
    const restarted = await start(dataDir, logs);
    expect(
      logs.some((l) => l.includes(`(pid ${postmaster}) was left running by Gatehouse process ${gone}`)),
    ).toBe(true);
    expect(isAlive(postmaster)).toBe(false);
    expect(await queryRows(restarted.connectionString, 'SELECT v FROM kept')).toEqual([
      { v: 'before crash' },
    ]);
    await restarted.stop();
    expect(existsSync(join(dataDir, 'gatehouse.pid'))).toBe(false);
  });

  it.skipIf(process.getuid?.() !== 0)(
    'as root, names the directory the postgres OS user cannot get through',
    async () => {
      const locked = await tempDataDir(); // mkdtemp: 0700 and owned by root
      const dataDir = join(locked, 'gatehouse');
      await expect(startEmbeddedPostgres({ dataDir, log: () => {} })).rejects.toThrow(
        `cannot reach ${dataDir}: ${locked} is not searchable by it`,
      );
    },
  );

  it('stays off the system PostgreSQL port 5432 and moves when its remembered port is taken', async () => {
    // The system PostgreSQL is listening on 5432 in this environment.
    const system = await queryRows<{ port: number }>(SYSTEM_URL, 'SELECT inet_server_port() AS port');
    expect(system).toEqual([{ port: 5432 }]);

    const dataDir = await tempDataDir();
    await writeFile(join(dataDir, 'postgres-port'), '5432\n');
    const logs: string[] = [];
    const server = await start(dataDir, logs);
    const port = portOf(server.connectionString);
    expect(port).not.toBe(5432);
    expect(logs).toContain('embedded PostgreSQL: port 5432 is now used by another process; moving');
    expect((await readFile(join(dataDir, 'postgres-port'), 'utf8')).trim()).toBe(String(port));
    expect(await queryRows(server.connectionString, 'SELECT inet_server_port() AS port')).toEqual([{ port }]);
  });
});

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitFor(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting for condition');
    await new Promise((done) => setTimeout(done, 50));
  }
}
