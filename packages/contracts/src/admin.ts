/**
 * The admin API. Response schemas list exactly what leaves the server: a user never carries a
 * password hash, TOTP secret or recovery code, whatever the service hands the route.
 */
import { Type } from 'typebox';
import type { Static } from 'typebox';
import {
  DateTime,
  Nullable,
  PartitionSchema,
  Password,
  StoredRecord,
  StrictObject,
  Uuid,
  awsAccountFields,
  optionalFields,
  timestamps,
} from './shared';

/**
 * A nullable request field as one `type: [x, "null"]` schema. Bodies are validated without type
 * coercion (apps/server/src/http/validation.ts), so an anyOf would no longer turn null into the
 * first branch's type (null → 0, null → ""); the type list stays because it also holds where
 * coercion applies (query strings) and a refusal then names the field once ("must be string or null").
 */
const NullableInput = <T>(schema: { type: 'string' | 'integer'; [keyword: string]: unknown }) =>
  Type.Unsafe<T | null>({ ...schema, type: [schema.type, 'null'] });
const NullableDateTime = NullableInput<string>({ type: 'string', format: 'date-time' });
const NullableEmail = NullableInput<string>({ type: 'string', format: 'email', maxLength: 254 });
const Name = Type.String({ minLength: 1, maxLength: 256 });
const Description = Type.String({ maxLength: 4096 });
const SessionSeconds = Type.Integer({ description: 'Seconds, 900 to 43200.' });
const NullableSessionSeconds = NullableInput<number>({
  type: 'integer',
  description: 'Seconds, 900 to 43200.',
});

export const AdminIdParams = Type.Object({ id: Uuid });
export type AdminIdParams = Static<typeof AdminIdParams>;

export const GroupMemberParams = Type.Object({ id: Uuid, userId: Uuid });
export type GroupMemberParams = Static<typeof GroupMemberParams>;

// --- users -------------------------------------------------------------------------------
export const AdminUser = Type.Object({
  id: Uuid,
  username: Type.String(),
  displayName: Type.String(),
  email: Nullable(Type.String()),
  isAdmin: Type.Boolean(),
  disabled: Type.Boolean(),
  mfaEnrolled: Type.Boolean(),
  /** False until the user has followed an enrolment link. */
  hasPassword: Type.Boolean(),
  /**
   * True after an authenticator reset until the user follows the enrolment link it produced: their
   * password alone does not let them in meanwhile.
   */
  enrolmentLinkRequired: Type.Boolean(),
  lockedUntil: Nullable(DateTime),
  lastLoginAt: Nullable(DateTime),
  ...timestamps,
  groups: Type.Array(Type.Object({ id: Uuid, name: Type.String() })),
});
export type AdminUser = Static<typeof AdminUser>;

