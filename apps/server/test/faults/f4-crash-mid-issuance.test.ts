/**
 * F4: the server killed (SIGKILL) after STS has answered and before the issued row commits. The
 * client gets nothing; after a restart the reconciler records the pending issuance as abandoned.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CREDENTIAL_PATTERN,
  auditRows,
  call,
  lockAuditTable,
  requestAccess,
  signIn,
  sleep,
  startFaultStack,
  startGatedProxy,
  unlockAuditTable,
} from './harness';
import type { FaultDatabase, FaultStack, GatedProxy, Issuer } from './harness';

const PENDING_TIMEOUT_S = 30; // the shortest the server accepts
let stack: FaultStack<FaultDatabase, GatedProxy>;
let user: Issuer;

beforeAll(async () => {
  stack = await startFaultStack({
    name: 'f4',
    postgres: 'test',
    stsProxy: startGatedProxy,
    env: { GATEHOUSE_PENDING_TIMEOUT_SECONDS: String(PENDING_TIMEOUT_S) },
  });
  [user] = (await stack.seed({ count: 1, prefix: 'f4' })) as [Issuer];
}, 90_000);

afterAll(() => stack?.close());

describe('F4: crash between the STS answer and the audit commit', () => {
  it('delivers nothing, and the restarted server marks the pending issuance abandoned', async () => {
    const first = await stack.startServer();
    const cookie = await signIn(first.url, user);

    const hold = stack.stsProxy.holdNextAssumeRole();
    const request = requestAccess(first.url, 'credentials', { ...user, cookie }, { timeoutMs: 20_000 });
    await hold.arrived;
    // Keep the issued row from committing, let STS answer, and kill the server while it waits.
    const locker = await lockAuditTable(stack.database.url);
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
      await unlockAuditTable(locker);
    }
    const reply = await request;
    expect(reply.status, 'the client got no HTTP answer at all').toBe(0);
    expect(reply.text).not.toMatch(CREDENTIAL_PATTERN);

    const pending = await auditRows(stack.database.url, "action = 'access.credentials'");
    expect(pending.map((r) => r.outcome)).toEqual(['pending']);
    const correlationId = pending[0]?.correlation_id as string;

    // The restarted server serves at once (the session survived) and, once the pending row is
    // older than the timeout, its reconciler records the issuance as abandoned.
    const second = await stack.startServer();
    const access = await call(second.url, 'GET', '/api/me/access', { cookie });
    expect(access.status, access.text).toBe(200);
    const deadline = Date.now() + (PENDING_TIMEOUT_S + 20) * 1000;
    let outcomes: string[] = [];
    while (Date.now() < deadline) {
      outcomes = (await auditRows(stack.database.url, 'correlation_id = $1', [correlationId])).map(
        (r) => r.outcome,
      );
      if (outcomes.length > 1) break;
      await sleep(500);
    }
    expect(outcomes).toEqual(['pending', 'abandoned']);
    const abandoned = (await auditRows(stack.database.url, "outcome = 'abandoned'"))[0];
    expect(abandoned?.details).toMatchObject({ reason: 'no outcome recorded', grantId: user.grantId });
    expect(await auditRows(stack.database.url, "outcome = 'issued'")).toEqual([]);
  }, 90_000);
});
