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
