import { AppError } from '../shared/app-error';
import { createRecoveryCodes, hashRecoveryCode, normaliseRecoveryCode } from './recovery-codes';
import { assertAcceptablePassword, hashPassword, verifyAgainstDummy, verifyPassword } from './password';
import { open, seal, hmacHex } from '../shared/secret-box';
import { createToken, isWellFormedToken, tokenId } from '../shared/tokens';
import { createTotpSecret, matchTotp, normaliseTotpCode, totpUri } from './totp';
import { normaliseUsername, validateUsername } from './usernames';
import type {
  AuditEventInput,
  AuditLog,
  RecoveryCodeRepository,
  SessionRecord,
  SessionRepository,
  SessionStage,
  SetupTokenRepository,
  TransactionRunner,
  UnknownLoginRepository,
  UserRecord,
  UserRepository,
} from '../shared/ports';

export interface RequestContext {
  ip: string;
  userAgent: string;
  requestId: string;
}

export interface AuthSettings {
  issuer: string;
  sessionIdleMs: number;
  sessionAbsoluteMs: number;
  /** Lifetime of a half-signed-in session (password ok, TOTP or enrolment owed). */
  pendingSessionMs: number;
  lockThreshold: number;
  lockMs: number;
  setupTokenMs: number;
}

export const DEFAULT_AUTH_SETTINGS: AuthSettings = {
  issuer: 'Gatehouse',
  sessionIdleMs: 30 * 60_000,
  sessionAbsoluteMs: 12 * 3_600_000,
  pendingSessionMs: 15 * 60_000,
  lockThreshold: 5,
  lockMs: 15 * 60_000,
  setupTokenMs: 3_600_000,
};

export interface AuthDeps {
  users: UserRepository;
  unknownLogins: UnknownLoginRepository;
  sessions: SessionRepository;
  recoveryCodes: RecoveryCodeRepository;
  setupTokens: SetupTokenRepository;
  audit: AuditLog;
  transactions: TransactionRunner;
  keys: { totp: Buffer; recoveryCodes: Buffer; usernames: Buffer };
  settings: AuthSettings;
  now?: () => Date;
}

export interface Authenticated {
  session: SessionRecord;
  user: UserRecord;
}

export interface IssuedSession {
  token: string;
  session: SessionRecord;
}

/** Shown for every wrong username, wrong password, disabled or password-less account alike. */
const INVALID_CREDENTIALS = 'Invalid username or password.';
const INVALID_CODE = 'Invalid or already used code.';

type TotpCheck = 'ok' | 'invalid' | 'replayed' | 'not_enrolled';

