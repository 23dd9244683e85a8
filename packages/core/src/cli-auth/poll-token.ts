import { selfEvent } from '../shared/audit-event';
import { createToken, isWellFormedToken, tokenId } from '../shared/tokens';
import type { RequestContext } from '../shared/request-context';
import type { UserRecord } from '../identity/ports';
import { recordCliEvent } from './cli-auth-deps';
import type { CliAuthDeps } from './cli-auth-deps';
import { deviceDetails } from './device-login';
import type { CliDeviceRecord, CliTokenRecord } from './ports';
import { CLI_TOKEN_PREFIX, cleanClientText } from './user-codes';

const SLOW_DOWN_SECONDS = 5;
const POLL_SLACK_MS = 500;

export type DeviceTokenError =
  'authorization_pending' | 'slow_down' | 'expired_token' | 'access_denied' | 'invalid_grant';

export type DeviceTokenOutcome =
  | { ok: true; token: string; record: CliTokenRecord; user: UserRecord }
  | { ok: false; error: DeviceTokenError; message: string; interval?: number };

const ALREADY_COMPLETED: DeviceTokenOutcome = {
  ok: false,
  error: 'invalid_grant',
  message: 'This login has already been completed.',
};

/** The RFC's answer for a device request that is not (or not yet) approved; null once it is. */
function unapproved(
  deps: CliAuthDeps,
  device: CliDeviceRecord,
  tooFast: boolean,
  at: Date,
): DeviceTokenOutcome | null {
  if (device.status === 'consumed') return ALREADY_COMPLETED;
  if (device.expiresAt.getTime() <= at.getTime()) {
    return {
      ok: false,
      error: 'expired_token',
      message: 'The login code expired before it was approved. Run `gatehouse login` again.',
    };
  }
  if (device.polls > deps.settings.maxPolls) {
    return {
      ok: false,
      error: 'expired_token',
      message: 'This login code was polled too often and is no longer valid. Run `gatehouse login` again.',
    };
  }
  if (device.status === 'denied') {
    return { ok: false, error: 'access_denied', message: 'The login was denied in the portal.' };
  }
  if (device.status !== 'pending') return null;
  return tooFast
    ? {
        ok: false,
        error: 'slow_down',
        message: `Polling too fast; wait ${device.intervalSeconds} seconds between polls.`,
        interval: device.intervalSeconds,
      }
    : {
        ok: false,
        error: 'authorization_pending',
        message: 'Waiting for the login to be approved in the portal.',
        interval: device.intervalSeconds,
      };
}

/** One poll of the CLI. Never throws for the RFC's outcomes: they are answers, not faults. */
export async function pollToken(
  deps: CliAuthDeps,
  deviceCode: string,
  ctx: RequestContext,
): Promise<DeviceTokenOutcome> {
  const at = deps.now();
  const polled = isWellFormedToken(deviceCode)
    ? await deps.repo.recordPoll(tokenId(deviceCode), at, {
        slackMs: POLL_SLACK_MS,
        slowDownSeconds: SLOW_DOWN_SECONDS,
      })
    : null;
  if (!polled) {
    return {
      ok: false,
      error: 'invalid_grant',
      message: 'Unknown device code. Run `gatehouse login` again.',
    };
  }
  const { device, tooFast } = polled;
  const answer = unapproved(deps, device, tooFast, at);
  if (answer) return answer;
  // Approved: exchange exactly once.
  const approver = device.userId ? await deps.users.findById(device.userId) : null;
  const token = `${CLI_TOKEN_PREFIX}${createToken()}`;
  const issued = await deps.transactions.run(async (tx) => {
    if (!(await deps.repo.consumeDevice(device.id, at, tx))) return null;
    if (!approver || approver.disabled || !approver.totpEnabledAt || !device.mfaAt) return 'denied' as const;
    const created = await deps.repo.createToken(
      {
        tokenHash: tokenId(token),
        userId: approver.id,
        deviceId: device.id,
        clientName: device.clientName,
        hostname: device.hostname,
        createdIp: ctx.ip,
        userAgent: cleanClientText(ctx.userAgent, 512),
        mfaAt: device.mfaAt,
        createdAt: at,
        expiresAt: new Date(at.getTime() + deps.settings.tokenLifetimeMs),
      },
      tx,
    );
    await recordCliEvent(
      deps,
      selfEvent(approver, ctx, 'cli.token_issue', 'success', {
        ...deviceDetails(device),
        tokenId: created.id,
        expiresAt: created.expiresAt.toISOString(),
      }),
      tx,
    );
    return created;
  });
  if (issued === null) return ALREADY_COMPLETED;
  if (issued === 'denied') {
    return { ok: false, error: 'access_denied', message: 'The approving account can no longer sign in.' };
  }
  return { ok: true, token, record: issued, user: approver as UserRecord };
}
