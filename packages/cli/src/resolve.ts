/**
 * ACCOUNT/ROLE → one of the user's roles. ACCOUNT: the account's name (any case), its alias (the
 * name as a profile-safe slug, as `gatehouse roles` and `configure` print it), its 12-digit AWS
 * account id or its Gatehouse id. ROLE: the IAM role name or the display name (any case), or the
 * display name's slug.
 */
import type { MyAccess, MyAccount, MyRole } from '@gatehouse/contracts';
import { CliError, EXIT, usage } from './errors';

export interface RoleEntry {
  account: MyAccount;
  role: MyRole;
  /** What to type: `alias/RoleName`, or `123456789012/RoleName` when two aliases collide. */
  target: string;
}

/** Lower-case, `[a-z0-9._-]` only, dashes collapsed: `Prod (EU) Main` → `prod-eu-main`. */
export function slug(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '');
}

export function accountAlias(account: MyAccount, all: readonly MyAccount[]): string {
  const alias = slug(account.name);
  const clash = all.some((a) => a.id !== account.id && slug(a.name) === alias);
  return alias && !clash ? alias : account.awsAccountId;
}

export function listRoles(access: MyAccess): RoleEntry[] {
  return access.accounts.flatMap((account) =>
    account.roles.map((role) => ({
      account,
      role,
      target: `${accountAlias(account, access.accounts)}/${role.roleName}`,
    })),
  );
}

function accountMatches(account: MyAccount, key: string): boolean {
  const k = key.toLowerCase();
  return (
    account.name.toLowerCase() === k ||
    slug(account.name) === k ||
    account.awsAccountId === key ||
    account.id.toLowerCase() === k
  );
}

function roleMatches(role: MyRole, key: string): boolean {
  const k = key.toLowerCase();
  return (
    role.roleName.toLowerCase() === k ||
    role.displayName.toLowerCase() === k ||
    slug(role.displayName) === k ||
    role.roleId.toLowerCase() === k
  );
}

export function resolveTarget(access: MyAccess, target: string): RoleEntry {
  const cut = target.lastIndexOf('/');
  if (cut <= 0 || cut === target.length - 1) {
    throw usage(`expected ACCOUNT/ROLE, got "${target}"`);
  }
  const accountKey = target.slice(0, cut).trim();
  const roleKey = target.slice(cut + 1).trim();
  const all = listRoles(access);
  const accounts = all.filter((e) => accountMatches(e.account, accountKey));
  const matches = accounts.filter((e) => roleMatches(e.role, roleKey));
  if (matches.length === 1) return matches[0] as RoleEntry;
  if (matches.length > 1) {
    throw new CliError(
      EXIT.ambiguous,
      `"${target}" matches ${matches.length} roles: ${matches.map((m) => m.target).join(', ')}; use one of these`,
    );
  }
  const hint =
    accounts.length > 0
      ? `your roles in that account: ${[...new Set(accounts.map((m) => m.target))].join(', ')}`
      : 'run `gatehouse roles` to list yours';
  throw new CliError(EXIT.notGranted, `no role "${target}" among yours (${hint})`);
}
