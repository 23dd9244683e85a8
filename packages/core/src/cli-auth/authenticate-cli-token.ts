import { timingSafeEqual } from 'node:crypto';
import { selfEvent } from '../shared/audit-event';
import { tokenId } from '../shared/tokens';
import type { RequestContext } from '../shared/request-context';
import type { UserRecord } from '../identity/ports';
import { recordCliEvent } from './cli-auth-deps';
import type { CliAuthDeps, CliAuthenticated } from './cli-auth-deps';
import type { CliTokenRecord, CliTokenRevokeReason } from './ports';
import { isWellFormedCliToken } from './user-codes';

function usableUser(user: UserRecord | null, token: CliTokenRecord): CliTokenRevokeReason | 'ok' {
  if (!user || user.disabled) return 'user_disabled';
  // A token approved with an authenticator the user no longer has is not theirs any more.
  if (!user.totpEnabledAt || user.totpEnabledAt.getTime() > token.createdAt.getTime()) return 'mfa_changed';
  return 'ok';
}

/** Why a stored token may not be used now, and whether that also revokes it; null when it may. */
function refusalOf(
  token: CliTokenRecord,
  user: UserRecord | null,
  at: Date,
): { reason: string; revoke: CliTokenRevokeReason | null } | null {
  if (token.revokedAt) return { reason: `revoked:${token.revokeReason ?? 'unknown'}`, revoke: null };
  if (token.expiresAt.getTime() <= at.getTime()) return { reason: 'expired', revoke: null };
  const usable = usableUser(user, token);
  return usable === 'ok' ? null : { reason: usable, revoke: usable };
}

/**
 * Resolves `Authorization: Bearer <token>` to the token's user as an `active` session, or
 * null (unknown, expired, revoked, user disabled or re-enrolled). Every use is audited.
 */
export async function authenticateCliToken(
  deps: CliAuthDeps,
  token: string,
  ctx: RequestContext,
  use: string,
): Promise<CliAuthenticated | null> {
  if (!isWellFormedCliToken(token)) return null;
  const hash = tokenId(token);
  const found = await deps.repo.findTokenByHash(hash);
  // The lookup is by hash already; compare anyway so no branch depends on a partial match.
  if (!found || !timingSafeEqual(Buffer.from(found.tokenHash, 'hex'), Buffer.from(hash, 'hex'))) return null;
  const at = deps.now();
  const user = await deps.users.findById(found.userId);
  const actor = user ?? { id: found.userId, username: '' };
  const record = (outcome: 'success' | 'denied', details: Record<string, unknown>) =>
    recordCliEvent(
      deps,
      selfEvent(actor, ctx, 'cli.token_use', outcome, { tokenId: found.id, use, ...details }),
    );
  const refusal = refusalOf(found, user, at);
  if (refusal) {
    if (refusal.revoke) await deps.repo.revokeToken(found.id, { at, by: null, reason: refusal.revoke });
    await record('denied', { reason: refusal.reason });
    return null;
  }
  await record('success', {});
  await deps.repo.touchToken(found.id, at, ctx.ip);
  return {
    user: user as UserRecord,
    cliToken: found,
    session: {
      id: `cli:${found.id}`,
      userId: found.userId,
      stage: 'active',
      createdAt: found.createdAt,
      lastSeenAt: at,
      expiresAt: found.expiresAt,
      mfaAt: found.mfaAt,
      ip: ctx.ip,
      userAgent: ctx.userAgent,
    },
  };
}
