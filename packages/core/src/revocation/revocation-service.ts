/** Revocations at AWS, scheduled in the changes that take access away, and listed to admins. */
import { bindDeps } from '../shared/bind-deps';
import { listRevocations } from './list-revocations';
import type { RevocationDeps } from './revocation-deps';
import {
  revokeAccount,
  revokeExpiredGrants,
  revokeGrant,
  revokeLogin,
  revokeMembership,
  revokeRole,
  revokeUser,
} from './triggers';

export function createRevocationService(deps: RevocationDeps) {
  return bindDeps(deps, {
    revokeUser,
    revokeGrant,
    revokeMembership,
    revokeLogin,
    revokeRole,
    revokeAccount,
    revokeExpiredGrants,
    listRevocations,
  });
}

export type RevocationService = ReturnType<typeof createRevocationService>;
/** What the areas that take access away are given: the triggers, bound, each taking the change's tx. */
export type RevocationScheduler = Pick<
  RevocationService,
  'revokeUser' | 'revokeGrant' | 'revokeMembership' | 'revokeLogin' | 'revokeRole' | 'revokeAccount'
>;
