/** My-access answers for tests: accounts and roles as GET /api/me/access returns them. */
import type { MyAccess, MyAccount, MyRole } from '@gatehouse/contracts';

let serial = 0;
function uuid(): string {
  serial += 1;
  return `00000000-0000-4000-8000-${String(serial).padStart(12, '0')}`;
}

export function role(overrides: Partial<MyRole> & Pick<MyRole, 'roleName'>): MyRole {
  return {
    roleId: uuid(),
    grantId: uuid(),
    arn: `arn:aws:iam::111122223333:role/${overrides.roleName}`,
    displayName: overrides.roleName,
    description: '',
    allowConsole: true,
    allowCli: true,
    maxSessionSeconds: 3600,
    maxSessionLimitedBy: 'role',
    maxSessionExplanation: 'At most 1 h: the role allows 1 h in Gatehouse.',
    requiresStepUp: false,
    favourite: false,
    grantExpiresAt: null,
    via: ['direct'],
    ...overrides,
  };
}

export function account(overrides: Partial<MyAccount> & Pick<MyAccount, 'name' | 'awsAccountId'>): MyAccount {
  return {
    id: uuid(),
    partition: 'aws',
    colour: '#d13212',
    description: '',
    defaultRegion: 'eu-west-1',
    roles: [],
    ...overrides,
  };
}

export function access(accounts: MyAccount[], overrides: Partial<MyAccess> = {}): MyAccess {
  return { accounts, roleChaining: false, stepUpValidUntil: null, ...overrides };
}

/** `accountCount` accounts of `rolesEach` roles: the dashboard's scale test. */
export function manyRoles(accountCount: number, rolesEach: number): MyAccess {
  const accounts = Array.from({ length: accountCount }, (_, a) =>
    account({
      name: `team-${String(a).padStart(2, '0')}`,
      awsAccountId: String(200000000000 + a),
      roles: Array.from({ length: rolesEach }, (_, r) =>
        role({ roleName: `Role${String(r).padStart(3, '0')}`, displayName: `Role ${r} of team ${a}` }),
      ),
    }),
  );
  return access(accounts);
}
