import type {
  CliAuthRepository,
  CliDeviceRecord,
  CliDeviceStatus,
  CliTokenRecord,
  CliTokenWithUser,
} from '@gatehouse/core';
import type { PrismaClient } from './client';
import { clientOf } from './client';
import type { CliDeviceAuthorization, CliToken } from './generated/prisma/client';

function toDevice(row: CliDeviceAuthorization): CliDeviceRecord {
  return { ...row, status: row.status as CliDeviceStatus };
}

function toToken(row: CliToken): CliTokenRecord {
  return row;
}

function withUser(row: CliToken & { user: { username: string } }): CliTokenWithUser {
  const { user, ...token } = row;
  return { ...toToken(token), username: user.username };
}

interface PolledRow {
  id: string;
  too_fast: boolean;
}

export function createCliAuthRepository(db: PrismaClient): CliAuthRepository {
  return {
    async createDevice(device, tx) {
      return toDevice(await clientOf(db, tx).cliDeviceAuthorization.create({ data: device }));
    },

    async findDeviceByUserCode(userCodeHash, tx) {
      const row = await clientOf(db, tx).cliDeviceAuthorization.findUnique({ where: { userCodeHash } });
      return row ? toDevice(row) : null;
    },

    async recordPoll(deviceCodeHash, at, { slackMs, slowDownSeconds }) {
      // One statement: concurrent polls of one code each see and bump the previous one.
      const rows = await db.$queryRaw<PolledRow[]>`
        UPDATE cli_device_authorizations AS d SET
          polls = d.polls + 1,
          interval_seconds = CASE WHEN s.too_fast THEN LEAST(d.interval_seconds + ${slowDownSeconds}, 600)
                                  ELSE d.interval_seconds END,
          last_polled_at = ${at}::timestamptz
        FROM (
          SELECT id, (last_polled_at IS NOT NULL AND
                      ${at}::timestamptz - last_polled_at
                        < make_interval(secs => interval_seconds) - make_interval(secs => ${slackMs / 1000}::float8)
                     ) AS too_fast
            FROM cli_device_authorizations
           WHERE device_code_hash = ${deviceCodeHash}
           FOR UPDATE
        ) AS s
        WHERE d.id = s.id
        RETURNING d.id, s.too_fast`;
      const polled = rows[0];
      if (!polled) return null;
      const device = await db.cliDeviceAuthorization.findUnique({ where: { id: polled.id } });
      return device ? { device: toDevice(device), tooFast: polled.too_fast } : null;
    },

    async decideDevice(id, decision, tx) {
      const { count } = await clientOf(db, tx).cliDeviceAuthorization.updateMany({
        where: { id, status: 'pending', expiresAt: { gt: decision.at } },
        data: {
          status: decision.status,
          userId: decision.userId,
          mfaAt: decision.mfaAt,
          decidedAt: decision.at,
        },
      });
      return count === 1;
    },

    async consumeDevice(id, _at, tx) {
      const { count } = await clientOf(db, tx).cliDeviceAuthorization.updateMany({
        where: { id, status: 'approved' },
        data: { status: 'consumed' },
      });
      return count === 1;
    },

    async createToken(token, tx) {
      return toToken(await clientOf(db, tx).cliToken.create({ data: token }));
    },

    async findTokenByHash(tokenHash) {
      const row = await db.cliToken.findUnique({ where: { tokenHash } });
      return row ? toToken(row) : null;
    },

    async findToken(id, tx) {
      const row = await clientOf(db, tx).cliToken.findUnique({
        where: { id },
        include: { user: { select: { username: true } } },
      });
      return row ? withUser(row) : null;
    },

    async touchToken(id, at, ip) {
      await db.cliToken.updateMany({ where: { id }, data: { lastUsedAt: at, lastUsedIp: ip } });
    },

    async listTokens({ userId, activeAt, limit }) {
      const rows = await db.cliToken.findMany({
        where: {
          ...(userId ? { userId } : {}),
          ...(activeAt ? { revokedAt: null, expiresAt: { gt: activeAt } } : {}),
        },
        include: { user: { select: { username: true } } },
        orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
        take: limit,
      });
      return rows.map(withUser);
    },

    async revokeToken(id, revocation, tx) {
      const { count } = await clientOf(db, tx).cliToken.updateMany({
        where: { id, revokedAt: null },
        data: { revokedAt: revocation.at, revokedBy: revocation.by, revokeReason: revocation.reason },
      });
      return count === 1;
    },

    async revokeAll(userId, revocation, tx) {
      const client = clientOf(db, tx);
      const where = { ...(userId ? { userId } : {}), revokedAt: null, expiresAt: { gt: revocation.at } };
      // Read then revoke in the caller's transaction; the update re-checks, so a token revoked in
      // between is not counted twice.
      const live = await client.cliToken.findMany({ where, select: { id: true } });
      const ids = live.map((t) => t.id);
      if (ids.length === 0) return [];
      await client.cliToken.updateMany({
        where: { ...where, id: { in: ids } },
        data: { revokedAt: revocation.at, revokedBy: revocation.by, revokeReason: revocation.reason },
      });
      return ids;
    },

    async purge(devicesBefore, tokensBefore) {
      await db.cliDeviceAuthorization.deleteMany({ where: { expiresAt: { lt: devicesBefore } } });
      await db.cliToken.deleteMany({
        where: { OR: [{ expiresAt: { lt: tokensBefore } }, { revokedAt: { lt: tokensBefore } }] },
      });
    },
  };
}
