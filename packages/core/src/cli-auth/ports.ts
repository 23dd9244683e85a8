/** What `gatehouse login` stores: device requests and the CLI tokens they become. */
import type { Tx } from '../shared/ports';

export type CliDeviceStatus = 'pending' | 'approved' | 'denied' | 'consumed';

export interface CliDeviceRecord {
  id: string;
  deviceCodeHash: string;
  userCodeHash: string;
  clientName: string;
  hostname: string;
  ip: string;
  userAgent: string;
  status: CliDeviceStatus;
  /** Who approved or denied it. */
  userId: string | null;
  decidedAt: Date | null;
  /** When the approver's TOTP code was verified; becomes the token's MFA time. */
  mfaAt: Date | null;
  intervalSeconds: number;
  polls: number;
  lastPolledAt: Date | null;
  expiresAt: Date;
  createdAt: Date;
}

export type NewCliDevice = Pick<
  CliDeviceRecord,
  | 'deviceCodeHash'
  | 'userCodeHash'
  | 'clientName'
  | 'hostname'
  | 'ip'
  | 'userAgent'
  | 'intervalSeconds'
  | 'expiresAt'
  | 'createdAt'
>;

export type CliTokenRevokeReason =
  'user' | 'logout' | 'admin' | 'user_disabled' | 'mfa_changed' | 'password_changed';

export interface CliTokenRecord {
  id: string;
  tokenHash: string;
  userId: string;
  deviceId: string | null;
  clientName: string;
  hostname: string;
  createdIp: string;
  userAgent: string;
  /** The approval's TOTP time: the token's "MFA at", which step-up roles look at. */
  mfaAt: Date;
  createdAt: Date;
  expiresAt: Date;
  lastUsedAt: Date | null;
  lastUsedIp: string | null;
  revokedAt: Date | null;
  revokedBy: string | null;
  revokeReason: string | null;
}

export type NewCliToken = Omit<
  CliTokenRecord,
  'id' | 'lastUsedAt' | 'lastUsedIp' | 'revokedAt' | 'revokedBy' | 'revokeReason'
>;

export interface CliTokenWithUser extends CliTokenRecord {
  username: string;
}

export interface CliRevocation {
  at: Date;
  by: string | null;
  reason: CliTokenRevokeReason;
}

export interface CliAuthRepository {
  createDevice(device: NewCliDevice, tx?: Tx): Promise<CliDeviceRecord>;
  findDeviceByUserCode(userCodeHash: string, tx?: Tx): Promise<CliDeviceRecord | null>;
  /**
   * Counts one poll atomically. `tooFast` when the previous poll is less than the current
   * interval (minus `slackMs`) ago; the interval then grows by `slowDownSeconds`.
   */
  recordPoll(
    deviceCodeHash: string,
    at: Date,
    options: { slackMs: number; slowDownSeconds: number },
  ): Promise<{ device: CliDeviceRecord; tooFast: boolean } | null>;
  /** pending → approved/denied, only while pending and unexpired at `at` (first decision wins). */
  decideDevice(
    id: string,
    decision: { status: 'approved' | 'denied'; userId: string; mfaAt: Date | null; at: Date },
    tx?: Tx,
  ): Promise<boolean>;
  /** approved → consumed (single use). */
  consumeDevice(id: string, at: Date, tx?: Tx): Promise<boolean>;
  createToken(token: NewCliToken, tx?: Tx): Promise<CliTokenRecord>;
  findTokenByHash(tokenHash: string): Promise<CliTokenRecord | null>;
  findToken(id: string, tx?: Tx): Promise<CliTokenWithUser | null>;
  touchToken(id: string, at: Date, ip: string): Promise<void>;
  /** Most recent first. `activeAt` set: only unrevoked tokens unexpired at that time. */
  listTokens(filter: { userId?: string; activeAt: Date | null; limit: number }): Promise<CliTokenWithUser[]>;
  /** Revokes an unrevoked token; false when there was none. */
  revokeToken(id: string, revocation: CliRevocation, tx?: Tx): Promise<boolean>;
  /** Revokes every live token (of one user, or everyone's); returns the ids revoked. */
  revokeAll(userId: string | null, revocation: CliRevocation, tx?: Tx): Promise<string[]>;
  /** Deletes device requests that expired before `devicesBefore`, tokens dead since `tokensBefore`. */
  purge(devicesBefore: Date, tokensBefore: Date): Promise<void>;
}
