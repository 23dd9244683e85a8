/** Failed passwords and codes count toward a temporary lock of the account (in PostgreSQL). */
import { AppError } from '../shared/app-error';
import { selfEvent } from '../shared/audit-event';
import type { RequestContext } from '../shared/request-context';
import type { IdentityDeps } from './identity-deps';
import type { UserRecord } from './ports';

type LockDeps = Pick<IdentityDeps, 'users' | 'sessions' | 'audit' | 'settings' | 'now'>;

export function lockedError(deps: Pick<IdentityDeps, 'now'>, until: Date): AppError {
  const seconds = Math.max(1, Math.ceil((until.getTime() - deps.now().getTime()) / 1000));
  const minutes = Math.ceil(seconds / 60);
  return new AppError(
    'locked',
    `Too many failed attempts. Sign-in is locked for ${minutes} minute${minutes === 1 ? '' : 's'}.`,
    { retryAfterSeconds: seconds },
  );
}

export function isLocked(deps: Pick<IdentityDeps, 'now'>, user: UserRecord): boolean {
  return user.lockedUntil !== null && user.lockedUntil.getTime() > deps.now().getTime();
}

/** Throws `locked` when the account is locked now. */
export function refuseIfLocked(deps: Pick<IdentityDeps, 'now'>, user: UserRecord): void {
  if (isLocked(deps, user)) throw lockedError(deps, user.lockedUntil as Date);
}

/** Counts a failure toward the lock; a failure that locks the account also ends its sessions. */
export async function failAttempt(
  deps: LockDeps,
  user: UserRecord,
  kind: 'password' | 'totp',
  ctx: RequestContext,
  action: string,
  details: Record<string, unknown> = {},
): Promise<void> {
  const lockUntil = new Date(deps.now().getTime() + deps.settings.lockMs);
  const locked = await deps.users.recordFailure(user.id, kind, deps.settings.lockThreshold, lockUntil);
  await deps.audit.append(selfEvent(user, ctx, action, 'failure', details));
  if (locked) {
    await deps.sessions.deleteForUser(user.id);
    await deps.audit.append(
      selfEvent(user, ctx, 'auth.lockout', 'success', { reason: kind, until: lockUntil.toISOString() }),
    );
  }
}

/** After a failed code: if the account is locked now (by this failure or another), say so. */
export async function throwIfLockedNow(deps: LockDeps, userId: string): Promise<void> {
  const current = await deps.users.findById(userId);
  if (current) refuseIfLocked(deps, current);
}
