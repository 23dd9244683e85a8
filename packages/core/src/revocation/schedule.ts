/**
 * Scheduling revocations: in the transaction that takes access away, find the sessions it made
 * unjustified (issued, not yet expired, from the audit log) and queue one revocation per role
 * for the worker (packages/core/src/onboarding/apply-revocations.ts) to write into IAM.
 */
import type { Tx } from '../shared/ports';
import { CUTOFF_MARGIN_MS } from './revocation-deps';
import type { RevocationDeps, RevocationRequester } from './revocation-deps';
import type {
  LiveIssuance,
  LiveIssuanceFilter,
  NewRevocation,
  RevocationReason,
  RevocationScope,
} from './ports';

/** What one change revokes: the sessions matching `filter`, denied on each role as `scope`. */
export interface RevocationRequest {
  reason: RevocationReason;
  filter: LiveIssuanceFilter;
  scope: RevocationScope;
  requestedBy: RevocationRequester | null;
  /** Sessions to leave alone (e.g. the user still has the role through another grant). */
  keep?: (issuance: LiveIssuance, tx?: Tx) => Promise<boolean>;
}

/** The sessions grouped by `key`, in the order first seen. */
function groupBy(issuances: LiveIssuance[], key: (issuance: LiveIssuance) => string): LiveIssuance[][] {
  const groups = new Map<string, LiveIssuance[]>();
  for (const issuance of issuances) {
    const group = groups.get(key(issuance)) ?? [];
    group.push(issuance);
    groups.set(key(issuance), group);
  }
  return [...groups.values()];
}

function partitionOf(roleArn: string): string {
  return roleArn.split(':')[1] ?? 'aws';
}

function roleNameOf(roleArn: string): string {
  const resource = roleArn.split(':').slice(5).join(':');
  return resource.slice(resource.lastIndexOf('/') + 1);
}

function rowFor(request: RevocationRequest, sessions: LiveIssuance[], cutoff: Date): NewRevocation {
  const first = sessions[0] as LiveIssuance;
  const { scope } = request;
  const perUser = scope === 'user' || scope === 'grant_user';
  const perGrant = scope === 'grant' || scope === 'grant_user';
  return {
    reason: request.reason,
    scope,
    cutoff,
    roleId: first.roleId,
    roleArn: first.roleArn,
    roleName: roleNameOf(first.roleArn),
    accountId: first.accountId,
    awsAccountId: first.awsAccountId,
    partition: partitionOf(first.roleArn),
    userId: perUser || scope === 'login' ? first.userId : null,
    username: perUser || scope === 'login' ? first.username : null,
    grantId: perGrant ? first.grantId : null,
    loginId: scope === 'login' ? first.loginId : null,
    liveSessions: sessions.length,
    sessionsEndAt: new Date(Math.max(...sessions.map((s) => s.expiresAt.getTime()))),
    requestedBy: request.requestedBy?.id ?? null,
    requestedByUsername: request.requestedBy?.username ?? null,
  };
}

/**
 * Queues the revocations `request` calls for, inside `tx` (the change's own transaction: both
 * commit or neither). Returns what was queued; nothing when no session is live.
 */
export async function scheduleRevocations(
  deps: RevocationDeps,
  request: RevocationRequest,
  tx?: Tx,
): Promise<NewRevocation[]> {
  const now = deps.now();
  const live = await deps.liveIssuances.list(request.filter, now, tx);
  const revoked: LiveIssuance[] = [];
  for (const issuance of live) {
    if (!(request.keep && (await request.keep(issuance, tx)))) revoked.push(issuance);
  }
  const cutoff = new Date(now.getTime() + CUTOFF_MARGIN_MS);
  // A user-and-grant revocation is per user: several users of one group grant get one row each.
  const groups = groupBy(revoked, (s) =>
    request.scope === 'grant_user' ? `${s.roleArn} ${s.userId}` : s.roleArn,
  );
  const rows = groups.map((sessions) => rowFor(request, sessions, cutoff));
  if (rows.length > 0) await deps.outbox.add(rows, tx);
  return rows;
}
