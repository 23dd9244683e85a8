/** Reaching IAM in an account: as the configured IAM role, or as the broker in its own account. */
import { AppError } from '../shared/app-error';
import { AwsCallError } from '../shared/aws-call-error';
import type { AccountRecord, RoleRecord } from '../shared/access-records';
import type { BrokerIdentity } from '../broker/ports';
import type { OnboardingDeps } from './onboarding-deps';
import { policySize } from '../policy';
import type { IamPort } from './ports';

/** Raised inside onboarding when IAM cannot be reached with the current configuration. */
export class IamNotReachable extends Error {}

export function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** The broker's identity if known, without waiting long on AWS when it is not. */
export async function brokerIdentity(
  deps: Pick<OnboardingDeps, 'identity'>,
): Promise<{ broker: BrokerIdentity | null; error: string | null }> {
  const { identity } = deps;
  const known = identity.peek();
  if (known.identity) return { broker: known.identity, error: null };
  if (known.checkedAt) {
    // AWS failed recently: answer now (a lint must not wait on it) and retry in the background.
    void identity.get().catch(() => undefined);
    return { broker: null, error: known.error };
  }
  try {
    return { broker: await identity.get(), error: null };
  } catch {
    return { broker: null, error: identity.peek().error ?? 'GetCallerIdentity failed' };
  }
}

export async function requireBroker(deps: Pick<OnboardingDeps, 'identity'>): Promise<BrokerIdentity> {
  const { broker, error } = await brokerIdentity(deps);
  if (!broker) {
    throw new AppError(
      'unavailable',
      `Gatehouse does not know its own AWS identity right now${error ? ` (${error})` : ''}, so it cannot say what to trust. Try again once it can reach AWS.`,
    );
  }
  return broker;
}

function splitRolePath(value: string): { path: string; roleName: string } {
  const trimmed = value.startsWith('/') ? value : `/${value}`;
  const cut = trimmed.lastIndexOf('/');
  return { path: trimmed.slice(0, cut + 1), roleName: trimmed.slice(cut + 1) };
}

function iamRoleArn(deps: Pick<OnboardingDeps, 'settings'>, account: AccountRecord): string | null {
  if (!deps.settings.iamRoleName) return null;
  const { path, roleName } = splitRolePath(deps.settings.iamRoleName);
  return `arn:${account.partition}:iam::${account.awsAccountId}:role${path}${roleName}`;
}

/** IAM of the account, as the configured IAM role or (in its own account only) as the broker. */
export async function iamFor(
  deps: Pick<OnboardingDeps, 'identity' | 'iam' | 'settings'>,
  account: AccountRecord,
): Promise<{ iam: IamPort; as: string }> {
  const viaRole = iamRoleArn(deps, account);
  if (viaRole) return { iam: deps.iam.viaRole(viaRole), as: viaRole };
  const { broker, error } = await brokerIdentity(deps);
  if (!broker) {
    throw new IamNotReachable(
      `Gatehouse does not know its own AWS identity${error ? ` (${error})` : ''}, so it cannot read IAM.`,
    );
  }
  if (broker.account !== account.awsAccountId || broker.partition !== account.partition) {
    throw new IamNotReachable(
      `IAM is per account: Gatehouse's own credentials (${broker.principalArn}) reach account ${broker.account} only, ` +
        `and this role is in ${account.awsAccountId}. Set GATEHOUSE_IAM_ROLE to a role Gatehouse may assume in each account to read and change roles there.`,
    );
  }
  return { iam: deps.iam.own(account.partition), as: broker.principalArn };
}

function permissionsFor(operation: string): string {
  if (operation === 'PutRolePolicy') return 'iam:PutRolePolicy, iam:GetRolePolicy and iam:ListRolePolicies';
  if (operation === 'ListRoles') return 'iam:ListRoles';
  return 'iam:GetRole, iam:ListRolePolicies and iam:GetRolePolicy';
}

/** What a failed IAM call means to the administrator, and what to grant to whom. */
export function explainIamError(
  deps: Pick<OnboardingDeps, 'settings'>,
  err: unknown,
  operation: string,
  role: RoleRecord | null,
  as: string | null,
): AppError {
  if (err instanceof AppError) return err;
  const target = role ? ` on ${role.arn}` : '';
  if (err instanceof IamNotReachable) return new AppError('aws_access_denied', err.message, { cause: err });
  if (!(err instanceof AwsCallError))
    return new AppError('internal', `IAM ${operation} failed`, { cause: err });
  const options = { cause: err };
  switch (err.errorClass) {
    case 'access_denied':
      return new AppError(
        'aws_access_denied',
        `IAM refused ${operation}${target} for ${as ?? 'Gatehouse'}: that principal needs ${permissionsFor(operation)}${target}. ` +
          (deps.settings.iamRoleName
            ? `Grant them to ${as ?? 'the configured IAM role'} (the trust policy generator shows its policy).`
            : 'Ideally give them to a separate role for administration and set GATEHOUSE_IAM_ROLE, rather than to the broker itself.'),
        options,
      );
    case 'not_found':
      return new AppError('bad_gateway', `IAM has no such role${target}.`, options);
    case 'throttled':
    case 'server_error':
    case 'network':
      return new AppError(
        'unavailable',
        `IAM is failing or throttling (${err.attempts} attempts). Try again shortly.`,
        options,
      );
    case 'timeout':
      return new AppError('gateway_timeout', 'IAM did not answer in time. Try again shortly.', options);
    case 'invalid_request':
      return new AppError('bad_gateway', `IAM rejected ${operation}${target}: ${err.message}`, options);
    default:
      return new AppError('bad_gateway', `IAM ${operation} failed${target}: ${err.message}`, options);
  }
}

/**
 * The characters the role's inline policies other than `except` already use: IAM's size limit is
 * for all of them together. `step` says which IAM call is under way, for the error if one fails.
 */
export async function otherInlinePoliciesSize(
  iam: IamPort,
  roleName: string,
  except: string,
  step: { operation: string },
): Promise<number> {
  step.operation = 'ListRolePolicies';
  let total = 0;
  for (const name of await iam.listRolePolicies(roleName)) {
    if (name === except) continue;
    step.operation = 'GetRolePolicy';
    total += policySize((await iam.getRolePolicy(roleName, name)) ?? '');
  }
  return total;
}
