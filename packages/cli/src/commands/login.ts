import { hostname } from 'node:os';
import type { DeviceStartResponse, DeviceTokenResponse } from '@gatehouse/contracts';
import { flag, stringOption } from '../args';
import type { ParsedArgs } from '../args';
import { ApiError, createApi } from '../api';
import { openUrl } from '../browser';
import { clearUserCache } from '../cache';
import { debug } from '../debug';
import { CliError, EXIT } from '../errors';
import { resolvePortal, savePortalUrl, saveToken, savedPortalUrl, storedToken } from '../store';
import { VERSION } from '../version';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Network hiccups while waiting are retried this many times in a row before giving up. */
const MAX_POLL_FAILURES = 3;

/**
 * Device authorisation (RFC 8628): print a URL and a code, open the browser, and poll until a
 * signed-in user approves it with a fresh authenticator code. Running it again while logged in
 * replaces the token (and is how a step-up role gets a fresh code).
 */
export async function run(args: ParsedArgs): Promise<number> {
  const portal = resolvePortal(stringOption(args, 'url'));
  const api = createApi(portal);
  const started = await api.request<DeviceStartResponse>('POST', '/api/cli/device', {
    client_name: `gatehouse-cli/${VERSION} (${process.platform})`,
    hostname: hostname().slice(0, 255),
  });
  process.stderr.write(
    `\nTo log in to ${portal}, open\n\n    ${started.verification_uri_complete}\n\n` +
      `and check that it shows the code ${started.user_code}, then approve with your authenticator code.\n` +
      `The code expires in ${Math.round(started.expires_in / 60)} minutes.\n\n`,
  );
  if (!flag(args, 'no-browser')) {
    const opened = await openUrl(started.verification_uri_complete);
    debug(opened ? 'browser opener started' : 'no browser could be started');
  }
  process.stderr.write('Waiting for approval…\n');

  let interval = started.interval;
  let failures = 0;
  const deadline = Date.now() + started.expires_in * 1000;
  let issued: DeviceTokenResponse | null = null;
  while (!issued) {
    if (Date.now() > deadline) {
      throw new CliError(
        EXIT.loginDenied,
        'the login code expired before it was approved; run `gatehouse login` again',
      );
    }
    await sleep(interval * 1000);
    try {
      issued = await api.request<DeviceTokenResponse>('POST', '/api/cli/token', {
        device_code: started.device_code,
        grant_type: 'urn:ietf:params:oauth:grant-type:device_code',
      });
    } catch (err) {
      if (!(err instanceof ApiError)) {
        if (err instanceof CliError && err.exitCode === EXIT.unreachable && ++failures < MAX_POLL_FAILURES)
          continue;
        throw err;
      }
      failures = 0;
      const next = typeof err.body['interval'] === 'number' ? err.body['interval'] : interval;
      switch (err.code) {
        case 'authorization_pending':
          interval = next;
          continue;
        case 'slow_down':
          interval = Math.max(next, interval + 5);
          continue;
        case 'access_denied':
          throw new CliError(EXIT.loginDenied, 'the login was denied in the portal', err.detail);
        case 'expired_token':
        case 'invalid_grant':
          throw new CliError(EXIT.loginDenied, `${err.message.replace(/\.$/, '')}`, err.detail);
        default:
          throw err;
      }
    }
  }

  const previous = storedToken(portal);
  saveToken(portal, {
    token: issued.access_token,
    tokenId: issued.token_id,
    userId: issued.user.id,
    username: issued.user.username,
    expiresAt: issued.expires_at,
  });
  if (stringOption(args, 'url') !== undefined || savedPortalUrl() === null) savePortalUrl(portal);
  if (previous && previous.token !== issued.access_token) {
    // The old token is replaced: revoke it rather than leave it valid in the portal's list.
    await createApi(portal, previous.token)
      .request('POST', '/api/cli/logout', {})
      .catch((err: unknown) => debug(`revoking the previous token failed: ${(err as Error).message}`));
    if (previous.userId !== issued.user.id) clearUserCache(portal, previous.userId);
  }
  process.stderr.write(
    `Logged in to ${portal} as ${issued.user.username}; this login lasts until ${issued.expires_at}.\n`,
  );
  return EXIT.ok;
}
