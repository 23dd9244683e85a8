/**
 * Fault tests drive the production bundle (apps/server/dist/server.js, built by the global set-up)
 * as a child process over real HTTP on loopback, so that it can be killed, starved and cut off
 * from Postgres the way a deployment is. AWS is moto_server, the federation stand-in, and where a
 * test needs AWS to misbehave, a proxy in front of moto.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { generate } from 'otplib';
import { deriveKey, hashPassword, hmacHex } from '@gatehouse/core';
import {
  MOTO_ACCOUNT,
  createMotoRoles,
  freeLoopbackPort,
  startFederationStandIn,
  startMotoServer,
} from '@gatehouse/aws/testing';
import type { FederationStandIn, MotoServer } from '@gatehouse/aws/testing';
import { startEmbeddedPostgres } from '@gatehouse/db';
import { createTestDatabase, insertEnrolledUsers, insertUserGrants } from '@gatehouse/db/testing';

export const ROOT = join(import.meta.dirname, '../../../..');
export const PASSWORD = 'fault tests need a long passphrase 9';

const FAKE_AWS = {
  AWS_ACCESS_KEY_ID: 'AKIDFAULTNOTREAL0000',
  AWS_SECRET_ACCESS_KEY: 'fault-secret-not-real',
  AWS_REGION: 'us-east-1',
  AWS_EC2_METADATA_DISABLED: 'true',
};

export function newSecretKey(): Buffer {
  return randomBytes(32);
}

export interface ServerChild {
  url: string;
  pid: number;
  child: ChildProcess;
  /** The tail of what the server printed (stdout and stderr). */
  stderr(): string;
  alive(): boolean;
  /** Resident set size now and at its peak (VmRSS, VmHWM), in bytes. */
  memory(): { rss: number; peak: number };
  /** SIGTERM and wait. */
  stop(): Promise<void>;
  /** SIGKILL and wait: a crash, nothing gets to clean up. */
  kill(): Promise<void>;
}

