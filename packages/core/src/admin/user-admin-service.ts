import { AppError } from '../shared/app-error';
import { assertAcceptablePassword, hashPassword } from '../identity/password';
import { normaliseUsername, validateUsername } from '../identity/usernames';
import type {
  AuditLog,
  RecoveryCodeRepository,
  SessionRepository,
  UserRecord,
  UserRepository,
} from '../shared/ports';
import type { RequestContext } from '../identity/auth-service';

export interface Actor {
  id: string | null;
  username: string;
}

export interface UserAdminDeps {
  users: UserRepository;
  sessions: SessionRepository;
  recoveryCodes: RecoveryCodeRepository;
  audit: AuditLog;
  now?: () => Date;
}

/** Operator actions on accounts (admin CLI today, admin API later); each one audited. */
export function createUserAdminService(deps: UserAdminDeps) {
  const now = deps.now ?? (() => new Date());

  async function find(username: string): Promise<UserRecord> {
    const user = await deps.users.findByUsername(normaliseUsername(username));
    if (!user) throw new AppError('not_found', `No user named "${username}".`);
    return user;
  }

  function record(
    actor: Actor,
    ctx: RequestContext,
    action: string,
    target: UserRecord,
    details: Record<string, unknown> = {},
  ) {
    return deps.audit.append({
      action,
      outcome: 'success',
      actorId: actor.id,
      actorUsername: actor.username,
      targetUserId: target.id,
      ip: ctx.ip,
      userAgent: ctx.userAgent,
      requestId: ctx.requestId,
      details: { username: target.username, ...details },
    });
  }

  return {
    async createUser(
      actor: Actor,
      ctx: RequestContext,
      input: {
        username: string;
        displayName: string;
        email?: string | null;
        password?: string | null;
        isAdmin: boolean;
      },
    ): Promise<UserRecord> {
      const username = normaliseUsername(input.username);
      validateUsername(username);
      const displayName = input.displayName.trim();
      if (!displayName) {
        throw new AppError('validation', 'Display name is required.', {
          fields: [{ field: 'displayName', reason: 'required' }],
        });
      }
      if (input.password != null) assertAcceptablePassword(input.password, { username });
      if (await deps.users.findByUsername(username)) {
        throw new AppError('conflict', `A user named "${username}" already exists.`, {
          fields: [{ field: 'username', reason: 'taken' }],
        });
      }
      const user = await deps.users.create({
        username,
        displayName,
        email: input.email ?? null,
        passwordHash: input.password != null ? await hashPassword(input.password) : null,
        isAdmin: input.isAdmin,
      });
      await record(actor, ctx, 'admin.user_create', user, { isAdmin: input.isAdmin });
      return user;
    },

    async resetMfa(actor: Actor, ctx: RequestContext, username: string): Promise<void> {
      const user = await find(username);
      await deps.users.clearTotp(user.id);
      await deps.recoveryCodes.deleteAll(user.id);
      await deps.sessions.deleteForUser(user.id);
      await record(actor, ctx, 'admin.user_reset_mfa', user);
    },

    async unlock(actor: Actor, ctx: RequestContext, username: string): Promise<void> {
      const user = await find(username);
      await deps.users.unlock(user.id);
      await record(actor, ctx, 'admin.user_unlock', user, {
        wasLockedUntil: user.lockedUntil && user.lockedUntil > now() ? user.lockedUntil.toISOString() : null,
      });
    },

    async setDisabled(actor: Actor, ctx: RequestContext, username: string, disabled: boolean): Promise<void> {
      const user = await find(username);
      await deps.users.setDisabled(user.id, disabled);
      // Disabling takes effect at once: every session of the user ends with it.
      const ended = disabled ? await deps.sessions.deleteForUser(user.id) : 0;
      await record(actor, ctx, disabled ? 'admin.user_disable' : 'admin.user_enable', user, {
        sessionsEnded: ended,
      });
    },
  };
}

export type UserAdminService = ReturnType<typeof createUserAdminService>;
