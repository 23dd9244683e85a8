/** Proving possession of the TOTP device again, for roles that need a fresh code. */
import { AppError } from '../shared/app-error';
import { selfEvent } from '../shared/audit-event';
import type { RequestContext } from '../shared/request-context';
import type { Authenticated, IdentityDeps } from './identity-deps';
import { failAttempt, refuseIfLocked, throwIfLockedNow } from './lockout';
import { INVALID_CODE } from './second-step';
import { checkTotp, loadUser } from './second-factor';

/** Marks the session's MFA time now and returns it; a wrong or replayed code is refused. */
export async function stepUp(
  deps: IdentityDeps,
  auth: Authenticated,
  code: string,
  ctx: RequestContext,
): Promise<Date> {
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
  const at = deps.now();
  await deps.users.clearFailures(user.id, 'totp');
  await deps.sessions.setMfaAt(auth.session.id, at);
  await deps.audit.append(selfEvent(user, ctx, 'auth.step_up', 'success'));
  return at;
}
