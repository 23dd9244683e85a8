/** Proving possession of the TOTP device again, for roles that need a fresh code. */
import { AppError } from '../shared/app-error';
import { selfEvent } from '../shared/audit-event';
import type { RequestContext } from '../shared/request-context';
import type { Authenticated, IdentityDeps, IssuedSession } from './identity-deps';
import { failAttempt, refuseIfLocked, throwIfLockedNow } from './lockout';
import { INVALID_CODE } from './second-step';
import { checkTotp, loadUser } from './second-factor';
import { rotateSession } from './start-session';

/** A wrong or replayed code is refused (counted toward lockout, audited); returns the user and when. */
async function checkFreshCode(deps: IdentityDeps, auth: Authenticated, code: string, ctx: RequestContext) {
  const user = await loadUser(deps, auth.user.id);
  refuseIfLocked(deps, user);
  const result = await checkTotp(deps, user, code);
  if (result !== 'ok') {
    if (result === 'invalid') await failAttempt(deps, user, 'totp', ctx, 'auth.step_up', { reason: result });
    else {
      await deps.audit.append(selfEvent(user, ctx, 'auth.step_up', 'denied', { reason: result }));
    }
    await throwIfLockedNow(deps, user.id);
    throw new AppError('validation', INVALID_CODE, { fields: [{ field: 'code', reason: 'invalid' }] });
  }
  await deps.users.clearFailures(user.id, 'totp');
  return { user, at: deps.now() };
}

/**
 * Proves a fresh code without changing the session: what approving a CLI login asks for (the
 * approval's time becomes the CLI token's step-up time, not the browser session's).
 */
export async function confirmFreshCode(
  deps: IdentityDeps,
  auth: Authenticated,
  code: string,
  ctx: RequestContext,
): Promise<Date> {
  const { user, at } = await checkFreshCode(deps, auth, code, ctx);
  await deps.audit.append(selfEvent(user, ctx, 'auth.step_up', 'success', { for: 'cli_login' }));
  return at;
}

/**
 * Opens the session's step-up window under a new session id (a privilege change: the cookie
 * from before it opens nothing). Returns the new session; its `mfaAt` is the proof's time.
 */
export async function stepUp(
  deps: IdentityDeps,
  auth: Authenticated,
  code: string,
  ctx: RequestContext,
): Promise<IssuedSession & { mfaAt: Date }> {
  const { user, at } = await checkFreshCode(deps, auth, code, ctx);
  const issued = await rotateSession(deps, auth, ctx, {
    mfaAt: at,
    audit: [selfEvent(user, ctx, 'auth.step_up', 'success')],
  });
  return { ...issued, mfaAt: at };
}
