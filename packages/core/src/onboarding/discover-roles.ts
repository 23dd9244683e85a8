/** Roles of an account that already trust the broker (IAM ListRoles), and adding them in one go. */
import { AppError } from '../shared/app-error';
import type { AccountRecord, RoleRecord } from '../shared/access-records';
import type { AdminCall } from '../shared/request-context';
import { MAX_SESSION_SECONDS, MIN_SESSION_SECONDS } from '../broker/session-duration';
import type { BrokerIdentity } from '../broker/ports';
import { checkBrokerTrust, readPolicy } from '../policy';
import { explainIamError, iamFor, requireBroker } from './iam-access';
import type { IamPort, IamRole } from './ports';
import { DISCOVER_LIMIT } from './onboarding-deps';
import type { OnboardingDeps, OnboardingKit } from './onboarding-deps';
import { refreshHealth } from './role-health';

export interface DiscoveredRole {
  arn: string;
  roleName: string;
  path: string;
  maxSessionSeconds: number;
  /** Allows all three actions the broker needs. */
  trusted: boolean;
  /** Allows sts:AssumeRole but not SetSourceIdentity and/or TagSession. */
  partial: boolean;
  unverifiable: boolean;
  explanation: string;
  /** Already configured in Gatehouse (its role id). */
  managedRoleId: string | null;
}

/** The role as a discovery result, or null when its trust policy does not let the broker in at all. */
function discovered(r: IamRole, broker: BrokerIdentity, managed: Map<string, string>): DiscoveredRole | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(r.trustPolicy);
  } catch {
    return null;
  }
  const policy = readPolicy(parsed).policy;
  if (!policy) return null;
  const check = checkBrokerTrust(policy, {
    principalArn: broker.principalArn,
    sessionArn: broker.isRoleSession ? broker.arn : null,
  });
  const assume = check.actions.find((a) => a.action === 'sts:AssumeRole');
  if (!check.trusted && !check.unverifiable && assume?.decision !== 'allow') return null;
  return {
    arn: r.arn,
    roleName: r.roleName,
    path: r.path,
    maxSessionSeconds: r.maxSessionSeconds,
    trusted: check.trusted,
    partial: !check.trusted && assume?.decision === 'allow',
    unverifiable: check.unverifiable,
    explanation: check.explanation,
    managedRoleId: managed.get(r.arn.toLowerCase()) ?? null,
  };
}

async function discoverIn(
  deps: OnboardingDeps,
  account: AccountRecord,
): Promise<{ roles: DiscoveredRole[]; scanned: number; truncated: boolean; as: string }> {
  const broker = await requireBroker(deps);
  let target: { iam: IamPort; as: string } | null = null;
  try {
    target = await iamFor(deps, account);
    const listed = await target.iam.listRoles({ limit: DISCOVER_LIMIT });
    const managed = new Map(
      (await deps.repo.listManagedRoles()).map((m) => [m.role.arn.toLowerCase(), m.role.id] as const),
    );
    const roles = listed.roles.flatMap((r) => discovered(r, broker, managed) ?? []);
    return { roles, scanned: listed.roles.length, truncated: listed.truncated, as: target.as };
  } catch (err) {
    throw explainIamError(deps, err, 'ListRoles', null, target?.as ?? null);
  }
}

async function mustFindAccount(deps: OnboardingDeps, accountId: string): Promise<AccountRecord> {
  const account = await deps.repo.findAccount(accountId);
  if (!account) throw new AppError('not_found', 'No such account.');
  return account;
}

export async function discoverRoles(deps: OnboardingDeps, accountId: string) {
  return discoverIn(deps, await mustFindAccount(deps, accountId));
}

type ImportResult = { arn: string; role: RoleRecord | null; error: string | null };

/** Adds discovered roles to Gatehouse (each audited as a role creation), then checks them. */
export async function importRoles(
  kit: OnboardingKit,
  call: AdminCall,
  accountId: string,
  arns: readonly string[],
): Promise<ImportResult[]> {
  const account = await mustFindAccount(kit, accountId);
  const found = await discoverIn(kit, account);
  const byArn = new Map(found.roles.map((r) => [r.arn, r]));
  const out: ImportResult[] = [];
  for (const arn of arns) {
    const candidate = byArn.get(arn);
    if (!candidate) {
      out.push({ arn, role: null, error: 'Not among the roles of this account that trust the broker.' });
      continue;
    }
    if (candidate.managedRoleId) {
      out.push({ arn, role: null, error: 'Already configured in Gatehouse.' });
      continue;
    }
    try {
      const role = await kit.importRole(call, {
        accountId: account.id,
        role: arn,
        maxSessionSeconds: Math.min(
          MAX_SESSION_SECONDS,
          Math.max(MIN_SESSION_SECONDS, candidate.maxSessionSeconds),
        ),
      });
      out.push({ arn, role, error: null });
    } catch (err) {
      if (!(err instanceof AppError) || err.statusCode >= 500) throw err;
      out.push({ arn, role: null, error: err.message });
    }
  }
  const imported = out.flatMap((o) => (o.role ? [o.role.id] : []));
  if (imported.length > 0) await refreshHealth(kit, imported).catch(() => undefined);
  return out;
}
