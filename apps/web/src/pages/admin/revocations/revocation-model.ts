/** A revocation as the admin pages read it: the contract's row and list. */
import type { AdminRevocation, AdminRevocationList } from '@gatehouse/contracts';

export type Revocation = AdminRevocation;
export type RevocationList = AdminRevocationList;

/** Every revocation the filter matches, whatever the page holds. */
export function revocationTotal(counts: RevocationList['counts']): number {
  return counts.pending + counts.applied + counts.failing + counts.given_up;
}

/** Whether some are still to be written at AWS (so the list is worth asking again). */
export function revocationsOutstanding(list: RevocationList | undefined): boolean {
  return list !== undefined && list.counts.pending + list.counts.failing > 0;
}
