import { AppError } from '@gatehouse/core';
import type {
  AccessAdminRepository,
  AccountView,
  AdminUserView,
  GrantView,
  GroupView,
  Partition,
  RoleView,
} from '@gatehouse/core';
import type { PrismaClient } from './client';
import { clientOf } from './client';
import type { AwsAccount, Grant, Prisma, Role } from './generated/prisma/client';

/** Which request field each unique constraint guards, so a 409 names what to change. */
const UNIQUE_FIELDS: Record<string, { field: string; message: string }> = {
  users_username_key: { field: 'username', message: 'That username is taken.' },
  groups_name_key: { field: 'name', message: 'A group with that name already exists.' },
  group_memberships_pkey: { field: 'userId', message: 'The user is already a member of this group.' },
  aws_accounts_aws_account_id_key: {
    field: 'awsAccountId',
    message: 'That AWS account is already registered.',
  },
  aws_accounts_name_key: { field: 'name', message: 'An account with that name already exists.' },
  roles_arn_key: { field: 'role', message: 'That role is already registered.' },
  roles_account_id_role_name_key: { field: 'role', message: 'A role with that name is already registered.' },
  grants_role_id_user_id_key: { field: 'userId', message: 'The user already holds this role.' },
  grants_role_id_group_id_key: { field: 'groupId', message: 'The group already holds this role.' },
};

function uniqueConstraintOf(err: unknown): string | null {
  if (typeof err !== 'object' || err === null || (err as { code?: unknown }).code !== 'P2002') return null;
  const meta = (err as { meta?: Record<string, unknown> }).meta ?? {};
  const cause = (meta['driverAdapterError'] as { cause?: { constraint?: { index?: unknown } } } | undefined)
    ?.cause;
  const index = cause?.constraint?.index;
  if (typeof index === 'string') return index;
  const target = meta['target'];
  return typeof target === 'string' ? target : null;
}

/** Turns a unique violation into the 409 the client can act on; anything else passes through. */
async function uniquely<T>(write: Promise<T>): Promise<T> {
  try {
    return await write;
  } catch (err) {
    const constraint = uniqueConstraintOf(err);
    if (constraint === null) throw err;
    const known = UNIQUE_FIELDS[constraint];
    throw new AppError('conflict', known?.message ?? 'That already exists.', {
      fields: [{ field: known?.field ?? 'body', reason: 'already exists' }],
      cause: err,
    });
  }
}

const userSelect = {
  id: true,
  username: true,
  displayName: true,
  email: true,
  isAdmin: true,
  disabled: true,
  totpEnabledAt: true,
  mfaResetAt: true,
  // Read only to answer "has a password"; it is dropped in toUserView.
  passwordHash: true,
  lockedUntil: true,
  lastLoginAt: true,
  createdAt: true,
  updatedAt: true,
  memberships: {
    select: { group: { select: { id: true, name: true } } },
    orderBy: { group: { name: 'asc' } },
  },
} satisfies Prisma.UserSelect;

type UserRow = Prisma.UserGetPayload<{ select: typeof userSelect }>;

function toUserView(u: UserRow): AdminUserView {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    email: u.email,
    isAdmin: u.isAdmin,
    disabled: u.disabled,
    mfaEnrolled: u.totpEnabledAt !== null,
    hasPassword: u.passwordHash !== null,
    enrolmentLinkRequired: u.mfaResetAt !== null && u.totpEnabledAt === null,
    lockedUntil: u.lockedUntil,
    lastLoginAt: u.lastLoginAt,
    createdAt: u.createdAt,
    updatedAt: u.updatedAt,
    groups: u.memberships.map((m) => m.group),
  };
}

const groupInclude = { _count: { select: { memberships: true } } } satisfies Prisma.GroupInclude;

function toGroupView(g: Prisma.GroupGetPayload<{ include: typeof groupInclude }>): GroupView {
  return {
    id: g.id,
    name: g.name,
    description: g.description,
    memberCount: g._count.memberships,
    createdAt: g.createdAt,
    updatedAt: g.updatedAt,
  };
}

