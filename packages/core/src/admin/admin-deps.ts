import type { AuditLog, Clock, TransactionRunner } from '../shared/ports';
import type {
  RecoveryCodeRepository,
  SessionRepository,
  SetupTokenRepository,
  UserRepository,
} from '../identity/ports';
import type { RevocationScheduler } from '../revocation/revocation-service';
import type { AccessAdminRepository } from './ports';

export const ENROLMENT_LINK_MS = 7 * 24 * 3_600_000;

export interface AdminDeps {
  repo: AccessAdminRepository;
  users: Pick<UserRepository, 'findByUsername' | 'setPasswordHash' | 'clearTotp' | 'unlock'>;
  sessions: Pick<SessionRepository, 'deleteForUser'>;
  recoveryCodes: Pick<RecoveryCodeRepository, 'deleteAll'>;
  setupTokens: Pick<SetupTokenRepository, 'create'>;
  audit: AuditLog;
  /** Revocations at AWS, scheduled in the transaction of the change that takes access away. */
  revocations: RevocationScheduler;
  transactions: TransactionRunner;
  /** The origin users open (no trailing slash); enrolment links point at `${publicOrigin}/enrol`. */
  settings: { publicOrigin: string; enrolmentLinkMs: number };
  now: Clock;
}
