import type { SessionRecord, SessionRepository } from '@gatehouse/core';
import type { PrismaClient } from './client';
import { clientOf } from './client';

export function createSessionRepository(db: PrismaClient): SessionRepository {
  return {
    async create(session, tx) {
      return (await clientOf(db, tx).session.create({
        data: { ...session, lastSeenAt: session.createdAt },
      })) as SessionRecord;
    },
    async find(id, tx) {
      return (await clientOf(db, tx).session.findUnique({ where: { id } })) as SessionRecord | null;
    },
    async touch(id, at, tx) {
      await clientOf(db, tx).session.updateMany({ where: { id }, data: { lastSeenAt: at } });
    },
    async setMfaAt(id, at, tx) {
      await clientOf(db, tx).session.updateMany({ where: { id }, data: { mfaAt: at } });
    },
    async delete(id, tx) {
      const { count } = await clientOf(db, tx).session.deleteMany({ where: { id } });
      return count > 0;
    },
    async deleteForUser(userId, options = {}, tx) {
      const { count } = await clientOf(db, tx).session.deleteMany({
        where: { userId, ...(options.exceptId ? { id: { not: options.exceptId } } : {}) },
      });
      return count;
    },
    async listForUser(userId, tx) {
      return (await clientOf(db, tx).session.findMany({
        where: { userId, stage: 'active', expiresAt: { gt: new Date() } },
        orderBy: { lastSeenAt: 'desc' },
      })) as SessionRecord[];
    },
    async deleteExpired(now, idleBefore) {
      const { count } = await db.session.deleteMany({
        where: { OR: [{ expiresAt: { lte: now } }, { lastSeenAt: { lt: idleBefore }, stage: 'active' }] },
      });
      return count;
    },
  };
}
