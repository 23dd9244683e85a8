import { describe, expect, it } from 'vitest';
import type { MyAccess, MyAccount, MyRole } from '@gatehouse/contracts';
import { EXIT } from '../src/errors';
import type { CliError } from '../src/errors';
import { listRoles, resolveTarget, slug } from '../src/resolve';

let n = 0;
function role(roleName: string, displayName: string): MyRole {
  n++;
  return {
    roleId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    grantId: `00000000-0000-4000-9000-${String(n).padStart(12, '0')}`,
    roleName,
    arn: `arn:aws:iam::123456789012:role/${roleName}`,
    displayName,
    description: '',
    allowConsole: true,
    allowCli: true,
    maxSessionSeconds: 3600,
    maxSessionLimitedBy: 'role',
    maxSessionExplanation: 'Sessions last at most 1 h: the role allows 1 h in Gatehouse.',
    requiresStepUp: false,
    favourite: false,
    grantExpiresAt: null,
    via: ['direct'],
  };
}
function account(name: string, awsAccountId: string, roles: MyRole[]): MyAccount {
  n++;
  return {
    id: `00000000-0000-4000-a000-${String(n).padStart(12, '0')}`,
    awsAccountId,
    name,
    partition: 'aws',
    colour: '#000000',
    description: '',
    defaultRegion: null,
    roles,
  };
}

const access: MyAccess = {
  roleChaining: false,
  stepUpValidUntil: null,
  accounts: [
    account('Prod Main', '111111111111', [role('Admin', 'Administrator'), role('ReadOnly', 'Read only')]),
    account('prod-main', '222222222222', [role('Admin', 'Admin (EU)')]),
    account('sandbox', '333333333333', [role('Dev', 'Read only')]),
  ],
};

function failure(target: string): CliError {
  try {
    resolveTarget(access, target);
  } catch (err) {
    return err as CliError;
  }
  throw new Error(`${target} resolved`);
}

describe('resolveTarget', () => {
  it('finds a role by account name, alias or id and by role name or display name', () => {
    expect(resolveTarget(access, 'sandbox/dev').role.roleName).toBe('Dev');
    expect(resolveTarget(access, '333333333333/Read only').role.roleName).toBe('Dev');
    expect(resolveTarget(access, 'sandbox/read-only').role.roleName).toBe('Dev');
    expect(resolveTarget(access, 'Prod Main/readonly').account.awsAccountId).toBe('111111111111');
  });

  it('lists the candidates when a name is ambiguous', () => {
    const err = failure('prod-main/Admin');
    expect(err.exitCode).toBe(EXIT.ambiguous);
    expect(err.message).toContain('111111111111/Admin, 222222222222/Admin');
  });

  it('says "not granted" for roles the user does not have, naming theirs', () => {
    const err = failure('sandbox/Admin');
    expect(err.exitCode).toBe(EXIT.notGranted);
    expect(err.message).toContain('sandbox/Dev');
    expect(failure('nowhere/Admin').message).toMatch(/gatehouse roles/);
    expect(failure('justaname').exitCode).toBe(EXIT.usage);
  });

  it('prints targets that resolve back to the same role', () => {
    for (const entry of listRoles(access))
      expect(resolveTarget(access, entry.target).role.roleId).toBe(entry.role.roleId);
    expect(listRoles(access).map((e) => e.target)).toEqual([
      '111111111111/Admin',
      '111111111111/ReadOnly',
      '222222222222/Admin',
      'sandbox/Dev',
    ]);
    expect(slug('Prod (EU) — Main')).toBe('prod-eu-main');
  });
});
