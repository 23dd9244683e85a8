import { Type } from 'typebox';
import type { Static } from 'typebox';
import { CREDENTIAL_FORMATS } from './credential-formats';
import { DateTime, Nullable, StrictObject, Uuid, awsAccountFields } from './shared';

export { PartitionSchema } from './shared';

export const MyRole = Type.Object({
  roleId: Uuid,
  /** The grant issuance requests name; chosen as the most capable of the user's grants for the role. */
  grantId: Uuid,
  roleName: Type.String(),
  arn: Type.String(),
  displayName: Type.String(),
  description: Type.String(),
  allowConsole: Type.Boolean(),
  allowCli: Type.Boolean(),
  /** The real maximum session for this user: min(role, grant, 1 h when the broker chains roles). */
  maxSessionSeconds: Type.Integer(),
  /** Which limit decided the maximum: role, iam_role, grant, role_chaining, aws_maximum, aws_minimum. */
  maxSessionLimitedBy: Type.String(),
  /** One sentence saying which limit applied and what the others were. */
  maxSessionExplanation: Type.String(),
  requiresStepUp: Type.Boolean(),
  favourite: Type.Boolean(),
  grantExpiresAt: Nullable(DateTime),
  via: Type.Array(Type.String({ description: '"direct" or "group:<name>"' })),
});
export type MyRole = Static<typeof MyRole>;

export const MyAccount = Type.Object({
  id: Uuid,
  ...awsAccountFields,
  roles: Type.Array(MyRole),
});
export type MyAccount = Static<typeof MyAccount>;

export const MyAccess = Type.Object({
  accounts: Type.Array(MyAccount),
  /** When true, every session is capped at 1 hour (the broker itself runs on role credentials). */
  roleChaining: Type.Boolean(),
  stepUpValidUntil: Nullable(DateTime),
});
export type MyAccess = Static<typeof MyAccess>;

export const RoleIdParams = Type.Object({ roleId: Uuid });
export type RoleIdParams = Static<typeof RoleIdParams>;

export const StepUpResponse = Type.Object({ stepUpValidUntil: DateTime });
export type StepUpResponse = Static<typeof StepUpResponse>;

export const ConsoleRequest = StrictObject({
  grantId: Uuid,
  /** Omitted or null: the console's home page. */
  service: Type.Optional(Nullable(Type.String({ maxLength: 64 }))),
  /** Omitted or null: the account's default region, if it has one. */
  region: Type.Optional(Nullable(Type.String({ maxLength: 32 }))),
  durationSeconds: Type.Optional(Type.Integer()),
});
export type ConsoleRequest = Static<typeof ConsoleRequest>;

export const ConsoleResponse = Type.Object({
  /** The AWS sign-in URL: valid 15 minutes, single use. Open it; never store or log it. */
  url: Type.String(),
  durationSeconds: Type.Integer(),
  maxSessionSeconds: Type.Integer(),
  /** True when the requested duration was lowered to the real maximum. */
  clamped: Type.Boolean(),
  expiresAt: DateTime,
});
export type ConsoleResponse = Static<typeof ConsoleResponse>;

export const CredentialFormatSchema = Type.Union(CREDENTIAL_FORMATS.map((format) => Type.Literal(format)));

export const CredentialsRequest = StrictObject({
  grantId: Uuid,
  durationSeconds: Type.Optional(Type.Integer()),
  /** Formats to render besides the raw credentials; default all. */
  formats: Type.Optional(Type.Array(CredentialFormatSchema, { maxItems: 8, uniqueItems: true })),
  profile: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9_.+@-]{1,64}$' })),
});
export type CredentialsRequest = Static<typeof CredentialsRequest>;

export const CredentialsResponse = Type.Object({
  accessKeyId: Type.String(),
  secretAccessKey: Type.String(),
  sessionToken: Type.String(),
  expiration: DateTime,
  assumedRoleArn: Type.String(),
  region: Nullable(Type.String()),
  durationSeconds: Type.Integer(),
  maxSessionSeconds: Type.Integer(),
  clamped: Type.Boolean(),
  formatted: Type.Record(Type.String(), Type.String()),
});
export type CredentialsResponse = Static<typeof CredentialsResponse>;
