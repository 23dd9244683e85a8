/**
 * Role onboarding and revocation for administrators: generate the trust policy a role needs,
 * lint and evaluate pasted policies, check every configured role against IAM (on demand and
 * periodically), discover roles that already trust the broker, and revoke sessions that are
 * already out. IAM is read (and written) as the broker, or, when configured, as a separate role
 * assumed in each account; every revocation is audited before IAM is touched.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { AccountRecord, RoleRecord } from './access-ports';
import type { AdminCall } from './access-admin-service';
import { AppError } from './app-error';
import { parseRoleReference, sourceIdentityFor } from './aws-names';
import { AwsCallError } from './aws-ports';
import type { BrokerIdentity } from './aws-ports';
import type { BrokerIdentityProvider } from './broker-service';
import { checkRoleHealth } from './onboarding/check-role-health';
import type { IamLookup } from './onboarding/check-role-health';
import type {
  IamGateway,
  IamPort,
  IamRole,
  ManagedRole,
  RoleHealthRepository,
  StoredRoleHealth,
} from './iam-ports';
import {
  ROLE_REVOCATION_POLICY,
  USER_REVOCATION_POLICY,
  brokerPrincipalFromArn,
  checkBrokerTrust,
  evaluatePolicy,
  generateTrustPolicy,
  lintPolicy,
  locateJsonPath,
  mergeRevocationPolicy,
  parsePolicyJson,
  policySize,
  readPolicy,
} from './policy';
import type {
  ContextValue,
  Decision,
  GeneratedTrust,
  LintResult,
  PolicyKind,
  RequestPrincipal,
  StatementTrace,
  TrustPolicyOptions,
} from './policy';
import type { AuditEventInput, AuditLog, UserRecord, UserRepository } from './ports';
import { MAX_SESSION_SECONDS, MIN_SESSION_SECONDS } from './session-duration';

/** IAM's limit for all inline policies of one role together (whitespace not counted). */
export const ROLE_INLINE_POLICIES_MAX_CHARS = 10_240;
/** Inline policies read per role when looking for revocations. */
const MAX_INLINE_POLICIES_READ = 25;
const REFRESH_CONCURRENCY = 4;
/** Roles scanned per Discover; IAM pages are 100 roles. */
export const DISCOVER_LIMIT = 1000;
/** "Recently" for revoking a user everywhere: no session outlives 12 hours. */
export const RECENT_ISSUANCE_HOURS = MAX_SESSION_SECONDS / 3600;

export interface RoleOnboardingSettings {
  /** GATEHOUSE_IAM_ROLE: role (optionally /path/name) assumed in each account for IAM; null uses the broker. */
  iamRoleName: string | null;
  trustOptions?: TrustPolicyOptions;
}

export interface RoleOnboardingDeps {
  repo: RoleHealthRepository;
  iam: IamGateway;
  identity: BrokerIdentityProvider;
  audit: AuditLog;
  users: Pick<UserRepository, 'findById'>;
  /** Creates a role in Gatehouse (validated and audited by the access admin service). */
  importRole: (
    call: AdminCall,
    input: { accountId: string; role: string; maxSessionSeconds: number },
  ) => Promise<RoleRecord>;
  settings: RoleOnboardingSettings;
  now?: () => Date;
}

export interface EvaluateInput {
  principalArn: string;
  actions: string[];
  resource?: string | null;
  sourceIdentity?: string | null;
  requestTags?: Record<string, string>;
  sourceIp?: string | null;
  mfaPresent?: boolean | null;
  context?: Record<string, string | string[]>;
  time?: string | null;
}

export interface StatementRef {
  index: number;
  sid: string | null;
  line: number;
}

export interface EvaluateResult {
  lint: LintResult;
  results: Array<{
    action: string;
    decision: Decision;
    deciding: StatementRef[];
    explanation: string;
    missingKeys: string[];
    statements: Array<StatementTrace & { line: number }>;
  }>;
}

export interface DiscoveredRole {
  arn: string;
  roleName: string;
  path: string;
  maxSessionSeconds: number;
  /** Allows all three actions the broker needs. */
  trusted: boolean;
  /** Allows sts:AssumeRole but not SetSourceIdentity and/or TagSession. */
  partial: boolean;
  unverifiable: boolean;
  explanation: string;
  /** Already configured in Gatehouse (its role id). */
  managedRoleId: string | null;
}

