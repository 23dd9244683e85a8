import { Type } from 'typebox';
import type { Static } from 'typebox';
import { Code, DateTime, Nullable, Password, StrictObject } from './shared';

/** Where a signed-in browser stands: what the next screen must be. */
export const AuthStage = Type.Union([Type.Literal('totp'), Type.Literal('enroll'), Type.Literal('active')]);
export type AuthStage = Static<typeof AuthStage>;

export const SetupStatus = Type.Object({ needsSetup: Type.Boolean() });
export type SetupStatus = Static<typeof SetupStatus>;

export const SetupRequest = StrictObject({
  token: Type.String({ minLength: 1, maxLength: 128 }),
  username: Type.String({ minLength: 1, maxLength: 128 }),
  displayName: Type.String({ minLength: 1, maxLength: 128 }),
  email: Type.Optional(Type.String({ format: 'email', maxLength: 254 })),
  password: Password,
});
export type SetupRequest = Static<typeof SetupRequest>;

export const LoginRequest = StrictObject({
  username: Type.String({ minLength: 1, maxLength: 256 }),
  password: Password,
});
export type LoginRequest = Static<typeof LoginRequest>;

export const CodeRequest = StrictObject({ code: Code });
export type CodeRequest = Static<typeof CodeRequest>;

export const SessionUser = Type.Object({
  id: Type.String(),
  username: Type.String(),
  displayName: Type.String(),
  email: Nullable(Type.String()),
  isAdmin: Type.Boolean(),
  mfaEnrolled: Type.Boolean(),
});
export type SessionUser = Static<typeof SessionUser>;

export const StageResponse = Type.Object({ stage: AuthStage, user: Type.Optional(SessionUser) });
export type StageResponse = Static<typeof StageResponse>;

/**
 * GET /api/auth/session: where this browser stands. "Not signed in" is an answer, not an
 * error, so the portal's first request does not log a failed resource load.
 */
export const SessionState = Type.Union([StageResponse, Type.Object({ stage: Type.Literal('signed_out') })]);
export type SessionState = Static<typeof SessionState>;

export const RecoveryLoginResponse = Type.Object({
  stage: AuthStage,
  user: SessionUser,
  remainingRecoveryCodes: Type.Integer(),
});
export type RecoveryLoginResponse = Static<typeof RecoveryLoginResponse>;

export const EnrolmentStart = Type.Object({
  secret: Type.String({ description: 'Base32 secret for manual entry.' }),
  otpauthUri: Type.String(),
  qrCodeDataUrl: Type.String({ description: 'PNG data URL of the otpauth URI.' }),
});
export type EnrolmentStart = Static<typeof EnrolmentStart>;

export const RecoveryCodes = Type.Object({
  recoveryCodes: Type.Array(Type.String(), { description: 'Shown once; each usable once.' }),
});
export type RecoveryCodes = Static<typeof RecoveryCodes>;

export const EnrolmentDone = Type.Object({
  stage: AuthStage,
  user: SessionUser,
  recoveryCodes: Type.Array(Type.String()),
});
export type EnrolmentDone = Static<typeof EnrolmentDone>;

export const ChangePasswordRequest = StrictObject({
  currentPassword: Password,
  totpCode: Code,
  newPassword: Password,
});
export type ChangePasswordRequest = Static<typeof ChangePasswordRequest>;

export const ReauthRequest = StrictObject({ password: Password, totpCode: Code });
export type ReauthRequest = Static<typeof ReauthRequest>;

export const SessionInfo = Type.Object({
  id: Type.String(),
  current: Type.Boolean(),
  createdAt: DateTime,
  lastSeenAt: DateTime,
  expiresAt: DateTime,
  ip: Type.String(),
  userAgent: Type.String(),
});
export const SessionList = Type.Object({ sessions: Type.Array(SessionInfo) });
export type SessionList = Static<typeof SessionList>;

export const SessionIdParams = Type.Object({ id: Type.String({ pattern: '^[0-9a-f]{16}$' }) });
export type SessionIdParams = Static<typeof SessionIdParams>;

/** What signing out everywhere ended: portal sessions, CLI logins, and roles with AWS sessions to deny. */
export const SignOutEverywhereResponse = Type.Object({
  sessionsEnded: Type.Integer(),
  cliLoginsRevoked: Type.Integer(),
  /** Roles on which the user's AWS sessions are being denied (applied within seconds). */
  awsRevocations: Type.Integer(),
});
export type SignOutEverywhereResponse = Static<typeof SignOutEverywhereResponse>;
