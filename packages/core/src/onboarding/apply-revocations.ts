/**
 * The revocation worker: applies the outbox's due revocations to IAM, one role at a time, as an
 * inline deny on the role (GatehouseRevokeUserSessions, and AWSRevokeOlderSessions for what is
 * role-wide). One worker at a time across the fleet (an advisory lock); applying twice is
 * harmless (documents are merged, cut-offs only move forward). A failure is retried with capped
 * backoff until the sessions it is about have expired anyway, then given up, loudly.
 */
import { AwsCallError } from '../shared/aws-call-error';
import type { AwsErrorClass } from '../shared/aws-call-error';
import { auditEvent } from '../shared/audit-event';
import { mapLimit } from '../shared/map-limit';
import type { AccountRecord } from '../shared/access-records';
import type { Tx } from '../shared/ports';
import type { RequestContext } from '../shared/request-context';
import { sourceIdentityFor } from '../broker/aws-names';
import {
  ROLE_REVOCATION_POLICY,
  USER_REVOCATION_POLICY,
  mergeRevocationPolicy,
  planRevocations,
} from '../policy';
import type { RevocationEntry } from '../policy';
import type { RevocationRecord } from '../revocation/ports';
import { explainIamError, iamFor, otherInlinePoliciesSize } from './iam-access';
import { ROLE_INLINE_POLICIES_MAX_CHARS } from './onboarding-deps';
import type { OnboardingDeps } from './onboarding-deps';

/** What a role-wide AWSRevokeOlderSessions document takes of IAM's limit (about 150 characters). */
const ROLE_WIDE_POLICY_CHARS = 200;
/** Roles written at once in a pass (each is a handful of IAM calls in its own account). */
const ROLES_IN_PARALLEL = 4;
/** Rows taken per pass; the rest wait for the next one (seconds later). */
const BATCH = 500;
/** Retries come quickly: IAM coming back should show within seconds, not minutes. */
const MAX_BACKOFF_MS = 10_000;
/**
 * Outages the worker rides out by retrying. For these the row keeps the adapter's own words (which
 * call, and how it failed: HTTP 500, ECONNREFUSED, ...) rather than the generic "try again shortly".
 */
const TRANSIENT = new Set<AwsErrorClass>(['throttled', 'server_error', 'network', 'timeout']);

export interface WorkerPass {
  /** False when another process held the worker lock: it does the work. */
  ran: boolean;
  applied: number;
  failing: number;
  givenUp: Array<{ id: string; roleArn: string; error: string }>;
}

function backoffMs(attempts: number): number {
  return Math.min(MAX_BACKOFF_MS, 1000 * 2 ** Math.max(0, attempts - 1));
}

function entryOf(row: RevocationRecord): RevocationEntry {
  const cutoff = row.cutoff;
  switch (row.scope) {
    case 'user':
      return { target: { scope: 'user', sourceIdentity: sourceIdentityFor(row.userId ?? '') }, cutoff };
    case 'grant':
      return { target: { scope: 'grant', grantId: row.grantId ?? '' }, cutoff };
    case 'grant_user':
      return {
        target: {
          scope: 'grant_user',
          grantId: row.grantId ?? '',
          sourceIdentity: sourceIdentityFor(row.userId ?? ''),
        },
        cutoff,
      };
    case 'login':
      return { target: { scope: 'login', loginId: row.loginId ?? '' }, cutoff };
    case 'role':
      return { target: { scope: 'role' }, cutoff };
  }
}

function workerContext(row: RevocationRecord): RequestContext {
  return { ip: 'server', userAgent: 'gatehouse-revocation-worker', requestId: row.id };
}

function audit(
  deps: OnboardingDeps,
  row: RevocationRecord,
  action: 'revocation.applied' | 'revocation.failed' | 'revocation.given_up',
  details: Record<string, unknown>,
  tx?: Tx,
) {
  return deps.audit.append(
    auditEvent({
      action,
      outcome: action === 'revocation.applied' ? 'success' : 'failure',
      actor: null,
      ctx: workerContext(row),
      targetUserId: row.userId,
      accountId: row.accountId,
      roleId: row.roleId,
      correlationId: row.id,
      details: {
        reason: row.reason,
        scope: row.scope,
        roleArn: row.roleArn,
        cutoff: row.cutoff.toISOString(),
        grantId: row.grantId,
        loginId: row.loginId,
        requestedBy: row.requestedByUsername,
        liveSessions: row.liveSessions,
        ...details,
      },
    }),
    tx,
  );
}

