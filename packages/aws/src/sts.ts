import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import type { AssumeRoleCommandInput, AssumeRoleCommandOutput } from '@aws-sdk/client-sts';
import type { AwsCredentialIdentityProvider } from '@aws-sdk/types';
import { loadConfig, NODE_REGION_CONFIG_FILE_OPTIONS, NODE_REGION_CONFIG_OPTIONS } from '@smithy/core/config';
import { AwsCallError } from '@gatehouse/core';
import type {
  AssumeRoleRequest,
  AssumeRoleResult,
  AwsCredentials,
  AwsErrorClass,
  BrokerIdentity,
  Partition,
  StsPort,
} from '@gatehouse/core';
import { callWithRetry, resolveLimits } from './retry';
import type { RetryPolicy } from './retry';
import { STS_ERROR_CODES, classifySdkError } from './classify-error';

export interface StsAdapterOptions {
  /** Defaults to the SDK's region chain (AWS_REGION, profile), then us-east-1. */
  region?: string;
  /** Whole-call budget, retries included; at most 10 000 ms (the default). */
  timeoutMs?: number;
  /** Attempts per call, first one included; default 3. */
  maxAttempts?: number;
  /** Defaults to the SDK's chain: env, profile (incl. SSO), web identity, ECS/EC2 metadata. */
  credentials?: AwsCredentialIdentityProvider;
}

const FALLBACK_REGION = 'us-east-1';
const PARTITIONS: readonly Partition[] = ['aws', 'aws-cn', 'aws-us-gov'];
const STS_RETRYABLE = new Set<AwsErrorClass>(['throttled', 'server_error']);

export function createStsAdapter(options: StsAdapterOptions = {}): StsPort {
  const { timeoutMs, maxAttempts } = resolveLimits('createStsAdapter', options);
  const policy: RetryPolicy = { timeoutMs, maxAttempts, retryable: STS_RETRYABLE };
  const chainRegion = loadConfig(NODE_REGION_CONFIG_OPTIONS, NODE_REGION_CONFIG_FILE_OPTIONS);
  // Built on first use: constructing an SDK client has side effects (a Node version warning),
  // which processes that never call AWS (the admin command) should not have.
  let client: STSClient | undefined;
  const sts = () =>
    (client ??= new STSClient({
      region:
        options.region ??
        (async () => {
          try {
            return await chainRegion();
          } catch {
            return FALLBACK_REGION;
          }
        }),
      ...(options.credentials ? { credentials: options.credentials } : {}),
      // Our loop owns retries so that only throttling and 5xx are retried and every attempt is counted.
      maxAttempts: 1,
      requestHandler: {
        connectionTimeout: Math.min(timeoutMs, 3_000),
        requestTimeout: timeoutMs,
        // Without this the handler only logs a warning when requestTimeout passes.
        throwOnRequestTimeout: true,
      },
    }));

  return {
    async getCallerIdentity(): Promise<BrokerIdentity> {
      const out = await callWithRetry(
        policy,
        (abortSignal) => sts().send(new GetCallerIdentityCommand({}), { abortSignal }),
        (err, attempts) => classifySdkError('STS GetCallerIdentity', err, attempts, STS_ERROR_CODES),
      );
      if (!nonEmpty(out.Arn) || !nonEmpty(out.Account) || !nonEmpty(out.UserId)) {
        throw new AwsCallError(
          'malformed_response',
          'STS GetCallerIdentity answered without Arn, Account or UserId',
        );
      }
      return brokerIdentityFromArn(out.Arn, out.Account, out.UserId);
    },

    async assumeRole(request: AssumeRoleRequest): Promise<AssumeRoleResult> {
      const input: AssumeRoleCommandInput = {
        RoleArn: request.roleArn,
        RoleSessionName: request.roleSessionName,
        DurationSeconds: request.durationSeconds,
        SourceIdentity: request.sourceIdentity,
        ...(request.tags.length > 0
          ? { Tags: request.tags.map((t) => ({ Key: t.key, Value: t.value })) }
          : {}),
        // Left out when empty: the query protocol would send `TransitiveTagKeys=` for an empty list.
        ...(request.transitiveTagKeys.length > 0 ? { TransitiveTagKeys: request.transitiveTagKeys } : {}),
        ...(request.policy === undefined ? {} : { Policy: request.policy }),
      };
      const out = await callWithRetry(
        policy,
        (abortSignal) => sts().send(new AssumeRoleCommand(input), { abortSignal }),
        (err, attempts) => classifySdkError('STS AssumeRole', err, attempts, STS_ERROR_CODES),
      );
      return assumeRoleResultFrom(out);
    },
  };
}

