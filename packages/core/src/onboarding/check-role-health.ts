/**
 * Whether a configured role will actually work, from what IAM says about it: does it exist (at
 * the ARN Gatehouse stores), does its trust policy let the broker's real request in, does its
 * MaxSessionDuration cover what Gatehouse will ask for, and are revocations in force. Every
 * problem comes with its fix. Pure: the service reads IAM and passes the answers in.
 */
import type { AccountRecord, RoleRecord } from '../shared/access-records';
import type { AwsErrorClass } from '../shared/aws-call-error';
import type { BrokerIdentity } from '../broker/ports';
import type { HealthFinding, IamRole, RoleHealthReport, RoleHealthStatus } from './ports';
import { checkBrokerTrust, generateTrustPolicy, readPolicy, readRevocations } from '../policy';
import type { BrokerTrustCheck, GeneratedTrust, RevocationState, TrustPolicyOptions } from '../policy';
import type { SessionLimit } from '../broker/session-duration';
import { decideSessionLimit } from '../broker/session-duration';

export type IamLookup =
  | {
      kind: 'found';
      role: IamRole;
      /** Inline policies, or the reason they could not be read. */
      inlinePolicies: Array<{ name: string; document: string }> | { error: string };
    }
  | { kind: 'missing' }
  | { kind: 'error'; errorClass: AwsErrorClass | 'configuration'; message: string };

export interface RoleHealthInput {
  role: RoleRecord;
  account: AccountRecord;
  broker: BrokerIdentity | null;
  /** Why the broker's identity is unknown, when it is. */
  brokerError: string | null;
  /** The principal used for IAM (the broker, or the configured IAM role). */
  checkedAs: string | null;
  lookup: IamLookup;
  managedRoleArns: readonly string[];
  iamRoleName: string | null;
  trustOptions?: TrustPolicyOptions;
  now: Date;
}

function statusOf(findings: HealthFinding[], readable: boolean): RoleHealthStatus {
  if (findings.some((f) => f.severity === 'error')) return 'error';
  if (!readable) return 'unknown';
  if (findings.some((f) => f.severity === 'warning')) return 'warning';
  return 'ok';
}

export function checkRoleHealth(input: RoleHealthInput): RoleHealthReport {
  const { role, account, broker, lookup } = input;
  const findings: HealthFinding[] = [];
  const iamMax = lookup.kind === 'found' ? lookup.role.maxSessionSeconds : null;
  const sessionLimit = decideSessionLimit({
    roleMaxSeconds: role.maxSessionSeconds,
    grantMaxSeconds: null,
    chained: broker?.isRoleSession ?? false,
    federationToken: broker?.isFederationToken ?? false,
    iamMaxSeconds: iamMax,
  });
  const generated = broker ? generateFor(input, broker) : null;
  const fix = generated ? { trustPolicy: generated.trustPolicy, awsCli: generated.snippets.awsCli } : null;

  const report = (
    extra: Partial<RoleHealthReport> & { exists: boolean | null },
    readable: boolean,
  ): RoleHealthReport => ({
    roleId: role.id,
    roleArn: role.arn,
    checkedAt: input.now.toISOString(),
    status: statusOf(findings, readable),
    checkedAs: input.checkedAs,
    brokerPrincipalArn: broker?.principalArn ?? null,
    iam: null,
    trust: null,
    sessionLimit,
    revocations: null,
    findings,
    fix: null,
    ...extra,
  });

  findings.push(...brokerFindings(input));
  if (lookup.kind === 'error') {
    findings.push(iamUnreadable(input, lookup));
    return report({ exists: null }, false);
  }
  if (lookup.kind === 'missing') {
    findings.push({
      code: 'role_missing',
      severity: 'error',
      message: `IAM has no role named ${role.roleName} in account ${account.awsAccountId}: every issuance for it fails.`,
      fix: generated
        ? `Create it:\n${generated.snippets.awsCli}`
        : `Create the role ${role.roleName} in account ${account.awsAccountId}, or delete it from Gatehouse.`,
    });
    return report({ exists: false, fix }, true);
  }

  const iamRole = lookup.role;
  if (iamRole.arn !== role.arn) {
    findings.push({
      code: 'role_arn_mismatch',
      severity: 'error',
      message: `IAM's role is ${iamRole.arn}, but Gatehouse assumes ${role.arn} (a different path): AWS refuses that ARN.`,
      fix: `Change the role in Gatehouse to ${iamRole.arn}.`,
    });
  }
  const trust = broker && !broker.isFederationToken ? checkTrust(input, broker, iamRole, generated) : null;
  if (trust) findings.push(...trust.findings);
  findings.push(...sessionFindings(input, iamRole, sessionLimit));
  const revocations = readInlinePolicies(input, lookup.inlinePolicies);
  findings.push(...revocations.findings);

  return report(
    {
      exists: true,
      iam: {
        arn: iamRole.arn,
        roleId: iamRole.roleId,
        path: iamRole.path,
        maxSessionSeconds: iamRole.maxSessionSeconds,
        trustPolicy: iamRole.trustPolicy,
      },
      trust: trust?.trust ?? null,
      revocations: revocations.state,
      fix: trust?.failed ? fix : null,
    },
    true,
  );
}

