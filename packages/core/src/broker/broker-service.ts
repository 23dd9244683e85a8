import { randomUUID } from 'node:crypto';
import { AppError } from '../shared/app-error';
import { roleSessionNameFor, sessionTagsFor, sourceIdentityFor } from './aws-names';
import { consoleDestination, federationEndpoint, loginUrl } from './console-url';
import { formatCredentials } from './credential-formats';
import type { CredentialFormat } from './credential-formats';
import { hmacHex } from '../shared/secret-box';
import { decideSessionLimit, resolveSessionDuration, sendSessionDuration } from './session-duration';
import { ipAllowed } from './source-cidrs';
import { AwsCallError } from './ports';
import type { AssumeRoleResult, AwsCredentials, BrokerIdentity, FederationPort, StsPort } from './ports';
import type {
  AccessRepository,
  AccountRecord,
  GrantWithTarget,
  IssuanceTarget,
  RoleRecord,
} from '../shared/access-records';
import type { AuditEventInput, AuditLog } from '../shared/ports';
import type { Authenticated, RequestContext } from '../identity/auth-service';

export const STEP_UP_WINDOW_MS = 5 * 60_000;

export interface BrokerSettings {
  /** The portal's public URL: the Issuer of console sign-ins. */
  issuer: string;
  /** GATEHOUSE_FEDERATION_URL: replaces the partition's federation endpoint when set. */
  federationUrlOverride: string | null;
  /** How long an issuance may stay `pending` before the reconciler calls it abandoned. */
  pendingTimeoutMs: number;
}

export interface BrokerDeps {
  access: AccessRepository;
  sts: StsPort;
  federation: FederationPort;
  audit: AuditLog;
  identity: BrokerIdentityProvider;
  keys: { accessKeyId: Buffer };
  settings: BrokerSettings;
  /** Appends an `abandoned` row for each `pending` issuance older than the cut-off that has no outcome; returns how many. */
  abandonStalePending: (olderThan: Date) => Promise<number>;
  now?: () => Date;
}

export interface BrokerIdentityProvider {
  /** The cached identity, refreshed when older than its TTL; throws `unavailable` when AWS cannot say. */
  get(): Promise<BrokerIdentity>;
  /** The last known state without calling AWS. */
  peek(): { identity: BrokerIdentity | null; error: string | null; checkedAt: Date | null };
  refresh(): Promise<BrokerIdentity>;
}

export function createBrokerIdentityProvider(
  sts: StsPort,
  options: { ttlMs: number; now?: () => Date },
): BrokerIdentityProvider {
  const now = options.now ?? (() => new Date());
  let identity: BrokerIdentity | null = null;
  let error: string | null = null;
  let checkedAt: Date | null = null;
  let inflight: Promise<BrokerIdentity> | null = null;

  async function refresh(): Promise<BrokerIdentity> {
    inflight ??= (async () => {
      try {
        identity = await sts.getCallerIdentity();
        error = null;
        return identity;
      } catch (err) {
        error = err instanceof AwsCallError ? `${err.errorClass}: ${err.message}` : (err as Error).message;
        throw new AppError(
          'unavailable',
          'Gatehouse cannot reach AWS with its own credentials right now (GetCallerIdentity failed). Tell an administrator.',
          { cause: err },
        );
      } finally {
        checkedAt = now();
        inflight = null;
      }
    })();
    return inflight;
  }

  return {
    async get() {
      if (identity && checkedAt && now().getTime() - checkedAt.getTime() < options.ttlMs) return identity;
      return refresh();
    },
    peek: () => ({ identity, error, checkedAt }),
    refresh,
  };
}

type Kind = 'console' | 'cli';

function collapse(entries: GrantWithTarget[]): Map<string, GrantWithTarget[]> {
  const byRole = new Map<string, GrantWithTarget[]>();
  for (const e of entries) {
    const list = byRole.get(e.role.id) ?? [];
    list.push(e);
    byRole.set(e.role.id, list);
  }
  return byRole;
}

