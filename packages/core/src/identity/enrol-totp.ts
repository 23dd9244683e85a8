/** Setting up TOTP after the first sign-in (or after an MFA reset). */
import { AppError } from '../shared/app-error';
import { selfEvent } from '../shared/audit-event';
import { seal } from '../shared/secret-box';
import type { RequestContext } from '../shared/request-context';
import type { Authenticated, IdentityDeps, IssuedSession } from './identity-deps';
import { checkTotp, loadUser, replaceRecoveryCodes } from './second-factor';
import { startSession } from './start-session';
import { createTotpSecret, totpUri } from './totp';

export async function beginEnrolment(
  deps: IdentityDeps,
  auth: Authenticated,
): Promise<{ secret: string; otpauthUri: string }> {
  const user = await loadUser(deps, auth.user.id);
  if (user.totpEnabledAt) throw new AppError('conflict', 'Two-factor authentication is already set up.');
  const secret = createTotpSecret();
  await deps.users.setPendingTotpSecret(user.id, seal(deps.keys.totp, secret, `totp:${user.id}`));
  return { secret, otpauthUri: totpUri(secret, user.username, deps.settings.issuer) };
}

export async function confirmEnrolment(
  deps: IdentityDeps,
  auth: Authenticated,
  code: string,
  ctx: RequestContext,
): Promise<IssuedSession & { recoveryCodes: string[] }> {
  const user = await loadUser(deps, auth.user.id);
  if (user.totpEnabledAt) throw new AppError('conflict', 'Two-factor authentication is already set up.');
  if (!user.totpSecretEnc) throw new AppError('bad_request', 'Start enrolment first.');
  const result = await checkTotp(deps, user, code);
  if (result !== 'ok') {
    await deps.audit.append(selfEvent(user, ctx, 'auth.enrol', 'failure', { reason: result }));
    throw new AppError(
      'validation',
      'That code does not match. Check the time on your device and try again.',
      {
        fields: [{ field: 'code', reason: 'invalid' }],
      },
    );
  }
  await deps.users.enableTotp(user.id, deps.now());
  const recoveryCodes = await replaceRecoveryCodes(deps, user.id);
  await deps.users.recordLogin(user.id, deps.now());
  const issued = await startSession(deps, user, 'active', ctx, {
    replaces: auth.session.id,
    mfaAt: deps.now(),
    audit: [selfEvent(user, ctx, 'auth.enrol', 'success')],
  });
  return { ...issued, recoveryCodes };
}
