/** What the commands that talk to the portal share: the login, the role list, issuance. */
import type { CredentialsResponse, MyAccess } from '@gatehouse/contracts';
import { ApiError, createApi } from '../api';
import type { Api } from '../api';
import { readCache, writeCache } from '../cache';
import type { CachedCredentials } from '../cache';
import { CliError, EXIT } from '../errors';
import { resolveTarget } from '../resolve';
import type { RoleEntry } from '../resolve';
import { requireToken, resolvePortal } from '../store';
import type { StoredToken } from '../store';

export interface Session {
  portal: string;
  token: StoredToken;
  api: Api;
}

export function session(url: string | undefined): Session {
  const portal = resolvePortal(url);
  const token = requireToken(portal);
  return { portal, token, api: createApi(portal, token.token) };
}

export function fetchAccess(s: Session): Promise<MyAccess> {
  return s.api.request<MyAccess>('GET', '/api/me/access');
}

/** Turns the portal's refusals of an issuance into the CLI's exit codes. */
export function issuanceError(err: unknown, entry: RoleEntry): unknown {
  if (!(err instanceof ApiError)) return err;
  if (err.stepUpRequired) {
    return new CliError(
      EXIT.stepUp,
      `${entry.target} needs a fresh authenticator code: run \`gatehouse login\` and approve it with a new code, ` +
        'then run this again within 5 minutes',
      err.detail,
    );
  }
  if (err.status === 403 || err.status === 404) {
    return new CliError(EXIT.notGranted, `${entry.target}: ${err.message}`, err.detail);
  }
  return err;
}

export async function resolveRole(s: Session, target: string): Promise<RoleEntry> {
  return resolveTarget(await fetchAccess(s), target);
}

/** Cached credentials when fresh enough, else new ones from the portal (then cached). */
export async function obtainCredentials(
  s: Session,
  target: string,
  durationSeconds: number | null,
  useCache: boolean,
): Promise<CachedCredentials> {
  const key = { portal: s.portal, userId: s.token.userId, target, durationSeconds };
  if (useCache) {
    const cached = readCache(key);
    if (cached) return cached;
  }
  const entry = await resolveRole(s, target);
  let issued: CredentialsResponse;
  try {
    issued = await s.api.request<CredentialsResponse>('POST', '/api/access/credentials', {
      grantId: entry.role.grantId,
      ...(durationSeconds !== null ? { durationSeconds } : {}),
    });
  } catch (err) {
    throw issuanceError(err, entry);
  }
  if (issued.clamped) {
    process.stderr.write(
      `gatehouse: ${entry.target}: session shortened to ${issued.durationSeconds} s (the most this role allows you)\n`,
    );
  }
  const credentials: CachedCredentials = {
    version: 1,
    ...key,
    accessKeyId: issued.accessKeyId,
    secretAccessKey: issued.secretAccessKey,
    sessionToken: issued.sessionToken,
    expiration: issued.expiration,
    assumedRoleArn: issued.assumedRoleArn,
    region: issued.region,
    formatted: issued.formatted,
  };
  writeCache(credentials);
  return credentials;
}
