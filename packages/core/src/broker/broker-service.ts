/** Console sign-ins and CLI credentials for a user's grants, and the access view they choose from. */
import { bindDeps } from '../shared/bind-deps';
import { accessView } from './access-view';
import type { BrokerDeps } from './broker-deps';
import { setFavourite } from './favourites';
import { issueConsole } from './issue-console';
import { issueCredentials } from './issue-credentials';
import { reconcile } from './reconcile';
import { stepUpValidUntil } from './step-up-window';

export function createBrokerService(deps: BrokerDeps) {
  return bindDeps(deps, {
    accessView,
    stepUpValidUntil,
    setFavourite,
    issueConsole,
    issueCredentials,
    reconcile,
  });
}

export type BrokerService = ReturnType<typeof createBrokerService>;
