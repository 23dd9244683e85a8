/**
 * `gatehouse login`: device authorisation in the style of RFC 8628, and the CLI tokens it
 * yields. The CLI asks for a device code; a signed-in user (MFA done) approves it in the browser
 * with a fresh TOTP code; the CLI redeems the device code for a CLI token. The token acts as an
 * `active` session of that user for the few routes the CLI needs, nothing else (the server's
 * bearer hook enforces the list); it is stored hashed, expires, and is revocable.
 */
import { randomInt, timingSafeEqual } from 'node:crypto';
import { AppError } from '../shared/app-error';
import { hmacHex } from '../shared/secret-box';
import { createToken, isWellFormedToken, tokenId } from '../shared/tokens';
import type { Authenticated, RequestContext } from '../identity/auth-service';
import type {
  AuditEventInput,
  AuditLog,
  TransactionRunner,
  Tx,
  UserRecord,
  UserRepository,
} from '../shared/ports';

export type CliDeviceStatus = 'pending' | 'approved' | 'denied' | 'consumed';

export interface CliDeviceRecord {
  id: string;
  deviceCodeHash: string;
  userCodeHash: string;
  clientName: string;
  hostname: string;
  ip: string;
  userAgent: string;
  status: CliDeviceStatus;
  /** Who approved or denied it. */
  userId: string | null;
  decidedAt: Date | null;
  /** When the approver's TOTP code was verified; becomes the token's MFA time. */
  mfaAt: Date | null;
  intervalSeconds: number;
  polls: number;
  lastPolledAt: Date | null;
  expiresAt: Date;
  createdAt: Date;
}

export type NewCliDevice = Pick<
  CliDeviceRecord,
  | 'deviceCodeHash'
  | 'userCodeHash'
  | 'clientName'
  | 'hostname'
  | 'ip'
  | 'userAgent'
  | 'intervalSeconds'
  | 'expiresAt'
  | 'createdAt'
>;

export type CliTokenRevokeReason =
  'user' | 'logout' | 'admin' | 'user_disabled' | 'mfa_changed' | 'password_changed';

export interface CliTokenRecord {
  id: string;
  tokenHash: string;
  userId: string;
  deviceId: string | null;
  clientName: string;
  hostname: string;
  createdIp: string;
  userAgent: string;
  /** The approval's TOTP time: the token's "MFA at", which step-up roles look at. */
  mfaAt: Date;
  createdAt: Date;
  expiresAt: Date;
  lastUsedAt: Date | null;
  lastUsedIp: string | null;
  revokedAt: Date | null;
  revokedBy: string | null;
  revokeReason: string | null;
}

export type NewCliToken = Omit<
  CliTokenRecord,
  'id' | 'lastUsedAt' | 'lastUsedIp' | 'revokedAt' | 'revokedBy' | 'revokeReason'
>;

export interface CliTokenWithUser extends CliTokenRecord {
  username: string;
}

export interface CliRevocation {
  at: Date;
  by: string | null;
  reason: CliTokenRevokeReason;
}

export interface CliAuthRepository {
  createDevice(device: NewCliDevice, tx?: Tx): Promise<CliDeviceRecord>;
  findDeviceByUserCode(userCodeHash: string, tx?: Tx): Promise<CliDeviceRecord | null>;
  /**
   * Counts one poll atomically. `tooFast` when the previous poll is less than the current
   * interval (minus `slackMs`) ago; the interval then grows by `slowDownSeconds`.
   */
  recordPoll(
    deviceCodeHash: string,
    at: Date,
    options: { slackMs: number; slowDownSeconds: number },
  ): Promise<{ device: CliDeviceRecord; tooFast: boolean } | null>;
  /** pending → approved/denied, only while pending and unexpired at `at` (first decision wins). */
  decideDevice(
    id: string,
    decision: { status: 'approved' | 'denied'; userId: string; mfaAt: Date | null; at: Date },
    tx?: Tx,
  ): Promise<boolean>;
  /** approved → consumed (single use). */
  consumeDevice(id: string, at: Date, tx?: Tx): Promise<boolean>;
  createToken(token: NewCliToken, tx?: Tx): Promise<CliTokenRecord>;
  findTokenByHash(tokenHash: string): Promise<CliTokenRecord | null>;
  findToken(id: string, tx?: Tx): Promise<CliTokenWithUser | null>;
  touchToken(id: string, at: Date, ip: string): Promise<void>;
  /** Most recent first. `activeAt` set: only unrevoked tokens unexpired at that time. */
  listTokens(filter: { userId?: string; activeAt: Date | null; limit: number }): Promise<CliTokenWithUser[]>;
  /** Revokes an unrevoked token; false when there was none. */
  revokeToken(id: string, revocation: CliRevocation, tx?: Tx): Promise<boolean>;
  /** Revokes every unrevoked, unexpired token (of one user, or of everyone); returns how many. */
  revokeAll(userId: string | null, revocation: CliRevocation, tx?: Tx): Promise<number>;
  /** Deletes device requests that expired before `devicesBefore`, tokens dead since `tokensBefore`. */
  purge(devicesBefore: Date, tokensBefore: Date): Promise<void>;
}

