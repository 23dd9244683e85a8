/** What sign-in, sessions and enrolment read and write: users, sessions, recovery codes, one-time links. */
import type { Tx } from '../shared/ports';

export interface UserRecord {
  id: string;
  username: string;
  displayName: string;
  email: string | null;
  passwordHash: string | null;
  isAdmin: boolean;
  disabled: boolean;
  totpSecretEnc: Uint8Array | null;
  totpEnabledAt: Date | null;
  lastTotpStep: number | null;
  /** The authenticator was reset then: a password sign-in opens no enrolment until a link is used. */
  mfaResetAt: Date | null;
  failedPasswords: number;
  failedTotp: number;
  lockedUntil: Date | null;
  createdAt: Date;
}

export interface NewUser {
  username: string;
  displayName: string;
  email: string | null;
  passwordHash: string | null;
  isAdmin: boolean;
}

export type FailureKind = 'password' | 'totp';

export interface UserRepository {
  findById(id: string, tx?: Tx): Promise<UserRecord | null>;
  findByUsername(username: string, tx?: Tx): Promise<UserRecord | null>;
  create(user: NewUser, tx?: Tx): Promise<UserRecord>;
  countAdmins(tx?: Tx): Promise<number>;
  /**
   * Atomically increments the counter; when it reaches `threshold` the account is locked
   * until `lockUntil` and both counters reset. Returns whether this failure locked it.
   */
  recordFailure(id: string, kind: FailureKind, threshold: number, lockUntil: Date, tx?: Tx): Promise<boolean>;
  clearFailures(id: string, kind: FailureKind | 'all', tx?: Tx): Promise<void>;
  /** Sets lastTotpStep = step only if it is greater than the stored one; false when replayed. */
  claimTotpStep(id: string, step: number, tx?: Tx): Promise<boolean>;
  setPendingTotpSecret(id: string, secretEnc: Uint8Array, tx?: Tx): Promise<void>;
  /** Also clears the reset mark: the user has an authenticator again. */
  enableTotp(id: string, at: Date, tx?: Tx): Promise<void>;
  /** Removes the authenticator and marks the user reset at `resetAt` (see UserRecord.mfaResetAt). */
  clearTotp(id: string, resetAt: Date, tx?: Tx): Promise<void>;
  clearMfaReset(id: string, tx?: Tx): Promise<void>;
  setPasswordHash(id: string, passwordHash: string, at: Date, tx?: Tx): Promise<void>;
  setDisabled(id: string, disabled: boolean, tx?: Tx): Promise<void>;
  unlock(id: string, tx?: Tx): Promise<void>;
  recordLogin(id: string, at: Date, tx?: Tx): Promise<void>;
}

/** Failure counters for usernames that do not exist, so lockout cannot reveal which ones do. */
export interface UnknownLoginRepository {
  lockedUntil(usernameKey: string): Promise<Date | null>;
  recordFailure(usernameKey: string, threshold: number, lockUntil: Date): Promise<boolean>;
}

export type SessionStage = 'password_verified' | 'enrolling' | 'active';

export interface SessionRecord {
  id: string;
  userId: string;
  stage: SessionStage;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  mfaAt: Date | null;
  ip: string;
  userAgent: string;
}

export interface SessionRepository {
  /** `lastSeenAt` defaults to `createdAt`. */
  create(session: Omit<SessionRecord, 'lastSeenAt'> & { lastSeenAt?: Date }, tx?: Tx): Promise<SessionRecord>;
  find(id: string, tx?: Tx): Promise<SessionRecord | null>;
  /** The session and its user in one read (every authenticated request makes it). */
  findWithUser(id: string): Promise<{ session: SessionRecord; user: UserRecord } | null>;
  touch(id: string, at: Date, tx?: Tx): Promise<void>;
  delete(id: string, tx?: Tx): Promise<boolean>;
  deleteForUser(userId: string, options?: { exceptId?: string }, tx?: Tx): Promise<number>;
  listForUser(userId: string, tx?: Tx): Promise<SessionRecord[]>;
  deleteExpired(now: Date, idleBefore: Date): Promise<number>;
}

export interface RecoveryCodeRepository {
  replaceAll(userId: string, codeHashes: string[], tx?: Tx): Promise<void>;
  /** Marks the code used if it exists and is unused; false otherwise (single use, atomic). */
  consume(userId: string, codeHash: string, at: Date, tx?: Tx): Promise<boolean>;
  countUnused(userId: string, tx?: Tx): Promise<number>;
  deleteAll(userId: string, tx?: Tx): Promise<void>;
}

export type SetupTokenPurpose = 'first_admin' | 'enrolment';

export interface SetupTokenRepository {
  create(
    token: { id: string; purpose: SetupTokenPurpose; userId: string | null; expiresAt: Date },
    tx?: Tx,
  ): Promise<void>;
  /** Marks an unused, unexpired token used; returns it, or null (single use, atomic). */
  consume(
    id: string,
    purpose: SetupTokenPurpose,
    now: Date,
    tx?: Tx,
  ): Promise<{ userId: string | null } | null>;
}