/** Of several grants for one role, the one that allows the most: both kinds, longest session, fewest limits. */
function mostCapable(grants: GrantWithTarget[]): GrantWithTarget {
  const score = (g: GrantWithTarget) =>
    (g.grant.allowConsole ? 4 : 0) +
    (g.grant.allowCli ? 4 : 0) +
    (g.grant.sourceCidrs.length === 0 ? 2 : 0) +
    (g.grant.expiresAt === null ? 1 : 0);
  return [...grants].sort(
    (a, b) =>
      score(b) - score(a) ||
      (b.grant.maxSessionSeconds ?? b.role.maxSessionSeconds) -
        (a.grant.maxSessionSeconds ?? a.role.maxSessionSeconds) ||
      a.grant.id.localeCompare(b.grant.id),
  )[0] as GrantWithTarget;
}

function awsErrorToAppError(
  err: AwsCallError,
  role: RoleRecord,
  broker: BrokerIdentity | null,
  step: 'sts' | 'federation',
): AppError {
  const service = step === 'sts' ? 'AWS STS' : 'the AWS sign-in (federation) endpoint';
  switch (err.errorClass) {
    case 'access_denied':
      return new AppError(
        'aws_access_denied',
        step === 'sts'
          ? `AWS refused to let Gatehouse assume ${role.arn}. Most likely the role's trust policy does not trust the broker` +
              `${broker ? ` (${broker.principalArn})` : ''}, or does not allow sts:SetSourceIdentity and sts:TagSession. ` +
              'Ask an administrator to check the role.'
          : 'The AWS sign-in endpoint refused the session. Ask an administrator to check the role and the federation endpoint.',
        { cause: err },
      );
    case 'throttled':
    case 'server_error':
    case 'network':
      return new AppError(
        'unavailable',
        `${service} is failing or throttling requests (${err.attempts} attempts). Try again shortly.`,
        {
          cause: err,
        },
      );
    case 'timeout':
      return new AppError('gateway_timeout', `${service} did not answer in time. Try again shortly.`, {
        cause: err,
      });
    case 'invalid_request':
      return new AppError('bad_gateway', `AWS rejected the request for ${role.arn}: ${err.message}`, {
        cause: err,
      });
    case 'not_found':
      return new AppError(
        'bad_gateway',
        `AWS says ${role.arn} does not exist. Ask an administrator to check the role.`,
        { cause: err },
      );
    default:
      return new AppError(
        'bad_gateway',
        `${service} returned an unusable answer. Try again; if it persists tell an administrator.`,
        {
          cause: err,
        },
      );
  }
}

