/**
 * A database that refuses writes (a read-only replica, a failover in progress, an operator's
 * `default_transaction_read_only`) is the database being unavailable, on every route: 503 with
 * Retry-After, and one log line with PostgreSQL's code instead of Prisma's query text.
 */
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withClient } from '@gatehouse/db/testing';
import { Browser, GOOD_PASSWORD, createEnrolledUser, createTestApp } from './support';
import type { TestApp } from './support';

let t: TestApp;
let admin: Browser;
const logLines: string[] = [];

beforeAll(async () => {
  const stream = new Writable({
    write(chunk, _enc, done) {
      logLines.push(String(chunk));
      done();
    },
  });
  t = await createTestApp({}, { logger: { level: 'info', stream } });
  admin = (await createEnrolledUser(t, 'ro-admin', { isAdmin: true })).browser;
  // New connections start read-only; end the pool's current ones so that only new ones are used.
  const name = new URL(t.dbUrl).pathname.slice(1);
  await withClient(t.dbUrl, async (c) => {
    await c.query(`ALTER DATABASE "${name}" SET default_transaction_read_only = on`);
    await c.query(
      'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
      [name],
    );
  });
  const deadline = Date.now() + 5_000;
  while (t.db.pool.totalCount > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
});
afterAll(async () => {
  await t?.close();
});

/** The log lines of one request, parsed. */
function linesOf(requestId: string): Array<Record<string, unknown>> {
  return logLines
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .filter((line) => line['reqId'] === requestId);
}

describe('a read-only database', () => {
  it('answers sign-in and an admin write with 503 and Retry-After, and logs no query text', async () => {
    const login = await new Browser(t.app).post('/api/auth/login', {
      username: 'ro-admin',
      password: GOOD_PASSWORD,
    });
    const write = await admin.post('/api/admin/accounts', { awsAccountId: '123456789012', name: 'ro' });
    for (const res of [login, write]) {
      expect(res.statusCode, res.body).toBe(503);
      expect(res.headers['retry-after']).toBe('5');
      expect(res.json()).toMatchObject({
        statusCode: 503,
        error: 'unavailable',
        message: 'Service temporarily unavailable. Try again shortly.',
      });
      const lines = linesOf(res.headers['x-request-id'] as string);
      // One line says why (PostgreSQL's code: read_only_sql_transaction), the access line says what.
      expect(lines.map((l) => l['msg'])).toEqual(['database unavailable', 'request completed']);
      expect(lines[0]).toMatchObject({ code: '25006', kind: 'postgres' });
    }
    const logs = logLines.join('');
    expect(logs).not.toMatch(/prisma|invocation/i);
    expect(logs).not.toMatch(/\b(SELECT|INSERT|UPDATE|DELETE)\b/);
  });
});
