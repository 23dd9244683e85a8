import { AUDIT_GENESIS_HASH, auditHashBody, findChainBreak } from '@gatehouse/core';
import type { AuditEventInput, AuditLog, ChainBreak, StoredAuditRecord } from '@gatehouse/core';
import type pg from 'pg';
import type { PrismaClient, TxClient } from './client';
import { clientOf } from './client';

/**
 * Arbitrary constant: serialises appends so ids and the hash chain agree on one order. The SQL
 * function `audit_append` (migration 20261123060000_audit_append) takes the same lock.
 */
const AUDIT_CHAIN_LOCK = 4_242_001;

/**
 * `audit_append` takes the chain lock, reads the last hash and inserts, all inside the database,
 * so the lock is held from the middle of one round trip to the COMMIT that follows it, instead of
 * across the four of an interactive transaction (lock, SELECT, INSERT, COMMIT) during which every
 * other append waited.
 */
const APPEND_SQL = `
  SELECT event_id::text AS id, event_hash AS hash
  FROM audit_append($1::timestamptz, $2, $3::audit_outcome, $4::uuid, $5, $6::uuid, $7, $8, $9,
                    $10::uuid, $11::uuid, $12::uuid, $13::jsonb, $14)`;

function appendParams(event: AuditEventInput): unknown[] {
  // Round-trip details through JSON so the hash covers exactly what jsonb will return.
  const detailsJson = JSON.stringify(event.details ?? {});
  const details: unknown = JSON.parse(detailsJson);
  const occurredAt = new Date();
  const body = auditHashBody({ ...event, details, occurredAt });
  return [
    occurredAt.toISOString(),
    event.action,
    event.outcome,
    event.actorId ?? null,
    event.actorUsername ?? null,
    event.targetUserId ?? null,
    event.ip ?? null,
    event.userAgent ?? null,
    event.requestId ?? null,
    event.accountId ?? null,
    event.roleId ?? null,
    event.correlationId ?? null,
    detailsJson,
    body,
  ];
}

type Appended = { id: string; hash: string };

function firstRow(rows: Appended[]): Appended {
  const row = rows[0];
  if (!row) throw new Error('audit_append returned no row');
  return row;
}

async function appendWith(c: TxClient, event: AuditEventInput): Promise<Appended> {
  return firstRow(await c.$queryRawUnsafe<Appended[]>(APPEND_SQL, ...appendParams(event)));
}

/**
 * BEGIN, `audit_append`, COMMIT on one pooled connection. The COMMIT is ours to send: should this
 * process die before it (killed while the append waited for a locked table, say), PostgreSQL rolls
 * the row back. As a single autocommitted statement the append would commit on its own once the
 * lock came free, and record as issued credentials that nobody received (fault test F4).
 */
async function appendCommitted(pool: pg.Pool, event: AuditEventInput): Promise<Appended> {
  const client = await pool.connect();
  let broken: Error | undefined;
  // The pool listens for a connection dying only while it holds the client. Without a listener of
  // ours, PostgreSQL going away mid-append (a restart, F1) would be an unhandled 'error' event that
  // ends the process; the statement in flight fails on its own.
  const onError = (err: Error) => {
    broken ??= err;
  };
  client.on('error', onError);
  try {
    await client.query('BEGIN');
    const { rows } = await client.query<Appended>({
      // Prepared once per connection.
      name: 'gatehouse_audit_append',
      text: APPEND_SQL,
      values: appendParams(event),
    });
    const appended = firstRow(rows);
    await client.query('COMMIT');
    return appended;
  } catch (err) {
    // A connection that cannot even roll back is not handed to anyone else.
    await client.query('ROLLBACK').catch((rollbackFailed: unknown) => {
      broken = rollbackFailed instanceof Error ? rollbackFailed : new Error(String(rollbackFailed));
    });
    throw err;
  } finally {
    client.removeListener('error', onError);
    client.release(broken);
  }
}

/**
 * `pool`, when given, carries appends made outside a transaction (most of them: sign-ins and every
 * issuance) on node-postgres: three short statements, none of Prisma's per-query CPU. Appends inside
 * a caller's transaction go through that transaction and commit with it.
 */
export function createAuditLog(db: PrismaClient, pool?: pg.Pool): AuditLog {
  return {
    append(event, tx) {
      if (tx) return appendWith(clientOf(db, tx), event);
      if (pool) return appendCommitted(pool, event);
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
