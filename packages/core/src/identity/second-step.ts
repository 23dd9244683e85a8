/** The second step of signing in: a TOTP code, or one of the recovery codes. */
import { AppError } from '../shared/app-error';
import { selfEvent } from '../shared/audit-event';
import type { RequestContext } from '../shared/request-context';
import type { Authenticated, IdentityDeps, IssuedSession } from './identity-deps';
import { failAttempt, refuseIfLocked, throwIfLockedNow } from './lockout';
import type { UserRecord } from './ports';
import { hashRecoveryCode, normaliseRecoveryCode } from './recovery-codes';
import { checkTotp, loadUser } from './second-factor';
import { startSession } from './start-session';

export const INVALID_CODE = 'Invalid or already used code.';

/** Signed in: a new id for the completed session, so whoever saw the half-signed-in cookie gains nothing. */
async function completeSignIn(
  deps: IdentityDeps,
  auth: Authenticated,
  user: UserRecord,
  ctx: RequestContext,
  action: string,
  details: Record<string, unknown> = {},
): Promise<IssuedSession> {
  await deps.users.clearFailures(user.id, 'all');
  await deps.users.recordLogin(user.id, deps.now());
  return startSession(deps, user, 'active', ctx, {
    replaces: auth.session.id,
    mfaAt: deps.now(),
    audit: [selfEvent(user, ctx, action, 'success', details)],
  });
}

export async function verifyTotp(
  deps: IdentityDeps,
  auth: Authenticated,
  code: string,
  ctx: RequestContext,
): Promise<IssuedSession> {
  const user = await loadUser(deps, auth.user.id);
  refuseIfLocked(deps, user);
  const result = await checkTotp(deps, user, code);
  if (result === 'ok') return completeSignIn(deps, auth, user, ctx, 'auth.totp');
  if (result === 'replayed') {
    await deps.audit.append(selfEvent(user, ctx, 'auth.totp', 'denied', { reason: 'replayed' }));
  } else {
    await failAttempt(deps, user, 'totp', ctx, 'auth.totp', { reason: result });
    await throwIfLockedNow(deps, user.id);
  }
  throw new AppError('unauthorized', INVALID_CODE, { fields: [{ field: 'code', reason: 'invalid' }] });
}

export async function useRecoveryCode(
  deps: IdentityDeps,
  auth: Authenticated,
  code: string,
  ctx: RequestContext,
): Promise<IssuedSession & { remaining: number }> {
  const user = await loadUser(deps, auth.user.id);
  refuseIfLocked(deps, user);
  const normalised = normaliseRecoveryCode(code);
  const ok =
    normalised !== null &&
    (await deps.recoveryCodes.consume(
      user.id,
      hashRecoveryCode(deps.keys.recoveryCodes, normalised),
      deps.now(),
    ));
  if (!ok) {
    await failAttempt(deps, user, 'totp', ctx, 'auth.recovery_code', { reason: 'invalid' });
    await throwIfLockedNow(deps, user.id);
    throw new AppError('unauthorized', INVALID_CODE, { fields: [{ field: 'code', reason: 'invalid' }] });
  }
  const remaining = await deps.recoveryCodes.countUnused(user.id);
  const issued = await completeSignIn(deps, auth, user, ctx, 'auth.recovery_code', { remaining });
  return { ...issued, remaining };
}
