/** Changes users make to their own account; each needs the password and a fresh code. */
import { selfEvent } from '../shared/audit-event';
import type { RequestContext } from '../shared/request-context';
import type { Authenticated, IdentityDeps, IssuedSession } from './identity-deps';
import { assertAcceptablePassword, hashPassword } from './password';
import { loadUser, reauthenticate, replaceRecoveryCodes } from './second-factor';
import { startSession } from './start-session';

export async function changePassword(
  deps: IdentityDeps,
  auth: Authenticated,
  input: { currentPassword: string; totpCode: string; newPassword: string },
  ctx: RequestContext,
): Promise<void> {
  const user = await loadUser(deps, auth.user.id);
  await reauthenticate(deps, user, input.currentPassword, input.totpCode, ctx, 'auth.password_change');
  assertAcceptablePassword(input.newPassword, { username: user.username });
  await deps.users.setPasswordHash(user.id, await hashPassword(input.newPassword), deps.now());
  // Anyone holding another session of this user may be the reason for the change.
  await deps.sessions.deleteForUser(user.id, { exceptId: auth.session.id });
  await deps.audit.append(selfEvent(user, ctx, 'auth.password_change', 'success'));
}

/**
 * Every session ends; the one returned goes straight to enrolling a new authenticator. Leaving it
 * before enrolling leaves the user reset: signing in again then needs an enrolment link.
 */
export async function resetOwnMfa(
  deps: IdentityDeps,
  auth: Authenticated,
  input: { password: string; totpCode: string },
  ctx: RequestContext,
): Promise<IssuedSession> {
  const user = await loadUser(deps, auth.user.id);
  await reauthenticate(deps, user, input.password, input.totpCode, ctx, 'auth.mfa_reset');
  await deps.transactions.run(async (tx) => {
    await deps.users.clearTotp(user.id, deps.now(), tx);
    await deps.recoveryCodes.deleteAll(user.id, tx);
    await deps.sessions.deleteForUser(user.id, {}, tx);
    // Whoever holds AWS sessions of this user's may be the reason for the reset: they end too.
    const revoked = await deps.revocations.revokeUser(
      { userId: user.id, reason: 'mfa_reset', requestedBy: user },
      tx,
    );
    await deps.audit.append(
      selfEvent(user, ctx, 'auth.mfa_reset', 'success', { by: 'self', awsRevocations: revoked.length }),
      tx,
    );
  });
  return startSession(deps, user, 'enrolling', ctx);
}

export async function regenerateRecoveryCodes(
  deps: IdentityDeps,
  auth: Authenticated,
  input: { password: string; totpCode: string },
  ctx: RequestContext,
): Promise<string[]> {
  const user = await loadUser(deps, auth.user.id);
  await reauthenticate(deps, user, input.password, input.totpCode, ctx, 'auth.recovery_codes_regenerate');
  const codes = await replaceRecoveryCodes(deps, user.id);
  await deps.audit.append(selfEvent(user, ctx, 'auth.recovery_codes_regenerate', 'success'));
  return codes;
}
