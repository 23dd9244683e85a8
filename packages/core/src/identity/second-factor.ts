/** Checking a TOTP code, re-authenticating before sensitive changes, and recovery codes. */
import { AppError } from '../shared/app-error';
import { selfEvent } from '../shared/audit-event';
import { open } from '../shared/secret-box';
import type { RequestContext } from '../shared/request-context';
import type { IdentityDeps } from './identity-deps';
import { failAttempt, refuseIfLocked } from './lockout';
import type { UserRecord } from './ports';
import { verifyPassword } from './password';
import { createRecoveryCodes, hashRecoveryCode, normaliseRecoveryCode } from './recovery-codes';
import { matchTotp, normaliseTotpCode } from './totp';

export type TotpCheck = 'ok' | 'invalid' | 'replayed' | 'not_enrolled';

export async function checkTotp(
  deps: Pick<IdentityDeps, 'users' | 'keys' | 'now'>,
  user: UserRecord,
  code: string,
): Promise<TotpCheck> {
  if (!user.totpSecretEnc) return 'not_enrolled';
  const secret = open(deps.keys.totp, user.totpSecretEnc, `totp:${user.id}`);
  if (normaliseTotpCode(code) === null) return 'invalid';
  const step = await matchTotp(secret, code, { nowMs: deps.now().getTime(), lastUsedStep: null });
  if (step === null) return 'invalid';
  if (user.lastTotpStep !== null && step <= user.lastTotpStep) return 'replayed';
  // The conditional update is the arbiter: of concurrent submissions only one wins.
  return (await deps.users.claimTotpStep(user.id, step)) ? 'ok' : 'replayed';
}

/** Password + TOTP, as required before sensitive changes to one's own account. */
export async function reauthenticate(
  deps: IdentityDeps,
  user: UserRecord,
  password: string,
  totpCode: string,
  ctx: RequestContext,
  action: string,
): Promise<void> {
  refuseIfLocked(deps, user);
  const passwordOk = user.passwordHash !== null && (await verifyPassword(user.passwordHash, password));
  if (!passwordOk) {
    await failAttempt(deps, user, 'password', ctx, action, { reason: 'password' });
    throw new AppError('forbidden', 'Password or code is incorrect.', {
      fields: [{ field: 'password', reason: 'incorrect' }],
    });
  }
  const totp = await checkTotp(deps, user, totpCode);
  if (totp !== 'ok') {
    if (totp === 'invalid') await failAttempt(deps, user, 'totp', ctx, action, { reason: 'totp' });
    else {
      await deps.audit.append(selfEvent(user, ctx, action, 'failure', { reason: `totp_${totp}` }));
    }
    throw new AppError('forbidden', 'Password or code is incorrect.', {
      fields: [{ field: 'totpCode', reason: totp === 'replayed' ? 'already used' : 'incorrect' }],
    });
  }
  await deps.users.clearFailures(user.id, 'all');
}

/** The signed-in user as stored now: a session whose user was disabled meanwhile ends here. */
export async function loadUser(deps: Pick<IdentityDeps, 'users'>, userId: string): Promise<UserRecord> {
  const user = await deps.users.findById(userId);
  if (!user || user.disabled) throw new AppError('unauthorized', 'Your session has ended. Sign in again.');
  return user;
}

export async function replaceRecoveryCodes(
  deps: Pick<IdentityDeps, 'recoveryCodes' | 'keys'>,
  userId: string,
): Promise<string[]> {
  const codes = createRecoveryCodes();
  await deps.recoveryCodes.replaceAll(
    userId,
    codes.map((c) => hashRecoveryCode(deps.keys.recoveryCodes, normaliseRecoveryCode(c) as string)),
  );
  return codes;
}
