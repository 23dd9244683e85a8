import { createToken, tokenId } from '../shared/tokens';
import type { Tx } from '../shared/ports';
import type { AdminDeps } from './admin-deps';

/** A new link voids the older ones: only the link the admin handed out last works. */
export async function issueEnrolmentLink(
  deps: Pick<AdminDeps, 'repo' | 'setupTokens' | 'settings' | 'now'>,
  userId: string,
  tx: Tx,
): Promise<{ url: string; expiresAt: Date }> {
  await deps.repo.revokeEnrolmentTokens(userId, tx);
  const token = createToken();
  const expiresAt = new Date(deps.now().getTime() + deps.settings.enrolmentLinkMs);
  await deps.setupTokens.create({ id: tokenId(token), purpose: 'enrolment', userId, expiresAt }, tx);
  return { url: `${deps.settings.publicOrigin}/enrol#token=${token}`, expiresAt };
}
