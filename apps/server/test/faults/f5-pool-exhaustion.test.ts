/**
 * F5: 200 concurrent issuances against a pool of 2 connections. Each request is either served
 * (after queueing) or refused with a clean 503; nothing else, no internals in any body, every
 * delivered credential audited as issued, memory bounded, and the server fine afterwards.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFederationStandIn, startMotoServer } from '@gatehouse/aws/testing';
import type { FederationStandIn, MotoServer } from '@gatehouse/aws/testing';
import { createTestDatabase } from '../support';
import {
  CREDENTIAL_PATTERN,
  INTERNALS_PATTERN,
  auditRows,
  call,
  carriesAccess,
  newSecretKey,
  seedIssuers,
  signIn,
  startServerProcess,
} from './harness';
import type { Issuer, ServerChild } from './harness';

const CONCURRENT = 200;
const secretKey = newSecretKey();
let moto: MotoServer;
let standIn: FederationStandIn;
let database: Awaited<ReturnType<typeof createTestDatabase>>;
let server: ServerChild;
let users: Array<Issuer & { cookie: string }>;

beforeAll(async () => {
  moto = await startMotoServer();
  standIn = await startFederationStandIn({ stsEndpoint: moto.endpoint });
  database = await createTestDatabase('gh_f5');
  server = await startServerProcess({
    DATABASE_URL: database.url,
    GATEHOUSE_SECRET_KEY: secretKey.toString('base64'),
    GATEHOUSE_FEDERATION_URL: standIn.url,
    AWS_ENDPOINT_URL: moto.endpoint,
    GATEHOUSE_DB_POOL_MAX: '2',
  });
  const seeded = await seedIssuers({
    dbUrl: database.url,
    secretKey,
    motoEndpoint: moto.endpoint,
    count: 10,
    prefix: 'f5',
  });
  users = [];
  for (const user of seeded) users.push({ ...user, cookie: await signIn(server.url, user) });
}, 90_000);

afterAll(async () => {
  await server?.stop();
  await standIn?.close();
  await moto?.stop();
  await database?.drop();
});

describe('F5: pool exhaustion', () => {
  it(`serves or cleanly refuses ${CONCURRENT} concurrent issuances on a pool of 2`, async () => {
    const before = server.memory();
    const replies = await Promise.all(
      Array.from({ length: CONCURRENT }, (_, i) => {
        const user = users[i % users.length] as (typeof users)[number];
        const kind = i % 2 === 0 ? 'console' : 'credentials';
        return call(server.url, 'POST', `/api/access/${kind}`, {
          cookie: user.cookie,
          body: { grantId: user.grantId },
          timeoutMs: 60_000,
        });
      }),
    );
    const after = server.memory();
    const statuses = new Map<number, number>();
    for (const r of replies) statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
    const summary = JSON.stringify(Object.fromEntries(statuses));

    // Queued and served, or refused with 503: never a 500, a hang-up or a stack trace.
    expect(
      [...statuses.keys()].every((s) => s === 200 || s === 503),
      summary,
    ).toBe(true);
    expect(statuses.get(200) ?? 0, summary).toBeGreaterThan(0);
    for (const r of replies) {
      if (r.status === 200) {
        expect(carriesAccess(r)).toBe(true);
        continue;
      }
      expect(JSON.parse(r.text)).toMatchObject({ statusCode: 503, error: 'unavailable' });
      expect(r.text).not.toMatch(CREDENTIAL_PATTERN);
      expect(r.text).not.toMatch(INTERNALS_PATTERN);
    }

    // Every delivered URL or credential has its committed issued row.
    const issued = new Set(
      (await auditRows(database.url, "outcome = 'issued'")).map((row) => row.request_id as string),
    );
    const delivered = replies.filter((r) => r.status === 200);
    expect(delivered.filter((r) => !issued.has(r.requestId as string))).toEqual([]);
    expect(issued.size).toBe(delivered.length);

    // Memory stays bounded: queued requests are small, nothing piles up without limit.
    expect(after.peak, `peak RSS ${(after.peak / 1e6).toFixed(0)} MB`).toBeLessThan(400e6);
    expect(after.rss - before.rss, 'RSS growth during the burst').toBeLessThan(150e6);

    // The pool recovers: the next request is served normally.
    const user = users[0] as (typeof users)[number];
    const next = await call(server.url, 'POST', '/api/access/credentials', {
      cookie: user.cookie,
      body: { grantId: user.grantId, formats: ['process'] },
    });
    expect(next.status, next.text).toBe(200);
    expect(server.alive()).toBe(true);
  }, 120_000);
});
