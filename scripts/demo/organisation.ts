/**
 * The demo's organisation, and seeding it through the real admin API. Every step looks first and
 * creates only what is missing, so a restart (or a run cut short) converges on the same state.
 */
import type {
  AdminAccount,
  AdminAccountList,
  AdminGrantCreated,
  AdminGrantList,
  AdminGroup,
  AdminGroupList,
  AdminRole,
  AdminRoleList,
  GroupMemberList,
} from '@gatehouse/contracts';
import type { ApiClient } from '../stack/api-client';

export interface DemoAccount {
  key: string;
  awsAccountId: string;
  name: string;
  colour: string;
  description: string;
  defaultRegion: string;
}

export interface DemoRole {
  key: string;
  account: string;
  roleName: string;
  displayName: string;
  description: string;
  maxSessionSeconds: number;
}

export interface DemoUser {
  username: string;
  displayName: string;
  isAdmin: boolean;
  /** What the user is for, printed next to their sign-in details. */
  blurb: string;
}

export interface DemoGrant {
  role: string;
  subject: { user: string } | { group: string };
  allowConsole: boolean;
  allowCli: boolean;
  maxSessionSeconds?: number;
  expiresInDays?: number;
  note: string;
}

export const ACCOUNTS: readonly DemoAccount[] = [
  {
    key: 'production',
    awsAccountId: '111122223333',
    name: 'Production',
    colour: '#d13212',
    description: 'Customer-facing workloads.',
    defaultRegion: 'eu-west-1',
  },
  {
    key: 'staging',
    awsAccountId: '444455556666',
    name: 'Staging',
    colour: '#ff9900',
    description: 'Release candidates, production-like data.',
    defaultRegion: 'eu-west-1',
  },
  {
    key: 'sandbox',
    awsAccountId: '777788889999',
    name: 'Sandbox',
    colour: '#1d8102',
    description: 'Experiments; wiped every Friday.',
    defaultRegion: 'us-east-1',
  },
];

export const ROLES: readonly DemoRole[] = [
  {
    key: 'prod-readonly',
    account: 'production',
    roleName: 'ReadOnly',
    displayName: 'Read only',
    description: 'Look, do not touch.',
    maxSessionSeconds: 3600,
  },
  {
    key: 'prod-admin',
    account: 'production',
    roleName: 'Administrator',
    displayName: 'Administrator',
    description: 'Break-glass access to production.',
    maxSessionSeconds: 3600,
  },
  {
    key: 'staging-developer',
    account: 'staging',
    roleName: 'Developer',
    displayName: 'Developer',
    description: 'Deploy and debug release candidates.',
    maxSessionSeconds: 14_400,
  },
  {
    key: 'staging-readonly',
    account: 'staging',
    roleName: 'ReadOnly',
    displayName: 'Read only',
    description: 'Look, do not touch.',
    maxSessionSeconds: 3600,
  },
  {
    key: 'sandbox-admin',
    account: 'sandbox',
    roleName: 'Administrator',
    displayName: 'Administrator',
    description: 'Everything, in the sandbox.',
    maxSessionSeconds: 43_200,
  },
  {
    key: 'sandbox-billing',
    account: 'sandbox',
    roleName: 'BillingViewer',
    displayName: 'Billing viewer',
    description: 'Cost Explorer and invoices.',
    maxSessionSeconds: 3600,
  },
];

export const ADMIN: DemoUser = {
  username: 'admin',
  displayName: 'Ada Admin',
  isAdmin: true,
  blurb: 'administrator; can also enter the sandbox',
};

export const USERS: readonly DemoUser[] = [
  {
    username: 'alice',
    displayName: 'Alice Developer',
    isAdmin: false,
    blurb: 'group developers: staging and sandbox',
  },
  {
    username: 'bob',
    displayName: 'Bob Operator',
    isAdmin: false,
    blurb: 'group operators: read-only, plus production admin (console only)',
  },
];

export const GROUPS: ReadonlyArray<{ name: string; description: string; members: string[] }> = [
  { name: 'developers', description: 'Build and ship the product.', members: ['alice'] },
  { name: 'operators', description: 'Keep production running.', members: ['bob'] },
];

/** A grant for the console and the CLI, as most are. */
function everywhere(role: string, subject: DemoGrant['subject'], note: string): DemoGrant {
  return { role, subject, allowConsole: true, allowCli: true, note };
}

