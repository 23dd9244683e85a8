import type { FailureKind, NewUser, Tx, UserRecord, UserRepository } from '@gatehouse/core';
import type { PrismaClient } from './client';
import { clientOf } from './client';
import type { User } from './generated/prisma/client';

function toRecord(u: User): UserRecord {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    email: u.email,
    passwordHash: u.passwordHash,
    isAdmin: u.isAdmin,
    disabled: u.disabled,
    totpSecretEnc: u.totpSecretEnc,
    totpEnabledAt: u.totpEnabledAt,
    lastTotpStep: u.lastTotpStep,
    mfaResetAt: u.mfaResetAt,
    failedPasswords: u.failedPasswords,
    failedTotp: u.failedTotp,
    lockedUntil: u.lockedUntil,
    createdAt: u.createdAt,
  };
}

export function createUserRepository(db: PrismaClient): UserRepository {
  return {
    async findById(id, tx) {
      const u = await clientOf(db, tx).user.findUnique({ where: { id } });
      return u && toRecord(u);
    },
    async findByUsername(username, tx) {
      const u = await clientOf(db, tx).user.findUnique({ where: { username } });
      return u && toRecord(u);
    },
    async create(user: NewUser, tx) {
      return toRecord(await clientOf(db, tx).user.create({ data: user }));
    },
    countAdmins(tx) {
      return clientOf(db, tx).user.count({ where: { isAdmin: true } });
    },
    async recordFailure(id, kind: FailureKind, threshold, lockUntil, tx?: Tx) {
      // One statement, so concurrent failures cannot both read 4 and both write 5.
      const column = kind === 'password' ? 'failed_passwords' : 'failed_totp';
      const rows = await clientOf(db, tx).$queryRawUnsafe<Array<{ locked: boolean }>>(
        `UPDATE users SET
           ${column} = CASE WHEN ${column} + 1 >= $2 THEN 0 ELSE ${column} + 1 END,
           locked_until = CASE WHEN ${column} + 1 >= $2 THEN $3::timestamptz ELSE locked_until END,
           updated_at = now()
         WHERE id = $1::uuid
         RETURNING (${column} = 0) AS locked`,
        id,
        threshold,
        lockUntil,
      );
      return rows[0]?.locked ?? false;
    },
    async clearFailures(id, kind, tx) {
      const data =
        kind === 'password'
          ? { failedPasswords: 0 }
          : kind === 'totp'
            ? { failedTotp: 0 }
            : { failedPasswords: 0, failedTotp: 0 };
      await clientOf(db, tx).user.update({ where: { id }, data });
    },
    async claimTotpStep(id, step, tx) {
      const { count } = await clientOf(db, tx).user.updateMany({
        where: { id, OR: [{ lastTotpStep: null }, { lastTotpStep: { lt: step } }] },
        data: { lastTotpStep: step },
      });
      return count === 1;
    },
    async setPendingTotpSecret(id, secretEnc, tx) {
      await clientOf(db, tx).user.update({
        where: { id },
        data: { totpSecretEnc: Buffer.from(secretEnc), totpEnabledAt: null, lastTotpStep: null },
      });
    },
    async enableTotp(id, at, tx) {
      await clientOf(db, tx).user.update({ where: { id }, data: { totpEnabledAt: at, mfaResetAt: null } });
    },
    async clearTotp(id, resetAt, tx) {
      await clientOf(db, tx).user.update({
        where: { id },
        data: {
          totpSecretEnc: null,
          totpEnabledAt: null,
          lastTotpStep: null,
          failedTotp: 0,
          mfaResetAt: resetAt,
        },
      });
    },
    async clearMfaReset(id, tx) {
      await clientOf(db, tx).user.update({ where: { id }, data: { mfaResetAt: null } });
    },
    async setPasswordHash(id, passwordHash, at, tx) {
      await clientOf(db, tx).user.update({ where: { id }, data: { passwordHash, passwordChangedAt: at } });
    },
    async setDisabled(id, disabled, tx) {
      await clientOf(db, tx).user.update({ where: { id }, data: { disabled } });
    },
    async unlock(id, tx) {
      await clientOf(db, tx).user.update({
        where: { id },
        data: { lockedUntil: null, failedPasswords: 0, failedTotp: 0 },
      });
    },
    async recordLogin(id, at, tx) {
      await clientOf(db, tx).user.update({ where: { id }, data: { lastLoginAt: at } });
    },
  };
}
