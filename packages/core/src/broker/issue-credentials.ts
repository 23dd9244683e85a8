import { CREDENTIAL_FORMATS } from '@gatehouse/contracts/credential-formats';
import type { CredentialFormat } from '@gatehouse/contracts/credential-formats';
import type { RequestContext } from '../shared/request-context';
import type { Authenticated } from '../identity/identity-deps';
import { assumeRole } from './assume-role';
import { authoriseIssuance } from './authorise-issuance';
import type { BrokerDeps } from './broker-deps';
import { formatCredentials } from './credential-formats';

/** Temporary CLI credentials for a grant, raw and rendered in the formats asked for (all by default). */
export async function issueCredentials(
  deps: BrokerDeps,
  auth: Authenticated,
  input: {
    grantId: string;
    durationSeconds?: number;
    formats?: readonly CredentialFormat[];
    profile?: string;
  },
  ctx: RequestContext,
) {
  const target = await authoriseIssuance(deps, auth, input.grantId, 'cli', ctx);
  const { result, duration } = await assumeRole(
    deps,
    auth,
    target,
    'cli',
    { requestedSeconds: input.durationSeconds, ctx, extra: {} },
    async () => ({}),
  );
  const { credentials } = result;
  const region = target.account.defaultRegion;
  const formatted: Record<string, string> = {};
  for (const f of input.formats ?? CREDENTIAL_FORMATS) {
    formatted[f] = formatCredentials(credentials, f, {
      profile: input.profile ?? target.role.roleName,
      region,
    });
  }
  return {
    credentials,
    assumedRoleArn: result.assumedRoleArn,
    region,
    durationSeconds: duration.durationSeconds,
    maxSessionSeconds: duration.maxSeconds,
    clamped: duration.clamped,
    formatted,
  };
}
