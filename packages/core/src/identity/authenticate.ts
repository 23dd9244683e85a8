import { isWellFormedToken, tokenId } from '../shared/tokens';
import type { Authenticated, IdentityDeps } from './identity-deps';

/** Resolves a cookie token to a live session; expired, idle or disabled → null (and the row goes). */
export async function authenticate(
  deps: IdentityDeps,
  token: string | undefined,
): Promise<Authenticated | null> {
  if (!token || !isWellFormedToken(token)) return null;
  const found = await deps.sessions.findWithUser(tokenId(token));
  if (!found) return null;
  const { session, user } = found;
  const at = deps.now().getTime();
  const idle = session.stage === 'active' && at - session.lastSeenAt.getTime() > deps.settings.sessionIdleMs;
  if (at >= session.expiresAt.getTime() || idle || user.disabled) {
    await deps.sessions.delete(session.id);
    return null;
  }
  // Writing on every request would make each read a write; a minute of slack is harmless.
  if (at - session.lastSeenAt.getTime() > 60_000) await deps.sessions.touch(session.id, new Date(at));
  return { session, user };
}
