/**
 * Ending sessions that are already out, at AWS: an inline deny on the role for sessions issued
 * before now (all of them, or one user's by SourceIdentity). Audited before IAM is touched.
 */
import { createHash, randomUUID } from 'node:crypto';
import { AppError } from '../shared/app-error';
import { AwsCallError } from '../shared/aws-call-error';
import { appendOrRefuse, auditEvent } from '../shared/audit-event';
import type { AuditOutcome } from '../shared/ports';
import type { AdminCall } from '../shared/request-context';
import { sourceIdentityFor } from '../broker/aws-names';
import type { UserRecord } from '../identity/ports';
import { policySize } from '../policy';
import { ROLE_REVOCATION_POLICY, USER_REVOCATION_POLICY, mergeRevocationPolicy } from '../policy';
import { describe, explainIamError, iamFor, otherInlinePoliciesSize } from './iam-access';
import { RECENT_ISSUANCE_HOURS, ROLE_INLINE_POLICIES_MAX_CHARS } from './onboarding-deps';
import type { OnboardingDeps } from './onboarding-deps';
import type { IamPort, ManagedRole } from './ports';
import { checkOne, mustFindManagedRole } from './role-health';

export interface RevocationResult {
  roleId: string;
  roleArn: string;
  scope: 'role' | 'user';
  userId: string | null;
  sourceIdentity: string | null;
  policyName: string;
  cutoff: string;
  /** The document as IAM returned it after the write (URL-decoded). */
  document: string;
  pruned: number;
  changedAs: string;
}

const AUDIT_REFUSED_BEFORE =
  'The audit log cannot be written right now, so nothing was revoked. Try again shortly.';
const AUDIT_REFUSED_AFTER =
  'The audit log cannot record the outcome of the revocation right now. Check the role and try again shortly.';

function record(
  deps: OnboardingDeps,
  call: AdminCall,
  outcome: AuditOutcome,
  managed: ManagedRole,
  user: UserRecord | null,
  details: Record<string, unknown>,
  correlationId: string,
): Promise<void> {
  return appendOrRefuse(
    deps.audit,
    auditEvent({
      action: 'role.revoke_sessions',
      outcome,
      actor: call.actor,
      ctx: call.ctx,
      targetUserId: user?.id ?? null,
      accountId: managed.account.id,
      roleId: managed.role.id,
      correlationId,
      details,
    }),
    outcome === 'pending' ? AUDIT_REFUSED_BEFORE : AUDIT_REFUSED_AFTER,
  );
}

/** Writes the merged revocation policy, refusing when the role's inline policies would exceed IAM's limit. */
async function putRevocation(
  iam: IamPort,
  managed: ManagedRole,
  request: { at: Date; sourceIdentity: string | null; scope: 'role' | 'user' },
  step: { operation: string },
) {
  const { role } = managed;
  const policyName = request.scope === 'user' ? USER_REVOCATION_POLICY : ROLE_REVOCATION_POLICY;
  const merged = mergeRevocationPolicy(await iam.getRolePolicy(role.roleName, policyName), {
    cutoff: request.at,
    sourceIdentity: request.sourceIdentity,
    now: request.at,
  });
  const total =
    policySize(merged.document) +
    (await otherInlinePoliciesSize(iam, role.roleName, merged.policyName, step));
  if (total > ROLE_INLINE_POLICIES_MAX_CHARS) {
    throw new AppError(
      'conflict',
      `The role's inline policies would total ${total} characters, over IAM's ${ROLE_INLINE_POLICIES_MAX_CHARS}: nothing was revoked. ` +
        'Remove inline policies the role no longer needs (or revoke all sessions of the role instead of one user).',
    );
  }
  step.operation = 'PutRolePolicy';
  await iam.putRolePolicy(role.roleName, merged.policyName, merged.document);
  step.operation = 'GetRolePolicy';
  const stored = await iam.getRolePolicy(role.roleName, merged.policyName);
  if (stored === null)
    throw new AppError('bad_gateway', `IAM accepted ${merged.policyName} but does not return it.`);
  return { merged, stored };
}

