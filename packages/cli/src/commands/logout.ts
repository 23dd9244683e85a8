import { stringOption } from '../args';
import type { ParsedArgs } from '../args';
import { ApiError, createApi } from '../api';
import { clearUserCache } from '../cache';
import { CliError, EXIT } from '../errors';
import { removeToken, resolvePortal, storedToken } from '../store';

/** Revokes the CLI token at the portal, then forgets it and the cached credentials. */
export async function run(args: ParsedArgs): Promise<number> {
  const portal = resolvePortal(stringOption(args, 'url'));
  const stored = storedToken(portal);
  if (!stored) {
    process.stderr.write(`gatehouse: not logged in to ${portal}\n`);
    return EXIT.ok;
  }
  let unrevoked: unknown = null;
  try {
    await createApi(portal, stored.token).request('POST', '/api/cli/logout', {});
  } catch (err) {
    // Already expired or revoked is as good as revoked.
    if (!(err instanceof ApiError && err.status === 401)) unrevoked = err;
  }
  removeToken(portal);
  clearUserCache(portal, stored.userId);
  if (unrevoked) {
    throw new CliError(
      unrevoked instanceof CliError ? unrevoked.exitCode : EXIT.failure,
      `logged out here, but ${portal} did not revoke the token (${(unrevoked as Error).message}); ` +
        `it stays valid until ${stored.expiresAt} unless you revoke it in the portal`,
    );
  }
  process.stderr.write(`gatehouse: logged out of ${portal}\n`);
  return EXIT.ok;
}
