/** The password step of signing in. */
import { AppError } from '../shared/app-error';
import { auditEvent, selfEvent } from '../shared/audit-event';
import { hmacHex } from '../shared/secret-box';
import type { RequestContext } from '../shared/request-context';
import type { IdentityDeps, IssuedSession } from './identity-deps';
import { failAttempt, isLocked, lockedError } from './lockout';
import { verifyAgainstDummy, verifyPassword } from './password';
import type { SessionStage } from './ports';
import { startSession } from './start-session';
import { normaliseUsername } from './usernames';

/** Shown for every wrong username, wrong password, disabled or password-less account alike. */
export const INVALID_CREDENTIALS = 'Invalid username or password.';

/** Said only after the password proved right: the account and its password are the user's own. */
export const ENROLMENT_LINK_REQUIRED =
  'Your authenticator was reset. Ask an administrator for an enrolment link to set up a new one.';

/**
 * A correct password starts a half-signed-in session (TOTP owed, or enrolment for a user who has
 * none yet). `presentedSessionId` is the session of a cookie sent with the sign-in, planted or
 * stale: it is never promoted, its row goes in the same transaction as the new one starts.
 */
export async function login(
  deps: IdentityDeps,
  input: { username: string; password: string },
  ctx: RequestContext,
  presentedSessionId: string | null = null,
): Promise<IssuedSession & { stage: SessionStage }> {
  const { users, audit, settings } = deps;
  const username = normaliseUsername(input.username);
  const user = username ? await users.findByUsername(username) : null;
  if (!user || user.disabled || user.passwordHash === null) {
    const key = hmacHex(deps.keys.usernames, username);
    const lockedUntil = await deps.unknownLogins.lockedUntil(key);
    await verifyAgainstDummy(input.password);
    await audit.append(
      auditEvent({
        action: 'auth.password',
        outcome: 'failure',
        actor: null,
        ctx,
        details: {
          username: username.slice(0, 128),
          reason: !user ? 'unknown_user' : user.disabled ? 'disabled' : 'no_password',
        },
      }),
    );
    if (lockedUntil && lockedUntil.getTime() > deps.now().getTime()) throw lockedError(deps, lockedUntil);
    await deps.unknownLogins.recordFailure(
      key,
      settings.lockThreshold,
      new Date(deps.now().getTime() + settings.lockMs),
    );
    throw new AppError('unauthorized', INVALID_CREDENTIALS);
  }
  if (isLocked(deps, user)) {
    await verifyAgainstDummy(input.password);
    await audit.append(selfEvent(user, ctx, 'auth.password', 'denied', { reason: 'locked' }));
    throw lockedError(deps, user.lockedUntil as Date);
  }
  if (!(await verifyPassword(user.passwordHash, input.password))) {
    await failAttempt(deps, user, 'password', ctx, 'auth.password', { reason: 'wrong_password' });
    throw new AppError('unauthorized', INVALID_CREDENTIALS);
  }
  await users.clearFailures(user.id, 'password');
  if (!user.totpEnabledAt && user.mfaResetAt) {
    // Whoever knows the password must not be the one who enrols the new authenticator.
    await audit.append(
      selfEvent(user, ctx, 'auth.password', 'denied', { reason: 'enrolment_link_required' }),
    );
    throw new AppError('enrolment_link_required', ENROLMENT_LINK_REQUIRED);
  }
  const stage: SessionStage = user.totpEnabledAt ? 'password_verified' : 'enrolling';
  const issued = await startSession(deps, user, stage, ctx, {
    replaces: presentedSessionId,
    audit: [selfEvent(user, ctx, 'auth.password', 'success')],
  });
  return { ...issued, stage };
}
