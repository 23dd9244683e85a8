/**
 * Test support: each test file gets its own database on the local PostgreSQL, migrated by
 * the real runner, and drives the real app through `inject`.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { generate } from 'otplib';
import type { FastifyInstance, FastifyServerOptions, LightMyRequestResponse } from 'fastify';
import type { FederationPort, StsPort } from '@gatehouse/core';
import { createDatabase } from '@gatehouse/db';
import { createTestDatabase } from '@gatehouse/db/testing';
import type { Database } from '@gatehouse/db';
import { buildApp } from '../src/app';
import { loadConfig } from '../src/config';
import type { Config } from '../src/config';
import { createAppContext } from '../src/context';
import type { AppContext } from '../src/context';

// Tests never reach real AWS: unless a test points the SDK at moto, any AWS call goes to a
// closed loopback port and fails fast, and the SDK never probes the EC2 metadata address.
process.env['AWS_EC2_METADATA_DISABLED'] = 'true';
process.env['AWS_ACCESS_KEY_ID'] ??= 'AKIDTESTNOTREAL00000';
process.env['AWS_SECRET_ACCESS_KEY'] ??= 'test-secret-not-real';
process.env['AWS_REGION'] ??= 'us-east-1';
process.env['AWS_ENDPOINT_URL'] ??= 'http://127.0.0.1:9';

export { createTestDatabase };

export const TEST_SECRET_KEY = randomBytes(32).toString('base64');

export interface TestApp {
  app: FastifyInstance;
  ctx: AppContext;
  db: Database;
  config: Config;
  dbUrl: string;
  /** Moves the service clock; sessions and lockouts read it. */
  clock: { offsetMs: number };
  close(): Promise<void>;
}

export async function createTestApp(
  env: Record<string, string> = {},
  options: { sts?: StsPort; federation?: FederationPort; logger?: FastifyServerOptions['logger'] } = {},
): Promise<TestApp> {
  const database = await createTestDatabase();
  const config = loadConfig({
    DATABASE_URL: database.url,
    GATEHOUSE_SECRET_KEY: TEST_SECRET_KEY,
    GATEHOUSE_LOGIN_RATE_LIMIT: '100000',
    LOG_LEVEL: 'silent',
    ...env,
  });
  const db = createDatabase({ connectionString: database.url, maxConnections: 30 });
  const clock = { offsetMs: 0 };
  const ctx = createAppContext(
    config,
    { secretKey: Buffer.from(TEST_SECRET_KEY, 'base64') },
    {
      db,
      now: () => new Date(Date.now() + clock.offsetMs),
      ...(options.sts ? { sts: options.sts } : {}),
      ...(options.federation ? { federation: options.federation } : {}),
    },
  );
  const app = await buildApp(ctx, { logger: options.logger ?? false });
  await app.ready();
  return {
    app,
    ctx,
    db,
    config,
    dbUrl: database.url,
    clock,
    async close() {
      await app.close();
      await db.close();
      await database.drop();
    },
  };
}

/** A cookie jar over `inject`, sending what a same-origin browser sends. */
export class Browser {
  cookie: string | undefined;
  constructor(
    private readonly app: FastifyInstance,
    readonly ip = '127.0.0.1',
  ) {}

  async request(
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    url: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) {
    const res = await this.app.inject({
      method,
      url,
      remoteAddress: this.ip,
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...headers,
      },
      ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
    });
    this.absorb(res);
    return res;
  }

  post(url: string, body: unknown = {}, headers: Record<string, string> = {}) {
    return this.request('POST', url, body, headers);
  }

  get(url: string) {
    return this.request('GET', url);
  }

  private absorb(res: LightMyRequestResponse): void {
    const setCookie = res.headers['set-cookie'];
    for (const line of Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : []) {
      const [pair] = line.split(';');
      const [, value] = (pair ?? '').split('=');
      this.cookie = value ? pair : undefined;
    }
  }
}

/** The session token in a browser's cookie: @fastify/session sends it signed (`<token>.<hmac>`). */
export function sessionTokenOf(browser: Browser): string {
  const value = decodeURIComponent(browser.cookie?.split('=')[1] ?? '');
  return value.slice(0, value.lastIndexOf('.'));
}

export function totpAt(secret: string, offsetSteps = 0, nowMs = Date.now()): Promise<string> {
  return generate({ secret, epoch: Math.floor(nowMs / 1000) + offsetSteps * 30 });
}

/** A code for the app's (possibly moved) clock. */
export function codeFor(t: TestApp, secret: string, offsetSteps = 0): Promise<string> {
  return totpAt(secret, offsetSteps, Date.now() + t.clock.offsetMs);
}

export const GOOD_PASSWORD = 'correct horse battery staple 42';

/** Creates a user as an operator would (with a password) and takes it through enrolment. */
export async function createEnrolledUser(
  t: TestApp,
  username: string,
  options: { isAdmin?: boolean; ip?: string } = {},
): Promise<{ browser: Browser; secret: string; recoveryCodes: string[]; userId: string }> {
  const { user } = await t.ctx.services.admin.users.create(
    { actor: { id: null, username: 'test' }, ctx: { ip: 'local', userAgent: 'test', requestId: 'test' } },
    { username, displayName: username, password: GOOD_PASSWORD, isAdmin: options.isAdmin ?? false },
  );
  const browser = new Browser(t.app, options.ip);
  const login = await browser.post('/api/auth/login', { username, password: GOOD_PASSWORD });
  if (login.statusCode !== 200) throw new Error(`login failed: ${login.body}`);
  const start = await browser.post('/api/auth/enrol/start');
  const { secret } = start.json() as { secret: string };
  // Enrolment consumes the current step; sign-ins in tests use the next ones.
  const confirm = await browser.post('/api/auth/enrol/confirm', { code: await codeFor(t, secret, -1) });
  if (confirm.statusCode !== 200) throw new Error(`enrolment failed: ${confirm.body}`);
  return {
    browser,
    secret,
    recoveryCodes: (confirm.json() as { recoveryCodes: string[] }).recoveryCodes,
    userId: user.id,
  };
}

/** The operator command against the app's database, as `npm run admin -- …` runs it (bundle built by the global setup). */
export function adminCommand(t: Pick<TestApp, 'dbUrl'>, args: string[], input?: string) {
  return spawnSync(process.execPath, ['apps/server/dist/admin.js', ...args], {
    cwd: join(import.meta.dirname, '../../..'),
    encoding: 'utf8',
    input,
    env: {
      PATH: process.env['PATH'] ?? '',
      DATABASE_URL: t.dbUrl,
      GATEHOUSE_SECRET_KEY: TEST_SECRET_KEY,
      LOG_LEVEL: 'silent',
    },
    timeout: 30_000,
  });
}