export const GRANTS: readonly DemoGrant[] = [
  everywhere('staging-developer', { group: 'developers' }, 'Day-to-day development.'),
  everywhere('sandbox-admin', { group: 'developers' }, 'Experiments.'),
  everywhere('prod-readonly', { group: 'operators' }, 'Dashboards and logs.'),
  everywhere('staging-readonly', { group: 'operators' }, 'Checking releases before they ship.'),
  {
    role: 'prod-admin',
    subject: { user: 'bob' },
    allowConsole: true,
    allowCli: false,
    maxSessionSeconds: 1800,
    expiresInDays: 30,
    note: 'On call this month.',
  },
  everywhere('sandbox-admin', { user: 'admin' }, 'Trying things out.'),
  everywhere('sandbox-billing', { user: 'admin' }, 'Monthly cost review.'),
];

/**
 * Accounts, roles (registered by the ARNs created in moto), groups, memberships and grants.
 * `userIds` maps every username above to its Gatehouse id.
 */
export async function seedOrganisation(
  admin: ApiClient,
  roleArns: ReadonlyMap<string, string>,
  userIds: ReadonlyMap<string, string>,
): Promise<void> {
  const accountIds = new Map<string, string>();
  const existingAccounts = (await admin.get<AdminAccountList>('/api/admin/accounts')).accounts;
  for (const spec of ACCOUNTS) {
    let account = existingAccounts.find((a) => a.awsAccountId === spec.awsAccountId);
    account ??= await admin.post<AdminAccount>('/api/admin/accounts', {
      awsAccountId: spec.awsAccountId,
      name: spec.name,
      partition: 'aws',
      colour: spec.colour,
      description: spec.description,
      defaultRegion: spec.defaultRegion,
    });
    accountIds.set(spec.key, account.id);
  }

  const roleIds = new Map<string, string>();
  const existingRoles = (await admin.get<AdminRoleList>('/api/admin/roles')).roles;
  for (const spec of ROLES) {
    const arn = need(roleArns, spec.key, 'role ARN');
    let role = existingRoles.find((r) => r.arn === arn);
    role ??= await admin.post<AdminRole>('/api/admin/roles', {
      accountId: need(accountIds, spec.account, 'account'),
      role: arn,
      displayName: spec.displayName,
      description: spec.description,
      maxSessionSeconds: spec.maxSessionSeconds,
    });
    roleIds.set(spec.key, role.id);
  }

  const groupIds = new Map<string, string>();
  const existingGroups = (await admin.get<AdminGroupList>('/api/admin/groups')).groups;
  for (const spec of GROUPS) {
    let group = existingGroups.find((g) => g.name === spec.name);
    group ??= await admin.post<AdminGroup>('/api/admin/groups', {
      name: spec.name,
      description: spec.description,
    });
    groupIds.set(spec.name, group.id);
    const members = (await admin.get<GroupMemberList>(`/api/admin/groups/${group.id}/members`)).members;
    for (const username of spec.members) {
      const userId = need(userIds, username, 'user');
      if (!members.some((m) => m.userId === userId)) {
        await admin.post(`/api/admin/groups/${group.id}/members`, { userId });
      }
    }
  }

  for (const spec of GRANTS) {
    const roleId = need(roleIds, spec.role, 'role');
    const subject =
      'user' in spec.subject
        ? { type: 'user' as const, id: need(userIds, spec.subject.user, 'user') }
        : { type: 'group' as const, id: need(groupIds, spec.subject.group, 'group') };
    const existing = (await admin.get<AdminGrantList>(`/api/admin/grants?roleId=${roleId}`)).grants;
    if (existing.some((g) => g.subject.type === subject.type && g.subject.id === subject.id)) continue;
    await admin.post<AdminGrantCreated>('/api/admin/grants', {
      roleId,
      ...(subject.type === 'user' ? { userIds: [subject.id] } : { groupIds: [subject.id] }),
      allowConsole: spec.allowConsole,
      allowCli: spec.allowCli,
      ...(spec.maxSessionSeconds ? { maxSessionSeconds: spec.maxSessionSeconds } : {}),
      ...(spec.expiresInDays
        ? { expiresAt: new Date(Date.now() + spec.expiresInDays * 86_400_000).toISOString() }
        : {}),
      note: spec.note,
    });
  }
}

function need(map: ReadonlyMap<string, string>, key: string, what: string): string {
  const value = map.get(key);
  if (value === undefined) throw new Error(`demo organisation: no ${what} "${key}"`);
  return value;
}
