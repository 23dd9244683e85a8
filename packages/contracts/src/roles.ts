/**
 * Role onboarding and revocation (admin API): trust policy generation, policy lint and
 * evaluation (findings carry line and column so an editor can show them beside the text), role
 * health against IAM, discovery of roles that trust the broker, and session revocation.
 */
import { Type } from 'typebox';
import type { Static } from 'typebox';
import { DateTime, Nullable, StrictObject, Uuid } from './shared';

/** A pasted policy; IAM's largest documents are well under this. */
const PolicyText = Type.String({
  maxLength: 32_768,
  description: 'The policy JSON as text, exactly as pasted.',
});
const PolicyKind = Type.Union([Type.Literal('trust'), Type.Literal('identity')], {
  description: 'A role trust policy (default) or an identity-based permissions policy.',
});
const Severity = Type.Union([
  Type.Literal('error'),
  Type.Literal('danger'),
  Type.Literal('warning'),
  Type.Literal('info'),
]);
const Decision = Type.Union([
  Type.Literal('allow'),
  Type.Literal('explicit_deny'),
  Type.Literal('implicit_deny'),
]);

export const TextEditSchema = Type.Object({
  offset: Type.Integer({ description: 'UTF-16 code units from the start of the text.' }),
  deleteCount: Type.Integer(),
  insert: Type.String(),
});

export const PolicyFindingSchema = Type.Object({
  code: Type.String({ description: 'Stable identifier, e.g. json_missing_comma, broker_not_trusted.' }),
  severity: Severity,
  message: Type.String(),
  hint: Nullable(Type.String()),
  path: Nullable(Type.String({ description: 'e.g. Statement[0].Principal.AWS' })),
  line: Type.Integer({ description: '1-based.' }),
  column: Type.Integer({ description: '1-based, UTF-16 code units.' }),
  endLine: Type.Integer(),
  endColumn: Type.Integer({ description: 'Exclusive.' }),
  offset: Type.Integer(),
  endOffset: Type.Integer(),
  fix: Nullable(TextEditSchema),
});
export type PolicyFindingSchema = Static<typeof PolicyFindingSchema>;

const BrokerCheck = Type.Object({
  trusted: Type.Boolean(),
  unverifiable: Type.Boolean(),
  explanation: Type.String(),
  actions: Type.Array(Type.Object({ action: Type.String(), decision: Decision, explanation: Type.String() })),
});

export const PolicyLintRequest = StrictObject({
  document: PolicyText,
  kind: Type.Optional(PolicyKind),
  brokerArn: Type.Optional(
    Type.String({
      maxLength: 2048,
      description:
        "Check against this broker ARN instead of Gatehouse's own identity; empty string: no broker check.",
    }),
  ),
});
export type PolicyLintRequest = Static<typeof PolicyLintRequest>;

export const PolicyLintResponse = Type.Object({
  /** Parses, and nothing at error or danger level. */
  ok: Type.Boolean(),
  counts: Type.Object({
    error: Type.Integer(),
    danger: Type.Integer(),
    warning: Type.Integer(),
    info: Type.Integer(),
  }),
  findings: Type.Array(PolicyFindingSchema),
  brokerArn: Nullable(Type.String()),
  broker: Nullable(BrokerCheck),
  assumedFixes: Type.Array(TextEditSchema, {
    description: 'JSON fixes assumed in order to lint the rest of a document that does not parse.',
  }),
});
export type PolicyLintResponse = Static<typeof PolicyLintResponse>;

export const PolicyEvaluateRequest = StrictObject({
  document: PolicyText,
  kind: Type.Optional(PolicyKind),
  request: StrictObject({
    principalArn: Type.String({
      minLength: 1,
      maxLength: 2048,
      description: 'The caller: IAM user, role or assumed-role session ARN.',
    }),
    actions: Type.Array(Type.String({ minLength: 1, maxLength: 256 }), { minItems: 1, maxItems: 20 }),
    resource: Type.Optional(Type.String({ maxLength: 2048 })),
    sourceIdentity: Type.Optional(Type.String({ maxLength: 64 })),
    requestTags: Type.Optional(Type.Record(Type.String({ maxLength: 128 }), Type.String({ maxLength: 256 }))),
    sourceIp: Type.Optional(Type.String({ maxLength: 64 })),
    mfaPresent: Type.Optional(Type.Boolean()),
    context: Type.Optional(
      Type.Record(
        Type.String({ maxLength: 256 }),
        Type.Union([
          Type.String({ maxLength: 2048 }),
          Type.Array(Type.String({ maxLength: 2048 }), { maxItems: 50 }),
        ]),
      ),
    ),
    time: Type.Optional(DateTime),
  }),
});
export type PolicyEvaluateRequest = Static<typeof PolicyEvaluateRequest>;

