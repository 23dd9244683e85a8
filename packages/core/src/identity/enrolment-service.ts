import { AppError, isAppError } from '../shared/app-error';
import { assertAcceptablePassword, hashPassword } from './password';
import { createToken, isWellFormedToken, tokenId } from '../shared/tokens';
import type { IssuedSession, RequestContext } from './auth-service';
import type {
  AuditLog,
  SessionRepository,
  SessionStage,
  SetupTokenRepository,
  TransactionRunner,
  UserRecord,
  UserRepository,
} from '../shared/ports';

export interface EnrolmentDeps {
  users: UserRepository;
  sessions: SessionRepository;
  setupTokens: SetupTokenRepository;
  audit: AuditLog;
  transactions: TransactionRunner;
  /** Lifetime of the half-signed-in session the link starts (as after a password sign-in). */
  settings: { pendingSessionMs: number };
  now?: () => Date;
}

const INVALID_LINK =
  'This enrolment link is invalid, expired or already used. Ask an administrator for a new one.';

/**
 * The public end of an enrolment link an admin handed out: the user chooses a password, and the
 * link is spent. What follows is the same as after a password sign-in: TOTP enrolment for a new
 * user, the TOTP code for one who already has it (a link doubles as a password reset, never as a
 * way around the second factor).
 */
export function createEnrolmentService(deps: EnrolmentDeps) {
  const now = deps.now ?? (() => new Date());
  const { users, sessions, audit } = deps;

  return {
    async completeEnrolment(
      input: { token: string; password: string },
      ctx: RequestContext,
    ): Promise<IssuedSession & { stage: SessionStage }> {
      let user: UserRecord;
      try {
        user = await deps.transactions.run(async (tx) => {
          // Consumed first, inside the transaction: a rejected password rolls the link back to unused.
          const consumed = isWellFormedToken(input.token)
            ? await deps.setupTokens.consume(tokenId(input.token), 'enrolment', now(), tx)
            : null;
          const found = consumed?.userId ? await users.findById(consumed.userId, tx) : null;
          if (!found || found.disabled) throw new AppError('gone', INVALID_LINK);
          assertAcceptablePassword(input.password, { username: found.username });
          await users.setPasswordHash(found.id, await hashPassword(input.password), now(), tx);
          await users.clearFailures(found.id, 'password', tx);
          // Whoever held a session under the old password is signed out with it.
          const sessionsEnded = await sessions.deleteForUser(found.id, {}, tx);
          await audit.append(
            {
              action: 'auth.enrolment_link',
              outcome: 'success',
              actorId: found.id,
              actorUsername: found.username,
              targetUserId: found.id,
              ip: ctx.ip,
              userAgent: ctx.userAgent,
              requestId: ctx.requestId,
              details: { hadPassword: found.passwordHash !== null, sessionsEnded },
            },
            tx,
          );
          return found;
        });
      } catch (err) {
        if (isAppError(err) && err.code === 'gone') {
          await audit.append({
            action: 'auth.enrolment_link',
            outcome: 'failure',
            actorId: null,
            actorUsername: null,
            targetUserId: null,
            ip: ctx.ip,
            userAgent: ctx.userAgent,
            requestId: ctx.requestId,
            details: { reason: 'invalid_link' },
          });
        }
        throw err;
      }

      const stage: SessionStage = user.totpEnabledAt ? 'password_verified' : 'enrolling';
      const token = createToken();
      const at = now();
      const session = await sessions.create({
        id: tokenId(token),
        userId: user.id,
        stage,
        createdAt: at,
        expiresAt: new Date(at.getTime() + deps.settings.pendingSessionMs),
        mfaAt: null,
        ip: ctx.ip,
        userAgent: ctx.userAgent.slice(0, 512),
      });
      return { token, session, stage };
    },
  };
}

export type EnrolmentService = ReturnType<typeof createEnrolmentService>;
