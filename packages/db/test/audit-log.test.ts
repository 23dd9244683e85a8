// The audit log against a real PostgreSQL: the hash the database computes (audit_append) must be
// the one auditHash() computes, appends from several pools and transactions must form one chain,
// and an append that cannot be written must fail rather than return.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditHash } from '@gatehouse/core';
import type { AuditEventInput, AuditLog, Tx } from '@gatehouse/core';
import { createDatabase, createTransactionRunner } from '../src/client.js';
import type { Database } from '../src/client.js';
import { abandonStalePending, createAuditLog, verifyAuditChain } from '../src/audit-repository.js';
import { queryRows } from '../src/testing/index.js';
import { useTestDatabase } from './helpers.js';

const database = useTestDatabase('gh_audit');
let url: string;
const opened: Database[] = [];

function open(options: { lockTimeoutMs?: number } = {}): Database {
  const db = createDatabase({ connectionString: url, maxConnections: 6, ...options });
  opened.push(db);
  return db;
}

interface Row {
  id: string;
  occurred_at: Date;
  action: string;
  outcome: string;
  actor_id: string | null;
  actor_username: string | null;
  target_user_id: string | null;
  ip: string | null;
  user_agent: string | null;
  request_id: string | null;
  account_id: string | null;
  role_id: string | null;
  correlation_id: string | null;
  details: unknown;
  prev_hash: string;
  hash: string;
}

function rows(where = 'true', params: unknown[] = []): Promise<Row[]> {
  return queryRows<Row>(url, `SELECT * FROM audit_events WHERE ${where} ORDER BY id`, params);
}

function event(overrides: Partial<AuditEventInput> = {}): AuditEventInput {
  return {
    action: 'test.append',
    outcome: 'success',
    actorId: null,
    actorUsername: 'tester',
    targetUserId: null,
    ip: '127.0.0.1',
    userAgent: 'vitest',
    requestId: randomUUID(),
    details: {},
    ...overrides,
  };
}

beforeAll(() => {
  url = database.url;
});

afterAll(async () => {
  for (const db of opened) await db.close();
});

