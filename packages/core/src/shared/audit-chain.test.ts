import { describe, expect, it } from 'vitest';
import { AUDIT_GENESIS_HASH, auditHash, canonicalJson, findChainBreak } from './audit-chain';
import type { StoredAuditRecord } from './audit-chain';

function chain(n: number): StoredAuditRecord[] {
  const rows: StoredAuditRecord[] = [];
  let prev = AUDIT_GENESIS_HASH;
  for (let i = 1; i <= n; i++) {
    const record = {
      occurredAt: new Date(1_700_000_000_000 + i),
      action: 'auth.password',
      outcome: 'success',
      actorId: null,
      actorUsername: `u${i}`,
      targetUserId: null,
      ip: '127.0.0.1',
      userAgent: 'ua',
      requestId: `r${i}`,
      details: { b: 1, a: [1, { z: 2, y: null }] },
    };
    const hash = auditHash(prev, record);
    rows.push({ ...record, id: i, prevHash: prev, hash });
    prev = hash;
  }
  return rows;
}

describe('canonicalJson', () => {
  it('sorts keys at every depth and drops undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { f: 1, e: 2 }], c: undefined } })).toBe(
      '{"a":{"d":[3,{"e":2,"f":1}]},"b":1}',
    );
  });
});

describe('findChainBreak', () => {
  it('accepts an intact chain', () => {
    const rows = chain(5);
    expect(findChainBreak(rows, AUDIT_GENESIS_HASH)).toEqual({ broken: null, lastHash: rows[4]!.hash });
  });

  it('names an edited row', () => {
    const rows = chain(5);
    rows[2] = { ...rows[2]!, actorUsername: 'mallory' };
    expect(findChainBreak(rows, AUDIT_GENESIS_HASH).broken).toEqual({ id: '3', reason: 'hash_mismatch' });
  });

  it('names the row after a deleted one', () => {
    const rows = chain(5);
    rows.splice(1, 1);
    expect(findChainBreak(rows, AUDIT_GENESIS_HASH).broken).toEqual({
      id: '3',
      reason: 'prev_hash_mismatch',
    });
  });

  it('is insensitive to key order in details, as jsonb returns them', () => {
    const rows = chain(2);
    rows[0] = { ...rows[0]!, details: { a: [1, { y: null, z: 2 }], b: 1 } };
    expect(findChainBreak(rows, AUDIT_GENESIS_HASH).broken).toBeNull();
  });
});
