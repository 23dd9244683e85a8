/** What an administrator does for a user who lost their way in: a new authenticator, a lock, a link. */
import type { AdminCall } from '../shared/request-context';
import type { AdminDeps } from './admin-deps';
import { conflict, mustFindUser, recordChange, refuseSelf } from './admin-kit';
import { issueEnrolmentLink } from './enrolment-links';
import type { AdminUserView } from './ports';

export async function resetMfa(deps: AdminDeps, call: AdminCall, id: string): Promise<AdminUserView> {
  // Your own second factor changes only after proving it (/api/me/mfa/reset re-authenticates).
  refuseSelf(
    call,
    id,
    'id',
    'use your own account settings',
    'Reset your own MFA from your account settings.',
  );
  return deps.transactions.run(async (tx) => {
    const before = await mustFindUser(deps, id, tx);
    await deps.users.clearTotp(id, tx);
    await deps.recoveryCodes.deleteAll(id, tx);
    const sessionsEnded = await deps.sessions.deleteForUser(id, {}, tx);
    await recordChange(
      deps,
      call,
      'admin.user_reset_mfa',
      { targetUserId: id },
      {
        username: before.username,
        before: { mfaEnrolled: before.mfaEnrolled },
        after: { mfaEnrolled: false },
        sessionsEnded,
      },
      tx,
    );
    return mustFindUser(deps, id, tx);
  });
}

export async function unlockUser(deps: AdminDeps, call: AdminCall, id: string): Promise<AdminUserView> {
  return deps.transactions.run(async (tx) => {
    const before = await mustFindUser(deps, id, tx);
    await deps.users.unlock(id, tx);
    const wasLocked = before.lockedUntil !== null && before.lockedUntil.getTime() > deps.now().getTime();
    await recordChange(
      deps,
      call,
      'admin.user_unlock',
      { targetUserId: id },
      {
        username: before.username,
        before: { lockedUntil: wasLocked ? before.lockedUntil?.toISOString() : null },
        after: { lockedUntil: null },
      },
      tx,
    );
    return mustFindUser(deps, id, tx);
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
  return deps.transactions.run(async (tx) => {
    const user = await mustFindUser(deps, id, tx);
    if (user.disabled)
      throw conflict('disabled', 'user is disabled', 'Enable the user before sending a link.');
    const link = await issueEnrolmentLink(deps, id, tx);
    await recordChange(
      deps,
      call,
      'admin.user_enrolment_link',
      { targetUserId: id },
      { username: user.username, expiresAt: link.expiresAt.toISOString() },
      tx,
    );
    return link;
  });
}