export const AdminUserListQuery = StrictObject({
  search: Type.Optional(Type.String({ maxLength: 128, description: 'Matches username, name or email.' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
});
export type AdminUserListQuery = Static<typeof AdminUserListQuery>;

export const AdminUserList = Type.Object({
  users: Type.Array(AdminUser),
  total: Type.Integer(),
  limit: Type.Integer(),
  offset: Type.Integer(),
});
export type AdminUserList = Static<typeof AdminUserList>;

export const AdminUserCreate = StrictObject({
  username: Type.String({ minLength: 1, maxLength: 128 }),
  displayName: Name,
  email: Type.Optional(NullableEmail),
  isAdmin: Type.Optional(Type.Boolean({ default: false })),
  /** Refused rather than silently dropped: an admin never knows a user's password. */
  password: Type.Optional(
    Type.Never({ description: 'Not accepted: users choose their password through the enrolment link.' }),
  ),
});
export type AdminUserCreate = Static<typeof AdminUserCreate>;

export const EnrolmentLink = Type.Object({
  /** Single use; hand it to the user over a channel you trust. It is shown only once. */
  url: Type.String(),
  expiresAt: DateTime,
});
export type EnrolmentLink = Static<typeof EnrolmentLink>;

export const AdminUserCreated = Type.Object({ user: AdminUser, enrolment: EnrolmentLink });
export type AdminUserCreated = Static<typeof AdminUserCreated>;

/** After an MFA reset the user enrols a new authenticator only through this link. */
export const AdminUserMfaReset = Type.Object({ user: AdminUser, enrolment: EnrolmentLink });
export type AdminUserMfaReset = Static<typeof AdminUserMfaReset>;

export const AdminUserUpdate = StrictObject({
  displayName: Type.Optional(Name),
  email: Type.Optional(NullableEmail),
  isAdmin: Type.Optional(Type.Boolean()),
  /** Disabling ends every session of the user at once. */
  disabled: Type.Optional(Type.Boolean()),
});
export type AdminUserUpdate = Static<typeof AdminUserUpdate>;

/** The public end of an enrolment link: choose a password, then enrol TOTP. */
export const EnrolRequest = StrictObject({
  token: Type.String({ minLength: 1, maxLength: 128 }),
  password: Password,
});
export type EnrolRequest = Static<typeof EnrolRequest>;

// --- groups ------------------------------------------------------------------------------
export const AdminGroup = StoredRecord({
  name: Type.String(),
  description: Type.String(),
  memberCount: Type.Integer(),
});
export type AdminGroup = Static<typeof AdminGroup>;

export const AdminGroupList = Type.Object({ groups: Type.Array(AdminGroup) });
export type AdminGroupList = Static<typeof AdminGroupList>;

export const AdminGroupCreate = StrictObject({ name: Name, description: Type.Optional(Description) });
export type AdminGroupCreate = Static<typeof AdminGroupCreate>;

export const AdminGroupUpdate = StrictObject({
  name: Type.Optional(Name),
  description: Type.Optional(Description),
});
export type AdminGroupUpdate = Static<typeof AdminGroupUpdate>;

export const GroupMember = Type.Object({
  userId: Uuid,
  username: Type.String(),
  displayName: Type.String(),
  disabled: Type.Boolean(),
  addedAt: DateTime,
});
export const GroupMemberList = Type.Object({ members: Type.Array(GroupMember) });
export type GroupMemberList = Static<typeof GroupMemberList>;

export const GroupMemberAdd = StrictObject({ userId: Uuid });
export type GroupMemberAdd = Static<typeof GroupMemberAdd>;

// --- AWS accounts ------------------------------------------------------------------------
export const AdminAccount = StoredRecord({
  ...awsAccountFields,
  disabled: Type.Boolean(),
  roleCount: Type.Integer(),
});
export type AdminAccount = Static<typeof AdminAccount>;

export const AdminAccountList = Type.Object({ accounts: Type.Array(AdminAccount) });
export type AdminAccountList = Static<typeof AdminAccountList>;

const accountFields = {
  awsAccountId: Type.String({ maxLength: 64, description: 'The 12-digit AWS account id.' }),
  name: Name,
  partition: PartitionSchema,
  colour: Type.String({ maxLength: 32, description: 'Colour like #1d8102.' }),
  description: Description,
  defaultRegion: NullableInput<string>({
    type: 'string',
    maxLength: 64,
    description: 'A region of the partition.',
  }),
  disabled: Type.Boolean(),
};

/** The update's fields with the account id and name required (overridden in place: the order stays). */
export const AdminAccountCreate = StrictObject({
  ...optionalFields(accountFields),
  awsAccountId: accountFields.awsAccountId,
  name: accountFields.name,
});
export type AdminAccountCreate = Static<typeof AdminAccountCreate>;

export const AdminAccountUpdate = StrictObject(optionalFields(accountFields));
export type AdminAccountUpdate = Static<typeof AdminAccountUpdate>;

// --- roles -------------------------------------------------------------------------------
export const AdminRole = StoredRecord({
  accountId: Uuid,
  roleName: Type.String(),
  rolePath: Type.String(),
  arn: Type.String(),
  displayName: Type.String(),
  description: Type.String(),
  maxSessionSeconds: Type.Integer(),
  sessionPolicy: Nullable(Type.String()),
  requiresStepUp: Type.Boolean(),
  grantCount: Type.Integer(),
});
export type AdminRole = Static<typeof AdminRole>;

export const AdminRoleList = Type.Object({ roles: Type.Array(AdminRole) });
export type AdminRoleList = Static<typeof AdminRoleList>;

export const AdminRoleListQuery = StrictObject({ accountId: Type.Optional(Uuid) });
export type AdminRoleListQuery = Static<typeof AdminRoleListQuery>;

const RoleReference = Type.String({
  minLength: 1,
  maxLength: 2048,
  description: 'Role name, /path/name, or the role ARN (must be in the account and its partition).',
});
const SessionPolicy = NullableInput<string>({
  type: 'string',
  maxLength: 100_000,
  description: 'IAM policy JSON; at most 2048 characters once minified. Null removes it.',
});

/** What creating and updating a role may both set, each optional. */
const roleSettings = optionalFields({
  description: Description,
  maxSessionSeconds: SessionSeconds,
  sessionPolicy: SessionPolicy,
  requiresStepUp: Type.Boolean(),
});

export const AdminRoleCreate = StrictObject({
  accountId: Uuid,
  role: RoleReference,
  displayName: Type.Optional(Type.String({ maxLength: 256 })),
  ...roleSettings,
});
export type AdminRoleCreate = Static<typeof AdminRoleCreate>;

export const AdminRoleUpdate = StrictObject({
  role: Type.Optional(RoleReference),
  displayName: Type.Optional(Name),
  ...roleSettings,
});
export type AdminRoleUpdate = Static<typeof AdminRoleUpdate>;

// --- grants ------------------------------------------------------------------------------
export const AdminGrant = StoredRecord({
  roleId: Uuid,
  userId: Nullable(Uuid),
  groupId: Nullable(Uuid),
  subject: Type.Object({
    type: Type.Union([Type.Literal('user'), Type.Literal('group')]),
    id: Uuid,
    name: Type.String(),
  }),
  role: Type.Object({ id: Uuid, roleName: Type.String(), displayName: Type.String(), arn: Type.String() }),
  account: Type.Object({ id: Uuid, name: Type.String(), awsAccountId: Type.String() }),
  allowConsole: Type.Boolean(),
  allowCli: Type.Boolean(),
  maxSessionSeconds: Nullable(Type.Integer()),
  sourceCidrs: Type.Array(Type.String()),
  expiresAt: Nullable(DateTime),
  expired: Type.Boolean(),
  note: Type.String(),
});
export type AdminGrant = Static<typeof AdminGrant>;

export const AdminGrantList = Type.Object({ grants: Type.Array(AdminGrant) });
export type AdminGrantList = Static<typeof AdminGrantList>;

export const AdminGrantListQuery = StrictObject({
  roleId: Type.Optional(Uuid),
  userId: Type.Optional(Uuid),
  groupId: Type.Optional(Uuid),
});
export type AdminGrantListQuery = Static<typeof AdminGrantListQuery>;

const Cidrs = Type.Array(Type.String({ maxLength: 64 }), {
  maxItems: 100,
  description: 'Source networks allowed to use the grant (IPv4/IPv6 CIDR); empty means anywhere.',
});

/** What creating and updating a grant may both set, each optional. */
const grantSettings = optionalFields({
  maxSessionSeconds: NullableSessionSeconds,
  sourceCidrs: Cidrs,
  expiresAt: NullableDateTime,
  note: Description,
});

export const AdminGrantCreate = StrictObject({
  roleId: Uuid,
  userIds: Type.Optional(Type.Array(Uuid, { maxItems: 500 })),
  groupIds: Type.Optional(Type.Array(Uuid, { maxItems: 500 })),
  allowConsole: Type.Boolean(),
  allowCli: Type.Boolean(),
  ...grantSettings,
});
export type AdminGrantCreate = Static<typeof AdminGrantCreate>;

export const AdminGrantCreated = Type.Object({ grants: Type.Array(AdminGrant) });
export type AdminGrantCreated = Static<typeof AdminGrantCreated>;

export const AdminGrantUpdate = StrictObject({
  allowConsole: Type.Optional(Type.Boolean()),
  allowCli: Type.Optional(Type.Boolean()),
  ...grantSettings,
});
export type AdminGrantUpdate = Static<typeof AdminGrantUpdate>;

// --- audit -------------------------------------------------------------------------------
export const AuditOutcomeSchema = Type.Union([
  Type.Literal('success'),
  Type.Literal('failure'),
  Type.Literal('denied'),
  Type.Literal('pending'),
  Type.Literal('issued'),
  Type.Literal('failed'),
  Type.Literal('abandoned'),
]);

const auditFilterFields = {
  user: Type.Optional(Type.String({ format: 'uuid', description: 'Actor or target user.' })),
  account: Type.Optional(Uuid),
  role: Type.Optional(Uuid),
  action: Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 128,
      description: 'Exact action, or a prefix ending in "." or "*" (e.g. "access.").',
    }),
  ),
  outcome: Type.Optional(AuditOutcomeSchema),
  from: Type.Optional(DateTime),
  to: Type.Optional(Type.String({ format: 'date-time', description: 'Inclusive.' })),
};

