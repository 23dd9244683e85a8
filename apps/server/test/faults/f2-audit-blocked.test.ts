/**
 * F2: the audit table locked by another transaction. Issuance must answer 503 within 5 seconds
 * and hand out nothing, whether the lock is there before the pending row or arrives between STS's
 * answer and the issued row.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFederationStandIn, startMotoServer } from '@gatehouse/aws/testing';
import type { FederationStandIn, MotoServer } from '@gatehouse/aws/testing';
import { createTestDatabase } from '../support';
import {
  CREDENTIAL_PATTERN,
  INTERNALS_PATTERN,
  auditRows,
  call,
  newSecretKey,
  seedIssuers,
  signIn,
  startGatedProxy,
  startServerProcess,
} from './harness';
import type { Issuer, ServerChild } from './harness';

const secretKey = newSecretKey();
let moto: MotoServer;
let standIn: FederationStandIn;
let proxy: Awaited<ReturnType<typeof startGatedProxy>>;
let database: Awaited<ReturnType<typeof createTestDatabase>>;
let server: ServerChild;
let user: Issuer;
let cookie: string;

beforeAll(async () => {
  moto = await startMotoServer();
  standIn = await startFederationStandIn({ stsEndpoint: moto.endpoint });
  proxy = await startGatedProxy(moto.endpoint);
  database = await createTestDatabase('gh_f2');
  server = await startServerProcess({
    DATABASE_URL: database.url,
    GATEHOUSE_SECRET_KEY: secretKey.toString('base64'),
    GATEHOUSE_FEDERATION_URL: standIn.url,
    AWS_ENDPOINT_URL: moto.endpoint,
    AWS_ENDPOINT_URL_STS: proxy.url,
  });
  [user] = (await seedIssuers({
    dbUrl: database.url,
    secretKey,
    motoEndpoint: moto.endpoint,
    count: 1,
    prefix: 'f2',
  })) as [Issuer];
  cookie = await signIn(server.url, user);
}, 90_000);

afterAll(async () => {
  await server?.stop();
  await proxy?.close();
  await standIn?.close();
  await moto?.stop();
  await database?.drop();
});

/** Another session holding the whole audit table, as a long report or a migration would. */
async function lockAuditTable(): Promise<pg.Client> {
  const locker = new pg.Client({ connectionString: database.url });
  await locker.connect();
  await locker.query('BEGIN');
  await locker.query('LOCK TABLE audit_events IN ACCESS EXCLUSIVE MODE');
  return locker;
}

async function unlock(locker: pg.Client): Promise<void> {
  await locker.query('ROLLBACK');
  await locker.end();
}

function expectRefused(reply: Awaited<ReturnType<typeof call>>): void {
  expect(reply.status, reply.text).toBe(503);
  expect(reply.text).not.toMatch(CREDENTIAL_PATTERN);
  expect(reply.text).not.toMatch(INTERNALS_PATTERN);
  expect(JSON.parse(reply.text)).toMatchObject({ statusCode: 503, error: 'unavailable' });
}

describe('F2: audit table locked by another transaction', () => {
  it('answers 503 within 5 s and calls no AWS while the pending row cannot be written', async () => {
    const before = (await auditRows(database.url)).length;
    const signIns = standIn.requests.length;
    const locker = await lockAuditTable();
    try {
      for (const kind of ['console', 'credentials'] as const) {
        const reply = await call(server.url, 'POST', `/api/access/${kind}`, {
          cookie,
          body: { grantId: user.grantId },
          timeoutMs: 10_000,
        });
        expectRefused(reply);
        expect(reply.receivedAt - reply.sentAt, `${kind} answered in time`).toBeLessThanOrEqual(5_000);
      }
      expect(standIn.requests.length).toBe(signIns);
    } finally {
      await unlock(locker);
    }
    // Nothing was recorded because nothing happened; with the lock gone, issuance works again.
    expect((await auditRows(database.url)).length).toBe(before);
    const after = await call(server.url, 'POST', '/api/access/credentials', {
      cookie,
      body: { grantId: user.grantId, formats: ['process'] },
    });
    expect(after.status, after.text).toBe(200);
  });

  it('answers 503 within 5 s and delivers nothing when the lock arrives after STS has answered', async () => {
    for (const kind of ['console', 'credentials'] as const) {
      const hold = proxy.holdNextAssumeRole();
      const pending = call(server.url, 'POST', `/api/access/${kind}`, {
        cookie,
        body: { grantId: user.grantId },
        timeoutMs: 15_000,
      });
      await hold.arrived; // the pending row is committed, STS is being asked
      const locker = await lockAuditTable();
      let releasedAt = 0;
      try {
        releasedAt = Date.now();
        hold.release();
        await hold.answered;
        const reply = await pending;
        expectRefused(reply);
        expect(reply.receivedAt - releasedAt, `${kind} answered in time`).toBeLessThanOrEqual(5_000);
      } finally {
        await unlock(locker);
      }
      const reply = await pending;
      const rows = await auditRows(database.url, 'request_id = $1', [reply.requestId]);
      // The intent is on record; the outcome could not be, and no credentials left: the
      // reconciler will call it abandoned.
      expect(rows.map((r) => r.outcome)).toEqual(['pending']);
    }
  });
});