function toAccountView(a: AwsAccount & { _count: { roles: number } }): AccountView {
  const { _count, ...account } = a;
  return { ...account, partition: account.partition as Partition, roleCount: _count.roles };
}

function toRoleView(r: Role & { _count: { grants: number } }): RoleView {
  const { _count, ...role } = r;
  return { ...role, grantCount: _count.grants };
}

const grantInclude = {
  role: {
    select: {
      id: true,
      roleName: true,
      displayName: true,
      arn: true,
      account: { select: { id: true, name: true, awsAccountId: true } },
    },
  },
  user: { select: { username: true } },
  group: { select: { name: true } },
} satisfies Prisma.GrantInclude;

function toGrantView(g: Grant & Prisma.GrantGetPayload<{ include: typeof grantInclude }>): GrantView {
  const { role, user, group, ...grant } = g;
  const { account, ...roleOnly } = role;
  const subject =
    grant.userId !== null
      ? { type: 'user' as const, id: grant.userId, name: user?.username ?? '' }
      : { type: 'group' as const, id: grant.groupId ?? '', name: group?.name ?? '' };
  return { ...grant, subject, role: roleOnly, account };
}

export function createAccessAdminRepository(db: PrismaClient): AccessAdminRepository {
  return {
    // --- users ---------------------------------------------------------------------------
    async listUsers({ search, limit, offset }, tx) {
      const c = clientOf(db, tx);
      const where: Prisma.UserWhereInput = search
        ? {
            OR: [
              { username: { contains: search, mode: 'insensitive' } },
              { displayName: { contains: search, mode: 'insensitive' } },
              { email: { contains: search, mode: 'insensitive' } },
            ],
          }
        : {};
      const [rows, total] = await Promise.all([
        c.user.findMany({
          where,
          select: userSelect,
          orderBy: { username: 'asc' },
          skip: offset,
          take: limit,
        }),
        c.user.count({ where }),
      ]);
      return { users: rows.map(toUserView), total };
    },
    async findUser(id, tx) {
      const row = await clientOf(db, tx).user.findUnique({ where: { id }, select: userSelect });
      return row && toUserView(row);
    },
    async createUser(user, tx) {
      return uniquely(
        clientOf(db, tx).user.create({ data: { ...user, passwordHash: null }, select: { id: true } }),
      );
    },
    async updateUser(id, changes, tx) {
      await clientOf(db, tx).user.update({ where: { id }, data: changes });
    },
    async lockActiveAdminIds(tx) {
      const rows = await clientOf(db, tx).$queryRaw<Array<{ id: string }>>`
        SELECT id::text AS id FROM users WHERE is_admin AND NOT disabled ORDER BY id FOR UPDATE`;
      return rows.map((r) => r.id);
    },
    async revokeEnrolmentTokens(userId, tx) {
      const { count } = await clientOf(db, tx).setupToken.deleteMany({
        where: { userId, purpose: 'enrolment', usedAt: null },
      });
      return count;
    },
    async existingUserIds(ids, tx) {
      if (ids.length === 0) return [];
      const rows = await clientOf(db, tx).user.findMany({
        where: { id: { in: [...ids] } },
        select: { id: true },
      });
      return rows.map((r) => r.id);
    },

    // --- groups --------------------------------------------------------------------------
    async listGroups(tx) {
      const rows = await clientOf(db, tx).group.findMany({ include: groupInclude, orderBy: { name: 'asc' } });
      return rows.map(toGroupView);
    },
    async findGroup(id, tx) {
      const row = await clientOf(db, tx).group.findUnique({ where: { id }, include: groupInclude });
      return row && toGroupView(row);
    },
    async createGroup(group, tx) {
      return uniquely(clientOf(db, tx).group.create({ data: group, select: { id: true } }));
    },
    async updateGroup(id, changes, tx) {
      await uniquely(clientOf(db, tx).group.update({ where: { id }, data: changes }));
    },
    async deleteGroup(id, tx) {
      await clientOf(db, tx).group.delete({ where: { id } });
    },
    async listMembers(groupId, tx) {
      const rows = await clientOf(db, tx).groupMembership.findMany({
        where: { groupId },
        select: {
          createdAt: true,
          user: { select: { id: true, username: true, displayName: true, disabled: true } },
        },
        orderBy: { user: { username: 'asc' } },
      });
      return rows.map((m) => ({
        userId: m.user.id,
        username: m.user.username,
        displayName: m.user.displayName,
        disabled: m.user.disabled,
        addedAt: m.createdAt,
      }));
    },
    async addMember(groupId, userId, tx) {
      await uniquely(clientOf(db, tx).groupMembership.create({ data: { groupId, userId } }));
    },
    async removeMember(groupId, userId, tx) {
      const { count } = await clientOf(db, tx).groupMembership.deleteMany({ where: { groupId, userId } });
      return count > 0;
    },
    async existingGroupIds(ids, tx) {
      if (ids.length === 0) return [];
      const rows = await clientOf(db, tx).group.findMany({
        where: { id: { in: [...ids] } },
        select: { id: true },
      });
      return rows.map((r) => r.id);
    },

    // --- accounts ------------------------------------------------------------------------
    async listAccounts(tx) {
      const rows = await clientOf(db, tx).awsAccount.findMany({
        include: { _count: { select: { roles: true } } },
        orderBy: { name: 'asc' },
      });
      return rows.map(toAccountView);
    },
    async findAccount(id, tx) {
      const row = await clientOf(db, tx).awsAccount.findUnique({
        where: { id },
        include: { _count: { select: { roles: true } } },
      });
      return row && toAccountView(row);
    },
    async createAccount(account, tx) {
      return uniquely(clientOf(db, tx).awsAccount.create({ data: account, select: { id: true } }));
    },
    async updateAccount(id, changes, tx) {
      await uniquely(clientOf(db, tx).awsAccount.update({ where: { id }, data: changes }));
    },
    async deleteAccount(id, tx) {
      try {
        await clientOf(db, tx).awsAccount.delete({ where: { id } });
      } catch (err) {
        // roles.account_id is ON DELETE RESTRICT: a role added since the service's check lands here.
        if ((err as { code?: unknown }).code !== 'P2003') throw err;
        throw new AppError('conflict', 'Delete the roles of this account first.', {
          fields: [{ field: 'id', reason: 'account has roles' }],
          cause: err,
        });
      }
    },

    // --- roles ---------------------------------------------------------------------------
    async listRoles({ accountId }, tx) {
      const rows = await clientOf(db, tx).role.findMany({
        where: accountId ? { accountId } : {},
        include: { _count: { select: { grants: true } } },
        orderBy: [{ account: { name: 'asc' } }, { displayName: 'asc' }, { arn: 'asc' }],
      });
      return rows.map(toRoleView);
    },
    async findRole(id, tx) {
      const row = await clientOf(db, tx).role.findUnique({
        where: { id },
        include: { _count: { select: { grants: true } } },
      });
      return row && toRoleView(row);
    },
    async createRole(role, tx) {
      return uniquely(clientOf(db, tx).role.create({ data: role, select: { id: true } }));
    },
    async updateRole(id, changes, tx) {
      await uniquely(clientOf(db, tx).role.update({ where: { id }, data: changes }));
    },
    async deleteRole(id, tx) {
      await clientOf(db, tx).role.delete({ where: { id } });
    },

    // --- grants --------------------------------------------------------------------------
    async listGrants({ roleId, userId, groupId }, tx) {
      const rows = await clientOf(db, tx).grant.findMany({
        where: {
          ...(roleId ? { roleId } : {}),
          ...(userId ? { userId } : {}),
          ...(groupId ? { groupId } : {}),
        },
        include: grantInclude,
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      });
      return rows.map(toGrantView);
    },
    async findGrant(id, tx) {
      const row = await clientOf(db, tx).grant.findUnique({ where: { id }, include: grantInclude });
      return row && toGrantView(row);
    },
    async createGrant(grant, tx) {
      return uniquely(clientOf(db, tx).grant.create({ data: grant, select: { id: true } }));
    },
    async updateGrant(id, changes, tx) {
      await clientOf(db, tx).grant.update({ where: { id }, data: changes });
    },
    async deleteGrant(id, tx) {
      await clientOf(db, tx).grant.delete({ where: { id } });
    },
  };
}
