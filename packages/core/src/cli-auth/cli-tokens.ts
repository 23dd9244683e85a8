/** CLI tokens after they are issued: listed and revoked by their user, or by an administrator. */
import { AppError } from '../shared/app-error';
import { auditEvent } from '../shared/audit-event';
import type { RequestContext } from '../shared/request-context';
import type { Authenticated } from '../identity/identity-deps';
import { recordCliEvent } from './cli-auth-deps';
import type { CliAuthDeps } from './cli-auth-deps';
import type { CliTokenWithUser } from './ports';

type Admin = { id: string; username: string };

function revokeEvent(
  ctx: RequestContext,
  actor: Admin,
  action: 'cli.token_revoke' | 'cli.token_revoke_all',
  targetUserId: string | null,
  details: Record<string, unknown>,
) {
  return auditEvent({ action, outcome: 'success', actor, targetUserId, ctx, details });
}

export function listOwnTokens(deps: CliAuthDeps, auth: Authenticated): Promise<CliTokenWithUser[]> {
  return deps.repo.listTokens({ userId: auth.user.id, activeAt: deps.now(), limit: 500 });
}

/** The user revokes one of their tokens (portal), or the CLI its own (`gatehouse logout`). */
export async function revokeOwnToken(
  deps: CliAuthDeps,
  auth: Authenticated,
  id: string,
  ctx: RequestContext,
  reason: 'user' | 'logout' = 'user',
): Promise<void> {
  const at = deps.now();
  await deps.transactions.run(async (tx) => {
    const token = await deps.repo.findToken(id, tx);
    const active = token && !token.revokedAt && token.expiresAt.getTime() > at.getTime();
    if (!token || token.userId !== auth.user.id || !active) {
      throw new AppError('not_found', 'No such active CLI token.');
    }
    await deps.repo.revokeToken(id, { at, by: auth.user.id, reason }, tx);
    const revoked = await deps.revocations.revokeLogin({ loginId: id, requestedBy: auth.user }, tx);
    await recordCliEvent(
      deps,
      revokeEvent(ctx, auth.user, 'cli.token_revoke', auth.user.id, {
        tokenId: id,
        reason,
        clientName: token.clientName,
        hostname: token.hostname,
        awsRevocations: revoked.length,
      }),
      tx,
    );
  });
}

export function adminListTokens(
  deps: CliAuthDeps,
  filter: { userId?: string; includeInactive?: boolean; limit?: number },
): Promise<CliTokenWithUser[]> {
  return deps.repo.listTokens({
    ...(filter.userId ? { userId: filter.userId } : {}),
    activeAt: filter.includeInactive ? null : deps.now(),
    limit: filter.limit ?? 100,
  });
}

export async function adminRevokeToken(
  deps: CliAuthDeps,
  actor: Admin,
  id: string,
  ctx: RequestContext,
): Promise<void> {
  const at = deps.now();
  await deps.transactions.run(async (tx) => {
    const token = await deps.repo.findToken(id, tx);
    if (!token || !(await deps.repo.revokeToken(id, { at, by: actor.id, reason: 'admin' }, tx))) {
      throw new AppError('not_found', 'No such unrevoked CLI token.');
    }
    const revoked = await deps.revocations.revokeLogin({ loginId: id, requestedBy: actor }, tx);
    await recordCliEvent(
      deps,
      revokeEvent(ctx, actor, 'cli.token_revoke', token.userId, {
        tokenId: id,
        reason: 'admin',
        username: token.username,
        clientName: token.clientName,
        awsRevocations: revoked.length,
      }),
      tx,
    );
  });
}

/** Incident response: every live token of one user, or of everyone. */
export async function adminRevokeAll(
  deps: CliAuthDeps,
  actor: Admin,
  scope: { userId?: string; all?: boolean },
  ctx: RequestContext,
): Promise<number> {
  if (!scope.userId && scope.all !== true) {
    throw new AppError(
      'validation',
      'Name a user (userId=…) or confirm all=true to revoke every CLI token.',
      {
        fields: [{ field: 'userId', reason: 'required unless all=true' }],
      },
    );
  }
  const userId = scope.userId ?? null;
  const at = deps.now();
  return deps.transactions.run(async (tx) => {
    const ids = await deps.repo.revokeAll(userId, { at, by: actor.id, reason: 'admin' }, tx);
    let awsRevocations = 0;
    for (const loginId of ids) {
      awsRevocations += (await deps.revocations.revokeLogin({ loginId, requestedBy: actor }, tx)).length;
    }
    await recordCliEvent(
      deps,
      revokeEvent(ctx, actor, 'cli.token_revoke_all', userId, {
        userId,
        revoked: ids.length,
        reason: 'admin',
        awsRevocations,
      }),
      tx,
    );
    return ids.length;
  });
}
