/** What the identity use cases are given: the ports they use (no more), keys, settings, the clock. */
import type { AuditLog, Clock, TransactionRunner } from '../shared/ports';
import type { RevocationScheduler } from '../revocation/revocation-service';
import type {
  RecoveryCodeRepository,
  SessionRecord,
  SessionRepository,
  SetupTokenRepository,
  UnknownLoginRepository,
  UserRecord,
  UserRepository,
} from './ports';

export interface IdentitySettings {
  issuer: string;
  sessionIdleMs: number;
  sessionAbsoluteMs: number;
  /** Lifetime of a half-signed-in session (password ok, TOTP or enrolment owed). */
  pendingSessionMs: number;
  lockThreshold: number;
  lockMs: number;
  setupTokenMs: number;
}

export const DEFAULT_IDENTITY_SETTINGS: IdentitySettings = {
  issuer: 'Gatehouse',
  sessionIdleMs: 30 * 60_000,
  sessionAbsoluteMs: 12 * 3_600_000,
  pendingSessionMs: 15 * 60_000,
  lockThreshold: 5,
  lockMs: 15 * 60_000,
  setupTokenMs: 3_600_000,
};

export interface IdentityDeps {
  users: Pick<
    UserRepository,
    | 'findById'
    | 'findByUsername'
    | 'create'
    | 'countAdmins'
    | 'recordFailure'
    | 'clearFailures'
    | 'claimTotpStep'
    | 'setPendingTotpSecret'
    | 'enableTotp'
    | 'clearTotp'
    | 'clearMfaReset'
    | 'setPasswordHash'
    | 'recordLogin'
  >;
  unknownLogins: UnknownLoginRepository;
  sessions: Pick<
    SessionRepository,
    'create' | 'findWithUser' | 'touch' | 'delete' | 'deleteForUser' | 'listForUser' | 'deleteExpired'
  >;
  recoveryCodes: RecoveryCodeRepository;
  setupTokens: SetupTokenRepository;
  audit: AuditLog;
  /** An MFA reset ends the user's AWS sessions at AWS too (scheduled in its transaction). */
  revocations: Pick<RevocationScheduler, 'revokeUser'>;
  transactions: TransactionRunner;
  keys: { totp: Buffer; recoveryCodes: Buffer; usernames: Buffer };
  settings: IdentitySettings;
  now: Clock;
}

export interface Authenticated {
  session: SessionRecord;
  user: UserRecord;
}

export interface IssuedSession {
  token: string;
  session: SessionRecord;
}