function generateFor(input: RoleHealthInput, broker: BrokerIdentity): GeneratedTrust {
  const { role, account, lookup } = input;
  return generateTrustPolicy({
    brokerPrincipalArn: broker.principalArn,
    brokerIsRoleSession: broker.isRoleSession,
    role: {
      roleName: role.roleName,
      path: role.rolePath,
      accountId: account.awsAccountId,
      partition: account.partition,
      maxSessionSeconds: role.maxSessionSeconds,
      exists: lookup.kind !== 'missing',
    },
    managedRoleArns: input.managedRoleArns,
    iamRoleName: input.iamRoleName,
    ...(input.trustOptions ? { options: input.trustOptions } : {}),
  });
}

function brokerFindings({ broker, brokerError }: RoleHealthInput): HealthFinding[] {
  if (!broker) {
    return [
      {
        code: 'broker_identity_unknown',
        severity: 'warning',
        message: `Gatehouse does not know its own AWS identity${brokerError ? ` (${brokerError})` : ''}, so it cannot check whether this role trusts it.`,
        fix: 'Give Gatehouse AWS credentials (environment, profile, ECS task role or instance profile) and refresh.',
      },
    ];
  }
  if (broker.isFederationToken) {
    return [
      {
        code: 'broker_federation_token',
        severity: 'error',
        message: 'Gatehouse runs on GetFederationToken credentials, which cannot assume any role.',
        fix: 'Give Gatehouse an IAM role or IAM user credentials.',
      },
    ];
  }
  return [];
}

function iamUnreadable(input: RoleHealthInput, lookup: Extract<IamLookup, { kind: 'error' }>): HealthFinding {
  return {
    code: lookup.errorClass === 'configuration' ? 'iam_not_reachable' : 'iam_unreadable',
    severity: 'warning',
    message: lookup.message,
    fix:
      lookup.errorClass === 'access_denied' || lookup.errorClass === 'configuration'
        ? `Let ${input.checkedAs ?? 'the principal Gatehouse uses for IAM'} call iam:GetRole, iam:ListRolePolicies and iam:GetRolePolicy on ${input.role.arn}` +
          (input.iamRoleName
            ? '.'
            : ', or set GATEHOUSE_IAM_ROLE to a role Gatehouse may assume in every account.')
        : 'Refresh again later.',
  };
}

