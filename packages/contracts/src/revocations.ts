/**
 * Revocations at AWS: when access is taken away in Gatehouse, a deny on each affected role for the
 * sessions already issued (packages/core/src/revocation). The admin API lists them per user and
 * per role, with where each one stands.
 */
import { Type } from 'typebox';
import type { Static } from 'typebox';
import { DateTime, Nullable, StrictObject, Uuid } from './shared';

export const REVOCATION_STATUSES = ['pending', 'applied', 'failing', 'given_up'] as const;
export const RevocationStatus = Type.Union([
  Type.Literal('pending'),
  Type.Literal('applied'),
  Type.Literal('failing'),
  Type.Literal('given_up'),
]);
export type RevocationStatus = (typeof REVOCATION_STATUSES)[number];

/** What took the access away. */
export const REVOCATION_REASONS = [
  'user_disabled',
  'mfa_reset',
  'grant_deleted',
  'grant_expired',
  'membership_removed',
  'cli_login_revoked',
  'signed_out_everywhere',
  'role_removed',
  'account_removed',
  'account_disabled',
] as const;
export const RevocationReason = Type.Union([
  Type.Literal('user_disabled'),
  Type.Literal('mfa_reset'),
  Type.Literal('grant_deleted'),
  Type.Literal('grant_expired'),
  Type.Literal('membership_removed'),
  Type.Literal('cli_login_revoked'),
  Type.Literal('signed_out_everywhere'),
  Type.Literal('role_removed'),
  Type.Literal('account_removed'),
  Type.Literal('account_disabled'),
]);
export type RevocationReason = (typeof REVOCATION_REASONS)[number];

/**
 * Which sessions of the role are denied: all of them (`role`), one user's (`user`), those issued
 * under one grant (`grant`), one user's under one group grant (`grant_user`), or those issued
 * through one CLI login (`login`).
 */
export const REVOCATION_SCOPES = ['role', 'user', 'grant', 'grant_user', 'login'] as const;
export const RevocationScope = Type.Union([
  Type.Literal('role'),
  Type.Literal('user'),
  Type.Literal('grant'),
  Type.Literal('grant_user'),
  Type.Literal('login'),
]);
export type RevocationScope = (typeof REVOCATION_SCOPES)[number];

export const AdminRevocation = Type.Object({
  id: Uuid,
  createdAt: DateTime,
  reason: RevocationReason,
  scope: RevocationScope,
  /** Sessions issued before this instant are denied. */
  cutoff: DateTime,
  role: Type.Object({
    /** Null once the role is no longer configured in Gatehouse. */
    id: Nullable(Uuid),
    arn: Type.String(),
    name: Type.String(),
    awsAccountId: Type.String(),
  }),
  user: Nullable(Type.Object({ id: Uuid, username: Type.String() })),
  grantId: Nullable(Uuid),
  loginId: Nullable(Uuid),
  /** Sessions the audit log showed as live on this role when the revocation was scheduled. */
  liveSessions: Type.Integer(),
  /** When the last of those sessions expires anyway; retries stop then. */
  sessionsEndAt: DateTime,
  status: RevocationStatus,
  attempts: Type.Integer(),
  /** The next try, for pending and failing revocations; null otherwise. */
  nextAttemptAt: Nullable(DateTime),
  /** Why the last try failed, in words meant for the administrator. */
  lastError: Nullable(Type.String()),
  appliedAt: Nullable(DateTime),
  /** The role's inline policy that carries the deny. */
  policyName: Nullable(Type.String()),
  /** Who made the change (null for expiry and the server itself). */
  requestedBy: Nullable(Type.String()),
});
export type AdminRevocation = Static<typeof AdminRevocation>;

export const AdminRevocationListQuery = StrictObject({
  userId: Type.Optional(Uuid),
  roleId: Type.Optional(Uuid),
  status: Type.Optional(RevocationStatus),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 100 })),
});
export type AdminRevocationListQuery = Static<typeof AdminRevocationListQuery>;

export const AdminRevocationList = Type.Object({
  /** Newest first. */
  revocations: Type.Array(AdminRevocation),
  /** Counts over everything the filter matches, not only the page. */
  counts: Type.Object({
    pending: Type.Integer(),
    applied: Type.Integer(),
    failing: Type.Integer(),
    given_up: Type.Integer(),
  }),
});
export type AdminRevocationList = Static<typeof AdminRevocationList>;