const ConditionTrace = Type.Object({
  operator: Type.String(),
  key: Type.String(),
  result: Type.Union([Type.Boolean(), Type.Literal('unsupported')]),
  reason: Type.String(),
});

export const PolicyEvaluateResponse = Type.Object({
  ok: Type.Boolean(),
  findings: Type.Array(PolicyFindingSchema),
  results: Type.Array(
    Type.Object({
      action: Type.String(),
      decision: Decision,
      deciding: Type.Array(
        Type.Object({ index: Type.Integer(), sid: Nullable(Type.String()), line: Type.Integer() }),
      ),
      explanation: Type.String(),
      missingKeys: Type.Array(Type.String()),
      statements: Type.Array(
        Type.Object({
          index: Type.Integer(),
          sid: Nullable(Type.String()),
          effect: Type.Union([Type.Literal('Allow'), Type.Literal('Deny')]),
          line: Type.Integer(),
          principal: Type.Union([Type.Literal('match'), Type.Literal('no_match'), Type.Literal('implicit')]),
          action: Type.Union([Type.Literal('match'), Type.Literal('no_match')]),
          resource: Type.Union([
            Type.Literal('match'),
            Type.Literal('no_match'),
            Type.Literal('not_applicable'),
          ]),
          applies: Type.Boolean(),
          conditions: Type.Array(ConditionTrace),
        }),
      ),
    }),
  ),
});
export type PolicyEvaluateResponse = Static<typeof PolicyEvaluateResponse>;

export const TrustPolicyRequest = StrictObject({
  /** A configured role… */
  roleId: Type.Optional(Uuid),
  /** …or a role (name, /path/name or ARN) in a configured account, not created yet. */
  accountId: Type.Optional(Uuid),
  role: Type.Optional(Type.String({ minLength: 1, maxLength: 600 })),
  maxSessionSeconds: Type.Optional(Type.Integer()),
  requireSourceIdentity: Type.Optional(Type.Boolean()),
  requireMfaTag: Type.Optional(Type.Boolean()),
});
export type TrustPolicyRequest = Static<typeof TrustPolicyRequest>;

export const TrustPolicyResponse = Type.Object({
  brokerPrincipalArn: Type.String(),
  roleArn: Type.String(),
  trustPolicy: Type.String(),
  brokerPolicy: Type.String(),
  iamRole: Nullable(
    Type.Object({ roleArn: Type.String(), trustPolicy: Type.String(), permissionsPolicy: Type.String() }),
  ),
  snippets: Type.Object({ awsCli: Type.String(), cloudFormation: Type.String(), terraform: Type.String() }),
  notes: Type.Array(Type.String()),
});
export type TrustPolicyResponse = Static<typeof TrustPolicyResponse>;

const SessionLimitSchema = Type.Object({
  maxSeconds: Type.Integer(),
  limitedBy: Type.String(),
  explanation: Type.String(),
  consoleSessionDuration: Type.Boolean(),
});

const HealthStatus = Type.Union([
  Type.Literal('ok'),
  Type.Literal('warning'),
  Type.Literal('error'),
  Type.Literal('unknown'),
]);

export const RoleHealthReportSchema = Type.Object({
  roleId: Uuid,
  roleArn: Type.String(),
  checkedAt: DateTime,
  status: HealthStatus,
  exists: Nullable(Type.Boolean()),
  checkedAs: Nullable(Type.String()),
  brokerPrincipalArn: Nullable(Type.String()),
  iam: Nullable(
    Type.Object({
      arn: Type.String(),
      roleId: Type.String(),
      path: Type.String(),
      maxSessionSeconds: Type.Integer(),
      trustPolicy: Type.String(),
    }),
  ),
  trust: Nullable(BrokerCheck),
  sessionLimit: SessionLimitSchema,
  revocations: Nullable(
    Type.Object({
      roleWide: Nullable(Type.String()),
      users: Type.Array(Type.Object({ sourceIdentity: Type.String(), cutoff: Type.String() })),
      // Optional: a report stored by an older version has only the per-user revocations.
      /** Sessions issued under a grant (automatic revocations, docs/aws.md). */
      grants: Type.Optional(Type.Array(Type.Object({ grantId: Type.String(), cutoff: Type.String() }))),
      /** One user's sessions under one group grant. */
      grantUsers: Type.Optional(
        Type.Array(
          Type.Object({ grantId: Type.String(), sourceIdentity: Type.String(), cutoff: Type.String() }),
        ),
      ),
      /** Sessions issued through a CLI login. */
      logins: Type.Optional(Type.Array(Type.Object({ loginId: Type.String(), cutoff: Type.String() }))),
      policyNames: Type.Array(Type.String()),
    }),
  ),
  findings: Type.Array(
    Type.Object({
      code: Type.String(),
      severity: Type.Union([Type.Literal('error'), Type.Literal('warning'), Type.Literal('info')]),
      message: Type.String(),
      fix: Nullable(Type.String()),
    }),
  ),
  fix: Nullable(Type.Object({ trustPolicy: Type.String(), awsCli: Type.String() })),
});
export type RoleHealthReportSchema = Static<typeof RoleHealthReportSchema>;

