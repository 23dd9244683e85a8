/** What scheduling revocations needs: the live sessions, the outbox, who still has access, the clock. */
import type { Clock } from '../shared/ports';
import type { ExpiredGrants, LiveIssuanceQuery, RemainingAccess, RevocationOutbox } from './ports';

export interface RevocationDeps {
  outbox: RevocationOutbox;
  liveIssuances: LiveIssuanceQuery;
  remainingAccess: RemainingAccess;
  expiredGrants: ExpiredGrants;
  now: Clock;
}

/**
 * Added to the moment access was taken away to make the cut-off: covers a clock difference
 * between this server and AWS, so a session issued just before the change is still denied.
 * Nothing Gatehouse issues to the revoked target after the change is legitimate anyway.
 */
export const CUTOFF_MARGIN_MS = 30_000;

/** Who made the change a revocation follows from (null: the server itself, e.g. an expiry). */
export interface RevocationRequester {
  id: string | null;
  username: string | null;
}
