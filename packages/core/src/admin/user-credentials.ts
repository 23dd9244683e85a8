/** What an administrator does for a user who lost their way in: a new authenticator, a lock, a link. */
import type { Tx } from '../shared/ports';
import type { AdminCall } from '../shared/request-context';
import type { AdminDeps } from './admin-deps';
import { conflict, mustFindUser, recordChange, refuseSelf, revocationDetails } from './admin-kit';
import { issueEnrolmentLink } from './enrolment-links';
import type { AdminUserView } from './ports';

/** Loads the user, acts, and audits what `act` reports, in one transaction. */
async function actOnUser<T>(
  deps: AdminDeps,
  call: AdminCall,
  id: string,
  action: string,
  act: (user: AdminUserView, tx: Tx) => Promise<{ details: Record<string, unknown>; result: T }>,
): Promise<T> {
  return deps.transactions.run(async (tx) => {
    const user = await mustFindUser(deps, id, tx);
    const { details, result } = await act(user, tx);
    await recordChange(deps, call, action, { targetUserId: id }, { username: user.username, ...details }, tx);
    return result;
  });
}

/**
 * Removes the user's authenticator and recovery codes and ends every session of theirs. The new
 * authenticator is enrolled through the one-time enrolment link returned here (shown once to the
 * administrator): the password alone no longer opens enrolment, or whoever knew it would own
 * the account.
 */
export async function resetMfa(
  deps: AdminDeps,
  call: AdminCall,
  id: string,
): Promise<{ user: AdminUserView; enrolment: { url: string; expiresAt: Date } }> {
  // Your own second factor changes only after proving it (/api/me/mfa/reset re-authenticates).
  refuseSelf(
    call,
    id,
    'id',
    'use your own account settings',
    'Reset your own MFA from your account settings.',
  );
  return actOnUser(deps, call, id, 'admin.user_reset_mfa', async (before, tx) => {
    await deps.users.clearTotp(id, deps.now(), tx);
    await deps.recoveryCodes.deleteAll(id, tx);
    const sessionsEnded = await deps.sessions.deleteForUser(id, {}, tx);
    const enrolment = await issueEnrolmentLink(deps, id, tx);
    const revoked = await deps.revocations.revokeUser(
      { userId: id, reason: 'mfa_reset', requestedBy: call.actor },
      tx,
    );
    return {
      details: {
        before: { mfaEnrolled: before.mfaEnrolled },
        after: { mfaEnrolled: false },
        sessionsEnded,
        ...revocationDetails(revoked),
        enrolmentLinkExpiresAt: enrolment.expiresAt.toISOString(),
      },
      result: { user: await mustFindUser(deps, id, tx), enrolment },
    };
  });
}

export async function unlockUser(deps: AdminDeps, call: AdminCall, id: string): Promise<AdminUserView> {
  return actOnUser(deps, call, id, 'admin.user_unlock', async (before, tx) => {
    await deps.users.unlock(id, tx);
    const wasLocked = before.lockedUntil !== null && before.lockedUntil.getTime() > deps.now().getTime();
    return {
      details: {
        before: { lockedUntil: wasLocked ? before.lockedUntil?.toISOString() : null },
        after: { lockedUntil: null },
      },
      result: await mustFindUser(deps, id, tx),
    };
  });
}

/** Also the way back in for a user who lost their password: the link sets a new one. */
export async function regenerateEnrolmentLink(
  deps: AdminDeps,
  call: AdminCall,
  id: string,
): Promise<{ url: string; expiresAt: Date }> {
  refuseSelf(
    call,
    id,
    'id',
    'use your own account settings',
    'Change your own password from your account settings.',
  );
  return actOnUser(deps, call, id, 'admin.user_enrolment_link', async (user, tx) => {
    if (user.disabled)
      throw conflict('disabled', 'user is disabled', 'Enable the user before sending a link.');
    const link = await issueEnrolmentLink(deps, id, tx);
    return { details: { expiresAt: link.expiresAt.toISOString() }, result: link };
  });
}
