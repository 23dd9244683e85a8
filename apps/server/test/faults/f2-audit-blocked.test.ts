/**
 * F2: the audit table locked by another transaction. Issuance must answer 503 within 5 seconds
 * and hand out nothing, whether the lock is there before the pending row or arrives between STS's
 * answer and the issued row.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CREDENTIAL_PATTERN,
  INTERNALS_PATTERN,
  auditRows,
  lockAuditTable,
  requestAccess,
  signInAll,
  startFaultStack,
  startGatedProxy,
  unlockAuditTable,
} from './harness';
import type { FaultDatabase, FaultStack, GatedProxy, Issuer, Reply, ServerChild } from './harness';

let stack: FaultStack<FaultDatabase, GatedProxy>;
let server: ServerChild;
let user: Issuer & { cookie: string };

beforeAll(async () => {
  stack = await startFaultStack({ name: 'f2', postgres: 'test', stsProxy: startGatedProxy });
  server = await stack.startServer();
  [user] = (await signInAll(server.url, await stack.seed({ count: 1, prefix: 'f2' }))) as [typeof user];
}, 90_000);

afterAll(() => stack?.close());

function expectRefused(reply: Reply): void {
  expect(reply.status, reply.text).toBe(503);
  expect(reply.text).not.toMatch(CREDENTIAL_PATTERN);
  expect(reply.text).not.toMatch(INTERNALS_PATTERN);
  expect(JSON.parse(reply.text)).toMatchObject({ statusCode: 503, error: 'unavailable' });
}

describe('F2: audit table locked by another transaction', () => {
  it('answers 503 within 5 s and calls no AWS while the pending row cannot be written', async () => {
    const before = (await auditRows(stack.database.url)).length;
    const signIns = stack.standIn.requests.length;
    const locker = await lockAuditTable(stack.database.url);
    try {
      for (const kind of ['console', 'credentials'] as const) {
        const reply = await requestAccess(server.url, kind, user, { timeoutMs: 10_000 });
        expectRefused(reply);
        expect(reply.receivedAt - reply.sentAt, `${kind} answered in time`).toBeLessThanOrEqual(5_000);
      }
      expect(stack.standIn.requests.length).toBe(signIns);
    } finally {
      await unlockAuditTable(locker);
    }
    // Nothing was recorded because nothing happened; with the lock gone, issuance works again.
    expect((await auditRows(stack.database.url)).length).toBe(before);
    const after = await requestAccess(server.url, 'credentials', user, { formats: ['process'] });
    expect(after.status, after.text).toBe(200);
  });

  it('answers 503 within 5 s and delivers nothing when the lock arrives after STS has answered', async () => {
    for (const kind of ['console', 'credentials'] as const) {
      const hold = stack.stsProxy.holdNextAssumeRole();
      const pending = requestAccess(server.url, kind, user, { timeoutMs: 15_000 });
      await hold.arrived; // the pending row is committed, STS is being asked
      const locker = await lockAuditTable(stack.database.url);
      let releasedAt = 0;
      try {
        releasedAt = Date.now();
        hold.release();
        await hold.answered;
        const reply = await pending;
        expectRefused(reply);
        expect(reply.receivedAt - releasedAt, `${kind} answered in time`).toBeLessThanOrEqual(5_000);
      } finally {
        await unlockAuditTable(locker);
      }
      const reply = await pending;
      const rows = await auditRows(stack.database.url, 'request_id = $1', [reply.requestId]);
      // The intent is on record; the outcome could not be, and no credentials left: the
      // reconciler will call it abandoned.
      expect(rows.map((r) => r.outcome)).toEqual(['pending']);
    }
  });
});