export interface RevocationResult {
  roleId: string;
  roleArn: string;
  scope: 'role' | 'user';
  userId: string | null;
  sourceIdentity: string | null;
  policyName: string;
  cutoff: string;
  /** The document as IAM returned it after the write (URL-decoded). */
  document: string;
  pruned: number;
  changedAs: string;
}

/** Raised inside the service when IAM cannot be reached with the current configuration. */
class IamNotReachable extends Error {}

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array<R>(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    for (;;) {
      const i = next++;
      if (i >= items.length) return;
      out[i] = await fn(items[i] as T);
    }
  });
  await Promise.all(workers);
  return out;
}

function splitRolePath(value: string): { path: string; roleName: string } {
  const trimmed = value.startsWith('/') ? value : `/${value}`;
  const cut = trimmed.lastIndexOf('/');
  return { path: trimmed.slice(0, cut + 1), roleName: trimmed.slice(cut + 1) };
}

export function createRoleOnboardingService(deps: RoleOnboardingDeps) {
  const now = deps.now ?? (() => new Date());
  const { repo, identity, settings } = deps;

  /** The broker's identity if known, without waiting long on AWS when it is not. */
  async function brokerIdentity(): Promise<{ broker: BrokerIdentity | null; error: string | null }> {
    const known = identity.peek();
    if (known.identity) return { broker: known.identity, error: null };
    if (known.checkedAt) {
      // AWS failed recently: answer now (a lint must not wait on it) and retry in the background.
      void identity.get().catch(() => undefined);
      return { broker: null, error: known.error };
    }
    try {
      return { broker: await identity.get(), error: null };
    } catch {
      return { broker: null, error: identity.peek().error ?? 'GetCallerIdentity failed' };
    }
  }

  async function requireBroker(): Promise<BrokerIdentity> {
    const { broker, error } = await brokerIdentity();
    if (!broker) {
      throw new AppError(
        'unavailable',
        `Gatehouse does not know its own AWS identity right now${error ? ` (${error})` : ''}, so it cannot say what to trust. Try again once it can reach AWS.`,
      );
    }
    return broker;
  }

  function iamRoleArn(account: AccountRecord): string | null {
    if (!settings.iamRoleName) return null;
    const { path, roleName } = splitRolePath(settings.iamRoleName);
    return `arn:${account.partition}:iam::${account.awsAccountId}:role${path}${roleName}`;
  }

  /** IAM of the account, as the configured IAM role or (in its own account only) as the broker. */
  async function iamFor(account: AccountRecord): Promise<{ iam: IamPort; as: string }> {
    const viaRole = iamRoleArn(account);
    if (viaRole) return { iam: deps.iam.viaRole(viaRole), as: viaRole };
    const { broker, error } = await brokerIdentity();
    if (!broker) {
      throw new IamNotReachable(
        `Gatehouse does not know its own AWS identity${error ? ` (${error})` : ''}, so it cannot read IAM.`,
      );
    }
    if (broker.account !== account.awsAccountId || broker.partition !== account.partition) {
      throw new IamNotReachable(
        `IAM is per account: Gatehouse's own credentials (${broker.principalArn}) reach account ${broker.account} only, ` +
          `and this role is in ${account.awsAccountId}. Set GATEHOUSE_IAM_ROLE to a role Gatehouse may assume in each account to read and change roles there.`,
      );
    }
    return { iam: deps.iam.own(account.partition), as: broker.principalArn };
  }

  function iamError(err: unknown, operation: string, role: RoleRecord | null, as: string | null): AppError {
    if (err instanceof AppError) return err;
    const target = role ? ` on ${role.arn}` : '';
    if (err instanceof IamNotReachable) return new AppError('aws_access_denied', err.message, { cause: err });
    if (!(err instanceof AwsCallError))
      return new AppError('internal', `IAM ${operation} failed`, { cause: err });
    switch (err.errorClass) {
      case 'access_denied': {
        const needs =
          operation === 'PutRolePolicy'
            ? 'iam:PutRolePolicy, iam:GetRolePolicy and iam:ListRolePolicies'
            : operation === 'ListRoles'
              ? 'iam:ListRoles'
              : 'iam:GetRole, iam:ListRolePolicies and iam:GetRolePolicy';
        return new AppError(
          'aws_access_denied',
          `IAM refused ${operation}${target} for ${as ?? 'Gatehouse'}: that principal needs ${needs}${target}. ` +
            (settings.iamRoleName
              ? `Grant them to ${as ?? 'the configured IAM role'} (the trust policy generator shows its policy).`
              : 'Ideally give them to a separate role for administration and set GATEHOUSE_IAM_ROLE, rather than to the broker itself.'),
          { cause: err },
        );
      }
      case 'not_found':
        return new AppError('bad_gateway', `IAM has no such role${target}.`, { cause: err });
      case 'throttled':
      case 'server_error':
      case 'network':
        return new AppError(
          'unavailable',
          `IAM is failing or throttling (${err.attempts} attempts). Try again shortly.`,
          {
            cause: err,
          },
        );
      case 'timeout':
        return new AppError('gateway_timeout', 'IAM did not answer in time. Try again shortly.', {
          cause: err,
        });
      case 'invalid_request':
        return new AppError('bad_gateway', `IAM rejected ${operation}${target}: ${err.message}`, {
          cause: err,
        });
      default:
        return new AppError('bad_gateway', `IAM ${operation} failed${target}: ${err.message}`, {
          cause: err,
        });
    }
  }

  async function lookup(iam: IamPort, role: RoleRecord, as: string): Promise<IamLookup> {
    let found: IamRole | null;
    try {
      found = await iam.getRole(role.roleName);
    } catch (err) {
      return {
        kind: 'error',
        errorClass: err instanceof AwsCallError ? err.errorClass : 'unknown',
        message: `Gatehouse could not read ${role.arn} as ${as}: ${describe(err)}`,
      };
    }
    if (!found) return { kind: 'missing' };
    try {
      const names = await iam.listRolePolicies(role.roleName);
      const inlinePolicies: Array<{ name: string; document: string }> = [];
      for (const name of names.slice(0, MAX_INLINE_POLICIES_READ)) {
        const document = await iam.getRolePolicy(role.roleName, name);
        if (document !== null) inlinePolicies.push({ name, document });
      }
      return { kind: 'found', role: found, inlinePolicies };
    } catch (err) {
      return { kind: 'found', role: found, inlinePolicies: { error: describe(err) } };
    }
  }

  async function checkOne(managed: ManagedRole, managedArns: string[]): Promise<StoredRoleHealth> {
    const { role, account } = managed;
    const { broker, error } = await brokerIdentity();
    let iamLookup: IamLookup;
    let checkedAs: string | null = null;
    try {
      const target = await iamFor(account);
      checkedAs = target.as;
      iamLookup = await lookup(target.iam, role, target.as);
    } catch (err) {
      iamLookup = { kind: 'error', errorClass: 'configuration', message: describe(err) };
    }
    const report = checkRoleHealth({
      role,
      account,
      broker,
      brokerError: error,
      checkedAs,
      lookup: iamLookup,
      managedRoleArns: managedArns,
      iamRoleName: settings.iamRoleName,
      ...(settings.trustOptions ? { trustOptions: settings.trustOptions } : {}),
      now: now(),
    });
    const health: StoredRoleHealth = {
      roleId: role.id,
      status: report.status,
      checkedAt: new Date(report.checkedAt),
      iamMaxSessionSeconds: report.iam?.maxSessionSeconds ?? null,
      report,
    };
    await repo.saveHealth(health);
    return health;
  }

  let fullRefresh: Promise<StoredRoleHealth[]> | null = null;

  async function refresh(roleIds?: readonly string[]): Promise<StoredRoleHealth[]> {
    const all = await repo.listManagedRoles();
    const managedArns = all.map((m) => m.role.arn);
    if (roleIds === undefined) {
      // One full sweep at a time: the timer and an admin's click share it.
      fullRefresh ??= (async () => {
        try {
          const results = await mapLimit(all, REFRESH_CONCURRENCY, (m) => checkOne(m, managedArns));
          await repo.pruneHealth();
          return results;
        } finally {
          fullRefresh = null;
        }
      })();
      return fullRefresh;
    }
    const wanted = new Set(roleIds);
    const selected = all.filter((m) => wanted.has(m.role.id));
    const unknown = [...wanted].filter((id) => !selected.some((m) => m.role.id === id));
    if (unknown.length > 0) {
      throw new AppError('not_found', 'No such role.', {
        fields: unknown.map((id) => ({ field: 'roleIds', reason: `unknown role ${id}` })),
      });
    }
    return mapLimit(selected, REFRESH_CONCURRENCY, (m) => checkOne(m, managedArns));
  }

  async function record(
    call: AdminCall,
    outcome: AuditEventInput['outcome'],
    managed: ManagedRole,
    targetUserId: string | null,
    details: Record<string, unknown>,
    correlationId: string,
  ): Promise<void> {
    try {
      await deps.audit.append({
        action: 'role.revoke_sessions',
        outcome,
        actorId: call.actor.id,
        actorUsername: call.actor.username,
        targetUserId,
        ip: call.ctx.ip,
        userAgent: call.ctx.userAgent,
        requestId: call.ctx.requestId,
        accountId: managed.account.id,
        roleId: managed.role.id,
        correlationId,
        details,
      });
    } catch (err) {
      throw new AppError(
        'unavailable',
        outcome === 'pending'
          ? 'The audit log cannot be written right now, so nothing was revoked. Try again shortly.'
          : 'The audit log cannot record the outcome of the revocation right now. Check the role and try again shortly.',
        { cause: err },
      );
    }
  }

  async function revokeOn(
    call: AdminCall,
    managed: ManagedRole,
    user: UserRecord | null,
  ): Promise<RevocationResult> {
    const { role, account } = managed;
    const at = now();
    const sourceIdentity = user ? sourceIdentityFor(user.id) : null;
    const correlationId = randomUUID();
    const base = {
      scope: user ? 'user' : 'role',
      roleArn: role.arn,
      awsAccountId: account.awsAccountId,
      sourceIdentity,
      requestedCutoff: at.toISOString(),
    };
    // Fail closed: IAM is not touched unless the intent is on record.
    await record(call, 'pending', managed, user?.id ?? null, base, correlationId);
    let as: string | null = null;
    let operation = 'GetRolePolicy';
    let result: RevocationResult;
    try {
      const target = await iamFor(account);
      as = target.as;
      const policyName = user ? USER_REVOCATION_POLICY : ROLE_REVOCATION_POLICY;
      const merged = mergeRevocationPolicy(await target.iam.getRolePolicy(role.roleName, policyName), {
        cutoff: at,
        sourceIdentity,
        now: at,
      });
      operation = 'ListRolePolicies';
      let total = policySize(merged.document);
      for (const name of await target.iam.listRolePolicies(role.roleName)) {
        if (name === merged.policyName) continue;
        operation = 'GetRolePolicy';
        total += policySize((await target.iam.getRolePolicy(role.roleName, name)) ?? '');
      }
      if (total > ROLE_INLINE_POLICIES_MAX_CHARS) {
        throw new AppError(
          'conflict',
          `The role's inline policies would total ${total} characters, over IAM's ${ROLE_INLINE_POLICIES_MAX_CHARS}: nothing was revoked. ` +
            'Remove inline policies the role no longer needs (or revoke all sessions of the role instead of one user).',
        );
      }
      operation = 'PutRolePolicy';
      await target.iam.putRolePolicy(role.roleName, merged.policyName, merged.document);
      operation = 'GetRolePolicy';
      const stored = await target.iam.getRolePolicy(role.roleName, merged.policyName);
      if (stored === null)
        throw new AppError('bad_gateway', `IAM accepted ${merged.policyName} but does not return it.`);
      result = {
        roleId: role.id,
        roleArn: role.arn,
        scope: user ? 'user' : 'role',
        userId: user?.id ?? null,
        sourceIdentity,
        policyName: merged.policyName,
        cutoff: merged.cutoff,
        document: stored,
        pruned: merged.pruned,
        changedAs: target.as,
      };
    } catch (err) {
      const mapped = iamError(err, operation, role, as);
      await record(
        call,
        'failure',
        managed,
        user?.id ?? null,
        {
          ...base,
          operation,
          errorClass: err instanceof AwsCallError ? err.errorClass : mapped.code,
          changedAs: as,
        },
        correlationId,
      );
      throw mapped;
    }
    await record(
      call,
      'success',
      managed,
      user?.id ?? null,
      {
        ...base,
        policyName: result.policyName,
        cutoff: result.cutoff,
        pruned: result.pruned,
        changedAs: result.changedAs,
        documentSha256: createHash('sha256').update(result.document).digest('hex'),
      },
      correlationId,
    );
    // The stored health shows the revocation; a failure here changes nothing that was done.
    await checkOne(
      managed,
      (await repo.listManagedRoles()).map((m) => m.role.arn),
    ).catch(() => undefined);
    return result;
  }

  async function mustFindRole(roleId: string): Promise<ManagedRole> {
    const managed = await repo.findManagedRole(roleId);
    if (!managed) throw new AppError('not_found', 'No such role.');
    return managed;
  }

  async function mustFindUser(userId: string): Promise<UserRecord> {
    const user = await deps.users.findById(userId);
    if (!user)
      throw new AppError('not_found', 'No such user.', {
        fields: [{ field: 'userId', reason: 'unknown user' }],
      });
    return user;
  }

  async function discoverIn(
    account: AccountRecord,
  ): Promise<{ roles: DiscoveredRole[]; scanned: number; truncated: boolean; as: string }> {
    const broker = await requireBroker();
    let target: { iam: IamPort; as: string } | null = null;
    try {
      target = await iamFor(account);
      const listed = await target.iam.listRoles({ limit: DISCOVER_LIMIT });
      const managed = new Map(
        (await repo.listManagedRoles()).map((m) => [m.role.arn.toLowerCase(), m.role.id] as const),
      );
      const roles: DiscoveredRole[] = [];
      for (const r of listed.roles) {
        let parsed: unknown;
        try {
          parsed = JSON.parse(r.trustPolicy);
        } catch {
          continue;
        }
        const policy = readPolicy(parsed).policy;
        if (!policy) continue;
        const check = checkBrokerTrust(policy, {
          principalArn: broker.principalArn,
          sessionArn: broker.isRoleSession ? broker.arn : null,
        });
        const assume = check.actions.find((a) => a.action === 'sts:AssumeRole');
        if (!check.trusted && !check.unverifiable && assume?.decision !== 'allow') continue;
        roles.push({
          arn: r.arn,
          roleName: r.roleName,
          path: r.path,
          maxSessionSeconds: r.maxSessionSeconds,
          trusted: check.trusted,
          partial: !check.trusted && assume?.decision === 'allow',
          unverifiable: check.unverifiable,
          explanation: check.explanation,
          managedRoleId: managed.get(r.arn.toLowerCase()) ?? null,
        });
      }
      return { roles, scanned: listed.roles.length, truncated: listed.truncated, as: target.as };
    } catch (err) {
      throw iamError(err, 'ListRoles', null, target?.as ?? null);
    }
  }

  return {
    /** The broker's identity as last seen, for callers that only want to show it. */
    brokerIdentity,

    /** For a configured role (`roleId`), or a role not configured yet (`accountId` and `role`). */
    async generate(
      input: { roleId?: string; accountId?: string; role?: string; maxSessionSeconds?: number },
      options: TrustPolicyOptions = {},
    ): Promise<GeneratedTrust> {
      if (!input.roleId && !(input.accountId && input.role)) {
        throw new AppError(
          'validation',
          'Name a configured role (roleId), or an account and a role (accountId and role).',
          {
            fields: [{ field: 'roleId', reason: 'roleId, or accountId and role, is required' }],
          },
        );
      }
      const broker = await requireBroker();
      const all = await repo.listManagedRoles();
      let target: Parameters<typeof generateTrustPolicy>[0]['role'];
      if (input.roleId) {
        const managed = all.find((m) => m.role.id === input.roleId);
        if (!managed) throw new AppError('not_found', 'No such role.');
        const health = await repo.findHealth(managed.role.id);
        target = {
          roleName: managed.role.roleName,
          path: managed.role.rolePath,
          accountId: managed.account.awsAccountId,
          partition: managed.account.partition,
          maxSessionSeconds: managed.role.maxSessionSeconds,
          exists: health?.report.exists !== false,
        };
      } else {
        const account = await repo.findAccount(input.accountId as string);
        if (!account)
          throw new AppError('not_found', 'No such account.', {
            fields: [{ field: 'accountId', reason: 'unknown account' }],
          });
        const parsed = parseRoleReference(input.role as string, {
          accountId: account.awsAccountId,
          partition: account.partition,
        });
        const seconds = input.maxSessionSeconds ?? 3600;
        if (!Number.isInteger(seconds) || seconds < MIN_SESSION_SECONDS || seconds > MAX_SESSION_SECONDS) {
          throw new AppError(
            'validation',
            `maxSessionSeconds must be from ${MIN_SESSION_SECONDS} to ${MAX_SESSION_SECONDS}.`,
            {
              fields: [
                {
                  field: 'maxSessionSeconds',
                  reason: `must be from ${MIN_SESSION_SECONDS} to ${MAX_SESSION_SECONDS}`,
                },
              ],
            },
          );
        }
        target = {
          roleName: parsed.roleName,
          path: parsed.path,
          accountId: account.awsAccountId,
          partition: account.partition,
          // IAM's MaxSessionDuration starts at one hour.
          maxSessionSeconds: Math.max(3600, seconds),
          exists: all.some((m) => m.role.arn === parsed.arn),
        };
      }
      return generateTrustPolicy({
        brokerPrincipalArn: broker.principalArn,
        brokerIsRoleSession: broker.isRoleSession,
        role: target,
        managedRoleArns: all.map((m) => m.role.arn),
        iamRoleName: settings.iamRoleName,
        options: { ...settings.trustOptions, ...options },
      });
    },

    /** Lints a pasted policy; trust policies are also checked against the broker's real request. */
    async lint(
      text: string,
      options: { kind?: PolicyKind; brokerArn?: string | null } = {},
    ): Promise<LintResult & { brokerArn: string | null }> {
      const kind = options.kind ?? 'trust';
      let brokerArn = options.brokerArn ?? null;
      if (options.brokerArn === undefined && kind === 'trust') {
        const { broker } = await brokerIdentity();
        brokerArn = broker ? (broker.isRoleSession ? broker.arn : broker.principalArn) : null;
      }
      return { ...lintPolicy(text, { kind, brokerArn, now: now() }), brokerArn };
    },

    /** Evaluates a pasted policy for a concrete request, action by action. */
    evaluate(text: string, input: EvaluateInput, kind: PolicyKind = 'trust'): EvaluateResult {
      const lint = lintPolicy(text, { kind, now: now() });
      const parsed = parsePolicyJson(text);
      if (!parsed.ok) return { lint, results: [] };
      const { policy, issues } = readPolicy(parsed.value);
      if (!policy || issues.some((i) => i.severity === 'error')) return { lint, results: [] };
      const context: Record<string, ContextValue> = { ...input.context };
      if (input.sourceIdentity) context['sts:SourceIdentity'] = input.sourceIdentity;
      const tags = Object.entries(input.requestTags ?? {});
      for (const [key, value] of tags) context[`aws:RequestTag/${key}`] = value;
      if (tags.length > 0) context['aws:TagKeys'] = tags.map(([key]) => key);
      if (input.sourceIp) context['aws:SourceIp'] = input.sourceIp;
      if (input.mfaPresent !== undefined && input.mfaPresent !== null)
        context['aws:MultiFactorAuthPresent'] = String(input.mfaPresent);
      const principal: RequestPrincipal = (() => {
        const p = brokerPrincipalFromArn(input.principalArn);
        return { type: 'AWS', arn: p.principalArn, ...(p.sessionArn ? { sessionArn: p.sessionArn } : {}) };
      })();
      let at = now();
      if (input.time) {
        const parsedTime = new Date(input.time);
        if (Number.isNaN(parsedTime.getTime()))
          throw new AppError('validation', 'time must be an ISO 8601 date.', {
            fields: [{ field: 'time', reason: 'not a date' }],
          });
        at = parsedTime;
      }
      const lineOf = (path: ReadonlyArray<string | number>) => locateJsonPath(parsed.root, path).start.line;
      const results = input.actions.map((action) => {
        const evaluation = evaluatePolicy(policy, {
          principal,
          action,
          ...(input.resource ? { resource: input.resource } : {}),
          context,
          now: at,
        });
        return {
          action,
          decision: evaluation.decision,
          deciding: evaluation.deciding.map((index) => {
            const s = evaluation.statements.find((t) => t.index === index) as StatementTrace;
            return { index, sid: s.sid, line: lineOf(s.path) };
          }),
          explanation: evaluation.explanation,
          missingKeys: evaluation.missingKeys,
          statements: evaluation.statements.map((s) => ({ ...s, line: lineOf(s.path) })),
        };
      });
      return { lint, results };
    },

    /** Stored health of every configured role (never checked yet: null). */
    async listHealth(): Promise<Array<{ role: ManagedRole; health: StoredRoleHealth | null }>> {
      const [roles, stored] = await Promise.all([repo.listManagedRoles(), repo.listHealth()]);
      const byRole = new Map(stored.map((h) => [h.roleId, h]));
      return roles.map((role) => ({ role, health: byRole.get(role.role.id) ?? null }));
    },

    async getHealth(roleId: string): Promise<{ role: ManagedRole; health: StoredRoleHealth | null }> {
      const role = await mustFindRole(roleId);
      return { role, health: await repo.findHealth(roleId) };
    },

    /** Checks the given roles (all when omitted) against IAM now and stores the result. */
    refresh,

    /** For the periodic timer: every role, never throwing for one role's trouble. */
    async refreshAll(): Promise<{ checked: number; byStatus: Record<string, number> }> {
      const results = await refresh();
      const byStatus: Record<string, number> = {};
      for (const r of results) byStatus[r.status] = (byStatus[r.status] ?? 0) + 1;
      return { checked: results.length, byStatus };
    },

    /** Roles of the account whose trust policy lets the broker assume them (IAM ListRoles). */
    async discover(accountId: string) {
      const account = await repo.findAccount(accountId);
      if (!account) throw new AppError('not_found', 'No such account.');
      return discoverIn(account);
    },

    /** Adds discovered roles to Gatehouse in one go (each audited as a role creation), then checks them. */
    async importRoles(
      call: AdminCall,
      accountId: string,
      arns: readonly string[],
    ): Promise<Array<{ arn: string; role: RoleRecord | null; error: string | null }>> {
      const account = await repo.findAccount(accountId);
      if (!account) throw new AppError('not_found', 'No such account.');
      const found = await discoverIn(account);
      const byArn = new Map(found.roles.map((r) => [r.arn, r]));
      const out: Array<{ arn: string; role: RoleRecord | null; error: string | null }> = [];
      for (const arn of arns) {
        const candidate = byArn.get(arn);
        if (!candidate) {
          out.push({ arn, role: null, error: 'Not among the roles of this account that trust the broker.' });
          continue;
        }
        if (candidate.managedRoleId) {
          out.push({ arn, role: null, error: 'Already configured in Gatehouse.' });
          continue;
        }
        try {
          const role = await deps.importRole(call, {
            accountId: account.id,
            role: arn,
            maxSessionSeconds: Math.min(
              MAX_SESSION_SECONDS,
              Math.max(MIN_SESSION_SECONDS, candidate.maxSessionSeconds),
            ),
          });
          out.push({ arn, role, error: null });
        } catch (err) {
          if (!(err instanceof AppError) || err.statusCode >= 500) throw err;
          out.push({ arn, role: null, error: err.message });
        }
      }
      const imported = out.flatMap((o) => (o.role ? [o.role.id] : []));
      if (imported.length > 0) await refresh(imported).catch(() => undefined);
      return out;
    },

    /** Revokes every session of the role issued before now, or only the user's when `userId` is given. */
    async revokeSessions(call: AdminCall, roleId: string, input: { userId?: string | null } = {}) {
      const managed = await mustFindRole(roleId);
      const user = input.userId ? await mustFindUser(input.userId) : null;
      return revokeOn(call, managed, user);
    },

    /**
     * Revokes the user's sessions on every role they were issued access to in the last 12 hours
     * (the longest a session can last), e.g. when disabling them. One role's failure does not stop the others.
     */
    async revokeUserEverywhere(call: AdminCall, userId: string) {
      const user = await mustFindUser(userId);
      const since = new Date(now().getTime() - RECENT_ISSUANCE_HOURS * 3_600_000);
      const roleIds = await repo.rolesIssuedToUserSince(user.id, since);
      const results: Array<{
        roleId: string;
        roleArn: string | null;
        result: RevocationResult | null;
        error: string | null;
      }> = [];
      for (const roleId of roleIds) {
        const managed = await repo.findManagedRole(roleId);
        if (!managed) {
          results.push({
            roleId,
            roleArn: null,
            result: null,
            error: 'The role is no longer configured in Gatehouse.',
          });
          continue;
        }
        try {
          results.push({
            roleId,
            roleArn: managed.role.arn,
            result: await revokeOn(call, managed, user),
            error: null,
          });
        } catch (err) {
          if (err instanceof AppError && err.code === 'unavailable' && /audit/.test(err.message)) throw err;
          results.push({ roleId, roleArn: managed.role.arn, result: null, error: describe(err) });
        }
      }
      return {
        userId: user.id,
        sourceIdentity: sourceIdentityFor(user.id),
        since: since.toISOString(),
        results,
      };
    },
  };
}

export type RoleOnboardingService = ReturnType<typeof createRoleOnboardingService>;