export const AuditListQuery = StrictObject({
  ...auditFilterFields,
  cursor: Type.Optional(Type.String({ maxLength: 128, description: 'nextCursor of the previous page.' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
});
export type AuditListQuery = Static<typeof AuditListQuery>;

export const AuditExportQuery = StrictObject({
  ...auditFilterFields,
  format: Type.Optional(Type.Union([Type.Literal('csv'), Type.Literal('jsonl')], { default: 'csv' })),
});
export type AuditExportQuery = Static<typeof AuditExportQuery>;

export const AuditEventSchema = Type.Object({
  id: Type.String(),
  occurredAt: DateTime,
  action: Type.String(),
  outcome: AuditOutcomeSchema,
  actorId: Nullable(Type.String()),
  actorUsername: Nullable(Type.String()),
  targetUserId: Nullable(Type.String()),
  accountId: Nullable(Type.String()),
  roleId: Nullable(Type.String()),
  correlationId: Nullable(Type.String()),
  ip: Nullable(Type.String()),
  userAgent: Nullable(Type.String()),
  requestId: Nullable(Type.String()),
  details: Type.Unknown(),
  prevHash: Type.String(),
  hash: Type.String(),
});
export type AuditEventSchema = Static<typeof AuditEventSchema>;

export const AuditPage = Type.Object({
  events: Type.Array(AuditEventSchema),
  /** Null on the last page. */
  nextCursor: Nullable(Type.String()),
});
export type AuditPage = Static<typeof AuditPage>;

export const AuditExportBody = Type.String({
  description: 'CSV (header row, RFC 4180) or JSON Lines, oldest first, sent as an attachment.',
});

export const AuditVerifyResult = Type.Object({
  intact: Type.Boolean(),
  checked: Type.Integer({ description: 'Rows verified before the break, or all rows.' }),
  broken: Nullable(
    Type.Object({
      id: Type.String(),
      reason: Type.String(),
    }),
  ),
});
export type AuditVerifyResult = Static<typeof AuditVerifyResult>;
