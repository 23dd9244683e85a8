/**
 * F5: 200 concurrent issuances against a pool of 2 connections. Each request is either served
 * (after queueing) or refused with a clean 503; nothing else, no internals in any body, every
 * delivered credential audited as issued, memory bounded, and the server fine afterwards.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CREDENTIAL_PATTERN,
  INTERNALS_PATTERN,
  carriesAccess,
  countStatuses,
  issuedRequestIds,
  mixedRequest,
  requestAccess,
  signInAll,
  startFaultStack,
} from './harness';
import type { FaultDatabase, FaultStack, Issuer, ServerChild } from './harness';

const CONCURRENT = 200;
let stack: FaultStack<FaultDatabase, undefined>;
let server: ServerChild;
let users: Array<Issuer & { cookie: string }>;

beforeAll(async () => {
  stack = await startFaultStack({ name: 'f5', postgres: 'test', env: { GATEHOUSE_DB_POOL_MAX: '2' } });
  server = await stack.startServer();
  users = await signInAll(server.url, await stack.seed({ count: 10, prefix: 'f5' }));
}, 90_000);

afterAll(() => stack?.close());

describe('F5: pool exhaustion', () => {
  it(`serves or cleanly refuses ${CONCURRENT} concurrent issuances on a pool of 2`, async () => {
    const before = server.memory();
    const replies = await Promise.all(
      Array.from({ length: CONCURRENT }, (_, i) => mixedRequest(server.url, users, i, 60_000)),
    );
    const after = server.memory();
    const { statuses, summary } = countStatuses(replies);

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
    const issued = await issuedRequestIds(stack.database.url);
    const delivered = replies.filter((r) => r.status === 200);
    expect(delivered.filter((r) => !issued.has(r.requestId as string))).toEqual([]);
    expect(issued.size).toBe(delivered.length);

    // Memory stays bounded: queued requests are small, nothing piles up without limit.
    expect(after.peak, `peak RSS ${(after.peak / 1e6).toFixed(0)} MB`).toBeLessThan(400e6);
    expect(after.rss - before.rss, 'RSS growth during the burst').toBeLessThan(150e6);

    // The pool recovers: the next request is served normally.
    const user = users[0] as (typeof users)[number];
    const next = await requestAccess(server.url, 'credentials', user, { formats: ['process'] });
    expect(next.status, next.text).toBe(200);
    expect(server.alive()).toBe(true);
  }, 120_000);
});
