import { AppError } from '../shared/app-error';
import type { RequestContext } from '../shared/request-context';
import type { Authenticated } from '../identity/identity-deps';
import type { BrokerDeps } from './broker-deps';
import { recordIssuance } from './issuance-audit';
import type { IssuanceKind } from './issuance-audit';
import type { IssuanceTarget } from './ports';
import { ipAllowed } from './source-cidrs';
import { stepUpFresh } from './step-up-window';

/** Every check issuance makes, on server-owned ids only. Denials are audited, then thrown. */
export async function authoriseIssuance(
  deps: Pick<BrokerDeps, 'access' | 'audit' | 'now'>,
  auth: Authenticated,
  grantId: string,
  kind: IssuanceKind,
  ctx: RequestContext,
): Promise<IssuanceTarget> {
  const found = await deps.access.issuanceTarget(grantId, auth.user.id);
  const deny = async (reason: string, error: AppError, target?: IssuanceTarget): Promise<never> => {
    await recordIssuance(deps.audit, {
      auth,
      ctx,
      kind,
      outcome: 'denied',
      ...(target ? { target } : {}),
      details: { grantId, reason },
    });
    throw error;
  };
  const forbidden = (reason: string, message: string) =>
    deny(reason, new AppError('forbidden', message), found ?? undefined);
  if (!found) return deny('unknown_grant', new AppError('not_found', 'No such grant.'));
  const { grant, account } = found;
  if (!found.reachesUser) return forbidden('not_granted', 'You do not have access to this role.');
  if (grant.expiresAt && grant.expiresAt.getTime() <= deps.now().getTime()) {
    return forbidden(
      'grant_expired',
      'Your access to this role has expired. Ask an administrator to renew it.',
    );
  }
  if (account.disabled)
    return forbidden('account_disabled', `The account ${account.name} is disabled in Gatehouse.`);
  if (auth.user.disabled) return forbidden('user_disabled', 'Your account is disabled.');
  if (auth.session.stage !== 'active' || auth.session.mfaAt === null || auth.user.totpEnabledAt === null) {
    return forbidden('mfa_missing', 'Sign in with your authenticator code first.');
  }
  if (kind === 'console' && !grant.allowConsole)
    return forbidden('console_not_allowed', 'This grant does not allow console sign-in.');
  if (kind === 'cli' && !grant.allowCli)
    return forbidden('cli_not_allowed', 'This grant does not allow CLI credentials.');
  if (!ipAllowed(ctx.ip, grant.sourceCidrs)) {
    return forbidden(
      'source_ip',
      `This role may only be used from approved networks; your address ${ctx.ip} is not one of them.`,
    );
  }
  if (found.role.requiresStepUp && !stepUpFresh(deps.now, auth)) {
    return deny(
      'step_up_required',
      new AppError(
        'forbidden',
        'This role needs a fresh authenticator code (within the last 5 minutes). Confirm with a code and try again.',
        { fields: [{ field: 'stepUp', reason: 'required' }] },
      ),
      found,
    );
  }
  return found;
}
