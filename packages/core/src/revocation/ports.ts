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

export interface RevocationListFilter {
  userId?: string;
  roleId?: string;
  status?: RevocationStatus;
  limit: number;
}

export type RevocationCounts = Record<RevocationStatus, number>;

export interface RevocationOutbox {
  add(rows: NewRevocation[], tx?: Tx): Promise<void>;
  /** Newest first, and the counts per status over everything the filter matches. */
  list(filter: RevocationListFilter): Promise<{ rows: RevocationRecord[]; counts: RevocationCounts }>;
  /** How many revocations stand in each status (for readiness and the admin's summary). */
  counts(): Promise<RevocationCounts>;
  /** Pending or failing rows whose next attempt is due, oldest first. */
  due(now: Date, limit: number): Promise<RevocationRecord[]>;
  markApplied(ids: string[], result: { at: Date; policyName: string }, tx?: Tx): Promise<void>;
  markFailing(ids: string[], failure: { error: string; nextAttemptAt: Date }, tx?: Tx): Promise<void>;
  markGivenUp(ids: string[], failure: { error: string }, tx?: Tx): Promise<void>;
  /** Whether an expiry was already handled for this grant (so the sweep schedules it once). */
  hasForGrant(grantId: string, reason: RevocationReason, tx?: Tx): Promise<boolean>;
  /**
   * Runs `work` while holding the fleet-wide worker lock (a PostgreSQL advisory lock), or
   * returns `{ ran: false }` at once when another process holds it.
   */
  withWorkerLock<T>(work: () => Promise<T>): Promise<{ ran: true; value: T } | { ran: false }>;
}

/** Whether a user still reaches a role for a kind of access through a grant other than `exceptGrantId`. */
export interface RemainingAccess {
  holds(
    input: { userId: string; roleId: string; kind: 'console' | 'cli'; exceptGrantId: string; now: Date },
    tx?: Tx,
  ): Promise<boolean>;
}

/** Grants whose expiry passed in a window: their sessions are revoked once (the expiry sweep). */
export interface ExpiredGrants {
  expiredBetween(from: Date, to: Date): Promise<RevokedGrant[]>;
}

/** A grant as revocation needs it: for a group grant, each member's sessions are weighed apart. */
export interface RevokedGrant {
  id: string;
  roleId: string;
  userId: string | null;
  groupId: string | null;
}
