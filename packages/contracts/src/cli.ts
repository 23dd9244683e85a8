/**
 * The `gatehouse` CLI's part of the API: device authorisation in the style of RFC 8628 (the
 * CLI side speaks the RFC's snake_case names), the approval a signed-in browser gives, and the
 * CLI tokens users and admins can list and revoke.
 */
import { Type } from 'typebox';
import type { Static } from 'typebox';
import { ErrorBody } from './common';
import { Code, DateTime, Nullable, StrictObject, Uuid } from './shared';

/** `BCDF-GHJK`: eight letters without vowels or look-alikes; dashes, spaces and case are ignored. */
const UserCode = Type.String({ minLength: 1, maxLength: 32 });

export const DeviceStartRequest = StrictObject({
  /** What the user is told is asking, e.g. `gatehouse-cli/0.1.0 (linux)`. */
  client_name: Type.String({ minLength: 1, maxLength: 100 }),
  /** The machine's name as the CLI sees it; shown to the approver next to the request's IP. */
  hostname: Type.String({ maxLength: 255 }),
});
export type DeviceStartRequest = Static<typeof DeviceStartRequest>;

export const DeviceStartResponse = Type.Object({
  /** Secret: only the CLI that asked holds it; it redeems it at /api/cli/token. */
  device_code: Type.String(),
  user_code: Type.String(),
  verification_uri: Type.String(),
  verification_uri_complete: Type.String(),
  expires_in: Type.Integer(),
  /** Seconds to wait between polls; polling faster earns `slow_down` and a longer interval. */
  interval: Type.Integer(),
});
export type DeviceStartResponse = Static<typeof DeviceStartResponse>;

export const DeviceTokenRequest = StrictObject({
  device_code: Type.String({ minLength: 1, maxLength: 128 }),
  grant_type: Type.Optional(Type.Literal('urn:ietf:params:oauth:grant-type:device_code')),
});
export type DeviceTokenRequest = Static<typeof DeviceTokenRequest>;

export const CliUser = Type.Object({
  id: Uuid,
  username: Type.String(),
  displayName: Type.String(),
});
export type CliUser = Static<typeof CliUser>;

export const DeviceTokenResponse = Type.Object({
  /** The CLI token: send as `Authorization: Bearer …`. Shown once; the server keeps its hash. */
  access_token: Type.String(),
  token_type: Type.Literal('Bearer'),
  expires_in: Type.Integer(),
  expires_at: DateTime,
  token_id: Uuid,
  user: CliUser,
});
export type DeviceTokenResponse = Static<typeof DeviceTokenResponse>;

export const DEVICE_TOKEN_ERRORS = [
  'authorization_pending',
  'slow_down',
  'expired_token',
  'access_denied',
  'invalid_grant',
] as const;
export type DeviceTokenErrorCode = (typeof DEVICE_TOKEN_ERRORS)[number];

/**
 * RFC 8628 §3.5 errors in Gatehouse's error body (`error` is one of DEVICE_TOKEN_ERRORS, or
 * `validation` for a malformed request); `interval` is the one to keep from now on.
 */
export const DeviceTokenError = Type.Object({
  ...ErrorBody.properties,
  error: Type.String({ description: DEVICE_TOKEN_ERRORS.join(' | ') }),
  interval: Type.Optional(Type.Integer()),
});
export type DeviceTokenError = Static<typeof DeviceTokenError>;

export const UserCodeParams = Type.Object({ userCode: UserCode });
export type UserCodeParams = Static<typeof UserCodeParams>;

export const DeviceInfo = Type.Object({
  userCode: Type.String(),
  clientName: Type.String(),
  hostname: Type.String(),
  /** The address the login request came from, as this portal sees it. */
  ip: Type.String(),
  userAgent: Type.String(),
  createdAt: DateTime,
  expiresAt: DateTime,
});
export type DeviceInfo = Static<typeof DeviceInfo>;

export const DeviceApproveRequest = StrictObject({ userCode: UserCode, totpCode: Code });
export type DeviceApproveRequest = Static<typeof DeviceApproveRequest>;

export const DeviceDenyRequest = StrictObject({ userCode: UserCode });
export type DeviceDenyRequest = Static<typeof DeviceDenyRequest>;

export const CliTokenInfo = Type.Object({
  id: Uuid,
  clientName: Type.String(),
  hostname: Type.String(),
  createdAt: DateTime,
  createdIp: Type.String(),
  expiresAt: DateTime,
  lastUsedAt: Nullable(DateTime),
  lastUsedIp: Nullable(Type.String()),
});
export type CliTokenInfo = Static<typeof CliTokenInfo>;

export const CliTokenList = Type.Object({ tokens: Type.Array(CliTokenInfo) });
export type CliTokenList = Static<typeof CliTokenList>;

export const CliTokenIdParams = Type.Object({ id: Uuid });
export type CliTokenIdParams = Static<typeof CliTokenIdParams>;

export const AdminCliToken = Type.Object({
  ...CliTokenInfo.properties,
  userId: Uuid,
  username: Type.String(),
  revokedAt: Nullable(DateTime),
  revokeReason: Nullable(Type.String()),
});
export type AdminCliToken = Static<typeof AdminCliToken>;

export const AdminCliTokenList = Type.Object({ tokens: Type.Array(AdminCliToken) });
export type AdminCliTokenList = Static<typeof AdminCliTokenList>;

export const AdminCliTokenListQuery = StrictObject({
  userId: Type.Optional(Uuid),
  /** Include revoked and expired tokens (most recent first). */
  includeInactive: Type.Optional(Type.Boolean({ default: false })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
});
export type AdminCliTokenListQuery = Static<typeof AdminCliTokenListQuery>;

/** Revoke every live CLI token of one user, or (`all=true`) of everyone. */
export const AdminCliTokenRevokeAllQuery = StrictObject({
  userId: Type.Optional(Uuid),
  all: Type.Optional(Type.Boolean()),
});
export type AdminCliTokenRevokeAllQuery = Static<typeof AdminCliTokenRevokeAllQuery>;

export const AdminRevokedCount = Type.Object({ revoked: Type.Integer() });
export type AdminRevokedCount = Static<typeof AdminRevokedCount>;

/** `gatehouse whoami`: who the token belongs to and how long it lasts. */
export const CliSession = Type.Object({
  user: CliUser,
  token: CliTokenInfo,
});
export type CliSession = Static<typeof CliSession>;