export const RoleHealthEntry = Type.Object({
  roleId: Uuid,
  roleArn: Type.String(),
  displayName: Type.String(),
  accountId: Uuid,
  accountName: Type.String(),
  awsAccountId: Type.String(),
  /** `unchecked` until the first check. */
  status: Type.Union([HealthStatus, Type.Literal('unchecked')]),
  checkedAt: Nullable(DateTime),
  report: Nullable(RoleHealthReportSchema),
});
export type RoleHealthEntry = Static<typeof RoleHealthEntry>;

export const RoleHealthList = Type.Object({ roles: Type.Array(RoleHealthEntry) });
export type RoleHealthList = Static<typeof RoleHealthList>;

export const RoleHealthRefreshRequest = StrictObject({
  roleIds: Type.Optional(Type.Array(Uuid, { maxItems: 500, description: 'Omit to check every role.' })),
});
export type RoleHealthRefreshRequest = Static<typeof RoleHealthRefreshRequest>;

export const RoleDiscovery = Type.Object({
  accountId: Uuid,
  checkedAs: Type.String(),
  scanned: Type.Integer(),
  truncated: Type.Boolean(),
  roles: Type.Array(
    Type.Object({
      arn: Type.String(),
      roleName: Type.String(),
      path: Type.String(),
      maxSessionSeconds: Type.Integer(),
      trusted: Type.Boolean(),
      partial: Type.Boolean(),
      unverifiable: Type.Boolean(),
      explanation: Type.String(),
      managedRoleId: Nullable(Uuid),
    }),
  ),
});
export type RoleDiscovery = Static<typeof RoleDiscovery>;

export const RoleImportRequest = StrictObject({
  arns: Type.Array(Type.String({ minLength: 1, maxLength: 2048 }), { minItems: 1, maxItems: 100 }),
});
export type RoleImportRequest = Static<typeof RoleImportRequest>;

export const RoleImportResponse = Type.Object({
  results: Type.Array(
    Type.Object({ arn: Type.String(), roleId: Nullable(Uuid), error: Nullable(Type.String()) }),
  ),
});
export type RoleImportResponse = Static<typeof RoleImportResponse>;

export const RevokeSessionsRequest = StrictObject({
  userId: Type.Optional(
    Type.String({
      format: 'uuid',
      description: "Only this user's sessions; omit for every session of the role.",
    }),
  ),
});
export type RevokeSessionsRequest = Static<typeof RevokeSessionsRequest>;

export const RevocationResultSchema = Type.Object({
  roleId: Uuid,
  roleArn: Type.String(),
  scope: Type.Union([Type.Literal('role'), Type.Literal('user')]),
  userId: Nullable(Uuid),
  sourceIdentity: Nullable(Type.String()),
  policyName: Type.String(),
  cutoff: Type.String({ description: 'Sessions issued before this time are denied.' }),
  document: Type.String({ description: 'The inline policy as IAM returned it after the write.' }),
  pruned: Type.Integer(),
  changedAs: Type.String(),
});
export type RevocationResultSchema = Static<typeof RevocationResultSchema>;

export const RevokeUserSessionsResponse = Type.Object({
  userId: Uuid,
  sourceIdentity: Type.String(),
  since: DateTime,
  results: Type.Array(
    Type.Object({
      roleId: Uuid,
      roleArn: Nullable(Type.String()),
      result: Nullable(RevocationResultSchema),
      error: Nullable(Type.String()),
    }),
  ),
});
export type RevokeUserSessionsResponse = Static<typeof RevokeUserSessionsResponse>;
