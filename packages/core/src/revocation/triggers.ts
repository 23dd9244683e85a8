/**
 * The changes that take access away, and what each revokes at AWS. Each runs inside the change's
 * own transaction (`tx`), so the change and its revocations commit together or not at all.
 */
import type { Tx } from '../shared/ports';
import { MAX_SESSION_SECONDS } from '../shared/session-limits';
import type { RevocationDeps, RevocationRequester } from './revocation-deps';
import type { LiveIssuance, NewRevocation, RevokedGrant } from './ports';
import { scheduleRevocations } from './schedule';

/** No AWS session lasts longer: past it, nothing is left to revoke. */
const MAX_SESSION_MS = MAX_SESSION_SECONDS * 1000;

/** Disabled, MFA reset, signed out everywhere: every live session of the user, on every role. */
export function revokeUser(
  deps: RevocationDeps,
  input: {
    userId: string;
    reason: 'user_disabled' | 'mfa_reset' | 'signed_out_everywhere';
    requestedBy: RevocationRequester | null;
  },
  tx?: Tx,
): Promise<NewRevocation[]> {
  return scheduleRevocations(
    deps,
    { reason: input.reason, filter: { userId: input.userId }, scope: 'user', requestedBy: input.requestedBy },
    tx,
  );
}

/** Whether the user still reaches the session's role, for its kind, through another grant. */
function stillGranted(deps: RevocationDeps, grantId: string) {
  return (issuance: LiveIssuance, tx?: Tx) =>
    deps.remainingAccess.holds(
      {
        userId: issuance.userId,
        roleId: issuance.roleId,
        kind: issuance.kind,
        exceptGrantId: grantId,
        now: deps.now(),
      },
      tx,
    );
}

/**
 * A grant deleted or expired: the sessions issued under it. A user's own grant denies its
 * sessions by the grant's tag; a group grant weighs each member apart, leaving the sessions of a
 * member who still has the same role and kind through another grant.
 */
export function revokeGrant(
  deps: RevocationDeps,
  input: {
    grant: RevokedGrant;
    reason: 'grant_deleted' | 'grant_expired';
    requestedBy: RevocationRequester | null;
  },
  tx?: Tx,
): Promise<NewRevocation[]> {
  const { grant } = input;
  if (grant.groupId === null) {
    return scheduleRevocations(
      deps,
      { reason: input.reason, filter: { grantId: grant.id }, scope: 'grant', requestedBy: input.requestedBy },
      tx,
    );
  }
  return scheduleRevocations(
    deps,
    {
      reason: input.reason,
      filter: { grantId: grant.id },
      scope: 'grant_user',
      requestedBy: input.requestedBy,
      keep: stillGranted(deps, grant.id),
    },
    tx,
  );
}

/**
 * A user removed from a group (or the group deleted): for each of the group's grants, the sessions
 * the user got through it, unless another grant still gives the same role and kind. Call it after
 * the membership is gone in `tx`.
 */
export async function revokeMembership(
  deps: RevocationDeps,
  input: { userId: string; grantIds: string[]; requestedBy: RevocationRequester | null },
  tx?: Tx,
): Promise<NewRevocation[]> {
  const rows: NewRevocation[] = [];
  for (const grantId of input.grantIds) {
    rows.push(
      ...(await scheduleRevocations(
        deps,
        {
          reason: 'membership_removed',
          filter: { grantId, userId: input.userId },
          scope: 'grant_user',
          requestedBy: input.requestedBy,
          keep: stillGranted(deps, grantId),
        },
        tx,
      )),
    );
  }
  return rows;
}

/** A CLI login revoked: the sessions issued through that login (tagged `gatehouse:login`). */
export function revokeLogin(
  deps: RevocationDeps,
  input: { loginId: string; requestedBy: RevocationRequester | null },
  tx?: Tx,
): Promise<NewRevocation[]> {
  return scheduleRevocations(
    deps,
    {
      reason: 'cli_login_revoked',
      filter: { loginId: input.loginId },
      scope: 'login',
      requestedBy: input.requestedBy,
    },
    tx,
  );
}

/** A role removed from Gatehouse: every session of it, role-wide. */
export function revokeRole(
  deps: RevocationDeps,
  input: { roleId: string; requestedBy: RevocationRequester | null },
  tx?: Tx,
): Promise<NewRevocation[]> {
  return scheduleRevocations(
    deps,
    {
      reason: 'role_removed',
      filter: { roleId: input.roleId },
      scope: 'role',
      requestedBy: input.requestedBy,
    },
    tx,
  );
}

/** An account removed or disabled: every session of each of its roles, role-wide. */
export function revokeAccount(
  deps: RevocationDeps,
  input: {
    accountId: string;
    reason: 'account_removed' | 'account_disabled';
    requestedBy: RevocationRequester | null;
  },
  tx?: Tx,
): Promise<NewRevocation[]> {
  return scheduleRevocations(
    deps,
    {
      reason: input.reason,
      filter: { accountId: input.accountId },
      scope: 'role',
      requestedBy: input.requestedBy,
    },
    tx,
  );
}

/**
 * The expiry sweep: a grant whose expiry passed within the longest session lifetime may still
 * have sessions out; each such grant is revoked once.
 */
export async function revokeExpiredGrants(deps: RevocationDeps): Promise<NewRevocation[]> {
  const now = deps.now();
  const rows: NewRevocation[] = [];
  for (const grant of await deps.expiredGrants.expiredBetween(
    new Date(now.getTime() - MAX_SESSION_MS),
    now,
  )) {
    if (await deps.outbox.hasForGrant(grant.id, 'grant_expired')) continue;
    rows.push(...(await revokeGrant(deps, { grant, reason: 'grant_expired', requestedBy: null })));
  }
  return rows;
}
