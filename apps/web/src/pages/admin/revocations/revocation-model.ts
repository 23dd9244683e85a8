/**
 * A revocation as the admin pages read it: the contract's row, with its status, reason and scope
 * typed from the contract's literal lists. (The contract builds those schemas by mapping over the
 * lists, and TypeBox's static type of such a union comes out as `never`; the values on the wire are
 * the literals all the same.)
 */
import type {
  AdminRevocation,
  AdminRevocationList,
  RevocationReason,
  RevocationScope,
  RevocationStatus,
} from '@gatehouse/contracts';

export type Revocation = Omit<AdminRevocation, 'status' | 'reason' | 'scope'> & {
  status: RevocationStatus;
  reason: RevocationReason;
  scope: RevocationScope;
};

export type RevocationList = Omit<AdminRevocationList, 'revocations'> & { revocations: Revocation[] };

/** Every revocation the filter matches, whatever the page holds. */
export function revocationTotal(counts: RevocationList['counts']): number {
  return counts.pending + counts.applied + counts.failing + counts.given_up;
}

/** Whether some are still to be written at AWS (so the list is worth asking again). */
export function revocationsOutstanding(list: RevocationList | undefined): boolean {
  return list !== undefined && list.counts.pending + list.counts.failing > 0;
}
