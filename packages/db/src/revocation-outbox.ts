/**
 * The revocation outbox (table `revocations`), who still has access, and which grants expired:
 * what packages/core/src/revocation schedules from and the worker applies.
 */
import type {
  ExpiredGrants,
  RemainingAccess,
  RevocationOutbox,
  RevocationRecord,
  RevocationStatus,
} from '@gatehouse/core';
import pg from 'pg';
import type { PrismaClient } from './client';
import { clientOf } from './client';
import type { Revocation } from './generated/prisma/client';

/** The advisory lock key of the revocation worker: one holder across every server process. */
const WORKER_LOCK_KEY = 0x6761_7465; // "gate"

function toRecord(r: Revocation): RevocationRecord {
  return {
    ...r,
    scope: r.scope as RevocationRecord['scope'],
    reason: r.reason as RevocationRecord['reason'],
  };
}

function countsOf(grouped: Array<{ status: RevocationStatus; _count: { _all: number } }>) {
  const counts: Record<RevocationStatus, number> = { pending: 0, applied: 0, failing: 0, given_up: 0 };
  for (const g of grouped) counts[g.status] = g._count._all;
  return counts;
}

/** `connectionString` opens the worker lock's own connection (see withWorkerLock). */
export function createRevocationOutbox(db: PrismaClient, connectionString: string): RevocationOutbox {
  return {
    async add(rows, tx) {
      await clientOf(db, tx).revocation.createMany({ data: rows });
    },
    async list(filter) {
      const where = {
        ...(filter.userId ? { userId: filter.userId } : {}),
        ...(filter.roleId ? { roleId: filter.roleId } : {}),
      };
      const [rows, grouped] = await Promise.all([
        db.revocation.findMany({
          where: { ...where, ...(filter.status ? { status: filter.status } : {}) },
          orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
          take: filter.limit,
        }),
        db.revocation.groupBy({ by: ['status'], where, _count: { _all: true }, orderBy: { status: 'asc' } }),
      ]);
      return { rows: rows.map(toRecord), counts: countsOf(grouped) };
    },
    async counts() {
      const grouped = await db.revocation.groupBy({
        by: ['status'],
        _count: { _all: true },
        orderBy: { status: 'asc' },
      });
      return countsOf(grouped);
    },
    async due(now, limit) {
      const rows = await db.revocation.findMany({
        where: { status: { in: ['pending', 'failing'] }, nextAttemptAt: { lte: now } },
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
        take: limit,
      });
      return rows.map(toRecord);
    },
    async markApplied(ids, result, tx) {
      await clientOf(db, tx).revocation.updateMany({
        where: { id: { in: ids } },
        data: {
          status: 'applied',
          appliedAt: result.at,
          policyName: result.policyName,
          lastError: null,
          attempts: { increment: 1 },
        },
      });
    },
    async markFailing(ids, failure, tx) {
      await clientOf(db, tx).revocation.updateMany({
        where: { id: { in: ids } },
        data: {
          status: 'failing',
          lastError: failure.error,
          nextAttemptAt: failure.nextAttemptAt,
          attempts: { increment: 1 },
        },
      });
    },
    async markGivenUp(ids, failure, tx) {
      await clientOf(db, tx).revocation.updateMany({
        where: { id: { in: ids } },
        data: { status: 'given_up', lastError: failure.error, attempts: { increment: 1 } },
      });
    },
    async hasForGrant(grantId, reason, tx) {
      return (await clientOf(db, tx).revocation.count({ where: { grantId, reason } })) > 0;
    },
    async withWorkerLock(work) {
      // A session-level lock lives on one connection, held for the whole pass: a connection of
      // its own, so the pass's queries (and the requests served meanwhile) keep the whole pool,
      // even a pool of one.
      const client = new pg.Client({ connectionString, connectionTimeoutMillis: 5_000 });
      client.on('error', () => {});
      await client.connect();
      try {
        const { rows } = await client.query<{ locked: boolean }>(
          'SELECT pg_try_advisory_lock($1) AS locked',
          [WORKER_LOCK_KEY],
        );
        if (!rows[0]?.locked) return { ran: false };
        try {
          return { ran: true, value: await work() };
        } finally {
          await client.query('SELECT pg_advisory_unlock($1)', [WORKER_LOCK_KEY]);
        }
      } finally {
        await client.end().catch(() => undefined);
      }
    },
  };
}

// A user's grants on a role, direct or through a group, unexpired, allowing the kind.
const REMAINING_ACCESS_SQL = `
  SELECT EXISTS (
    SELECT 1 FROM grants g
    WHERE g.role_id = $2::uuid AND g.id <> $3::uuid
      AND (g.expires_at IS NULL OR g.expires_at > $5::timestamptz)
      AND (CASE WHEN $4 = 'console' THEN g.allow_console ELSE g.allow_cli END)
      AND (g.user_id = $1::uuid
           OR g.group_id IN (SELECT m.group_id FROM group_memberships m WHERE m.user_id = $1::uuid))
  ) AS holds`;

export function createRemainingAccess(db: PrismaClient): RemainingAccess {
  return {
    async holds(input, tx) {
      const rows = await clientOf(db, tx).$queryRawUnsafe<Array<{ holds: boolean }>>(
        REMAINING_ACCESS_SQL,
        input.userId,
        input.roleId,
        input.exceptGrantId,
        input.kind,
        input.now,
      );
      return rows[0]?.holds ?? false;
    },
  };
}

export function createExpiredGrants(db: PrismaClient): ExpiredGrants {
  return {
    async expiredBetween(from, to) {
      return db.grant.findMany({
        where: { expiresAt: { gt: from, lte: to } },
        select: { id: true, roleId: true, userId: true, groupId: true },
        orderBy: { expiresAt: 'asc' },
      });
    },
  };
}