export function createAuthService(deps: AuthDeps) {
  const now = deps.now ?? (() => new Date());
  const { users, sessions, audit, settings } = deps;

  function lockedError(until: Date): AppError {
    const seconds = Math.max(1, Math.ceil((until.getTime() - now().getTime()) / 1000));
    const minutes = Math.ceil(seconds / 60);
    return new AppError(
      'locked',
      `Too many failed attempts. Sign-in is locked for ${minutes} minute${minutes === 1 ? '' : 's'}.`,
      { retryAfterSeconds: seconds },
    );
  }

  function event(
    ctx: RequestContext,
    action: string,
    outcome: AuditEventInput['outcome'],
    actor: Pick<UserRecord, 'id' | 'username'> | null,
    details: Record<string, unknown> = {},
    targetUserId: string | null = actor?.id ?? null,
  ): AuditEventInput {
    return {
      action,
      outcome,
      actorId: actor?.id ?? null,
      actorUsername: actor?.username ?? null,
      targetUserId,
      ip: ctx.ip,
      userAgent: ctx.userAgent,
      requestId: ctx.requestId,
      details,
    };
  }

  async function issueSession(
    user: UserRecord,
    stage: SessionStage,
    ctx: RequestContext,
    options: { mfaAt?: Date | null; expiresAt?: Date } = {},
  ): Promise<IssuedSession> {
    const token = createToken();
    const at = now();
    const lifetime = stage === 'active' ? settings.sessionAbsoluteMs : settings.pendingSessionMs;
    const session = await sessions.create({
      id: tokenId(token),
      userId: user.id,
      stage,
      createdAt: at,
      expiresAt: options.expiresAt ?? new Date(at.getTime() + lifetime),
      mfaAt: options.mfaAt ?? null,
      ip: ctx.ip,
      userAgent: ctx.userAgent.slice(0, 512),
    });
    return { token, session };
  }

  function isLocked(user: UserRecord): boolean {
    return user.lockedUntil !== null && user.lockedUntil.getTime() > now().getTime();
  }

  function totpSecretOf(user: UserRecord): string | null {
    if (!user.totpSecretEnc) return null;
    return open(deps.keys.totp, user.totpSecretEnc, `totp:${user.id}`);
  }

  async function checkTotp(user: UserRecord, code: string): Promise<TotpCheck> {
    const secret = totpSecretOf(user);
    if (!secret) return 'not_enrolled';
    if (normaliseTotpCode(code) === null) return 'invalid';
    const step = await matchTotp(secret, code, { nowMs: now().getTime(), lastUsedStep: null });
    if (step === null) return 'invalid';
    if (user.lastTotpStep !== null && step <= user.lastTotpStep) return 'replayed';
    // The conditional update is the arbiter: of concurrent submissions only one wins.
    return (await users.claimTotpStep(user.id, step)) ? 'ok' : 'replayed';
  }

  /** Counts a failure toward the lock; throws `locked` when this failure locks the account. */
  async function failAttempt(
    user: UserRecord,
    kind: 'password' | 'totp',
    ctx: RequestContext,
    action: string,
    details: Record<string, unknown> = {},
  ): Promise<void> {
    const lockUntil = new Date(now().getTime() + settings.lockMs);
    const locked = await users.recordFailure(user.id, kind, settings.lockThreshold, lockUntil);
    await audit.append(event(ctx, action, 'failure', user, details));
    if (locked) {
      await sessions.deleteForUser(user.id);
      await audit.append(
        event(ctx, 'auth.lockout', 'success', user, { reason: kind, until: lockUntil.toISOString() }),
      );
    }
  }

  /** After a failed code: if the account is locked now (by this failure or another), say so. */
  async function throwIfLocked(userId: string): Promise<void> {
    const current = await users.findById(userId);
    if (current && isLocked(current)) throw lockedError(current.lockedUntil as Date);
  }

  /** Password + TOTP, as required before sensitive changes to one's own account. */
  async function reauthenticate(
    user: UserRecord,
    password: string,
    totpCode: string,
    ctx: RequestContext,
    action: string,
  ) {
    if (isLocked(user)) throw lockedError(user.lockedUntil as Date);
    const passwordOk = user.passwordHash !== null && (await verifyPassword(user.passwordHash, password));
    if (!passwordOk) {
      await failAttempt(user, 'password', ctx, action, { reason: 'password' });
      throw new AppError('forbidden', 'Password or code is incorrect.', {
        fields: [{ field: 'password', reason: 'incorrect' }],
      });
    }
    const totp = await checkTotp(user, totpCode);
    if (totp !== 'ok') {
      if (totp === 'invalid') await failAttempt(user, 'totp', ctx, action, { reason: 'totp' });
      else await audit.append(event(ctx, action, 'failure', user, { reason: `totp_${totp}` }));
      throw new AppError('forbidden', 'Password or code is incorrect.', {
        fields: [{ field: 'totpCode', reason: totp === 'replayed' ? 'already used' : 'incorrect' }],
      });
    }
    await users.clearFailures(user.id, 'all');
  }

  async function loadUser(userId: string): Promise<UserRecord> {
    const user = await users.findById(userId);
    if (!user || user.disabled) throw new AppError('unauthorized', 'Your session has ended. Sign in again.');
    return user;
  }

  async function replaceRecoveryCodes(userId: string): Promise<string[]> {
    const codes = createRecoveryCodes();
    await deps.recoveryCodes.replaceAll(
      userId,
      codes.map((c) => hashRecoveryCode(deps.keys.recoveryCodes, normaliseRecoveryCode(c) as string)),
    );
    return codes;
  }

  return {
    /** A one-time setup token when no admin exists yet, else null. */
    async createSetupTokenIfNeeded(): Promise<{ token: string; expiresAt: Date } | null> {
      if ((await users.countAdmins()) > 0) return null;
      const token = createToken();
      const expiresAt = new Date(now().getTime() + settings.setupTokenMs);
      await deps.setupTokens.create({ id: tokenId(token), purpose: 'first_admin', userId: null, expiresAt });
      return { token, expiresAt };
    },

    async setupStatus(): Promise<{ needsSetup: boolean }> {
      return { needsSetup: (await users.countAdmins()) === 0 };
    },

    async completeSetup(
      input: {
        token: string;
        username: string;
        displayName: string;
        email?: string | null;
        password: string;
      },
      ctx: RequestContext,
    ): Promise<IssuedSession> {
      const username = normaliseUsername(input.username);
      validateUsername(username);
      assertAcceptablePassword(input.password, { username });
      const passwordHash = await hashPassword(input.password);
      const user = await deps.transactions.run(async (tx) => {
        const consumed = isWellFormedToken(input.token)
          ? await deps.setupTokens.consume(tokenId(input.token), 'first_admin', now(), tx)
          : null;
        if (!consumed || (await users.countAdmins(tx)) > 0) {
          throw new AppError('gone', 'This setup link is invalid, expired or already used.');
        }
        if (await users.findByUsername(username, tx)) {
          throw new AppError('conflict', 'That username is taken.', {
            fields: [{ field: 'username', reason: 'taken' }],
          });
        }
        const created = await users.create(
          {
            username,
            displayName: input.displayName.trim(),
            email: input.email ?? null,
            passwordHash,
            isAdmin: true,
          },
          tx,
        );
        await audit.append(event(ctx, 'setup.first_admin', 'success', created), tx);
        return created;
      });
      return issueSession(user, 'enrolling', ctx);
    },

    async login(
      input: { username: string; password: string },
      ctx: RequestContext,
    ): Promise<IssuedSession & { stage: SessionStage }> {
      const username = normaliseUsername(input.username);
      const user = username ? await users.findByUsername(username) : null;
      if (!user || user.disabled || user.passwordHash === null) {
        const key = hmacHex(deps.keys.usernames, username);
        const lockedUntil = await deps.unknownLogins.lockedUntil(key);
        await verifyAgainstDummy(input.password);
        await audit.append(
          event(ctx, 'auth.password', 'failure', null, {
            username: username.slice(0, 128),
            reason: !user ? 'unknown_user' : user.disabled ? 'disabled' : 'no_password',
          }),
        );
        if (lockedUntil && lockedUntil.getTime() > now().getTime()) throw lockedError(lockedUntil);
        await deps.unknownLogins.recordFailure(
          key,
          settings.lockThreshold,
          new Date(now().getTime() + settings.lockMs),
        );
        throw new AppError('unauthorized', INVALID_CREDENTIALS);
      }
      if (isLocked(user)) {
        await verifyAgainstDummy(input.password);
        await audit.append(event(ctx, 'auth.password', 'denied', user, { reason: 'locked' }));
        throw lockedError(user.lockedUntil as Date);
      }
      if (!(await verifyPassword(user.passwordHash, input.password))) {
        await failAttempt(user, 'password', ctx, 'auth.password', { reason: 'wrong_password' });
        throw new AppError('unauthorized', INVALID_CREDENTIALS);
      }
      await users.clearFailures(user.id, 'password');
      await audit.append(event(ctx, 'auth.password', 'success', user));
      const stage: SessionStage = user.totpEnabledAt ? 'password_verified' : 'enrolling';
      return { ...(await issueSession(user, stage, ctx)), stage };
    },

    /** Resolves a cookie token to a live session; expired, idle or disabled → null. */
    async authenticate(token: string | undefined): Promise<Authenticated | null> {
      if (!token || !isWellFormedToken(token)) return null;
      const found = await sessions.findWithUser(tokenId(token));
      if (!found) return null;
      const { session, user } = found;
      const at = now().getTime();
      const idle = session.stage === 'active' && at - session.lastSeenAt.getTime() > settings.sessionIdleMs;
      if (at >= session.expiresAt.getTime() || idle) {
        await sessions.delete(session.id);
        return null;
      }
      if (user.disabled) {
        await sessions.delete(session.id);
        return null;
      }
      // Writing on every request would make each read a write; a minute of slack is harmless.
      if (at - session.lastSeenAt.getTime() > 60_000) await sessions.touch(session.id, new Date(at));
      return { session, user };
    },

    async verifyTotp(auth: Authenticated, code: string, ctx: RequestContext): Promise<IssuedSession> {
      const user = await loadUser(auth.user.id);
      if (isLocked(user)) throw lockedError(user.lockedUntil as Date);
      const result = await checkTotp(user, code);
      if (result === 'ok') {
        await users.clearFailures(user.id, 'all');
        await users.recordLogin(user.id, now());
        await audit.append(event(ctx, 'auth.totp', 'success', user));
        // New id after MFA: whoever saw the half-signed-in cookie gains nothing.
        await sessions.delete(auth.session.id);
        return issueSession(user, 'active', ctx, { mfaAt: now() });
      }
      if (result === 'replayed') {
        await audit.append(event(ctx, 'auth.totp', 'denied', user, { reason: 'replayed' }));
      } else {
        await failAttempt(user, 'totp', ctx, 'auth.totp', { reason: result });
        await throwIfLocked(user.id);
      }
      throw new AppError('unauthorized', INVALID_CODE, { fields: [{ field: 'code', reason: 'invalid' }] });
    },

    async useRecoveryCode(
      auth: Authenticated,
      code: string,
      ctx: RequestContext,
    ): Promise<IssuedSession & { remaining: number }> {
      const user = await loadUser(auth.user.id);
      if (isLocked(user)) throw lockedError(user.lockedUntil as Date);
      const normalised = normaliseRecoveryCode(code);
      const ok =
        normalised !== null &&
        (await deps.recoveryCodes.consume(
          user.id,
          hashRecoveryCode(deps.keys.recoveryCodes, normalised),
          now(),
        ));
      if (!ok) {
        await failAttempt(user, 'totp', ctx, 'auth.recovery_code', { reason: 'invalid' });
        await throwIfLocked(user.id);
        throw new AppError('unauthorized', INVALID_CODE, { fields: [{ field: 'code', reason: 'invalid' }] });
      }
      const remaining = await deps.recoveryCodes.countUnused(user.id);
      await users.clearFailures(user.id, 'all');
      await users.recordLogin(user.id, now());
      await audit.append(event(ctx, 'auth.recovery_code', 'success', user, { remaining }));
      await sessions.delete(auth.session.id);
      return { ...(await issueSession(user, 'active', ctx, { mfaAt: now() })), remaining };
    },

    async beginEnrolment(auth: Authenticated): Promise<{ secret: string; otpauthUri: string }> {
      const user = await loadUser(auth.user.id);
      if (user.totpEnabledAt) throw new AppError('conflict', 'Two-factor authentication is already set up.');
      const secret = createTotpSecret();
      await users.setPendingTotpSecret(user.id, seal(deps.keys.totp, secret, `totp:${user.id}`));
      return { secret, otpauthUri: totpUri(secret, user.username, settings.issuer) };
    },

    async confirmEnrolment(
      auth: Authenticated,
      code: string,
      ctx: RequestContext,
    ): Promise<IssuedSession & { recoveryCodes: string[] }> {
      const user = await loadUser(auth.user.id);
      if (user.totpEnabledAt) throw new AppError('conflict', 'Two-factor authentication is already set up.');
      if (!user.totpSecretEnc) throw new AppError('bad_request', 'Start enrolment first.');
      const result = await checkTotp(user, code);
      if (result !== 'ok') {
        await audit.append(event(ctx, 'auth.enrol', 'failure', user, { reason: result }));
        throw new AppError(
          'validation',
          'That code does not match. Check the time on your device and try again.',
          {
            fields: [{ field: 'code', reason: 'invalid' }],
          },
        );
      }
      await users.enableTotp(user.id, now());
      const recoveryCodes = await replaceRecoveryCodes(user.id);
      await users.recordLogin(user.id, now());
      await audit.append(event(ctx, 'auth.enrol', 'success', user));
      await sessions.delete(auth.session.id);
      return { ...(await issueSession(user, 'active', ctx, { mfaAt: now() })), recoveryCodes };
    },

    /** Proves possession of the TOTP device again, for roles that need a fresh code. */
    async stepUp(auth: Authenticated, code: string, ctx: RequestContext): Promise<Date> {
      const user = await loadUser(auth.user.id);
      if (isLocked(user)) throw lockedError(user.lockedUntil as Date);
      const result = await checkTotp(user, code);
      if (result !== 'ok') {
        if (result === 'invalid') await failAttempt(user, 'totp', ctx, 'auth.step_up', { reason: result });
        else await audit.append(event(ctx, 'auth.step_up', 'denied', user, { reason: result }));
        await throwIfLocked(user.id);
        throw new AppError('validation', INVALID_CODE, { fields: [{ field: 'code', reason: 'invalid' }] });
      }
      const at = now();
      await users.clearFailures(user.id, 'totp');
      await sessions.setMfaAt(auth.session.id, at);
      await audit.append(event(ctx, 'auth.step_up', 'success', user));
      return at;
    },

    async logout(auth: Authenticated, ctx: RequestContext): Promise<void> {
      await sessions.delete(auth.session.id);
      await audit.append(event(ctx, 'auth.logout', 'success', auth.user));
    },

    async changePassword(
      auth: Authenticated,
      input: { currentPassword: string; totpCode: string; newPassword: string },
      ctx: RequestContext,
    ): Promise<void> {
      const user = await loadUser(auth.user.id);
      await reauthenticate(user, input.currentPassword, input.totpCode, ctx, 'auth.password_change');
      assertAcceptablePassword(input.newPassword, { username: user.username });
      await users.setPasswordHash(user.id, await hashPassword(input.newPassword), now());
      // Anyone holding another session of this user may be the reason for the change.
      await sessions.deleteForUser(user.id, { exceptId: auth.session.id });
      await audit.append(event(ctx, 'auth.password_change', 'success', user));
    },

    async resetOwnMfa(
      auth: Authenticated,
      input: { password: string; totpCode: string },
      ctx: RequestContext,
    ): Promise<IssuedSession> {
      const user = await loadUser(auth.user.id);
      await reauthenticate(user, input.password, input.totpCode, ctx, 'auth.mfa_reset');
      await users.clearTotp(user.id);
      await deps.recoveryCodes.deleteAll(user.id);
      await sessions.deleteForUser(user.id);
      await audit.append(event(ctx, 'auth.mfa_reset', 'success', user, { by: 'self' }));
      return issueSession(user, 'enrolling', ctx);
    },

    async regenerateRecoveryCodes(
      auth: Authenticated,
      input: { password: string; totpCode: string },
      ctx: RequestContext,
    ): Promise<string[]> {
      const user = await loadUser(auth.user.id);
      await reauthenticate(user, input.password, input.totpCode, ctx, 'auth.recovery_codes_regenerate');
      const codes = await replaceRecoveryCodes(user.id);
      await audit.append(event(ctx, 'auth.recovery_codes_regenerate', 'success', user));
      return codes;
    },

    async listSessions(auth: Authenticated): Promise<Array<SessionRecord & { current: boolean }>> {
      const list = await sessions.listForUser(auth.user.id);
      return list.map((s) => ({ ...s, current: s.id === auth.session.id }));
    },

    async endSession(auth: Authenticated, sessionRef: string, ctx: RequestContext): Promise<void> {
      const list = await sessions.listForUser(auth.user.id);
      const target = list.find((s) => publicSessionId(s.id) === sessionRef);
      if (!target) throw new AppError('not_found', 'No such session.');
      await sessions.delete(target.id);
      await audit.append(event(ctx, 'auth.session_end', 'success', auth.user, { session: sessionRef }));
    },
  };
}

/**
 * Sessions are listed to their owner by a derived id: the stored id is the hash of the
 * cookie, and even that should not leave the server.
 */
export function publicSessionId(storedId: string): string {
  return storedId.slice(0, 16);
}

export type AuthService = ReturnType<typeof createAuthService>;
