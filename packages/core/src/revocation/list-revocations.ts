import type { RevocationDeps } from './revocation-deps';
import type { RevocationStatus } from './ports';

/** What the admin sees: a user's or a role's revocations, newest first, with counts per status. */
export function listRevocations(
  deps: RevocationDeps,
  query: { userId?: string; roleId?: string; status?: RevocationStatus; limit?: number },
) {
  const limit = Math.min(Math.max(query.limit ?? 100, 1), 200);
  return deps.outbox.list({ ...query, limit });
}
