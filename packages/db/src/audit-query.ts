import type { AuditFilter, AuditOutcome, AuditQueryPort, AuditRow } from '@gatehouse/core';
import type { PrismaClient } from './client';
import { verifyAuditChain } from './audit-repository';
import type { AuditEvent, Prisma } from './generated/prisma/client';

const EXPORT_BATCH = 1_000;

/**
 * Each filter is a column with its own (column, occurred_at) index; ordering and paging on the
 * primary key (keyset, never OFFSET) keeps every page as cheap as the first.
 */
function whereOf(filter: AuditFilter): Prisma.AuditEventWhereInput {
  const and: Prisma.AuditEventWhereInput[] = [];
  if (filter.userId) and.push({ OR: [{ actorId: filter.userId }, { targetUserId: filter.userId }] });
  if (filter.accountId) and.push({ accountId: filter.accountId });
  if (filter.roleId) and.push({ roleId: filter.roleId });
  if (filter.action) {
    // startsWith is a LIKE 'prefix%' with the prefix's own % and _ escaped.
    and.push({
      action: 'exact' in filter.action ? filter.action.exact : { startsWith: filter.action.prefix },
    });
  }
  if (filter.outcome) and.push({ outcome: filter.outcome });
  if (filter.from || filter.to) {
    and.push({
      occurredAt: { ...(filter.from ? { gte: filter.from } : {}), ...(filter.to ? { lte: filter.to } : {}) },
    });
  }
  return { AND: and };
}

function toRow(e: AuditEvent): AuditRow {
  return {
    id: e.id.toString(),
    occurredAt: e.occurredAt,
    action: e.action,
    outcome: e.outcome as AuditOutcome,
    actorId: e.actorId,
    actorUsername: e.actorUsername,
    targetUserId: e.targetUserId,
    ip: e.ip,
    userAgent: e.userAgent,
    requestId: e.requestId,
    accountId: e.accountId,
    roleId: e.roleId,
    correlationId: e.correlationId,
    details: e.details,
    prevHash: e.prevHash,
    hash: e.hash,
  };
}

export function createAuditQuery(db: PrismaClient): AuditQueryPort {
  return {
    async page(filter, beforeId, limit) {
      const rows = await db.auditEvent.findMany({
        where: { AND: [whereOf(filter), ...(beforeId ? [{ id: { lt: BigInt(beforeId) } }] : [])] },
        orderBy: { id: 'desc' },
        take: limit,
      });
      return rows.map(toRow);
    },

    async *stream(filter, upToId) {
      if (upToId === null) return;
      const upTo = BigInt(upToId);
      let after = 0n;
      for (;;) {
        const rows = await db.auditEvent.findMany({
          where: { AND: [whereOf(filter), { id: { gt: after, lte: upTo } }] },
          orderBy: { id: 'asc' },
          take: EXPORT_BATCH,
        });
        for (const row of rows) yield toRow(row);
        const last = rows[rows.length - 1];
        if (!last || rows.length < EXPORT_BATCH) return;
        after = last.id;
      }
    },

    async lastId() {
      const last = await db.auditEvent.findFirst({ orderBy: { id: 'desc' }, select: { id: true } });
      return last ? last.id.toString() : null;
    },

    async verify() {
      return verifyAuditChain(db);
    },
  };
}