export interface DeviceAuthSettings {
  /** The portal's origin; the approval page is `${publicUrl}/device`. */
  publicUrl: string;
  tokenLifetimeMs: number;
  deviceCodeLifetimeMs: number;
  pollIntervalSeconds: number;
  /** Polls allowed per device code, `slow_down` answers included. */
  maxPolls: number;
}

export const DEFAULT_DEVICE_AUTH_SETTINGS: Omit<DeviceAuthSettings, 'publicUrl' | 'tokenLifetimeMs'> = {
  deviceCodeLifetimeMs: 10 * 60_000,
  pollIntervalSeconds: 5,
  // Ten minutes at five seconds is 120 polls; a little slack for clocks and retries.
  maxPolls: 150,
};

export interface DeviceAuthDeps {
  repo: CliAuthRepository;
  users: UserRepository;
  audit: AuditLog;
  transactions: TransactionRunner;
  /** Verifies a fresh TOTP code of the signed-in user (replay-proof, counts toward lockout, audited). */
  confirmTotp: (auth: Authenticated, code: string, ctx: RequestContext) => Promise<Date>;
  keys: { userCode: Buffer };
  settings: DeviceAuthSettings;
  now?: () => Date;
}

/** No vowels (no words), no look-alikes (0/O, 1/I/L, 5/S…): RFC 8628 §6.1's suggestion. */
const USER_CODE_ALPHABET = 'BCDFGHJKLMNPQRSTVWXZ';
const USER_CODE_LENGTH = 8;
const USER_CODE_SHAPE = new RegExp(`^[${USER_CODE_ALPHABET}]{${USER_CODE_LENGTH}}$`);
const CLI_TOKEN_PREFIX = 'ghcli_';
const CLI_TOKEN_SHAPE = /^ghcli_[A-Za-z0-9_-]{43}$/;
const SLOW_DOWN_SECONDS = 5;
const POLL_SLACK_MS = 500;
const DEVICE_RETENTION_MS = 24 * 3_600_000;
const TOKEN_RETENTION_MS = 30 * 24 * 3_600_000;

export function createUserCode(): string {
  let code = '';
  for (let i = 0; i < USER_CODE_LENGTH; i++) code += USER_CODE_ALPHABET[randomInt(USER_CODE_ALPHABET.length)];
  return code;
}

/** What the user typed (any case, dashes, spaces, fullwidth letters) → the canonical code, or null. */
export function normaliseUserCode(input: string): string | null {
  const code = input.normalize('NFKC').toUpperCase().replace(/[\s-]/g, '');
  return USER_CODE_SHAPE.test(code) ? code : null;
}

export function formatUserCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

export function isWellFormedCliToken(value: string): boolean {
  return CLI_TOKEN_SHAPE.test(value);
}

/** Names and hostnames come from the client: printable, single-line, bounded. */
function clean(value: string, max: number): string {
  return value
    .replace(/[\p{C}\u2028\u2029]/gu, '?')
    .trim()
    .slice(0, max);
}

export type DeviceTokenOutcome =
  | { ok: true; token: string; record: CliTokenRecord; user: UserRecord }
  | {
      ok: false;
      error: 'authorization_pending' | 'slow_down' | 'expired_token' | 'access_denied' | 'invalid_grant';
      message: string;
      interval?: number;
    };