async function revokeOn(
  deps: OnboardingDeps,
  call: AdminCall,
  managed: ManagedRole,
  user: UserRecord | null,
): Promise<RevocationResult> {
  const { role, account } = managed;
  const at = deps.now();
  const scope = user ? 'user' : 'role';
  const sourceIdentity = user ? sourceIdentityFor(user.id) : null;
  const correlationId = randomUUID();
  const base = {
    scope,
    roleArn: role.arn,
    awsAccountId: account.awsAccountId,
    sourceIdentity,
    requestedCutoff: at.toISOString(),
  };
  // Fail closed: IAM is not touched unless the intent is on record.
  await record(deps, call, 'pending', managed, user, base, correlationId);
  let as: string | null = null;
  const step = { operation: 'GetRolePolicy' };
  let result: RevocationResult;
  try {
    const target = await iamFor(deps, account);
    as = target.as;
    const { merged, stored } = await putRevocation(target.iam, managed, { at, sourceIdentity, scope }, step);
    result = {
      roleId: role.id,
      roleArn: role.arn,
      scope,
      userId: user?.id ?? null,
      sourceIdentity,
      policyName: merged.policyName,
      cutoff: merged.cutoff,
      document: stored,
      pruned: merged.pruned,
      changedAs: target.as,
    };
  } catch (err) {
    const mapped = explainIamError(deps, err, step.operation, role, as);
    const errorClass = err instanceof AwsCallError ? err.errorClass : mapped.code;
    await record(
      deps,
      call,
      'failure',
      managed,
      user,
      { ...base, operation: step.operation, errorClass, changedAs: as },
      correlationId,
    );
    throw mapped;
  }
  await record(
    deps,
    call,
    'success',
    managed,
    user,
    {
      ...base,
      policyName: result.policyName,
      cutoff: result.cutoff,
      pruned: result.pruned,
      changedAs: result.changedAs,
      documentSha256: createHash('sha256').update(result.document).digest('hex'),
    },
    correlationId,
  );
  // The stored health shows the revocation; a failure here changes nothing that was done.
  await checkOne(
    deps,
    managed,
    (await deps.repo.listManagedRoles()).map((m) => m.role.arn),
  ).catch(() => undefined);
  return result;
}

async function mustFindUser(deps: OnboardingDeps, userId: string): Promise<UserRecord> {
  const user = await deps.users.findById(userId);
  if (!user) {
    throw new AppError('not_found', 'No such user.', {
      fields: [{ field: 'userId', reason: 'unknown user' }],
    });
  }
  return user;
}

/** Revokes every session of the role issued before now, or only the user's when `userId` is given. */
export async function revokeSessions(
  deps: OnboardingDeps,
  call: AdminCall,
  roleId: string,
  input: { userId?: string | null } = {},
): Promise<RevocationResult> {
  const managed = await mustFindManagedRole(deps, roleId);
  const user = input.userId ? await mustFindUser(deps, input.userId) : null;
  return revokeOn(deps, call, managed, user);
}

/**
 * Revokes the user's sessions on every role they were issued access to in the last 12 hours
 * (the longest a session can last), e.g. when disabling them. One role's failure does not stop the others.
 */
export async function revokeUserEverywhere(deps: OnboardingDeps, call: AdminCall, userId: string) {
  const user = await mustFindUser(deps, userId);
  const since = new Date(deps.now().getTime() - RECENT_ISSUANCE_HOURS * 3_600_000);
  const roleIds = await deps.repo.rolesIssuedToUserSince(user.id, since);
  const results: Array<{
    roleId: string;
    roleArn: string | null;
    result: RevocationResult | null;
    error: string | null;
  }> = [];
  for (const roleId of roleIds) {
    const managed = await deps.repo.findManagedRole(roleId);
    if (!managed) {
      results.push({
        roleId,
        roleArn: null,
        result: null,
        error: 'The role is no longer configured in Gatehouse.',
      });
      continue;
    }
    try {
      results.push({
        roleId,
        roleArn: managed.role.arn,
        result: await revokeOn(deps, call, managed, user),
        error: null,
      });
    } catch (err) {
      if (err instanceof AppError && err.code === 'unavailable' && /audit/.test(err.message)) throw err;
      results.push({ roleId, roleArn: managed.role.arn, result: null, error: describe(err) });
    }
  }
  return { userId: user.id, sourceIdentity: sourceIdentityFor(user.id), since: since.toISOString(), results };
}
