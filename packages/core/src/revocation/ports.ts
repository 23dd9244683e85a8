/**
 * What revocation reads and writes: the sessions the audit log shows as live, and the outbox of
 * revocations (one row per role and target) that the worker applies to IAM.
 */
import type { Tx } from '../shared/ports';

export type RevocationStatus = 'pending' | 'applied' | 'failing' | 'given_up';
export type RevocationScope = 'role' | 'user' | 'grant' | 'grant_user' | 'login';
export type RevocationReason =
  | 'user_disabled'
  | 'mfa_reset'
  | 'grant_deleted'
  | 'grant_expired'
  | 'membership_removed'
  | 'cli_login_revoked'
  | 'signed_out_everywhere'
  | 'role_removed'
  | 'account_removed'
  | 'account_disabled';

/** One issued AWS session that has not expired yet, as the audit log recorded its issuance. */
export interface LiveIssuance {
  roleId: string;
  roleArn: string;
  accountId: string | null;
  awsAccountId: string;
  userId: string;
  username: string;
  grantId: string;
  /** The CLI login (token id) the session was issued through; null for the portal. */
  loginId: string | null;
  kind: 'console' | 'cli';
  issuedAt: Date;
  expiresAt: Date;
}

/** Every filter given must match (AND); none given is refused by the adapter. */
export interface LiveIssuanceFilter {
  userId?: string;
  grantId?: string;
  roleId?: string;
  accountId?: string;
  loginId?: string;
}

export interface LiveIssuanceQuery {
  /** Issued successfully, expiring after `now`; read inside `tx` when given. */
  list(filter: LiveIssuanceFilter, now: Date, tx?: Tx): Promise<LiveIssuance[]>;
}

export interface NewRevocation {
  reason: RevocationReason;
  scope: RevocationScope;
  cutoff: Date;
  roleId: string | null;
  roleArn: string;
  roleName: string;
  accountId: string | null;
  awsAccountId: string;
  partition: string;
  userId: string | null;
  username: string | null;
  grantId: string | null;
  loginId: string | null;
  liveSessions: number;
  sessionsEndAt: Date;
  requestedBy: string | null;
  requestedByUsername: string | null;
}

export interface RevocationRecord extends NewRevocation {
  id: string;
  createdAt: Date;
  status: RevocationStatus;
  attempts: number;
  nextAttemptAt: Date;
  lastError: string | null;
  appliedAt: Date | null;
  policyName: string | null;
}