export async function startServerProcess(env: Record<string, string>): Promise<ServerChild> {
  const port = await freeLoopbackPort();
  const dataDir = mkdtempSync(join(tmpdir(), 'gh-fault-data-'));
  // The V8 flags production runs with (npm start, Dockerfile).
  const flags = JSON.parse(readFileSync(join(ROOT, 'apps/server/node-flags.json'), 'utf8')) as string[];
  const child = spawn(process.execPath, [...flags, 'apps/server/dist/server.js'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      PATH: process.env['PATH'] ?? '',
      HOME: dataDir,
      HOST: '127.0.0.1',
      PORT: String(port),
      GATEHOUSE_DATA_DIR: dataDir,
      GATEHOUSE_ROLE_HEALTH_MINUTES: '0',
      GATEHOUSE_LOGIN_RATE_LIMIT: '100000',
      LOG_LEVEL: 'warn',
      ...FAKE_AWS,
      ...env,
    },
  });
  // Both streams, for the failure message: pino logs go to stdout.
  let stderr = '';
  const keep = (chunk: string) => {
    stderr = (stderr + chunk).slice(-2_000_000);
  };
  child.stdout?.setEncoding('utf8');
  child.stdout?.on('data', keep);
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`server exited (${child.exitCode}) while starting:\n${stderr}`);
    const ready = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(1_000) }).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ready) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server did not become ready:\n${stderr}`);
    }
    await sleep(100);
  }
  const pid = child.pid as number;
  const status = (field: string) =>
    Number(
      new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1],
    ) * 1024;
  const end = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  return {
    url,
    pid,
    child,
    stderr: () => stderr,
    alive: () => child.exitCode === null && child.signalCode === null,
    memory: () => ({ rss: status('VmRSS'), peak: status('VmHWM') }),
    stop: () => end('SIGTERM'),
    kill: () => end('SIGKILL'),
  };
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Where a fault test's server keeps its data. */
export interface FaultDatabase {
  url: string;
  /** Stops and removes the database. */
  close(): Promise<void>;
}

/** An embedded PostgreSQL of the test's own, which it may stop and start (same data, same URL). */
export interface EmbeddedDatabase extends FaultDatabase {
  stop(): Promise<void>;
  start(): Promise<void>;
}

/** A fresh, migrated database on the test PostgreSQL. */
async function testDatabase(name: string): Promise<FaultDatabase> {
  const database = await createTestDatabase(`gh_${name}`);
  return { url: database.url, close: () => database.drop() };
}

async function embeddedDatabase(name: string): Promise<EmbeddedDatabase> {
  const dataDir = mkdtempSync(join(tmpdir(), `gh-${name}-pg-`));
  const launch = () => startEmbeddedPostgres({ dataDir, log: (m: string) => void m });
  let postgres = await launch().catch((err: unknown) => {
    rmSync(dataDir, { recursive: true, force: true });
    throw err;
  });
  return {
    get url() {
      return postgres.connectionString;
    },
    stop: () => postgres.stop(),
    async start() {
      postgres = await launch();
    },
    async close() {
      await postgres.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

interface Upstream {
  url: string;
  close(): Promise<void>;
}

export interface FaultStack<D extends FaultDatabase, P extends Upstream | undefined> {
  secretKey: Buffer;
  database: D;
  moto: MotoServer;
  standIn: FederationStandIn;
  /** What `stsProxy` started in front of moto's STS. */
  stsProxy: P;
  /**
   * A server process on this stack (the production bundle), with `env` and then `extra` (this
   * process only) on top; close() stops it.
   */
  startServer(extra?: Record<string, string>): Promise<ServerChild>;
  /** `seedIssuers` on this stack's database and moto. */
  seed(options: { count: number; prefix: string; admin?: boolean }): Promise<Issuer[]>;
  /** Stops everything started, servers first. */
  close(): Promise<void>;
}

/**
 * What a fault test stands on: a database (a fresh one on the test PostgreSQL, or an embedded
 * PostgreSQL the test may stop), moto_server, the federation stand-in, and optionally a proxy in
 * front of STS; a fresh secret key; the servers it starts. If any part fails to start, what had
 * started is stopped again.
 */
export async function startFaultStack<
  K extends 'test' | 'embedded',
  P extends Upstream | undefined = undefined,
>(options: {
  /** Names the database (and the embedded data directory). */
  name: string;
  postgres: K;
  /** Started with moto's endpoint; the servers send STS calls to it. */
  stsProxy?: (motoEndpoint: string) => Promise<P>;
  /** On top of the stack's own environment. */
  env?: Record<string, string>;
}): Promise<FaultStack<K extends 'embedded' ? EmbeddedDatabase : FaultDatabase, P>> {
  type D = K extends 'embedded' ? EmbeddedDatabase : FaultDatabase;
  const stops: Array<() => Promise<void>> = [];
  const close = async () => {
    for (const stop of stops.splice(0).reverse()) await stop();
  };
  try {
    const database = (await (options.postgres === 'embedded'
      ? embeddedDatabase(options.name)
      : testDatabase(options.name))) as D;
    stops.push(() => database.close());
    const moto = await startMotoServer();
    stops.push(() => moto.stop());
    const standIn = await startFederationStandIn({ stsEndpoint: moto.endpoint });
    stops.push(() => standIn.close());
    const stsProxy = (await options.stsProxy?.(moto.endpoint)) as P;
    if (stsProxy) stops.push(() => stsProxy.close());
    const secretKey = newSecretKey();
    const env = {
      DATABASE_URL: database.url,
      GATEHOUSE_SECRET_KEY: secretKey.toString('base64'),
      GATEHOUSE_FEDERATION_URL: standIn.url,
      AWS_ENDPOINT_URL: moto.endpoint,
      ...(stsProxy ? { AWS_ENDPOINT_URL_STS: stsProxy.url } : {}),
      ...options.env,
    };
    return {
      secretKey,
      database,
      moto,
      standIn,
      stsProxy,
      async startServer(extra = {}) {
        const server = await startServerProcess({ ...env, ...extra });
        stops.push(() => server.stop());
        return server;
      },
      seed: (seed) => seedIssuers({ dbUrl: database.url, secretKey, motoEndpoint: moto.endpoint, ...seed }),
      close,
    };
  } catch (err) {
    await close();
    throw err;
  }
}

export interface Issuer {
  username: string;
  userId: string;
  totpSecret: string;
  grantId: string;
  roleArn: string;
}

/**
 * Enrolled users (an argon2id hash and a TOTP secret sealed under the server's key, as enrolment
 * leaves them), each with a grant on a role that exists in moto.
 */
export async function seedIssuers(options: {
  dbUrl: string;
  secretKey: Buffer;
  motoEndpoint: string;
  count: number;
  prefix: string;
  admin?: boolean;
}): Promise<Issuer[]> {
  const roleName = `${options.prefix}-role`;
  const [roleArn] = (await createMotoRoles(options.motoEndpoint, [roleName])) as [string];

  const db = new pg.Client({ connectionString: options.dbUrl });
  await db.connect();
  try {
    const account = await db.query<{ id: string }>(
      `INSERT INTO aws_accounts (id, aws_account_id, name) VALUES ($1, $2, $3)
       ON CONFLICT (aws_account_id) DO UPDATE SET name = aws_accounts.name RETURNING id`,
      [randomUUID(), MOTO_ACCOUNT, 'fault-sandbox'],
    );
    const roleId = randomUUID();
    await db.query(
      'INSERT INTO roles (id, account_id, role_name, arn, display_name) VALUES ($1, $2, $3, $4, $3)',
      [roleId, account.rows[0]?.id, roleName, roleArn],
    );
    const users = await insertEnrolledUsers(db, {
      secretKey: options.secretKey,
      passwordHash: await hashPassword(PASSWORD),
      usernames: Array.from({ length: options.count }, (_, i) => `${options.prefix}-${i}`),
      isAdmin: options.admin ?? false,
    });
    const grantIds = await insertUserGrants(
      db,
      users.map((u) => ({ roleId, userId: u.id })),
    );
    return users.map((u, i) => ({
      username: u.username,
      userId: u.id,
      totpSecret: u.totpSecret,
      grantId: grantIds[i] as string,
      roleArn,
    }));
  } finally {
    await db.end();
  }
}

/** Each issuer signed in, one after another (every sign-in costs the server an argon2 check). */
export async function signInAll(
  baseUrl: string,
  issuers: Issuer[],
): Promise<Array<Issuer & { cookie: string }>> {
  const signedIn: Array<Issuer & { cookie: string }> = [];
  for (const issuer of issuers) signedIn.push({ ...issuer, cookie: await signIn(baseUrl, issuer) });
  return signedIn;
}

export interface Reply {
  status: number;
  text: string;
  requestId: string | undefined;
  cookie: string | undefined;
  sentAt: number;
  receivedAt: number;
}

/** One HTTP request; network failures come back as status 0 with the error as text. */
export async function call(
  baseUrl: string,
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  path: string,
  options: { cookie?: string; body?: unknown; timeoutMs?: number } = {},
): Promise<Reply> {
  const sentAt = Date.now();
  try {
    const res = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        ...(options.cookie ? { cookie: options.cookie } : {}),
        ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
      signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
    });
    const text = await res.text();
    const cookie = res.headers
      .getSetCookie()
      .map((line) => line.split(';')[0] ?? '')
      .find((pair) => pair.split('=')[1]);
    return {
      status: res.status,
      text,
      requestId: res.headers.get('x-request-id') ?? undefined,
      cookie,
      sentAt,
      receivedAt: Date.now(),
    };
  } catch (err) {
    return {
      status: 0,
      text: String((err as Error).cause ?? (err as Error).message),
      requestId: undefined,
      cookie: undefined,
      sentAt,
      receivedAt: Date.now(),
    };
  }
}

/** POST /api/access/console or /credentials for the user's grant, as the portal and the CLI ask. */
export function requestAccess(
  baseUrl: string,
  kind: 'console' | 'credentials',
  user: { cookie: string; grantId: string },
  options: { formats?: string[]; timeoutMs?: number } = {},
): Promise<Reply> {
  return call(baseUrl, 'POST', `/api/access/${kind}`, {
    cookie: user.cookie,
    body: { grantId: user.grantId, ...(options.formats ? { formats: options.formats } : {}) },
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
  });
}

/** Request `i` of a mixed load: the users in turn, asking for console URLs and credentials alternately. */
export function mixedRequest(
  baseUrl: string,
  users: ReadonlyArray<{ cookie: string; grantId: string }>,
  i: number,
  timeoutMs: number,
): Promise<Reply> {
  const user = users[i % users.length] as (typeof users)[number];
  return requestAccess(baseUrl, i % 2 === 0 ? 'console' : 'credentials', user, { timeoutMs });
}

/** How many replies came back with each status, and that as JSON for assertion messages. */
export function countStatuses(replies: Reply[]): { statuses: Map<number, number>; summary: string } {
  const statuses = new Map<number, number>();
  for (const r of replies) statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
  return { statuses, summary: JSON.stringify(Object.fromEntries(statuses)) };
}

/** Password, then TOTP, through the real routes: an active session cookie. */
export async function signIn(
  baseUrl: string,
  user: Pick<Issuer, 'username' | 'totpSecret'>,
): Promise<string> {
  const login = await call(baseUrl, 'POST', '/api/auth/login', {
    body: { username: user.username, password: PASSWORD },
  });
  if (login.status !== 200 || !login.cookie) throw new Error(`sign-in failed: ${login.status} ${login.text}`);
  const code = await generate({ secret: user.totpSecret, epoch: Math.floor(Date.now() / 1000) });
  const totp = await call(baseUrl, 'POST', '/api/auth/totp', { cookie: login.cookie, body: { code } });
  if (totp.status !== 200 || !totp.cookie) throw new Error(`TOTP failed: ${totp.status} ${totp.text}`);
  return totp.cookie;
}

/** What a response must never contain when it is not a success. */
export const CREDENTIAL_PATTERN = /AccessKeyId|secretAccessKey|sessionToken|SigninToken|Action=login|"url"/i;
/** Internals that must not leak: stack frames, file paths, driver and SQL vocabulary. */
export const INTERNALS_PATTERN =
  /\bat .+\(|\.ts:\d+|\.js:\d+|node_modules|prisma|postgres|ECONN|SELECT |stack/i;

/** Did this success response carry a console URL or credentials? */
export function carriesAccess(reply: Reply): boolean {
  if (reply.status !== 200) return false;
  const body = JSON.parse(reply.text) as { url?: unknown; secretAccessKey?: unknown };
  return typeof body.url === 'string' || typeof body.secretAccessKey === 'string';
}

export interface AuditRow {
  id: string;
  outcome: string;
  action: string;
  request_id: string | null;
  correlation_id: string | null;
  details: Record<string, unknown>;
}

export async function auditRows(dbUrl: string, where = 'TRUE', params: unknown[] = []): Promise<AuditRow[]> {
  const db = new pg.Client({ connectionString: dbUrl });
  await db.connect();
  try {
    const { rows } = await db.query<AuditRow>(
      `SELECT id::text, outcome::text, action, request_id, correlation_id, details FROM audit_events
       WHERE ${where} ORDER BY audit_events.id`,
      params,
    );
    return rows;
  } finally {
    await db.end();
  }
}

/** Another session holding the whole audit table, as a long report or a migration would. */
export async function lockAuditTable(dbUrl: string): Promise<pg.Client> {
  const locker = new pg.Client({ connectionString: dbUrl });
  await locker.connect();
  await locker.query('BEGIN');
  await locker.query('LOCK TABLE audit_events IN ACCESS EXCLUSIVE MODE');
  return locker;
}

export async function unlockAuditTable(locker: pg.Client): Promise<void> {
  await locker.query('ROLLBACK');
  await locker.end();
}

/** The request ids of every issuance the audit log records as issued. */
export async function issuedRequestIds(dbUrl: string): Promise<Set<string>> {
  return new Set((await auditRows(dbUrl, "outcome = 'issued'")).map((row) => row.request_id as string));
}

/** The HMAC under which the audit log records an access key id. */
export function accessKeyHmac(secretKey: Buffer, accessKeyId: string): string {
  return hmacHex(deriveKey(secretKey, 'access-key-id'), accessKeyId);
}

export interface Hold {
  /** The AssumeRole request reached the proxy (Gatehouse has written its pending row). */
  arrived: Promise<void>;
  /** Let the request through to moto. */
  release(): void;
  /** moto's answer has been sent back to Gatehouse. */
  answered: Promise<void>;
}

export interface GatedProxy {
  url: string;
  holdNextAssumeRole(): Hold;
  close(): Promise<void>;
}

/**
 * A proxy in front of moto that passes everything through, except that after `holdNextAssumeRole()`
 * it keeps the next AssumeRole until released: the test decides exactly when STS answers.
 */
export async function startGatedProxy(upstream: string): Promise<GatedProxy> {
  let armed: { hold: Hold; gate: Promise<void>; arrive: () => void; answer: () => void } | null = null;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const held = body.includes('Action=AssumeRole') ? armed : null;
        if (held) {
          armed = null;
          held.arrive();
          await held.gate;
        }
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(req.headers)) {
          if (typeof v === 'string' && !['host', 'content-length', 'connection'].includes(k)) headers[k] = v;
        }
        const up = await fetch(new URL(req.url ?? '/', upstream), {
          method: req.method ?? 'GET',
          headers,
          ...(req.method === 'GET' || req.method === 'HEAD' ? {} : { body }),
        });
        const text = await up.text();
        res.writeHead(up.status, { 'content-type': up.headers.get('content-type') ?? 'text/xml' });
        res.end(text, () => held?.answer());
      })().catch(() => res.destroy());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    holdNextAssumeRole() {
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      let arrive!: () => void;
      const arrived = new Promise<void>((resolve) => (arrive = resolve));
      let answer!: () => void;
      const answered = new Promise<void>((resolve) => (answer = resolve));
      const hold: Hold = { arrived, release, answered };
      armed = { hold, gate, arrive, answer };
      return hold;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
