/**
 * F4: the server killed (SIGKILL) after STS has answered and before the issued row commits. The
 * client gets nothing; after a restart the reconciler records the pending issuance as abandoned.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFederationStandIn, startMotoServer } from '@gatehouse/aws/testing';
import type { FederationStandIn, MotoServer } from '@gatehouse/aws/testing';
import { createTestDatabase } from '../support';
import {
  CREDENTIAL_PATTERN,
  auditRows,
  call,
  newSecretKey,
  seedIssuers,
  signIn,
  sleep,
  startGatedProxy,
  startServerProcess,
} from './harness';
import type { Issuer, ServerChild } from './harness';

const PENDING_TIMEOUT_S = 30; // the shortest the server accepts
const secretKey = newSecretKey();
let moto: MotoServer;
let standIn: FederationStandIn;
let proxy: Awaited<ReturnType<typeof startGatedProxy>>;
let database: Awaited<ReturnType<typeof createTestDatabase>>;
let env: Record<string, string>;
const servers: ServerChild[] = [];
let user: Issuer;

beforeAll(async () => {
  moto = await startMotoServer();
  standIn = await startFederationStandIn({ stsEndpoint: moto.endpoint });
  proxy = await startGatedProxy(moto.endpoint);
  database = await createTestDatabase('gh_f4');
  env = {
    DATABASE_URL: database.url,
    GATEHOUSE_SECRET_KEY: secretKey.toString('base64'),
    GATEHOUSE_FEDERATION_URL: standIn.url,
    AWS_ENDPOINT_URL: moto.endpoint,
    AWS_ENDPOINT_URL_STS: proxy.url,
    GATEHOUSE_PENDING_TIMEOUT_SECONDS: String(PENDING_TIMEOUT_S),
  };
  [user] = (await seedIssuers({
    dbUrl: database.url,
    secretKey,
    motoEndpoint: moto.endpoint,
    count: 1,
    prefix: 'f4',
  })) as [Issuer];
}, 90_000);

afterAll(async () => {
  for (const server of servers) await server.stop();
  await proxy?.close();
  await standIn?.close();
  await moto?.stop();
  await database?.drop();
});

describe('F4: crash between the STS answer and the audit commit', () => {
  it('delivers nothing, and the restarted server marks the pending issuance abandoned', async () => {
    const first = await startServerProcess(env);
    servers.push(first);
    const cookie = await signIn(first.url, user);

    const hold = proxy.holdNextAssumeRole();
    const request = call(first.url, 'POST', '/api/access/credentials', {
      cookie,
      body: { grantId: user.grantId },
      timeoutMs: 20_000,
    });
    await hold.arrived;
    // Keep the issued row from committing, let STS answer, and kill the server while it waits.
    const locker = new pg.Client({ connectionString: database.url });
    await locker.connect();
    await locker.query('BEGIN');
    await locker.query('LOCK TABLE audit_events IN ACCESS EXCLUSIVE MODE');
    try {
      hold.release();
      await hold.answered;
      const deadline = Date.now() + 2_000;
      for (;;) {
        const waiting = await locker.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM pg_locks l JOIN pg_class c ON c.oid = l.relation
           WHERE c.relname = 'audit_events' AND NOT l.granted`,
        );
        if ((waiting.rows[0]?.n ?? 0) > 0) break;
        if (Date.now() > deadline) throw new Error('the server never tried to write the issued row');
        await sleep(10);
      }
      await first.kill();
    } finally {
      await locker.query('ROLLBACK');
      await locker.end();
    }
    const reply = await request;
    expect(reply.status, 'the client got no HTTP answer at all').toBe(0);
    expect(reply.text).not.toMatch(CREDENTIAL_PATTERN);

    const pending = await auditRows(database.url, "action = 'access.credentials'");
    expect(pending.map((r) => r.outcome)).toEqual(['pending']);
    const correlationId = pending[0]?.correlation_id as string;

    // The restarted server serves at once (the session survived) and, once the pending row is
    // older than the timeout, its reconciler records the issuance as abandoned.
    const second = await startServerProcess(env);
    servers.push(second);
    const access = await call(second.url, 'GET', '/api/me/access', { cookie });
    expect(access.status, access.text).toBe(200);
    const deadline = Date.now() + (PENDING_TIMEOUT_S + 20) * 1000;
    let outcomes: string[] = [];
    while (Date.now() < deadline) {
      outcomes = (await auditRows(database.url, 'correlation_id = $1', [correlationId])).map(
        (r) => r.outcome,
      );
      if (outcomes.length > 1) break;
      await sleep(500);
    }
    expect(outcomes).toEqual(['pending', 'abandoned']);
    const abandoned = (await auditRows(database.url, "outcome = 'abandoned'"))[0];
    expect(abandoned?.details).toMatchObject({ reason: 'no outcome recorded', grantId: user.grantId });
    expect(await auditRows(database.url, "outcome = 'issued'")).toEqual([]);
  }, 90_000);
});
