// findWithUser: the per-request read of a session and its user, the same record through the pool's
// prepared join as through Prisma.
import { describe, expect, it } from 'vitest';
import { createSessionRepository } from '../src/session-repository.js';
import { useTestDatabase } from './helpers.js';

const database = useTestDatabase('gh_sessions', { open: true });

describe('session repository', () => {
  it('reads a session and its user in one query, exactly as Prisma reads them', async () => {
    const { db } = database;
    const user = await db.prisma.user.create({
      data: {
        username: 'reader',
        displayName: 'Réader 読者',
        email: null,
        passwordHash: '$argon2id$v=19$m=19456,t=2,p=1$abc$def',
        totpSecretEnc: new Uint8Array([1, 2, 3, 250]),
        totpEnabledAt: new Date('2026-11-23T10:00:00.123Z'),
        lastTotpStep: 59_000_000,
        lockedUntil: null,
        lastLoginAt: new Date('2026-11-23T10:01:00Z'),
      },
    });
    const viaPool = createSessionRepository(db.prisma, db.pool);
    const viaPrisma = createSessionRepository(db.prisma);
    await viaPool.create({
      id: 'a'.repeat(64),
      userId: user.id,
      stage: 'active',
      createdAt: new Date('2026-11-23T10:02:00.5Z'),
      expiresAt: new Date('2026-11-23T22:02:00Z'),
      mfaAt: new Date('2026-11-23T10:02:01Z'),
      ip: '203.0.113.9',
      userAgent: 'test',
    });
    const a = await viaPool.findWithUser('a'.repeat(64));
    const b = await viaPrisma.findWithUser('a'.repeat(64));
    expect(a).not.toBeNull();
    expect(a).toEqual(b);
    expect(a?.user.totpSecretEnc).toEqual(new Uint8Array([1, 2, 3, 250]));
    expect(a?.session.mfaAt?.toISOString()).toBe('2026-11-23T10:02:01.000Z');
    expect(await viaPool.findWithUser('b'.repeat(64))).toBeNull();
    expect(await viaPrisma.findWithUser('b'.repeat(64))).toBeNull();
  });
});