export type CliAuthenticated = Authenticated & { cliToken: CliTokenRecord };

export function createDeviceAuthService(deps: DeviceAuthDeps) {
  const now = deps.now ?? (() => new Date());
  const { repo, users, audit, settings } = deps;

  function event(
    ctx: RequestContext,
    action: string,
    outcome: AuditEventInput['outcome'],
    actor: Pick<UserRecord, 'id' | 'username'> | null,
    details: Record<string, unknown>,
    targetUserId: string | null = actor?.id ?? null,
  ): AuditEventInput {
    return {
      action,
      outcome,
      actorId: actor?.id ?? null,
      actorUsername: actor?.username ?? null,
      targetUserId,
      ip: ctx.ip,
      userAgent: ctx.userAgent,
      requestId: ctx.requestId,
      details,
    };
  }

  /** Fail closed: a token is not issued, used or revoked unless the audit log says so. */
  async function record(row: AuditEventInput, tx?: Tx): Promise<void> {
    try {
      await audit.append(row, tx);
    } catch (err) {
      throw new AppError('unavailable', 'The audit log cannot be written right now. Try again shortly.', {
        cause: err,
      });
    }
  }

  function userCodeHash(code: string): string {
    return hmacHex(deps.keys.userCode, code);
  }

  /** The pending, unexpired request a user code names; 404 otherwise (never says which). */
  async function pendingDevice(userCode: string): Promise<{ device: CliDeviceRecord; code: string }> {
    const code = normaliseUserCode(userCode);
    const device = code ? await repo.findDeviceByUserCode(userCodeHash(code)) : null;
    if (!code || !device || device.status !== 'pending' || device.expiresAt.getTime() <= now().getTime()) {
      throw new AppError('not_found', 'No pending login with that code. Codes expire after 10 minutes.', {
        fields: [{ field: 'userCode', reason: 'unknown or expired' }],
      });
    }
    return { device, code };
  }

  function deviceDetails(device: CliDeviceRecord): Record<string, unknown> {
    return {
      deviceId: device.id,
      clientName: device.clientName,
      hostname: device.hostname,
      deviceIp: device.ip,
    };
  }

  function usableUser(user: UserRecord | null, token: CliTokenRecord): CliTokenRevokeReason | 'ok' {
    if (!user || user.disabled) return 'user_disabled';
    // A token approved with an authenticator the user no longer has is not theirs any more.
    if (!user.totpEnabledAt || user.totpEnabledAt.getTime() > token.createdAt.getTime()) return 'mfa_changed';
    return 'ok';
  }

  return {
    async startDevice(input: { clientName: string; hostname: string }, ctx: RequestContext) {
      const at = now();
      // Expired requests and long-dead tokens go here rather than in a timer of their own.
      await repo.purge(
        new Date(at.getTime() - DEVICE_RETENTION_MS),
        new Date(at.getTime() - TOKEN_RETENTION_MS),
      );
      const deviceCode = createToken();
      for (let attempt = 0; ; attempt++) {
        const userCode = createUserCode();
        try {
          await repo.createDevice({
            deviceCodeHash: tokenId(deviceCode),
            userCodeHash: userCodeHash(userCode),
            clientName: clean(input.clientName, 100) || 'unknown client',
            hostname: clean(input.hostname, 255),
            ip: ctx.ip,
            userAgent: clean(ctx.userAgent, 512),
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
    },

    /** What the approver sees before deciding: which client, which machine, from where. */
    async describeDevice(userCode: string) {
      const { device, code } = await pendingDevice(userCode);
      return {
        userCode: formatUserCode(code),
        clientName: device.clientName,
        hostname: device.hostname,
        ip: device.ip,
        userAgent: device.userAgent,
        createdAt: device.createdAt,
        expiresAt: device.expiresAt,
      };
    },

    async approveDevice(
      auth: Authenticated,
      input: { userCode: string; totpCode: string },
      ctx: RequestContext,
    ) {
      // Look the request up first: a mistyped user code must not burn the user's TOTP step.
      const { device } = await pendingDevice(input.userCode);
      const mfaAt = await deps.confirmTotp(auth, input.totpCode, ctx);
      await deps.transactions.run(async (tx) => {
        const decided = await repo.decideDevice(
          device.id,
          { status: 'approved', userId: auth.user.id, mfaAt, at: now() },
          tx,
        );
        if (!decided) {
          throw new AppError('not_found', 'No pending login with that code. Codes expire after 10 minutes.', {
            fields: [{ field: 'userCode', reason: 'unknown or expired' }],
          });
        }
        await record(event(ctx, 'cli.device_approve', 'success', auth.user, deviceDetails(device)), tx);
      });
    },

    async denyDevice(auth: Authenticated, userCode: string, ctx: RequestContext) {
      const { device } = await pendingDevice(userCode);
      await deps.transactions.run(async (tx) => {
        const decided = await repo.decideDevice(
          device.id,
          { status: 'denied', userId: auth.user.id, mfaAt: null, at: now() },
          tx,
        );
        if (!decided) throw new AppError('not_found', 'No pending login with that code.');
        await record(event(ctx, 'cli.device_deny', 'success', auth.user, deviceDetails(device)), tx);
      });
    },

    /** One poll of the CLI. Never throws for the RFC's outcomes: they are answers, not faults. */
    async pollToken(deviceCode: string, ctx: RequestContext): Promise<DeviceTokenOutcome> {
      const at = now();
      const polled = isWellFormedToken(deviceCode)
        ? await repo.recordPoll(tokenId(deviceCode), at, {
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
      if (device.status === 'consumed') {
        return { ok: false, error: 'invalid_grant', message: 'This login has already been completed.' };
      }
      if (device.expiresAt.getTime() <= at.getTime()) {
        return {
          ok: false,
          error: 'expired_token',
          message: 'The login code expired before it was approved. Run `gatehouse login` again.',
        };
      }
      if (device.polls > settings.maxPolls) {
        return {
          ok: false,
          error: 'expired_token',
          message:
            'This login code was polled too often and is no longer valid. Run `gatehouse login` again.',
        };
      }
      if (device.status === 'denied') {
        return { ok: false, error: 'access_denied', message: 'The login was denied in the portal.' };
      }
      if (device.status === 'pending') {
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
      // Approved: exchange exactly once.
      const approver = device.userId ? await users.findById(device.userId) : null;
      const token = `${CLI_TOKEN_PREFIX}${createToken()}`;
      const issued = await deps.transactions.run(async (tx) => {
        if (!(await repo.consumeDevice(device.id, at, tx))) return null;
        if (!approver || approver.disabled || !approver.totpEnabledAt || !device.mfaAt)
          return 'denied' as const;
        const created = await repo.createToken(
          {
            tokenHash: tokenId(token),
            userId: approver.id,
            deviceId: device.id,
            clientName: device.clientName,
            hostname: device.hostname,
            createdIp: ctx.ip,
            userAgent: clean(ctx.userAgent, 512),
            mfaAt: device.mfaAt,
            createdAt: at,
            expiresAt: new Date(at.getTime() + settings.tokenLifetimeMs),
          },
          tx,
        );
        await record(
          event(ctx, 'cli.token_issue', 'success', approver, {
            ...deviceDetails(device),
            tokenId: created.id,
            expiresAt: created.expiresAt.toISOString(),
          }),
          tx,
        );
        return created;
      });
      if (issued === null) {
        return { ok: false, error: 'invalid_grant', message: 'This login has already been completed.' };
      }
      if (issued === 'denied') {
        return { ok: false, error: 'access_denied', message: 'The approving account can no longer sign in.' };
      }
      return { ok: true, token, record: issued, user: approver as UserRecord };
    },

    /**
     * Resolves `Authorization: Bearer <token>` to the token's user as an `active` session, or
     * null (unknown, expired, revoked, user disabled or re-enrolled). Every use is audited.
     */
    async authenticate(token: string, ctx: RequestContext, use: string): Promise<CliAuthenticated | null> {
      if (!isWellFormedCliToken(token)) return null;
      const hash = tokenId(token);
      const found = await repo.findTokenByHash(hash);
      // The lookup is by hash already; compare anyway so no branch depends on a partial match.
      if (!found || !timingSafeEqual(Buffer.from(found.tokenHash, 'hex'), Buffer.from(hash, 'hex')))
        return null;
      const at = now();
      const user = await users.findById(found.userId);
      const actor = user ?? { id: found.userId, username: '' };
      const refuse = async (reason: string) => {
        await record(event(ctx, 'cli.token_use', 'denied', actor, { tokenId: found.id, use, reason }));
        return null;
      };
      if (found.revokedAt) return refuse(`revoked:${found.revokeReason ?? 'unknown'}`);
      if (found.expiresAt.getTime() <= at.getTime()) return refuse('expired');
      const usable = usableUser(user, found);
      if (usable !== 'ok') {
        await repo.revokeToken(found.id, { at, by: null, reason: usable });
        return refuse(usable);
      }
      await record(event(ctx, 'cli.token_use', 'success', actor, { tokenId: found.id, use }));
      await repo.touchToken(found.id, at, ctx.ip);
      return {
        user: user as UserRecord,
        cliToken: found,
        session: {
          id: `cli:${found.id}`,
          userId: found.userId,
          stage: 'active',
          createdAt: found.createdAt,
          lastSeenAt: at,
          expiresAt: found.expiresAt,
          mfaAt: found.mfaAt,
          ip: ctx.ip,
          userAgent: ctx.userAgent,
        },
      };
    },

    listOwnTokens(auth: Authenticated): Promise<CliTokenWithUser[]> {
      return repo.listTokens({ userId: auth.user.id, activeAt: now(), limit: 500 });
    },

    /** The user revokes one of their tokens (portal), or the CLI its own (`gatehouse logout`). */
    async revokeOwnToken(
      auth: Authenticated,
      id: string,
      ctx: RequestContext,
      reason: 'user' | 'logout' = 'user',
    ): Promise<void> {
      const at = now();
      await deps.transactions.run(async (tx) => {
        const token = await repo.findToken(id, tx);
        const active = token && !token.revokedAt && token.expiresAt.getTime() > at.getTime();
        if (!token || token.userId !== auth.user.id || !active) {
          throw new AppError('not_found', 'No such active CLI token.');
        }
        await repo.revokeToken(id, { at, by: auth.user.id, reason }, tx);
        await record(
          event(ctx, 'cli.token_revoke', 'success', auth.user, {
            tokenId: id,
            reason,
            clientName: token.clientName,
            hostname: token.hostname,
          }),
          tx,
        );
      });
    },

    adminListTokens(filter: { userId?: string; includeInactive?: boolean; limit?: number }) {
      return repo.listTokens({
        ...(filter.userId ? { userId: filter.userId } : {}),
        activeAt: filter.includeInactive ? null : now(),
        limit: filter.limit ?? 100,
      });
    },

    async adminRevokeToken(
      actor: { id: string; username: string },
      id: string,
      ctx: RequestContext,
    ): Promise<void> {
      const at = now();
      await deps.transactions.run(async (tx) => {
        const token = await repo.findToken(id, tx);
        if (!token || !(await repo.revokeToken(id, { at, by: actor.id, reason: 'admin' }, tx))) {
          throw new AppError('not_found', 'No such unrevoked CLI token.');
        }
        await record(
          event(
            ctx,
            'cli.token_revoke',
            'success',
            actor,
            { tokenId: id, reason: 'admin', username: token.username, clientName: token.clientName },
            token.userId,
          ),
          tx,
        );
      });
    },

    /** Incident response: every live token of one user, or of everyone. */
    async adminRevokeAll(
      actor: { id: string; username: string },
      scope: { userId?: string; all?: boolean },
      ctx: RequestContext,
    ): Promise<number> {
      if (!scope.userId && scope.all !== true) {
        throw new AppError(
          'validation',
          'Name a user (userId=…) or confirm all=true to revoke every CLI token.',
          {
            fields: [{ field: 'userId', reason: 'required unless all=true' }],
          },
        );
      }
      const userId = scope.userId ?? null;
      const at = now();
      return deps.transactions.run(async (tx) => {
        const revoked = await repo.revokeAll(userId, { at, by: actor.id, reason: 'admin' }, tx);
        await record(
          event(ctx, 'cli.token_revoke_all', 'success', actor, { userId, revoked, reason: 'admin' }, userId),
          tx,
        );
        return revoked;
      });
    },
  };
}

export type DeviceAuthService = ReturnType<typeof createDeviceAuthService>;
