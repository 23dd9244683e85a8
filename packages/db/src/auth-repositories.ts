import type { RecoveryCodeRepository, SetupTokenRepository, UnknownLoginRepository } from '@gatehouse/core';
import type { PrismaClient } from './client';
import { clientOf } from './client';

export function createRecoveryCodeRepository(db: PrismaClient): RecoveryCodeRepository {
  return {
    async replaceAll(userId, codeHashes, tx) {
      const write = async (c: ReturnType<typeof clientOf>) => {
        await c.recoveryCode.deleteMany({ where: { userId } });
        await c.recoveryCode.createMany({ data: codeHashes.map((codeHash) => ({ userId, codeHash })) });
      };
      if (tx) await write(clientOf(db, tx));
      else await db.$transaction(write);
    },
    async consume(userId, codeHash, at, tx) {
      const { count } = await clientOf(db, tx).recoveryCode.updateMany({
        where: { userId, codeHash, usedAt: null },
        data: { usedAt: at },
      });
      return count === 1;
    },
    countUnused(userId, tx) {
      return clientOf(db, tx).recoveryCode.count({ where: { userId, usedAt: null } });
    },
    async deleteAll(userId, tx) {
      await clientOf(db, tx).recoveryCode.deleteMany({ where: { userId } });
    },
  };
}

export function createSetupTokenRepository(db: PrismaClient): SetupTokenRepository {
  return {
    async create(token, tx) {
      await clientOf(db, tx).setupToken.create({ data: token });
    },
    async consume(id, purpose, now, tx) {
      const c = clientOf(db, tx);
      const { count } = await c.setupToken.updateMany({
        where: { id, purpose, usedAt: null, expiresAt: { gt: now } },
        data: { usedAt: now },
      });
      if (count !== 1) return null;
      const row = await c.setupToken.findUnique({ where: { id }, select: { userId: true } });
      return row ? { userId: row.userId } : null;
    },
  };
}

export function createUnknownLoginRepository(db: PrismaClient): UnknownLoginRepository {
  return {
    async lockedUntil(key) {
      const row = await db.loginThrottle.findUnique({ where: { key }, select: { lockedUntil: true } });
      return row?.lockedUntil ?? null;
    },
    async recordFailure(key, threshold, lockUntil) {
      const rows = await db.$queryRaw<Array<{ locked: boolean }>>`
        INSERT INTO login_throttles (key, failures, updated_at) VALUES (${key}, 1, now())
        ON CONFLICT (key) DO UPDATE SET
          failures = CASE WHEN login_throttles.failures + 1 >= ${threshold} THEN 0 ELSE login_throttles.failures + 1 END,
          locked_until = CASE WHEN login_throttles.failures + 1 >= ${threshold} THEN ${lockUntil}::timestamptz
                              ELSE login_throttles.locked_until END,
          updated_at = now()
        RETURNING (failures = 0) AS locked`;
      return rows[0]?.locked ?? false;
    },
  };
}
