import type { IdentityDeps } from './identity-deps';

/** Deletes sessions past their absolute or idle lifetime; returns how many. */
export function sweepSessions(deps: IdentityDeps): Promise<number> {
  const now = deps.now();
  return deps.sessions.deleteExpired(now, new Date(now.getTime() - deps.settings.sessionIdleMs));
}
