import type { BrokerDeps } from './broker-deps';

/** Pending issuances older than the longest possible STS call never completed: say so. */
export function reconcile(
  deps: Pick<BrokerDeps, 'abandonStalePending' | 'settings' | 'now'>,
): Promise<number> {
  const olderThan = new Date(deps.now().getTime() - deps.settings.pendingTimeoutMs);
  return deps.abandonStalePending(olderThan);
}
