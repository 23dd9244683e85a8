import { appendOrRefuse } from '../shared/audit-event';
import type { RevocationScheduler } from '../revocation/revocation-service';
import type { AuditEventInput, AuditLog, Clock, TransactionRunner, Tx } from '../shared/ports';
import type { RequestContext } from '../shared/request-context';
import type { Authenticated } from '../identity/identity-deps';
import type { SessionRepository, UserRepository } from '../identity/ports';
import type { CliAuthRepository, CliTokenRecord } from './ports';

export interface DeviceAuthSettings {
  /** The portal's origin; the approval page is `${publicUrl}/device`. */
  publicUrl: string;
  tokenLifetimeMs: number;
  deviceCodeLifetimeMs: number;
  pollIntervalSeconds: number;
  /** Polls allowed per device code, `slow_down` answers included. */
  maxPolls: number;
}

export const DEFAULT_DEVICE_AUTH_SETTINGS: Omit<DeviceAuthSettings, 'publicUrl' | 'tokenLifetimeMs'> = {
  deviceCodeLifetimeMs: 10 * 60_000,
  pollIntervalSeconds: 5,
  // Ten minutes at five seconds is 120 polls; a little slack for clocks and retries.
  maxPolls: 150,
};

export interface CliAuthDeps {
  repo: CliAuthRepository;
  users: Pick<UserRepository, 'findById'>;
  audit: AuditLog;
  /** A revoked login's AWS sessions end at AWS too (scheduled in the revocation's transaction). */
  revocations: Pick<RevocationScheduler, 'revokeLogin' | 'revokeUser'>;
  /** Signing out everywhere ends the user's portal sessions too. */
  sessions: Pick<SessionRepository, 'deleteForUser'>;
  transactions: TransactionRunner;
  /** Verifies a fresh TOTP code of the signed-in user (replay-proof, counts toward lockout, audited). */
  confirmTotp: (auth: Authenticated, code: string, ctx: RequestContext) => Promise<Date>;
  keys: { userCode: Buffer };
  settings: DeviceAuthSettings;
  now: Clock;
}

export type CliAuthenticated = Authenticated & { cliToken: CliTokenRecord };

/** Fail closed: a token is not issued, used or revoked unless the audit log says so. */
export function recordCliEvent(
  deps: Pick<CliAuthDeps, 'audit'>,
  row: AuditEventInput,
  tx?: Tx,
): Promise<void> {
  return appendOrRefuse(deps.audit, row, 'The audit log cannot be written right now. Try again shortly.', tx);
}