/** Whether the trust policy IAM returned lets the broker's real request in. */
function checkTrust(
  input: RoleHealthInput,
  broker: BrokerIdentity,
  iamRole: IamRole,
  generated: GeneratedTrust | null,
): { trust: RoleHealthReport['trust']; failed: boolean; findings: HealthFinding[] } {
  let parsed: unknown = null;
  try {
    parsed = JSON.parse(iamRole.trustPolicy);
  } catch {
    parsed = null;
  }
  const policy = parsed === null ? null : readPolicy(parsed).policy;
  if (!policy) {
    const unreadable: HealthFinding = {
      code: 'trust_unreadable',
      severity: 'warning',
      message: 'IAM returned a trust policy Gatehouse cannot read.',
      fix: null,
    };
    return { trust: null, failed: false, findings: [unreadable] };
  }
  const check = checkBrokerTrust(
    policy,
    { principalArn: broker.principalArn, sessionArn: broker.isRoleSession ? broker.arn : null },
    { now: input.now },
  );
  const trust = {
    trusted: check.trusted,
    unverifiable: check.unverifiable,
    explanation: check.explanation,
    actions: check.actions.map((a) => ({
      action: a.action,
      decision: a.decision,
      explanation: a.explanation,
    })),
  };
  const findings = [...refusalFindings(check, broker)];
  const allowing = check.actions[0]?.evaluation.statements.find((s) => s.applies && s.effect === 'Allow');
  const namesBrokerExactly = policy.statements.some((s) =>
    Object.values(s.principal?.byType ?? {}).some((values) =>
      values.some((v) => v.toLowerCase() === broker.principalArn.toLowerCase() || v === broker.arn),
    ),
  );
  if (check.trusted && allowing && !namesBrokerExactly) {
    findings.push({
      code: 'trust_not_exact',
      severity: 'info',
      message:
        "The role trusts the broker only as part of a wider principal (its account, or everyone): AWS then also needs the broker's own identity policy to allow sts:AssumeRole on this role, and others may assume it too.",
      fix: "Name the broker's exact ARN (the generated policy does).",
    });
  }
  if (check.trusted && input.account.awsAccountId !== broker.account) {
    findings.push({
      code: 'cross_account_identity_policy',
      severity: 'info',
      message: `The role is in account ${input.account.awsAccountId} and the broker in ${broker.account}: the broker's identity policy must allow these actions on ${input.role.arn} too.`,
      fix: generated ? generated.brokerPolicy : null,
    });
  }
  return { trust, failed: !check.trusted && !check.unverifiable, findings };
}

/** Why the broker is not (or not verifiably) let in, when it is not. */
function refusalFindings(check: BrokerTrustCheck, broker: BrokerIdentity): HealthFinding[] {
  const byAction = new Map(check.actions.map((a) => [a.action, a]));
  const denied = check.actions.filter((a) => a.decision === 'explicit_deny');
  const severity = check.unverifiable ? 'warning' : 'error';
  if (check.unverifiable) {
    return [
      {
        code: 'trust_unverifiable',
        severity: 'warning',
        message: `Whether the role lets Gatehouse in depends on ${check.unknowableKeys.join(', ')}, which Gatehouse cannot know for its own calls. ${check.explanation}`,
        fix: 'Check these conditions against where Gatehouse runs, or trust the broker without them.',
      },
    ];
  }
  if (denied.length > 0) {
    return [
      {
        code: 'trust_explicit_deny',
        severity,
        message: `The trust policy explicitly denies the broker: ${denied.map((a) => a.explanation).join(' ')}`,
        fix: 'Remove or narrow the Deny statement, or replace the trust policy with the generated one.',
      },
    ];
  }
  if (byAction.get('sts:AssumeRole')?.decision !== 'allow') {
    return [
      {
        code: 'trust_not_trusted',
        severity,
        message:
          `The role does not trust Gatehouse's broker (${broker.principalArn}). ${byAction.get('sts:AssumeRole')?.explanation ?? ''}`.trim(),
        fix: 'Replace the trust policy with the generated one (below).',
      },
    ];
  }
  return (['sts:SetSourceIdentity', 'sts:TagSession'] as const)
    .filter((action) => byAction.get(action)?.decision !== 'allow')
    .map((action) => ({
      code:
        action === 'sts:SetSourceIdentity'
          ? 'trust_missing_set_source_identity'
          : 'trust_missing_tag_session',
      severity,
      message: `The trust policy lets the broker assume the role but not call ${action}, which every Gatehouse AssumeRole needs (${action === 'sts:SetSourceIdentity' ? 'SourceIdentity' : 'session tags'}).`,
      fix: `Add "${action}" to the statement that trusts the broker, or use the generated policy.`,
    }));
}

