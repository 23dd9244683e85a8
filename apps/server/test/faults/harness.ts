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
import { CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { createTotpSecret, deriveKey, hashPassword, hmacHex, seal } from '@gatehouse/core';
import { freeLoopbackPort } from '@gatehouse/aws/testing';

export const ROOT = join(import.meta.dirname, '../../../..');
/** moto's default account, where every role it hands out lives. */
export const MOTO_ACCOUNT = '123456789012';
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
  const iam = new IAMClient({
    region: FAKE_AWS.AWS_REGION,
    endpoint: options.motoEndpoint,
    credentials: { accessKeyId: FAKE_AWS.AWS_ACCESS_KEY_ID, secretAccessKey: FAKE_AWS.AWS_SECRET_ACCESS_KEY },
  });
  const trust = JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${MOTO_ACCOUNT}:root` },
        Action: ['sts:AssumeRole', 'sts:SetSourceIdentity', 'sts:TagSession'],
      },
    ],
  });
  const created = await iam.send(
    new CreateRoleCommand({ RoleName: roleName, AssumeRolePolicyDocument: trust }),
  );
  iam.destroy();
  const roleArn = created.Role?.Arn as string;

  const db = new pg.Client({ connectionString: options.dbUrl });
  await db.connect();
  try {
    const hash = await hashPassword(PASSWORD);
    const key = deriveKey(options.secretKey, 'totp-secret');
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
    const issuers: Issuer[] = [];
    for (let i = 0; i < options.count; i++) {
      const userId = randomUUID();
      const username = `${options.prefix}-${i}`;
      const totpSecret = createTotpSecret();
      await db.query(
        `INSERT INTO users (id, username, display_name, password_hash, is_admin, totp_secret_enc, totp_enabled_at)
         VALUES ($1, $2, $2, $3, $4, $5, now())`,
        [userId, username, hash, options.admin ?? false, seal(key, totpSecret, `totp:${userId}`)],
      );
      const grantId = randomUUID();
      await db.query('INSERT INTO grants (id, role_id, user_id) VALUES ($1, $2, $3)', [
        grantId,
        roleId,
        userId,
      ]);
      issuers.push({ username, userId, totpSecret, grantId, roleArn });
    }
    return issuers;
  } finally {
    await db.end();
  }
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
  method: 'GET' | 'POST',
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

/**
 * A proxy in front of moto that passes everything through, except that after `holdNextAssumeRole()`
 * it keeps the next AssumeRole until released: the test decides exactly when STS answers.
 */
export async function startGatedProxy(upstream: string): Promise<{
  url: string;
  holdNextAssumeRole(): Hold;
  close(): Promise<void>;
}> {
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
