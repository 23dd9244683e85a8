import { AUDIT_GENESIS_HASH, auditHash, findChainBreak } from '@gatehouse/core';
import type { AuditEventInput, AuditLog, ChainBreak, StoredAuditRecord } from '@gatehouse/core';
import type { PrismaClient, TxClient } from './client';
import { clientOf } from './client';
import type { Prisma } from './generated/prisma/client';

/** Arbitrary constant: serialises appends so ids and the hash chain agree on one order. */
const AUDIT_CHAIN_LOCK = 4_242_001;

async function appendWith(c: TxClient, event: AuditEventInput): Promise<{ id: string; hash: string }> {
  await c.$executeRaw`SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`;
  const last = await c.auditEvent.findFirst({ orderBy: { id: 'desc' }, select: { hash: true } });
  const prevHash = last?.hash ?? AUDIT_GENESIS_HASH;
  // Round-trip details through JSON so the hash covers exactly what jsonb will return.
  const details = JSON.parse(JSON.stringify(event.details ?? {})) as Prisma.InputJsonValue;
  const occurredAt = new Date();
  const record = { ...event, details, occurredAt };
  const hash = auditHash(prevHash, record);
  const row = await c.auditEvent.create({ data: { ...record, prevHash, hash }, select: { id: true } });
  return { id: row.id.toString(), hash };
}

export function createAuditLog(db: PrismaClient): AuditLog {
  return {
    append(event, tx) {
      if (tx) return appendWith(clientOf(db, tx), event);
      return db.$transaction((c) => appendWith(c, event));
    },
  };
}

/** Walks the whole chain in id order, a page at a time; names the first broken row. */
export async function verifyAuditChain(
  db: PrismaClient,
  pageSize = 5_000,
): Promise<{ checked: number; broken: ChainBreak | null }> {
  let prev = AUDIT_GENESIS_HASH;
  let afterId: bigint | null = null;
  let checked = 0;
  for (;;) {
    const rows: StoredAuditRecord[] = await db.auditEvent.findMany({
      where: afterId === null ? {} : { id: { gt: afterId } },
      orderBy: { id: 'asc' },
      take: pageSize,
    });
    if (rows.length === 0) return { checked, broken: null };
    const { broken, lastHash } = findChainBreak(rows, prev);
    if (broken) return { checked: checked + rows.findIndex((r) => String(r.id) === broken.id), broken };
    checked += rows.length;
    prev = lastHash;
    afterId = BigInt(rows[rows.length - 1]!.id);
  }
}

/** How far back the reconciler looks: the occurred_at index keeps this cheap on a large log. */
const RECONCILE_LOOKBACK_MS = 7 * 24 * 3_600_000;

interface StaleRow {
  id: bigint;
  actor_id: string | null;
  actor_username: string | null;
  target_user_id: string | null;
  ip: string | null;
  user_agent: string | null;
  request_id: string | null;
  account_id: string | null;
  role_id: string | null;
  correlation_id: string;
  action: string;
  occurred_at: Date;
  details: Record<string, unknown>;
}

/** Pending issuances older than `olderThan` (within the look-back) that have no outcome; optionally only `ids`. */
function findStale(c: TxClient, olderThan: Date, ids: string[] | null): Promise<StaleRow[]> {
  return c.$queryRaw<StaleRow[]>`
      SELECT p.id, p.actor_id, p.actor_username, p.target_user_id, p.ip, p.user_agent, p.request_id,
             p.account_id, p.role_id, p.correlation_id, p.action, p.occurred_at, p.details
      FROM audit_events p
      WHERE p.outcome = 'pending'
        AND p.correlation_id IS NOT NULL
        AND p.occurred_at < ${olderThan}
        AND p.occurred_at > ${new Date(olderThan.getTime() - RECONCILE_LOOKBACK_MS)}
        AND (${ids === null} OR p.id = ANY(${ids ?? []}::bigint[]))
        AND NOT EXISTS (
          SELECT 1 FROM audit_events o WHERE o.correlation_id = p.correlation_id AND o.outcome <> 'pending'
        )
      ORDER BY p.id`;
}

/**
 * Appends an `abandoned` row for every `pending` issuance older than `olderThan` that has no
 * outcome yet (the server died or lost Postgres between STS and the audit commit). Candidates are
 * found without the chain lock (on a large log that search takes tens of milliseconds, and every
 * issuance waits for the lock), then re-checked under it, so two reconcilers never abandon the
 * same issuance twice.
 */
export async function abandonStalePending(db: PrismaClient, olderThan: Date): Promise<number> {
  const candidates = await findStale(db, olderThan, null);
  if (candidates.length === 0) return 0;
  return db.$transaction(async (c) => {
    await c.$executeRaw`SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`;
    const stale = await findStale(
      c,
      olderThan,
      candidates.map((r) => r.id.toString()),
    );
    for (const row of stale) {
      await appendWith(c, {
        action: row.action,
        outcome: 'abandoned',
        actorId: row.actor_id,
        actorUsername: row.actor_username,
        targetUserId: row.target_user_id,
        ip: row.ip,
        userAgent: row.user_agent,
        requestId: row.request_id,
        accountId: row.account_id,
        roleId: row.role_id,
        correlationId: row.correlation_id,
        details: {
          ...row.details,
          pendingSince: row.occurred_at.toISOString(),
          reason: 'no outcome recorded',
        },
      });
    }
    return stale.length;
  });
}
