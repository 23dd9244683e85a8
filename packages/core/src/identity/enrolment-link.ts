/**
 * The public end of an enrolment link an admin handed out: the user chooses a password, and the
 * link is spent. What follows is the same as after a password sign-in: TOTP enrolment for a new
 * user, the TOTP code for one who already has it (a link doubles as a password reset, never as a
 * way around the second factor).
 */
import { AppError, isAppError } from '../shared/app-error';
import { auditEvent, selfEvent } from '../shared/audit-event';
import { isWellFormedToken, tokenId } from '../shared/tokens';
import type { RequestContext } from '../shared/request-context';
import type { IdentityDeps, IssuedSession } from './identity-deps';
import { assertAcceptablePassword, hashPassword } from './password';
import type { SessionStage, UserRecord } from './ports';
import { startSession } from './start-session';

const INVALID_LINK =
  'This enrolment link is invalid, expired or already used. Ask an administrator for a new one.';

/** As at sign-in, a session presented with the request (`presentedSessionId`) is never promoted. */
export async function completeEnrolmentLink(
  deps: IdentityDeps,
  input: { token: string; password: string },
  ctx: RequestContext,
  presentedSessionId: string | null = null,
): Promise<IssuedSession & { stage: SessionStage }> {
  const { users, sessions, audit } = deps;
  let user: UserRecord;
  try {
    user = await deps.transactions.run(async (tx) => {
      // Consumed first, inside the transaction: a rejected password rolls the link back to unused.
      const consumed = isWellFormedToken(input.token)
        ? await deps.setupTokens.consume(tokenId(input.token), 'enrolment', deps.now(), tx)
        : null;
      const found = consumed?.userId ? await users.findById(consumed.userId, tx) : null;
      if (!found || found.disabled) throw new AppError('gone', INVALID_LINK);
      assertAcceptablePassword(input.password, { username: found.username });
      await users.setPasswordHash(found.id, await hashPassword(input.password), deps.now(), tx);
      await users.clearFailures(found.id, 'password', tx);
      // The link is the way past an authenticator reset: the password is now the link holder's.
      if (found.mfaResetAt) await users.clearMfaReset(found.id, tx);
      // Whoever held a session under the old password is signed out with it.
      const sessionsEnded = await sessions.deleteForUser(found.id, {}, tx);
      await audit.append(
        selfEvent(found, ctx, 'auth.enrolment_link', 'success', {
          hadPassword: found.passwordHash !== null,
          sessionsEnded,
        }),
        tx,
      );
      return found;
    });
  } catch (err) {
    if (isAppError(err) && err.code === 'gone') {
      await audit.append(
        auditEvent({
          action: 'auth.enrolment_link',
          outcome: 'failure',
          actor: null,
          ctx,
          details: { reason: 'invalid_link' },
        }),
      );
    }
    throw err;
  }
  const stage: SessionStage = user.totpEnabledAt ? 'password_verified' : 'enrolling';
  return { ...(await startSession(deps, user, stage, ctx, { replaces: presentedSessionId })), stage };
}