/** Writes every due revocation of one role; returns the inline policy that now carries them. */
async function writeRole(
  deps: OnboardingDeps,
  rows: RevocationRecord[],
  step: { operation: string; as: string | null },
): Promise<{ policyName: string; fellBack: boolean; merged: number; pruned: number }> {
  const first = rows[0] as RevocationRecord;
  const account = { partition: first.partition, awsAccountId: first.awsAccountId } as AccountRecord;
  const { iam, as } = await iamFor(deps, account);
  step.as = as;
  const now = deps.now();
  step.operation = 'GetRolePolicy';
  const existing = await iam.getRolePolicy(first.roleName, USER_REVOCATION_POLICY);
  const others = await otherInlinePoliciesSize(iam, first.roleName, USER_REVOCATION_POLICY, step);
  step.operation = 'GetRolePolicy';
  const existingRoleWide = await iam.getRolePolicy(first.roleName, ROLE_REVOCATION_POLICY);
  // A fallback may have to create AWSRevokeOlderSessions: leave room for it.
  const roomForRoleWide = existingRoleWide === null ? ROLE_WIDE_POLICY_CHARS : 0;
  const budgetChars = ROLE_INLINE_POLICIES_MAX_CHARS - others - roomForRoleWide;
  const plan = planRevocations(existing, rows.map(entryOf), { now, budgetChars });
  // Role-wide first: after a fallback, what it covers is no longer in the per-target document.
  if (plan.roleWideCutoff) {
    const roleWide = mergeRevocationPolicy(existingRoleWide, {
      cutoff: plan.roleWideCutoff,
      sourceIdentity: null,
      now,
    });
    step.operation = 'PutRolePolicy';
    await iam.putRolePolicy(first.roleName, ROLE_REVOCATION_POLICY, roleWide.document);
  }
  // No document: nothing per target is left to deny (an older one, if any, denies nothing live).
  if (plan.document !== null) {
    step.operation = 'PutRolePolicy';
    await iam.putRolePolicy(first.roleName, USER_REVOCATION_POLICY, plan.document);
  }
  const policyName =
    plan.roleWideCutoff && plan.document === null ? ROLE_REVOCATION_POLICY : USER_REVOCATION_POLICY;
  // Read back: a revocation is applied when IAM returns it, not when IAM accepted the write.
  step.operation = 'GetRolePolicy';
  if ((await iam.getRolePolicy(first.roleName, policyName)) === null) {
    throw new AwsCallError('malformed_response', `IAM accepted ${policyName} but does not return it`);
  }
  return { policyName, fellBack: plan.fellBack, merged: plan.merged, pruned: plan.pruned };
}

async function applyRole(deps: OnboardingDeps, rows: RevocationRecord[], pass: WorkerPass): Promise<void> {
  const { revocations: outbox } = deps;
  const ids = rows.map((r) => r.id);
  const step = { operation: 'GetRolePolicy', as: null as string | null };
  try {
    const written = await writeRole(deps, rows, step);
    // Applied and audited together: a revocation is never applied without its event.
    await deps.transactions.run(async (tx) => {
      await outbox.markApplied(ids, { at: deps.now(), policyName: written.policyName }, tx);
      for (const row of rows) {
        await audit(
          deps,
          row,
          'revocation.applied',
          {
            policyName: written.policyName,
            changedAs: step.as,
            // Entries that did not fit IAM's size limit were cut off role-wide instead: said here.
            roleWideFallback: written.fellBack,
          },
          tx,
        );
      }
    });
    pass.applied += rows.length;
  } catch (err) {
    const first = rows[0] as RevocationRecord;
    const role = { arn: first.roleArn } as Parameters<typeof explainIamError>[3];
    const error =
      err instanceof AwsCallError && TRANSIENT.has(err.errorClass)
        ? `${err.message} (${err.attempts} attempt${err.attempts === 1 ? '' : 's'})`
        : explainIamError(deps, err, step.operation, role, step.as).message;
    const now = deps.now();
    for (const row of rows) {
      if (row.sessionsEndAt.getTime() <= now.getTime()) {
        await deps.transactions.run(async (tx) => {
          await outbox.markGivenUp([row.id], { error }, tx);
          await audit(deps, row, 'revocation.given_up', { error, attempts: row.attempts + 1 }, tx);
        });
        pass.givenUp.push({ id: row.id, roleArn: row.roleArn, error });
        continue;
      }
      await outbox.markFailing([row.id], {
        error,
        nextAttemptAt: new Date(now.getTime() + backoffMs(row.attempts + 1)),
      });
      if (row.attempts === 0)
        await audit(deps, row, 'revocation.failed', { error, operation: step.operation });
      pass.failing++;
    }
  }
}

/** One pass of the worker over what is due; the server runs it every second. */
export async function applyDueRevocations(deps: OnboardingDeps): Promise<WorkerPass> {
  // Most passes find nothing due: they take no lock (and open no connection for one).
  if ((await deps.revocations.due(deps.now(), 1)).length === 0) {
    return { ran: true, applied: 0, failing: 0, givenUp: [] };
  }
  const locked = await deps.revocations.withWorkerLock(async () => {
    const pass: WorkerPass = { ran: true, applied: 0, failing: 0, givenUp: [] };
    const due = await deps.revocations.due(deps.now(), BATCH);
    const byRole = new Map<string, RevocationRecord[]>();
    for (const row of due) byRole.set(row.roleArn, [...(byRole.get(row.roleArn) ?? []), row]);
    // A few roles at a time: an account whose IAM stalls holds up only its own revocations.
    await mapLimit([...byRole.values()], ROLES_IN_PARALLEL, (rows) => applyRole(deps, rows, pass));
    return pass;
  });
  return locked.ran ? locked.value : { ran: false, applied: 0, failing: 0, givenUp: [] };
}
