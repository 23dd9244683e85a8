/**
 * "Sign out everywhere": for a user who fears someone else holds one of their sessions. Every
 * portal session ends (this one too), every CLI login is revoked, and every AWS session Gatehouse
 * issued them is denied at AWS — all in one transaction with its audit row.
 */
import { selfEvent } from '../shared/audit-event';
import type { RequestContext } from '../shared/request-context';
import type { Authenticated } from '../identity/identity-deps';
import { recordCliEvent } from './cli-auth-deps';
import type { CliAuthDeps } from './cli-auth-deps';

export async function signOutEverywhere(
  deps: CliAuthDeps,
  auth: Authenticated,
  ctx: RequestContext,
): Promise<{ sessionsEnded: number; cliLoginsRevoked: number; awsRevocations: number }> {
  const { user } = auth;
  const at = deps.now();
  return deps.transactions.run(async (tx) => {
    const sessionsEnded = await deps.sessions.deleteForUser(user.id, {}, tx);
    // Revoked by the user themselves (the audit row says it was everywhere at once).
    const logins = await deps.repo.revokeAll(user.id, { at, by: user.id, reason: 'user' }, tx);
    // By user: the sessions of every login and of the portal alike, on every role.
    const revoked = await deps.revocations.revokeUser(
      { userId: user.id, reason: 'signed_out_everywhere', requestedBy: user },
      tx,
    );
    const result = { sessionsEnded, cliLoginsRevoked: logins.length, awsRevocations: revoked.length };
    await recordCliEvent(deps, selfEvent(user, ctx, 'auth.sign_out_everywhere', 'success', result), tx);
    return result;
  });
}
