/** A user's view of their own sessions: list, end one, sign out. */
import { AppError } from '../shared/app-error';
import { selfEvent } from '../shared/audit-event';
import type { RequestContext } from '../shared/request-context';
import { isWellFormedToken, tokenId } from '../shared/tokens';
import type { Authenticated, IdentityDeps } from './identity-deps';
import type { SessionRecord } from './ports';

/**
 * Sessions are listed to their owner by a derived id: the stored id is the hash of the
 * cookie, and even that should not leave the server.
 */
export function publicSessionId(storedId: string): string {
  return storedId.slice(0, 16);
}

export async function listSessions(
  deps: IdentityDeps,
  auth: Authenticated,
): Promise<Array<SessionRecord & { current: boolean }>> {
  const list = await deps.sessions.listForUser(auth.user.id);
  return list.map((s) => ({ ...s, current: s.id === auth.session.id }));
}

export async function endSession(
  deps: IdentityDeps,
  auth: Authenticated,
  sessionRef: string,
  ctx: RequestContext,
): Promise<void> {
  const list = await deps.sessions.listForUser(auth.user.id);
  const target = list.find((s) => publicSessionId(s.id) === sessionRef);
  if (!target) throw new AppError('not_found', 'No such session.');
  await deps.sessions.delete(target.id);
  await deps.audit.append(selfEvent(auth.user, ctx, 'auth.session_end', 'success', { session: sessionRef }));
}

export async function logout(deps: IdentityDeps, auth: Authenticated, ctx: RequestContext): Promise<void> {
  await deps.sessions.delete(auth.session.id);
  await deps.audit.append(selfEvent(auth.user, ctx, 'auth.logout', 'success'));
}

/**
 * Forgets the session of a cookie token, unaudited: for a session that has ended already (signed
 * out, replaced by a new one, expired), whose ending was recorded where it happened.
 */
export async function discardSession(deps: IdentityDeps, token: string): Promise<void> {
  if (isWellFormedToken(token)) await deps.sessions.delete(tokenId(token));
}
