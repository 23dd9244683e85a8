/** What an admin audit row records of a record before and after a change: its writable fields, no secrets. */
import type { AccountView, AdminUserView, GrantView, GroupView, RoleView } from './ports';

export function userSnapshot(u: AdminUserView) {
  return {
    username: u.username,
    displayName: u.displayName,
    email: u.email,
    isAdmin: u.isAdmin,
    disabled: u.disabled,
  };
}

export function groupSnapshot(g: GroupView) {
  return { name: g.name, description: g.description };
}

export function accountSnapshot(a: AccountView) {
  return {
    awsAccountId: a.awsAccountId,
    name: a.name,
    partition: a.partition,
    colour: a.colour,
    description: a.description,
    defaultRegion: a.defaultRegion,
    disabled: a.disabled,
  };
}

export function roleSnapshot(r: RoleView) {
  return {
    accountId: r.accountId,
    arn: r.arn,
    roleName: r.roleName,
    rolePath: r.rolePath,
    displayName: r.displayName,
    description: r.description,
    maxSessionSeconds: r.maxSessionSeconds,
    sessionPolicy: r.sessionPolicy,
    requiresStepUp: r.requiresStepUp,
  };
}

export function grantSnapshot(g: GrantView) {
  return {
    roleId: g.roleId,
    userId: g.userId,
    groupId: g.groupId,
    allowConsole: g.allowConsole,
    allowCli: g.allowCli,
    maxSessionSeconds: g.maxSessionSeconds,
    sourceCidrs: g.sourceCidrs,
    expiresAt: g.expiresAt?.toISOString() ?? null,
    note: g.note,
  };
}