/** Never echoes a credential value: the message names what was wrong, not what was there. */
function assumeRoleResultFrom(out: AssumeRoleCommandOutput): AssumeRoleResult {
  const malformed = (what: string): AwsCallError =>
    new AwsCallError('malformed_response', `STS AssumeRole answered with ${what}`);
  const c = out.Credentials;
  if (!c) throw malformed('no Credentials');
  if (!nonEmpty(c.AccessKeyId)) throw malformed('no Credentials.AccessKeyId');
  if (!nonEmpty(c.SecretAccessKey)) throw malformed('no Credentials.SecretAccessKey');
  if (!nonEmpty(c.SessionToken)) throw malformed('no Credentials.SessionToken');
  const expiration = c.Expiration;
  if (!(expiration instanceof Date) || Number.isNaN(expiration.getTime())) {
    throw malformed('no valid Credentials.Expiration');
  }
  if (expiration.getTime() <= Date.now()) throw malformed('credentials that have already expired');
  const user = out.AssumedRoleUser;
  if (!user || !nonEmpty(user.Arn) || !nonEmpty(user.AssumedRoleId)) throw malformed('no AssumedRoleUser');
  const credentials: AwsCredentials = {
    accessKeyId: c.AccessKeyId,
    secretAccessKey: c.SecretAccessKey,
    sessionToken: c.SessionToken,
    expiration,
  };
  return { credentials, assumedRoleArn: user.Arn, assumedRoleId: user.AssumedRoleId };
}

/**
 * Who the broker is, from GetCallerIdentity's answer. An assumed-role session ARN
 * (`arn:aws:sts::123:assumed-role/<role>/<session>`) never carries the role's IAM path, so the
 * principal is `arn:<p>:iam::<acct>:role/<role>`; a role created under a path needs that path in
 * trust policies, which this ARN cannot tell.
 */
export function brokerIdentityFromArn(arn: string, account: string, userId: string): BrokerIdentity {
  const malformed = (why: string): AwsCallError =>
    new AwsCallError(
      'malformed_response',
      `GetCallerIdentity returned an ARN that ${why}: ${arn.slice(0, 256)}`,
    );
  const parts = arn.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') throw malformed('is not an ARN');
  const [, partitionText = '', service = '', , arnAccount = ''] = parts;
  const resource = parts.slice(5).join(':');
  const partition = PARTITIONS.find((p) => p === partitionText);
  if (!partition) throw malformed('is in an unsupported partition');
  if (service !== 'sts' && service !== 'iam') throw malformed('is neither an IAM nor an STS ARN');
  if (arnAccount !== account) throw malformed(`does not belong to account ${account}`);

  const segments = resource.split('/');
  if (service === 'sts' && segments[0] === 'assumed-role') {
    // AWS emits exactly assumed-role/<role>/<session>; should anything put a path in between, the role
    // name is still the segment before the session, as in IAM role ARNs.
    const roleName = segments[segments.length - 2];
    const sessionName = segments[segments.length - 1];
    if (segments.length < 3 || !roleName || !sessionName)
      throw malformed('is an incomplete assumed-role ARN');
    return {
      account,
      arn,
      userId,
      partition,
      isRoleSession: true,
      isFederationToken: false,
      principalArn: `arn:${partition}:iam::${account}:role/${roleName}`,
    };
  }
  return {
    account,
    arn,
    userId,
    partition,
    isRoleSession: false,
    isFederationToken: service === 'sts' && segments[0] === 'federated-user',
    principalArn: arn,
  };
}

function nonEmpty(value: string | undefined): value is string {
  return typeof value === 'string' && value.length > 0;
}
