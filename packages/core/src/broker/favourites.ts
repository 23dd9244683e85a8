import { AppError } from '../shared/app-error';
import type { Authenticated } from '../identity/identity-deps';
import type { BrokerDeps } from './broker-deps';

/** Only a role the user holds can be a favourite; removing one always succeeds. */
export async function setFavourite(
  deps: Pick<BrokerDeps, 'access' | 'now'>,
  auth: Authenticated,
  roleId: string,
  favourite: boolean,
): Promise<void> {
  const entries = await deps.access.effectiveGrants(auth.user.id, deps.now());
  if (favourite && !entries.some((e) => e.role.id === roleId))
    throw new AppError('not_found', 'No such role among yours.');
  await deps.access.setFavourite(auth.user.id, roleId, favourite);
}
