import type {
  AccountRecord,
  ManagedRole,
  RoleHealthReport,
  RoleHealthRepository,
  RoleHealthStatus,
  StoredRoleHealth,
} from '@gatehouse/core';
import type { PrismaClient } from './client';
import { toAccountRecord, toRoleRecord } from './access-repository';
import type { Prisma, RoleHealth } from './generated/prisma/client';

function toStored(row: RoleHealth): StoredRoleHealth {
  return {
    roleId: row.roleId,
    status: row.status as RoleHealthStatus,
    checkedAt: row.checkedAt,
    iamMaxSessionSeconds: row.iamMaxSessionSeconds,
    report: row.report as unknown as RoleHealthReport,
  };
}

const ISSUANCE_ACTIONS = ['access.console', 'access.credentials'];

export function createRoleHealthRepository(db: PrismaClient): RoleHealthRepository {
  return {
    async listManagedRoles(): Promise<ManagedRole[]> {
      const rows = await db.role.findMany({ include: { account: true }, orderBy: [{ arn: 'asc' }] });
      return rows.map(({ account, ...role }) => ({
        role: toRoleRecord(role),
        account: toAccountRecord(account),
      }));
    },

    async findManagedRole(roleId) {
      const row = await db.role.findUnique({ where: { id: roleId }, include: { account: true } });
      if (!row) return null;
      const { account, ...role } = row;
      return { role: toRoleRecord(role), account: toAccountRecord(account) };
    },

    async findAccount(accountId): Promise<AccountRecord | null> {
      const row = await db.awsAccount.findUnique({ where: { id: accountId } });
      return row ? toAccountRecord(row) : null;
    },

    async saveHealth(health) {
      const data = {
        status: health.status,
        checkedAt: health.checkedAt,
        iamMaxSessionSeconds: health.iamMaxSessionSeconds,
        report: health.report as unknown as Prisma.InputJsonValue,
      };
      await db.roleHealth.upsert({
        where: { roleId: health.roleId },
        create: { roleId: health.roleId, ...data },
        update: data,
      });
    },

    async listHealth() {
      return (await db.roleHealth.findMany()).map(toStored);
    },

    async findHealth(roleId) {
      const row = await db.roleHealth.findUnique({ where: { roleId } });
      return row ? toStored(row) : null;
    },

    async pruneHealth() {
      return db.$executeRaw`DELETE FROM role_health h WHERE NOT EXISTS (SELECT 1 FROM roles r WHERE r.id = h.role_id)`;
    },

    async rolesIssuedToUserSince(userId, since) {
      const rows = await db.auditEvent.findMany({
        where: {
          targetUserId: userId,
          action: { in: ISSUANCE_ACTIONS },
          outcome: 'issued',
          occurredAt: { gte: since },
          roleId: { not: null },
        },
        select: { roleId: true },
        distinct: ['roleId'],
      });
      return rows.flatMap((r) => (r.roleId ? [r.roleId] : []));
    },
  };
}
