/** The trust policy a role needs so the broker can assume it, as JSON, CLI, CloudFormation, Terraform. */
import { AppError } from '../shared/app-error';
import { parseRoleReference } from '../broker/aws-names';
import { MAX_SESSION_SECONDS, MIN_SESSION_SECONDS } from '../broker/session-duration';
import { generateTrustPolicy } from '../policy';
import type { GeneratedTrust, TrustPolicyOptions } from '../policy';
import { requireBroker } from './iam-access';
import type { OnboardingDeps } from './onboarding-deps';
import type { ManagedRole } from './ports';

type Target = Parameters<typeof generateTrustPolicy>[0]['role'];

async function configuredTarget(deps: OnboardingDeps, managed: ManagedRole): Promise<Target> {
  const health = await deps.repo.findHealth(managed.role.id);
  return {
    roleName: managed.role.roleName,
    path: managed.role.rolePath,
    accountId: managed.account.awsAccountId,
    partition: managed.account.partition,
    maxSessionSeconds: managed.role.maxSessionSeconds,
    exists: health?.report.exists !== false,
  };
}

async function newTarget(
  deps: OnboardingDeps,
  input: { accountId: string; role: string; maxSessionSeconds?: number },
  all: ManagedRole[],
): Promise<Target> {
  const account = await deps.repo.findAccount(input.accountId);
  if (!account) {
    throw new AppError('not_found', 'No such account.', {
      fields: [{ field: 'accountId', reason: 'unknown account' }],
    });
  }
  const parsed = parseRoleReference(input.role, {
    accountId: account.awsAccountId,
    partition: account.partition,
  });
  const seconds = input.maxSessionSeconds ?? 3600;
  if (!Number.isInteger(seconds) || seconds < MIN_SESSION_SECONDS || seconds > MAX_SESSION_SECONDS) {
    const range = `must be from ${MIN_SESSION_SECONDS} to ${MAX_SESSION_SECONDS}`;
    throw new AppError('validation', `maxSessionSeconds ${range}.`, {
      fields: [{ field: 'maxSessionSeconds', reason: range }],
    });
  }
  return {
    roleName: parsed.roleName,
    path: parsed.path,
    accountId: account.awsAccountId,
    partition: account.partition,
    // IAM's MaxSessionDuration starts at one hour.
    maxSessionSeconds: Math.max(3600, seconds),
    exists: all.some((m) => m.role.arn === parsed.arn),
  };
}

/** For a configured role (`roleId`), or a role not configured yet (`accountId` and `role`). */
export async function generateTrust(
  deps: OnboardingDeps,
  input: { roleId?: string; accountId?: string; role?: string; maxSessionSeconds?: number },
  options: TrustPolicyOptions = {},
): Promise<GeneratedTrust> {
  if (!input.roleId && !(input.accountId && input.role)) {
    throw new AppError(
      'validation',
      'Name a configured role (roleId), or an account and a role (accountId and role).',
      {
        fields: [{ field: 'roleId', reason: 'roleId, or accountId and role, is required' }],
      },
    );
  }
  const broker = await requireBroker(deps);
  const all = await deps.repo.listManagedRoles();
  let target: Target;
  if (input.roleId) {
    const managed = all.find((m) => m.role.id === input.roleId);
    if (!managed) throw new AppError('not_found', 'No such role.');
    target = await configuredTarget(deps, managed);
  } else {
    target = await newTarget(
      deps,
      {
        accountId: input.accountId as string,
        role: input.role as string,
        ...(input.maxSessionSeconds === undefined ? {} : { maxSessionSeconds: input.maxSessionSeconds }),
      },
      all,
    );
  }
  return generateTrustPolicy({
    brokerPrincipalArn: broker.principalArn,
    brokerIsRoleSession: broker.isRoleSession,
    role: target,
    managedRoleArns: all.map((m) => m.role.arn),
    iamRoleName: deps.settings.iamRoleName,
    options: { ...deps.settings.trustOptions, ...options },
  });
}
