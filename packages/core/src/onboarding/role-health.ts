/** Every configured role checked against IAM (on demand and periodically), and the stored result. */
import { AppError } from '../shared/app-error';
import { AwsCallError } from '../shared/aws-call-error';
import { mapLimit } from '../shared/map-limit';
import type { RoleRecord } from '../shared/access-records';
import { checkRoleHealth } from './check-role-health';
import type { IamLookup } from './check-role-health';
import { brokerIdentity, describe, iamFor } from './iam-access';
import type { OnboardingDeps, OnboardingKit } from './onboarding-deps';
import type { IamPort, IamRole, ManagedRole, StoredRoleHealth } from './ports';

/** Inline policies read per role when looking for revocations. */
const MAX_INLINE_POLICIES_READ = 25;
const REFRESH_CONCURRENCY = 4;

async function lookup(iam: IamPort, role: RoleRecord, as: string): Promise<IamLookup> {
  let found: IamRole | null;
  try {
    found = await iam.getRole(role.roleName);
  } catch (err) {
    return {
      kind: 'error',
      errorClass: err instanceof AwsCallError ? err.errorClass : 'unknown',
      message: `Gatehouse could not read ${role.arn} as ${as}: ${describe(err)}`,
    };
  }
  if (!found) return { kind: 'missing' };
  try {
    const names = await iam.listRolePolicies(role.roleName);
    const inlinePolicies: Array<{ name: string; document: string }> = [];
    for (const name of names.slice(0, MAX_INLINE_POLICIES_READ)) {
      const document = await iam.getRolePolicy(role.roleName, name);
      if (document !== null) inlinePolicies.push({ name, document });
    }
    return { kind: 'found', role: found, inlinePolicies };
  } catch (err) {
    return { kind: 'found', role: found, inlinePolicies: { error: describe(err) } };
  }
}

/** Checks one role against IAM and stores what was found. */
export async function checkOne(
  deps: OnboardingDeps,
  managed: ManagedRole,
  managedArns: string[],
): Promise<StoredRoleHealth> {
  const { role, account } = managed;
  const { broker, error } = await brokerIdentity(deps);
  let iamLookup: IamLookup;
  let checkedAs: string | null = null;
  try {
    const target = await iamFor(deps, account);
    checkedAs = target.as;
    iamLookup = await lookup(target.iam, role, target.as);
  } catch (err) {
    iamLookup = { kind: 'error', errorClass: 'configuration', message: describe(err) };
  }
  const report = checkRoleHealth({
    role,
    account,
    broker,
    brokerError: error,
    checkedAs,
    lookup: iamLookup,
    managedRoleArns: managedArns,
    iamRoleName: deps.settings.iamRoleName,
    ...(deps.settings.trustOptions ? { trustOptions: deps.settings.trustOptions } : {}),
    now: deps.now(),
  });
  const health: StoredRoleHealth = {
    roleId: role.id,
    status: report.status,
    checkedAt: new Date(report.checkedAt),
    iamMaxSessionSeconds: report.iam?.maxSessionSeconds ?? null,
    report,
  };
  await deps.repo.saveHealth(health);
  return health;
}

/** Checks the given roles (all when omitted) against IAM now and stores the result. */
export async function refreshHealth(
  kit: OnboardingKit,
  roleIds?: readonly string[],
): Promise<StoredRoleHealth[]> {
  const all = await kit.repo.listManagedRoles();
  const managedArns = all.map((m) => m.role.arn);
  if (roleIds === undefined) {
    // One full sweep at a time: the timer and an admin's click share it.
    kit.sweep.running ??= (async () => {
      try {
        const results = await mapLimit(all, REFRESH_CONCURRENCY, (m) => checkOne(kit, m, managedArns));
        await kit.repo.pruneHealth();
        return results;
      } finally {
        kit.sweep.running = null;
      }
    })();
    return kit.sweep.running;
  }
  const wanted = new Set(roleIds);
  const selected = all.filter((m) => wanted.has(m.role.id));
  const unknown = [...wanted].filter((id) => !selected.some((m) => m.role.id === id));
  if (unknown.length > 0) {
    throw new AppError('not_found', 'No such role.', {
      fields: unknown.map((id) => ({ field: 'roleIds', reason: `unknown role ${id}` })),
    });
  }
  return mapLimit(selected, REFRESH_CONCURRENCY, (m) => checkOne(kit, m, managedArns));
}

/** For the periodic timer: every role, never throwing for one role's trouble. */
export async function refreshAllHealth(
  kit: OnboardingKit,
): Promise<{ checked: number; byStatus: Record<string, number> }> {
  const results = await refreshHealth(kit);
  const byStatus: Record<string, number> = {};
  for (const r of results) byStatus[r.status] = (byStatus[r.status] ?? 0) + 1;
  return { checked: results.length, byStatus };
}

/** Stored health of every configured role (never checked yet: null). */
export async function listHealth(
  deps: OnboardingDeps,
): Promise<Array<{ role: ManagedRole; health: StoredRoleHealth | null }>> {
  const [roles, stored] = await Promise.all([deps.repo.listManagedRoles(), deps.repo.listHealth()]);
  const byRole = new Map(stored.map((h) => [h.roleId, h]));
  return roles.map((role) => ({ role, health: byRole.get(role.role.id) ?? null }));
}

export async function mustFindManagedRole(
  deps: Pick<OnboardingDeps, 'repo'>,
  roleId: string,
): Promise<ManagedRole> {
  const managed = await deps.repo.findManagedRole(roleId);
  if (!managed) throw new AppError('not_found', 'No such role.');
  return managed;
}

export async function getHealth(
  deps: OnboardingDeps,
  roleId: string,
): Promise<{ role: ManagedRole; health: StoredRoleHealth | null }> {
  const role = await mustFindManagedRole(deps, roleId);
  return { role, health: await deps.repo.findHealth(roleId) };
}