function sessionFindings(
  input: RoleHealthInput,
  iamRole: IamRole,
  sessionLimit: SessionLimit,
): HealthFinding[] {
  const { role } = input;
  const findings: HealthFinding[] = [];
  if (iamRole.maxSessionSeconds < role.maxSessionSeconds) {
    findings.push({
      code: 'max_session_too_short',
      severity: 'error',
      message: `Gatehouse asks for sessions of up to ${role.maxSessionSeconds} s, but the role's MaxSessionDuration in IAM is ${iamRole.maxSessionSeconds} s: AWS refuses longer requests outright.`,
      fix:
        `aws iam update-role --role-name ${role.roleName} --max-session-duration ${role.maxSessionSeconds}\n` +
        `or lower the role's maximum session in Gatehouse to ${iamRole.maxSessionSeconds} s.`,
    });
  } else if (iamRole.maxSessionSeconds > role.maxSessionSeconds) {
    findings.push({
      code: 'max_session_longer_in_iam',
      severity: 'info',
      message: `IAM allows sessions of up to ${iamRole.maxSessionSeconds} s; Gatehouse hands out at most ${role.maxSessionSeconds} s.`,
      fix: `Raise the role's maximum session in Gatehouse to use up to ${iamRole.maxSessionSeconds} s.`,
    });
  }
  if (input.broker?.isRoleSession) {
    findings.push({
      code: 'role_chaining',
      severity: 'info',
      message: sessionLimit.explanation,
      fix: null,
    });
  }
  return findings;
}

/** The revocations in force, from the role's inline policies. */
function readInlinePolicies(
  input: RoleHealthInput,
  inlinePolicies: Extract<IamLookup, { kind: 'found' }>['inlinePolicies'],
): { state: RevocationState | null; findings: HealthFinding[] } {
  if ('error' in inlinePolicies) {
    const unreadable: HealthFinding = {
      code: 'inline_policies_unreadable',
      severity: 'warning',
      message: `Gatehouse could not read the role's inline policies, so it cannot tell which revocations are in force: ${inlinePolicies.error}`,
      fix: `Let ${input.checkedAs ?? 'Gatehouse'} call iam:ListRolePolicies and iam:GetRolePolicy on ${input.role.arn}.`,
    };
    return { state: null, findings: [unreadable] };
  }
  const state = readRevocations(inlinePolicies);
  const findings: HealthFinding[] = [];
  if (state.roleWide) {
    findings.push({
      code: 'sessions_revoked',
      severity: 'info',
      message: `Sessions of this role issued before ${state.roleWide} are revoked (${state.policyNames.join(', ')}).`,
      fix: null,
    });
  }
  if (state.users.length > 0) {
    findings.push({
      code: 'user_sessions_revoked',
      severity: 'info',
      message: `Sessions of ${state.users.length} user${state.users.length === 1 ? '' : 's'} are revoked on this role.`,
      fix: null,
    });
  }
  const narrow = [
    [new Set([...state.grants, ...state.grantUsers].map((g) => g.grantId)).size, 'issued under', 'grant'],
    [state.logins.length, 'issued through', 'CLI login'],
  ] as const;
  for (const [count, how, what] of narrow) {
    if (count === 0) continue;
    findings.push({
      code: what === 'grant' ? 'grant_sessions_revoked' : 'login_sessions_revoked',
      severity: 'info',
      message: `Sessions ${how} ${count} ${what}${count === 1 ? '' : 's'} that no longer give access are revoked on this role.`,
      fix: null,
    });
  }
  return { state, findings };
}