describe('audit_append', () => {
  it('stores the hash auditHash() computes, whatever the text, on every path', async () => {
    const db = open();
    const viaPool = createAuditLog(db.prisma, db.pool);
    const viaPrisma = createAuditLog(db.prisma);
    const tricky = {
      z: 1,
      a: { y: [1, 2.5, -0, 1e21, 0.1 + 0.2, 'x'], b: null, nested: { b: true, a: false } },
      日本語: 'スイッチロール 🚀 e\u0301',
      quotes: '"\\\n\t\u0001\u2028</script>',
      empty: {},
      list: [],
    };
    const userAgent = 'Mozilla/5.0 (日本語; 🚀) "quoted" \\ back\nslash';
    const appended = [
      await viaPool.append(event({ details: tricky, userAgent })),
      await viaPrisma.append(event({ details: tricky, userAgent, outcome: 'pending' })),
      await createTransactionRunner(db.prisma).run((tx) =>
        viaPool.append(event({ details: tricky, userAgent, outcome: 'issued' }), tx),
      ),
      await viaPool.append(
        event({
          actorId: randomUUID(),
          targetUserId: randomUUID(),
          accountId: randomUUID(),
          roleId: randomUUID(),
          correlationId: randomUUID(),
          ip: null,
          userAgent: null,
          requestId: null,
          details: { undefinedIsLeftOut: undefined, n: 3 },
        }),
      ),
    ];
    const stored = await rows();
    expect(stored.map((r) => r.id)).toEqual(appended.map((a) => a.id));
    expect(stored.map((r) => r.hash)).toEqual(appended.map((a) => a.hash));
    for (const r of stored) {
      const recomputed = auditHash(r.prev_hash, {
        occurredAt: r.occurred_at,
        action: r.action,
        outcome: r.outcome,
        actorId: r.actor_id,
        actorUsername: r.actor_username,
        targetUserId: r.target_user_id,
        ip: r.ip,
        userAgent: r.user_agent,
        requestId: r.request_id,
        accountId: r.account_id,
        roleId: r.role_id,
        correlationId: r.correlation_id,
        details: r.details,
      });
      expect(r.hash, `row ${r.id}`).toBe(recomputed);
    }
    expect(stored[0]!.prev_hash).toBe('0'.repeat(64));
    expect(stored[0]!.user_agent).toBe(userAgent);
    expect(await verifyAuditChain(db.prisma)).toEqual({ checked: stored.length, broken: null });
  });

  it('keeps one chain across two pools, transactions and the reconciler, all at once', async () => {
    const a = open();
    const b = open();
    const logs: AuditLog[] = [
      createAuditLog(a.prisma, a.pool),
      createAuditLog(b.prisma, b.pool),
      createAuditLog(b.prisma),
    ];
    const runner = createTransactionRunner(a.prisma);
    const before = (await rows()).length;
    const work: Array<Promise<unknown>> = [];
    for (let i = 0; i < 120; i++) {
      const e = event({ outcome: i % 4 === 0 ? 'pending' : 'success', correlationId: randomUUID() });
      if (i % 5 === 4) {
        // Two appends in one caller transaction: adjacent in the chain, committed together.
        work.push(
          runner.run(async (tx: Tx) => {
            await logs[0]!.append(e, tx);
            await logs[0]!.append(event({ action: 'test.second' }), tx);
          }),
        );
      } else {
        work.push(logs[i % 3]!.append(e));
      }
      // Abandons every pending row so far (cut-off in the future), under the same lock.
      if (i % 40 === 39) work.push(abandonStalePending(b.prisma, new Date(Date.now() + 60_000)));
    }
    const results = await Promise.all(work);
    const abandoned = results.filter((r): r is number => typeof r === 'number').reduce((x, y) => x + y, 0);
    const stored = await rows();
    expect(stored.length - before).toBe(120 + 24 + abandoned);
    expect(new Set(stored.map((r) => r.hash)).size).toBe(stored.length);
    expect(await verifyAuditChain(a.prisma, 17)).toEqual({ checked: stored.length, broken: null });
  });

  it('holds the chain for a caller transaction until it ends, and leaves nothing when it rolls back', async () => {
    const db = open();
    const log = createAuditLog(db.prisma, db.pool);
    const runner = createTransactionRunner(db.prisma);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let inTx!: { id: string; hash: string };
    const txDone = runner.run(async (tx) => {
      inTx = await log.append(event({ action: 'test.in_tx' }), tx);
      await gate;
    });
    await new Promise((r) => setTimeout(r, 100));
    let waitedFor = false;
    const standalone = log.append(event({ action: 'test.after_tx' })).then((r) => {
      waitedFor = true;
      return r;
    });
    await new Promise((r) => setTimeout(r, 300));
    expect(waitedFor, 'a standalone append waits for the open transaction').toBe(false);
    release();
    await txDone;
    const after = await standalone;
    expect(BigInt(after.id)).toBeGreaterThan(BigInt(inTx.id));
    const [row] = await rows('id = $1', [after.id]);
    expect(row!.prev_hash).toBe(inTx.hash);

    const requestId = randomUUID();
    await expect(
      runner.run(async (tx) => {
        await log.append(event({ requestId }), tx);
        throw new Error('caller gives up');
      }),
    ).rejects.toThrow('caller gives up');
    expect(await rows('request_id = $1', [requestId])).toEqual([]);
    await log.append(event());
    expect((await verifyAuditChain(db.prisma)).broken).toBeNull();
  });

  it('refuses to append under REPEATABLE READ, where the last hash could be stale', async () => {
    const db = open();
    const log = createAuditLog(db.prisma, db.pool);
    await expect(
      db.prisma.$transaction((tx) => log.append(event(), tx as unknown as Tx), {
        isolationLevel: 'RepeatableRead',
      }),
    ).rejects.toThrow(/READ COMMITTED/);
  });

  it('fails, and writes nothing, when the table is locked or the database is unreachable', async () => {
    const db = open({ lockTimeoutMs: 300 });
    const log = createAuditLog(db.prisma, db.pool);
    const locker = new pg.Client({ connectionString: url });
    await locker.connect();
    const requestId = randomUUID();
    try {
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE audit_events IN ACCESS EXCLUSIVE MODE');
      await expect(log.append(event({ requestId }))).rejects.toMatchObject({ code: '55P03' });
    } finally {
      await locker.query('ROLLBACK');
      await locker.end();
    }
    expect(await rows('request_id = $1', [requestId])).toEqual([]);

    const nowhere = createDatabase({ connectionString: 'postgresql://postgres@127.0.0.1:1/none' });
    opened.push(nowhere);
    await expect(createAuditLog(nowhere.prisma, nowhere.pool).append(event())).rejects.toMatchObject({
      code: 'ECONNREFUSED',
    });
  });
  it('rejects, and the process carries on, when the server ends the connection mid-append', async () => {
    const db = open();
    const log = createAuditLog(db.prisma, db.pool);
    const locker = new pg.Client({ connectionString: url });
    await locker.connect();
    try {
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE audit_events IN ACCESS EXCLUSIVE MODE');
      const append = log.append(event());
      let pid: number | undefined;
      for (let tries = 0; pid === undefined && tries < 200; tries++) {
        const waiting = await locker.query<{ pid: number }>(
          `SELECT l.pid FROM pg_locks l JOIN pg_class c ON c.oid = l.relation
           WHERE c.relname = 'audit_events' AND NOT l.granted`,
        );
        pid = waiting.rows[0]?.pid;
        if (pid === undefined) await new Promise((r) => setTimeout(r, 10));
      }
      expect(pid, 'the append waits for the table').toBeDefined();
      // As a PostgreSQL restart does to every connection (F1).
      await locker.query('SELECT pg_terminate_backend($1)', [pid]);
      await expect(append).rejects.toThrow();
    } finally {
      await locker.query('ROLLBACK');
      await locker.end();
    }
    await new Promise((r) => setTimeout(r, 50));
    const after = await log.append(event());
    expect((await rows('id = $1', [after.id])).length).toBe(1);
  });
});