export function createBrokerService(deps: BrokerDeps) {
  const now = deps.now ?? (() => new Date());
  const { access, audit } = deps;

  function event(
    auth: Authenticated,
    ctx: RequestContext,
    action: string,
    outcome: AuditEventInput['outcome'],
    target: { account?: AccountRecord; role?: RoleRecord } = {},
    details: Record<string, unknown> = {},
    correlationId: string | null = null,
  ): AuditEventInput {
    return {
      action,
      outcome,
      actorId: auth.user.id,
      actorUsername: auth.user.username,
      targetUserId: auth.user.id,
      ip: ctx.ip,
      userAgent: ctx.userAgent,
      requestId: ctx.requestId,
      accountId: target.account?.id ?? null,
      roleId: target.role?.id ?? null,
      correlationId,
      details,
    };
  }

  /** Fail closed: whatever the audit log cannot record does not happen. */
  async function record(row: AuditEventInput): Promise<void> {
    try {
      await audit.append(row);
    } catch (err) {
      throw new AppError(
        'unavailable',
        'The audit log cannot be written right now, so nothing was issued. Try again shortly.',
        { cause: err },
      );
    }
  }

  function stepUpFresh(auth: Authenticated): boolean {
    const at = auth.session.mfaAt;
    return at !== null && now().getTime() - at.getTime() <= STEP_UP_WINDOW_MS;
  }

  /** Every check issuance makes, on server-owned ids only. Denials are audited, then thrown. */
  async function authorise(
    auth: Authenticated,
    grantId: string,
    kind: Kind,
    ctx: RequestContext,
  ): Promise<IssuanceTarget> {
    const action = kind === 'console' ? 'access.console' : 'access.credentials';
    const found = await access.issuanceTarget(grantId, auth.user.id);
    const deny = async (reason: string, message: string, target?: GrantWithTarget): Promise<never> => {
      await record(event(auth, ctx, action, 'denied', target ?? {}, { grantId, reason }));
      throw new AppError('forbidden', message);
    };
    if (!found) {
      await record(event(auth, ctx, action, 'denied', {}, { grantId, reason: 'unknown_grant' }));
      throw new AppError('not_found', 'No such grant.');
    }
    const { grant, account } = found;
    if (!found.reachesUser) return deny('not_granted', 'You do not have access to this role.', found);
    if (grant.expiresAt && grant.expiresAt.getTime() <= now().getTime()) {
      return deny(
        'grant_expired',
        'Your access to this role has expired. Ask an administrator to renew it.',
        found,
      );
    }
    if (account.disabled)
      return deny('account_disabled', `The account ${account.name} is disabled in Gatehouse.`, found);
    if (auth.user.disabled) return deny('user_disabled', 'Your account is disabled.', found);
    if (auth.session.stage !== 'active' || auth.session.mfaAt === null || auth.user.totpEnabledAt === null) {
      return deny('mfa_missing', 'Sign in with your authenticator code first.', found);
    }
    if (kind === 'console' && !grant.allowConsole)
      return deny('console_not_allowed', 'This grant does not allow console sign-in.', found);
    if (kind === 'cli' && !grant.allowCli)
      return deny('cli_not_allowed', 'This grant does not allow CLI credentials.', found);
    if (!ipAllowed(ctx.ip, grant.sourceCidrs)) {
      return deny(
        'source_ip',
        `This role may only be used from approved networks; your address ${ctx.ip} is not one of them.`,
        found,
      );
    }
    if (found.role.requiresStepUp && !stepUpFresh(auth)) {
      await record(event(auth, ctx, action, 'denied', found, { grantId, reason: 'step_up_required' }));
      throw new AppError(
        'forbidden',
        'This role needs a fresh authenticator code (within the last 5 minutes). Confirm with a code and try again.',
        {
          fields: [{ field: 'stepUp', reason: 'required' }],
        },
      );
    }
    return found;
  }

  async function assume(
    auth: Authenticated,
    target: IssuanceTarget,
    kind: Kind,
    requestedSeconds: number | undefined,
    ctx: RequestContext,
    extra: Record<string, unknown>,
    deliver: (
      result: AssumeRoleResult,
      broker: BrokerIdentity,
      durationSeconds: number,
    ) => Promise<Record<string, unknown>>,
  ) {
    const action = kind === 'console' ? 'access.console' : 'access.credentials';
    const broker = await deps.identity.get();
    if (broker.isFederationToken) {
      // AWS lets GetFederationToken credentials call no STS API but GetCallerIdentity.
      throw new AppError(
        'bad_gateway',
        'Gatehouse runs on GetFederationToken credentials, which cannot assume roles. Give it an IAM role or IAM user credentials.',
      );
    }
    const chained = broker.isRoleSession;
    const duration = resolveSessionDuration({
      requestedSeconds,
      roleMaxSeconds: target.role.maxSessionSeconds,
      grantMaxSeconds: target.grant.maxSessionSeconds,
      iamMaxSeconds: target.iamMaxSessionSeconds,
      chained,
    });
    const correlationId = randomUUID();
    const base = {
      grantId: target.grant.id,
      kind,
      roleArn: target.role.arn,
      awsAccountId: target.account.awsAccountId,
      durationSeconds: duration.durationSeconds,
      chained,
      ...extra,
    };
    // Fail closed: no STS call unless the intent is on record.
    await record(event(auth, ctx, action, 'pending', target, base, correlationId));

    let result: AssumeRoleResult;
    let delivered: Record<string, unknown>;
    try {
      result = await deps.sts.assumeRole({
        roleArn: target.role.arn,
        roleSessionName: roleSessionNameFor(auth.user.username),
        durationSeconds: duration.durationSeconds,
        sourceIdentity: sourceIdentityFor(auth.user.id),
        tags: sessionTagsFor({
          username: auth.user.username,
          userId: auth.user.id,
          mfa: auth.session.mfaAt !== null,
          grantId: target.grant.id,
          via: kind,
        }),
        ...(target.role.sessionPolicy ? { policy: target.role.sessionPolicy } : {}),
      });
      if (result.credentials.expiration.getTime() <= now().getTime()) {
        throw new AwsCallError('malformed_response', 'STS returned credentials that have already expired');
      }
    } catch (err) {
      const errorClass = err instanceof AwsCallError ? err.errorClass : 'unknown';
      await record(
        event(auth, ctx, action, 'failed', target, { ...base, step: 'sts', errorClass }, correlationId),
      );
      if (err instanceof AwsCallError) throw awsErrorToAppError(err, target.role, broker, 'sts');
      throw err;
    }
    try {
      delivered = await deliver(result, broker, duration.durationSeconds);
    } catch (err) {
      const errorClass =
        err instanceof AwsCallError ? err.errorClass : err instanceof AppError ? err.code : 'unknown';
      await record(
        event(
          auth,
          ctx,
          action,
          'failed',
          target,
          { ...base, step: 'federation', errorClass, assumedRoleArn: result.assumedRoleArn },
          correlationId,
        ),
      );
      if (err instanceof AwsCallError) throw awsErrorToAppError(err, target.role, broker, 'federation');
      throw err;
    }
    // The issued row commits before anything leaves; if it cannot, nothing leaves.
    await record(
      event(
        auth,
        ctx,
        action,
        'issued',
        target,
        {
          ...base,
          assumedRoleArn: result.assumedRoleArn,
          assumedRoleId: result.assumedRoleId,
          accessKeyIdHmac: hmacHex(deps.keys.accessKeyId, result.credentials.accessKeyId),
          expiresAt: result.credentials.expiration.toISOString(),
        },
        correlationId,
      ),
    );
    return { result, duration, delivered };
  }

  return {
    /**
     * What `my access` shows a user, apart from their session's step-up window: the same for
     * every session of the user until one of the rows it was read from changes or `changesAt`
     * (the soonest grant expiry) passes, so the server may keep it (apps/server/src/caches.ts).
     */
    async accessView(userId: string) {
      const at = now();
      const [entries, favourites, broker] = await Promise.all([
        access.effectiveGrants(userId, at),
        access.favouriteRoleIds(userId),
        deps.identity.get().catch(() => null),
      ]);
      const iamMax = await access.iamMaxSessionSeconds([...new Set(entries.map((e) => e.role.id))]);
      const chained = broker ? broker.isRoleSession : false;
      const fav = new Set(favourites);
      let changesAt: number | null = null;
      for (const e of entries) {
        const expiry = e.grant.expiresAt?.getTime();
        if (expiry !== undefined && (changesAt === null || expiry < changesAt)) changesAt = expiry;
      }
      const accounts = new Map<string, { account: AccountRecord; roles: ReturnType<typeof roleView>[] }>();
      function roleView(list: GrantWithTarget[]) {
        const best = mostCapable(list);
        const limit = decideSessionLimit({
          roleMaxSeconds: best.role.maxSessionSeconds,
          grantMaxSeconds: best.grant.maxSessionSeconds,
          iamMaxSeconds: iamMax.get(best.role.id) ?? null,
          chained,
        });
        return {
          roleId: best.role.id,
          grantId: best.grant.id,
          roleName: best.role.roleName,
          arn: best.role.arn,
          displayName: best.role.displayName,
          description: best.role.description,
          allowConsole: list.some((g) => g.grant.allowConsole),
          allowCli: list.some((g) => g.grant.allowCli),
          maxSessionSeconds: limit.maxSeconds,
          maxSessionLimitedBy: limit.limitedBy,
          maxSessionExplanation: limit.explanation,
          requiresStepUp: best.role.requiresStepUp,
          favourite: fav.has(best.role.id),
          grantExpiresAt: best.grant.expiresAt?.toISOString() ?? null,
          via: list.map((g) => (g.grant.userId ? 'direct' : `group:${g.groupName ?? g.grant.groupId}`)),
        };
      }
      for (const list of collapse(entries).values()) {
        const account = list[0]!.account;
        const slot = accounts.get(account.id) ?? { account, roles: [] };
        slot.roles.push(roleView(list));
        accounts.set(account.id, slot);
      }
      const sorted = [...accounts.values()].sort((a, b) => a.account.name.localeCompare(b.account.name));
      return {
        roleChaining: chained,
        changesAt: changesAt === null ? null : new Date(changesAt),
        accounts: sorted.map(({ account, roles }) => ({
          id: account.id,
          awsAccountId: account.awsAccountId,
          name: account.name,
          partition: account.partition,
          colour: account.colour,
          description: account.description,
          defaultRegion: account.defaultRegion,
          roles: roles.sort(
            (a, b) => Number(b.favourite) - Number(a.favourite) || a.displayName.localeCompare(b.displayName),
          ),
        })),
      };
    },

    /** Until when this session's step-up (TOTP within the last 5 minutes) lasts, if it still does. */
    stepUpValidUntil(auth: Authenticated): string | null {
      const until = auth.session.mfaAt ? auth.session.mfaAt.getTime() + STEP_UP_WINDOW_MS : null;
      return until !== null && until > now().getTime() ? new Date(until).toISOString() : null;
    },

    async setFavourite(auth: Authenticated, roleId: string, favourite: boolean): Promise<void> {
      const entries = await access.effectiveGrants(auth.user.id, now());
      if (favourite && !entries.some((e) => e.role.id === roleId))
        throw new AppError('not_found', 'No such role among yours.');
      await access.setFavourite(auth.user.id, roleId, favourite);
    },

    async issueConsole(
      auth: Authenticated,
      input: { grantId: string; service?: string | null; region?: string | null; durationSeconds?: number },
      ctx: RequestContext,
    ) {
      const target = await authorise(auth, input.grantId, 'console', ctx);
      // Validate the destination before anything is issued: a bad one is the user's 400.
      const destination = consoleDestination({
        partition: target.account.partition,
        service: input.service ?? null,
        region: input.region ?? target.account.defaultRegion,
      });
      const federationUrl = federationEndpoint(target.account.partition, deps.settings.federationUrlOverride);
      const { result, duration, delivered } = await assume(
        auth,
        target,
        'console',
        input.durationSeconds,
        ctx,
        { service: input.service ?? null, region: input.region ?? null },
        async (assumed, broker, durationSeconds) => {
          const allowed = sendSessionDuration(broker);
          const signinToken = await deps.federation.getSigninToken({
            federationUrl,
            credentials: assumed.credentials,
            ...(allowed ? { sessionDurationSeconds: durationSeconds } : {}),
          });
          return { url: loginUrl({ federationUrl, issuer: deps.settings.issuer, destination, signinToken }) };
        },
      );
      return {
        url: delivered['url'] as string,
        durationSeconds: duration.durationSeconds,
        maxSessionSeconds: duration.maxSeconds,
        clamped: duration.clamped,
        expiresAt: result.credentials.expiration,
      };
    },

    async issueCredentials(
      auth: Authenticated,
      input: { grantId: string; durationSeconds?: number; formats?: CredentialFormat[]; profile?: string },
      ctx: RequestContext,
    ) {
      const target = await authorise(auth, input.grantId, 'cli', ctx);
      const { result, duration } = await assume(
        auth,
        target,
        'cli',
        input.durationSeconds,
        ctx,
        {},
        async () => ({}),
      );
      const credentials: AwsCredentials = result.credentials;
      const region = target.account.defaultRegion;
      const formats =
        input.formats ??
        (['process', 'env', 'env-no-export', 'powershell', 'windows-cmd', 'fish', 'ini', 'dotenv'] as const);
      const formatted: Record<string, string> = {};
      for (const f of formats)
        formatted[f] = formatCredentials(credentials, f, {
          profile: input.profile ?? target.role.roleName,
          region,
        });
      return {
        credentials,
        assumedRoleArn: result.assumedRoleArn,
        region,
        durationSeconds: duration.durationSeconds,
        maxSessionSeconds: duration.maxSeconds,
        clamped: duration.clamped,
        formatted,
      };
    },

    /** Pending issuances older than the longest possible STS call never completed: say so. */
    reconcile(): Promise<number> {
      const olderThan = new Date(now().getTime() - deps.settings.pendingTimeoutMs);
      return deps.abandonStalePending(olderThan);
    },
  };
}

export type BrokerService = ReturnType<typeof createBrokerService>;
