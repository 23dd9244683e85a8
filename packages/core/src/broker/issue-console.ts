import type { RequestContext } from '../shared/request-context';
import type { Authenticated } from '../identity/identity-deps';
import { assumeRole } from './assume-role';
import { authoriseIssuance } from './authorise-issuance';
import type { BrokerDeps } from './broker-deps';
import { consoleDestination, federationEndpoint, loginUrl } from './console-url';
import { sendSessionDuration } from './session-duration';

/** An AWS console sign-in URL for a grant: AssumeRole, then the federation endpoint's SigninToken. */
export async function issueConsole(
  deps: BrokerDeps,
  auth: Authenticated,
  input: { grantId: string; service?: string | null; region?: string | null; durationSeconds?: number },
  ctx: RequestContext,
) {
  const target = await authoriseIssuance(deps, auth, input.grantId, 'console', ctx);
  // Validate the destination before anything is issued: a bad one is the user's 400.
  const destination = consoleDestination({
    partition: target.account.partition,
    service: input.service ?? null,
    region: input.region ?? target.account.defaultRegion,
  });
  const federationUrl = federationEndpoint(target.account.partition, deps.settings.federationUrlOverride);
  const { result, duration, delivered } = await assumeRole(
    deps,
    auth,
    target,
    'console',
    {
      requestedSeconds: input.durationSeconds,
      ctx,
      extra: { service: input.service ?? null, region: input.region ?? null },
    },
    async (assumed, broker, durationSeconds) => {
      const allowed = sendSessionDuration(broker);
      const signinToken = await deps.federation.getSigninToken({
        federationUrl,
        credentials: assumed.credentials,
        ...(allowed ? { sessionDurationSeconds: durationSeconds } : {}),
      });
      return { url: loginUrl({ federationUrl, issuer: deps.settings.issuer, destination, signinToken }) };
    },
  );
  return {
    url: delivered['url'] as string,
    durationSeconds: duration.durationSeconds,
    maxSessionSeconds: duration.maxSeconds,
    clamped: duration.clamped,
    expiresAt: result.credentials.expiration,
  };
}
