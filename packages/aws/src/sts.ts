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
import {
  callError,
  callWithRetry,
  isNetworkCode,
  isTimeoutError,
  resolveLimits,
  systemErrorCode,
} from './retry';
import type { RetryPolicy } from './retry';

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

const THROTTLING_CODES = new Set([
  'Throttling',
  'ThrottlingException',
  'ThrottledException',
  'TooManyRequestsException',
  'TooManyRequests',
  'RequestLimitExceeded',
  'RequestThrottled',
  'RequestThrottledException',
  'SlowDown',
  'PriorRequestNotComplete',
]);
const ACCESS_DENIED_CODES = new Set([
  'AccessDenied',
  'AccessDeniedException',
  'ExpiredToken',
  'ExpiredTokenException',
  'InvalidClientTokenId',
  'SignatureDoesNotMatch',
  'UnrecognizedClientException',
  'RegionDisabledException',
  'InvalidAccessKeyId',
  'MissingAuthenticationToken',
  'IncompleteSignature',
]);
const INVALID_REQUEST_CODES = new Set([
  'ValidationError',
  'ValidationException',
  'InvalidParameterValue',
  'InvalidParameterCombination',
  'InvalidParameterException',
  'MissingParameter',
  'InvalidInput',
  'InvalidAction',
  'MalformedQueryString',
  'MalformedPolicyDocument',
  'MalformedPolicyDocumentException',
  'PackedPolicyTooLarge',
  'PackedPolicyTooLargeException',
  'InvalidIdentityToken',
]);
const NOT_FOUND_CODES = new Set([
  'NoSuchEntity',
  'NoSuchEntityException',
  'NotFound',
  'ResourceNotFoundException',
]);
const SERVER_ERROR_CODES = new Set([
  'InternalFailure',
  'InternalError',
  'ServiceUnavailable',
  'ServiceUnavailableException',
]);

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
        (err, attempts) => classifyStsError('GetCallerIdentity', err, attempts),
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
        ...(request.policy === undefined ? {} : { Policy: request.policy }),
      };
      const out = await callWithRetry(
        policy,
        (abortSignal) => sts().send(new AssumeRoleCommand(input), { abortSignal }),
        (err, attempts) => classifyStsError('AssumeRole', err, attempts),
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

interface SdkErrorShape {
  name?: unknown;
  message?: unknown;
  Code?: unknown;
  $fault?: unknown;
  $metadata?: { httpStatusCode?: unknown };
}

function classifyStsError(operation: string, err: unknown, attempts: number): AwsCallError {
  if (err instanceof AwsCallError) return err;
  const e = (err && typeof err === 'object' ? err : {}) as SdkErrorShape;
  const status = typeof e.$metadata?.httpStatusCode === 'number' ? e.$metadata.httpStatusCode : undefined;
  const code = typeof e.Code === 'string' ? e.Code : typeof e.name === 'string' ? e.name : undefined;
  const awsMessage = typeof e.message === 'string' ? e.message.slice(0, 500) : '';
  const where = `STS ${operation}`;

  if (status === undefined) {
    // No HTTP answer: the failure happened here (socket, deadline, credential chain). These errors
    // carry no response body, so they are safe to keep as the cause.
    // Before the timeout check: the SDK renames ECONNRESET/EPIPE errors to TimeoutError (for its own retries).
    const sysCode = systemErrorCode(err);
    if (isNetworkCode(sysCode)) {
      return callError('network', `${where} could not be reached (${sysCode})`, attempts, { cause: err });
    }
    if (isTimeoutError(err)) {
      return callError('timeout', `${where} did not answer in time`, attempts, { cause: err });
    }
    if (code === 'CredentialsProviderError') {
      return callError(
        'unknown',
        `${where}: the broker has no AWS credentials (looked in env, profile, SSO, web identity, ECS/EC2 metadata): ${awsMessage}`,
        attempts,
        { cause: err },
      );
    }
    if (code === 'AbortError') return callError('timeout', `${where} was aborted`, attempts, { cause: err });
    return callError('unknown', `${where} failed: ${awsMessage || String(code)}`, attempts, { cause: err });
  }

  // With an HTTP answer the SDK error may hold the response body; a 2xx body would hold credentials,
  // so from here on the raw error is not attached.
  const detail = awsMessage ? `: ${awsMessage}` : '';
  const withCode = { awsCode: code };
  if (status >= 200 && status < 300) {
    return callError(
      'malformed_response',
      `${where} answered ${status} with a body that could not be read`,
      attempts,
    );
  }
  if (code && THROTTLING_CODES.has(code))
    return callError('throttled', `${where} throttled (${code})${detail}`, attempts, withCode);
  if (code && ACCESS_DENIED_CODES.has(code))
    return callError('access_denied', `${where} denied (${code})${detail}`, attempts, withCode);
  if (code && NOT_FOUND_CODES.has(code))
    return callError('not_found', `${where}: not found (${code})${detail}`, attempts, withCode);
  if (code && INVALID_REQUEST_CODES.has(code)) {
    return callError(
      'invalid_request',
      `${where} rejected the request (${code})${detail}`,
      attempts,
      withCode,
    );
  }
  if (status === 429) return callError('throttled', `${where} throttled (HTTP 429)`, attempts, withCode);
  if (status >= 500 || (code && SERVER_ERROR_CODES.has(code)) || e.$fault === 'server') {
    return callError(
      'server_error',
      `${where} failed on the AWS side (HTTP ${status}${code ? `, ${code}` : ''})`,
      attempts,
      withCode,
    );
  }
  if (status === 403)
    return callError(
      'access_denied',
      `${where} denied (HTTP 403${code ? `, ${code}` : ''})${detail}`,
      attempts,
      withCode,
    );
  if (status === 404)
    return callError(
      'not_found',
      `${where}: not found (HTTP 404${code ? `, ${code}` : ''})`,
      attempts,
      withCode,
    );
  if (status === 400) {
    return callError(
      'invalid_request',
      `${where} rejected the request (${code ?? 'HTTP 400'})${detail}`,
      attempts,
      withCode,
    );
  }
  return callError(
    'unknown',
    `${where} failed (HTTP ${status}${code ? `, ${code}` : ''})${detail}`,
    attempts,
    withCode,
  );
}

function nonEmpty(value: string | undefined): value is string {
  return typeof value === 'string' && value.length > 0;
}
