import type { SessionRecord, SessionRepository, SessionStage, UserRecord } from '@gatehouse/core';
import type pg from 'pg';
import type { PrismaClient } from './client';
import { clientOf } from './client';

interface SessionUserRow {
  s_id: string;
  s_user_id: string;
  s_stage: SessionStage;
  s_created_at: Date;
  s_last_seen_at: Date;
  s_expires_at: Date;
  s_mfa_at: Date | null;
  s_ip: string;
  s_user_agent: string;
  u_id: string;
  u_username: string;
  u_display_name: string;
  u_email: string | null;
  u_password_hash: string | null;
  u_is_admin: boolean;
  u_disabled: boolean;
  u_totp_secret_enc: Buffer | null;
  u_totp_enabled_at: Date | null;
  u_last_totp_step: number | null;
  u_mfa_reset_at: Date | null;
  u_failed_passwords: number;
  u_failed_totp: number;
  u_locked_until: Date | null;
  u_password_changed_at: Date | null;
  u_last_login_at: Date | null;
  u_created_at: Date;
  u_updated_at: Date;
}

const SESSION_WITH_USER_SQL = `
  SELECT s.id AS s_id, s.user_id::text AS s_user_id, s.stage AS s_stage, s.created_at AS s_created_at,
         s.last_seen_at AS s_last_seen_at, s.expires_at AS s_expires_at, s.mfa_at AS s_mfa_at,
         s.ip AS s_ip, s.user_agent AS s_user_agent,
         u.id::text AS u_id, u.username AS u_username, u.display_name AS u_display_name,
         u.email AS u_email, u.password_hash AS u_password_hash, u.is_admin AS u_is_admin,
         u.disabled AS u_disabled, u.totp_secret_enc AS u_totp_secret_enc,
         u.totp_enabled_at AS u_totp_enabled_at, u.last_totp_step AS u_last_totp_step,
         u.mfa_reset_at AS u_mfa_reset_at,
         u.failed_passwords AS u_failed_passwords, u.failed_totp AS u_failed_totp,
         u.locked_until AS u_locked_until, u.password_changed_at AS u_password_changed_at,
         u.last_login_at AS u_last_login_at, u.created_at AS u_created_at, u.updated_at AS u_updated_at
  FROM sessions s JOIN users u ON u.id = s.user_id
  WHERE s.id = $1`;

function sessionWithUser(row: SessionUserRow): { session: SessionRecord; user: UserRecord } {
  return {
    session: {
      id: row.s_id,
      userId: row.s_user_id,
      stage: row.s_stage,
      createdAt: row.s_created_at,
      lastSeenAt: row.s_last_seen_at,
      expiresAt: row.s_expires_at,
      mfaAt: row.s_mfa_at,
      ip: row.s_ip,
      userAgent: row.s_user_agent,
    },
    // The same fields Prisma's user model has, so either read gives the same record.
    user: {
      id: row.u_id,
      username: row.u_username,
      displayName: row.u_display_name,
      email: row.u_email,
      passwordHash: row.u_password_hash,
      isAdmin: row.u_is_admin,
      disabled: row.u_disabled,
      totpSecretEnc: row.u_totp_secret_enc === null ? null : new Uint8Array(row.u_totp_secret_enc),
      totpEnabledAt: row.u_totp_enabled_at,
      lastTotpStep: row.u_last_totp_step,
      mfaResetAt: row.u_mfa_reset_at,
      failedPasswords: row.u_failed_passwords,
      failedTotp: row.u_failed_totp,
      lockedUntil: row.u_locked_until,
      passwordChangedAt: row.u_password_changed_at,
      lastLoginAt: row.u_last_login_at,
      createdAt: row.u_created_at,
      updatedAt: row.u_updated_at,
    } as UserRecord,
  };
}

/**
 * `pool`, when given, carries the per-request session read: one prepared join on node-postgres
 * instead of two Prisma queries (each costs more CPU than the query itself).
 */
export function createSessionRepository(db: PrismaClient, pool?: pg.Pool): SessionRepository {
  return {
    async findWithUser(id) {
      if (pool) {
        const { rows } = await pool.query<SessionUserRow>({
          name: 'gatehouse_session_with_user',
          text: SESSION_WITH_USER_SQL,
          values: [id],
        });
        return rows[0] ? sessionWithUser(rows[0]) : null;
      }
      const found = await db.session.findUnique({ where: { id }, include: { user: true } });
      if (!found) return null;
      const { user, ...session } = found;
      return { session: session as SessionRecord, user: user as UserRecord };
    },
    async create(session, tx) {
      return (await clientOf(db, tx).session.create({
        data: { ...session, lastSeenAt: session.lastSeenAt ?? session.createdAt },
      })) as SessionRecord;
    },
    async find(id, tx) {
      return (await clientOf(db, tx).session.findUnique({ where: { id } })) as SessionRecord | null;
    },
    async touch(id, at, tx) {
      await clientOf(db, tx).session.updateMany({ where: { id }, data: { lastSeenAt: at } });
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
