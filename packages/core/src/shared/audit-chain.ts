import { createHash } from 'node:crypto';

export const AUDIT_GENESIS_HASH = '0'.repeat(64);

/** The fields of an audit row that the hash covers (everything but id and hash). */
export interface AuditRecord {
  occurredAt: Date;
  action: string;
  outcome: string;
  actorId: string | null;
  actorUsername: string | null;
  targetUserId: string | null;
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
  /** Added with the broker; absent (null) fields are left out of the hash, so older rows verify. */
  accountId?: string | null;
  roleId?: string | null;
  correlationId?: string | null;
  details: unknown;
}

/** JSON with object keys sorted at every depth: Postgres jsonb does not keep key order. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/**
 * What the hash covers besides the previous hash. The database's `audit_append` function hashes
 * `${prevHash}\n${body}` itself (it reads prevHash under the chain lock), so this is the one
 * definition of the canonical form.
 */
export function auditHashBody(record: AuditRecord): string {
  return canonicalJson({
    occurredAt: record.occurredAt.toISOString(),
    action: record.action,
    outcome: record.outcome,
    actorId: record.actorId,
    actorUsername: record.actorUsername,
    targetUserId: record.targetUserId,
    ip: record.ip,
    userAgent: record.userAgent,
    requestId: record.requestId,
    accountId: record.accountId ?? undefined,
    roleId: record.roleId ?? undefined,
    correlationId: record.correlationId ?? undefined,
    details: record.details,
  });
}

export function auditHash(prevHash: string, record: AuditRecord): string {
  return createHash('sha256')
    .update(`${prevHash}\n${auditHashBody(record)}`, 'utf8')
    .digest('hex');
}

export interface StoredAuditRecord extends AuditRecord {
  id: bigint | number | string;
  prevHash: string;
  hash: string;
}

export type ChainBreak = { id: string; reason: 'prev_hash_mismatch' | 'hash_mismatch' };

/**
 * Checks one page of rows in id order, continuing from `expectedPrevHash` (the hash of the
 * row before the page, or the genesis hash). Returns the first broken row, if any.
 */
export function findChainBreak(
  rows: readonly StoredAuditRecord[],
  expectedPrevHash: string,
): { broken: ChainBreak | null; lastHash: string } {
  let prev = expectedPrevHash;
  for (const row of rows) {
    if (row.prevHash !== prev)
      return { broken: { id: String(row.id), reason: 'prev_hash_mismatch' }, lastHash: prev };
    if (auditHash(row.prevHash, row) !== row.hash) {
      return { broken: { id: String(row.id), reason: 'hash_mismatch' }, lastHash: prev };
    }
    prev = row.hash;
  }
  return { broken: null, lastHash: prev };
}
