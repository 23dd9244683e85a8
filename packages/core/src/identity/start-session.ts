import { AppError } from '../shared/app-error';
import { createToken, tokenId } from '../shared/tokens';
import type { AuditEventInput } from '../shared/ports';
import type { RequestContext } from '../shared/request-context';
import type { Authenticated, IdentityDeps, IssuedSession } from './identity-deps';
import type { SessionStage, UserRecord } from './ports';

/**
 * A new session with a new id, replacing the one the browser presented (if any) and recording
 * `audit` in the same transaction: a sign-in, its second step and every privilege change hand
 * out a fresh cookie, and whoever saw the old one gains nothing.
 */
export async function startSession(
  deps: Pick<IdentityDeps, 'sessions' | 'audit' | 'transactions' | 'settings' | 'now'>,
  user: UserRecord,
  stage: SessionStage,
  ctx: RequestContext,
  options: { replaces?: string | null; mfaAt?: Date | null; audit?: AuditEventInput[] } = {},
): Promise<IssuedSession> {
  const token = createToken();
  const at = deps.now();
  const lifetime = stage === 'active' ? deps.settings.sessionAbsoluteMs : deps.settings.pendingSessionMs;
  const session = await deps.transactions.run(async (tx) => {
    if (options.replaces) await deps.sessions.delete(options.replaces, tx);
    for (const row of options.audit ?? []) await deps.audit.append(row, tx);
    return deps.sessions.create(
      {
        id: tokenId(token),
        userId: user.id,
        stage,
        createdAt: at,
        expiresAt: new Date(at.getTime() + lifetime),
        mfaAt: options.mfaAt ?? null,
        ip: ctx.ip,
        userAgent: ctx.userAgent.slice(0, 512),
      },
      tx,
    );
  });
  return { token, session };
}

/**
 * The same session under a new id: a step-up raises what the session may do, so whoever saw the
 * cookie before it gains nothing. Its stage, start and absolute expiry stay; `mfaAt` is the new
 * proof. The old row goes and `audit` is recorded in the same transaction.
 */
export async function rotateSession(
  deps: Pick<IdentityDeps, 'sessions' | 'audit' | 'transactions' | 'now'>,
  auth: Authenticated,
  ctx: RequestContext,
  options: { mfaAt: Date; audit: AuditEventInput[] },
): Promise<IssuedSession> {
  const token = createToken();
  const old = auth.session;
  const session = await deps.transactions.run(async (tx) => {
    // A session ended meanwhile (signed out elsewhere, disabled) is not revived by rotating it.
    if (!(await deps.sessions.delete(old.id, tx))) return null;
    for (const row of options.audit) await deps.audit.append(row, tx);
    return deps.sessions.create(
      {
        id: tokenId(token),
        userId: old.userId,
        stage: old.stage,
        createdAt: old.createdAt,
        lastSeenAt: deps.now(),
        expiresAt: old.expiresAt,
        mfaAt: options.mfaAt,
        ip: ctx.ip,
        userAgent: ctx.userAgent.slice(0, 512),
      },
      tx,
    );
  });
  if (!session) throw new AppError('unauthorized', 'Your session has ended. Sign in again.');
  return { token, session };
}
