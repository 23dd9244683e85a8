import type {
  AccessRepository,
  AccountRecord,
  GrantWithTarget,
  Partition,
  RoleRecord,
} from '@gatehouse/core';
import type { PrismaClient } from './client';
import { clientOf } from './client';
import type { AwsAccount, Grant, Role } from './generated/prisma/client';

export function toAccountRecord(a: AwsAccount): AccountRecord {
  return { ...a, partition: a.partition as Partition };
}

export function toRoleRecord(r: Role): RoleRecord {
  return r;
}

function toTarget(
  g: Grant & { role: Role & { account: AwsAccount }; group?: { name: string } | null },
): GrantWithTarget {
  const { role, group, ...grant } = g;
  const { account, ...roleOnly } = role;
  return {
    grant,
    role: toRoleRecord(roleOnly),
    account: toAccountRecord(account),
    groupName: group?.name ?? null,
  };
}

export function createAccessRepository(db: PrismaClient): AccessRepository {
  return {
    async effectiveGrants(userId, now, tx) {
      const rows = await clientOf(db, tx).grant.findMany({
        where: {
          OR: [{ userId }, { group: { memberships: { some: { userId } } } }],
          AND: [{ OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] }],
          role: { account: { disabled: false } },
        },
        include: { role: { include: { account: true } }, group: { select: { name: true } } },
      });
      return rows.map(toTarget);
    },
    async findGrant(grantId, tx) {
      const row = await clientOf(db, tx).grant.findUnique({
        where: { id: grantId },
        include: { role: { include: { account: true } }, group: { select: { name: true } } },
      });
      return row ? toTarget(row) : null;
    },
    async isGroupMember(userId, groupId, tx) {
      const row = await clientOf(db, tx).groupMembership.findUnique({
        where: { groupId_userId: { groupId, userId } },
      });
      return row !== null;
    },
    async favouriteRoleIds(userId, tx) {
      const rows = await clientOf(db, tx).favourite.findMany({ where: { userId }, select: { roleId: true } });
      return rows.map((r) => r.roleId);
    },
    async setFavourite(userId, roleId, favourite, tx) {
      const c = clientOf(db, tx);
      if (favourite) {
        await c.favourite.upsert({
          where: { userId_roleId: { userId, roleId } },
          create: { userId, roleId },
          update: {},
        });
      } else {
        await c.favourite.deleteMany({ where: { userId, roleId } });
      }
    },
  };
}
