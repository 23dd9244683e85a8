/**
 * `gatehouse login`: device authorisation in the style of RFC 8628. The CLI asks for a device
 * code; a signed-in user (MFA done) approves it in the browser with a fresh TOTP code; the CLI
 * then redeems the device code for a CLI token (poll-token.ts).
 */
import { AppError } from '../shared/app-error';
import { selfEvent } from '../shared/audit-event';
import { hmacHex } from '../shared/secret-box';
import { createToken, tokenId } from '../shared/tokens';
import type { RequestContext } from '../shared/request-context';
import type { Authenticated } from '../identity/identity-deps';
import { recordCliEvent } from './cli-auth-deps';
import type { CliAuthDeps } from './cli-auth-deps';
import type { CliDeviceRecord } from './ports';
import { cleanClientText, createUserCode, formatUserCode, normaliseUserCode } from './user-codes';

const DEVICE_RETENTION_MS = 24 * 3_600_000;
const TOKEN_RETENTION_MS = 30 * 24 * 3_600_000;
const NO_PENDING_LOGIN = 'No pending login with that code. Codes expire after 10 minutes.';

export function userCodeHash(deps: Pick<CliAuthDeps, 'keys'>, code: string): string {
  return hmacHex(deps.keys.userCode, code);
}

export function deviceDetails(device: CliDeviceRecord): Record<string, unknown> {
  return {
    deviceId: device.id,
    clientName: device.clientName,
    hostname: device.hostname,
    deviceIp: device.ip,
  };
}

function noPendingLogin(): AppError {
  return new AppError('not_found', NO_PENDING_LOGIN, {
    fields: [{ field: 'userCode', reason: 'unknown or expired' }],
  });
}

/** The pending, unexpired request a user code names; 404 otherwise (never says which). */
async function pendingDevice(deps: CliAuthDeps, userCode: string) {
  const code = normaliseUserCode(userCode);
  const device = code ? await deps.repo.findDeviceByUserCode(userCodeHash(deps, code)) : null;
  if (!code || !device || device.status !== 'pending' || device.expiresAt.getTime() <= deps.now().getTime()) {
    throw noPendingLogin();
  }
  return { device, code };
}

export async function startDevice(
  deps: CliAuthDeps,
  input: { clientName: string; hostname: string },
  ctx: RequestContext,
) {
  const { settings } = deps;
  const at = deps.now();
  // Expired requests and long-dead tokens go here rather than in a timer of their own.
  await deps.repo.purge(
    new Date(at.getTime() - DEVICE_RETENTION_MS),
    new Date(at.getTime() - TOKEN_RETENTION_MS),
  );
  const deviceCode = createToken();
  for (let attempt = 0; ; attempt++) {
    const userCode = createUserCode();
    try {
      await deps.repo.createDevice({
        deviceCodeHash: tokenId(deviceCode),
        userCodeHash: userCodeHash(deps, userCode),
        clientName: cleanClientText(input.clientName, 100) || 'unknown client',
        hostname: cleanClientText(input.hostname, 255),
        ip: ctx.ip,
        userAgent: cleanClientText(ctx.userAgent, 512),
        intervalSeconds: settings.pollIntervalSeconds,
        expiresAt: new Date(at.getTime() + settings.deviceCodeLifetimeMs),
        createdAt: at,
      });
    } catch (err) {
      // 20^8 codes: a clash with a live one is rare; try another rather than fail the login.
      if (attempt < 3 && (err as { code?: string }).code === 'P2002') continue;
      throw err;
    }
    const shown = formatUserCode(userCode);
    const base = new URL('/device', settings.publicUrl);
    const complete = new URL(base);
    complete.searchParams.set('code', shown);
    return {
      deviceCode,
      userCode: shown,
      verificationUri: base.href,
      verificationUriComplete: complete.href,
      expiresIn: Math.round(settings.deviceCodeLifetimeMs / 1000),
      interval: settings.pollIntervalSeconds,
    };
  }
}

/** What the approver sees before deciding: which client, which machine, from where. */
export async function describeDevice(deps: CliAuthDeps, userCode: string) {
  const { device, code } = await pendingDevice(deps, userCode);
  return {
    userCode: formatUserCode(code),
    clientName: device.clientName,
    hostname: device.hostname,
    ip: device.ip,
    userAgent: device.userAgent,
    createdAt: device.createdAt,
    expiresAt: device.expiresAt,
  };
}

async function decide(
  deps: CliAuthDeps,
  auth: Authenticated,
  device: CliDeviceRecord,
  decision: { status: 'approved' | 'denied'; mfaAt: Date | null },
  ctx: RequestContext,
  notDecided: () => AppError,
): Promise<void> {
  await deps.transactions.run(async (tx) => {
    const decided = await deps.repo.decideDevice(
      device.id,
      { ...decision, userId: auth.user.id, at: deps.now() },
      tx,
    );
    if (!decided) throw notDecided();
    await recordCliEvent(
      deps,
      selfEvent(
        auth.user,
        ctx,
        decision.status === 'approved' ? 'cli.device_approve' : 'cli.device_deny',
        'success',
        deviceDetails(device),
      ),
      tx,
    );
  });
}

export async function approveDevice(
  deps: CliAuthDeps,
  auth: Authenticated,
  input: { userCode: string; totpCode: string },
  ctx: RequestContext,
): Promise<void> {
  // Look the request up first: a mistyped user code must not burn the user's TOTP step.
  const { device } = await pendingDevice(deps, input.userCode);
  const mfaAt = await deps.confirmTotp(auth, input.totpCode, ctx);
  await decide(deps, auth, device, { status: 'approved', mfaAt }, ctx, noPendingLogin);
}

export async function denyDevice(
  deps: CliAuthDeps,
  auth: Authenticated,
  userCode: string,
  ctx: RequestContext,
) {
  const { device } = await pendingDevice(deps, userCode);
  await decide(
    deps,
    auth,
    device,
    { status: 'denied', mfaAt: null },
    ctx,
    () => new AppError('not_found', 'No pending login with that code.'),
  );
}
