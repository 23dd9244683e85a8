/**
 * IAM adapter: reads roles and their policies (URL-decoding the documents, as IAM returns them
 * percent-encoded) and writes inline role policies, either with the broker's own credentials or
 * as a separate role assumed for administration. Same conventions as the STS adapter: one
 * overall deadline per call, only throttling and 5xx retried, every failure an `AwsCallError`.
 */
import {
  GetRoleCommand,
  GetRolePolicyCommand,
  IAMClient,
  ListRolePoliciesCommand,
  ListRolesCommand,
  PutRolePolicyCommand,
} from '@aws-sdk/client-iam';
import type { Role } from '@aws-sdk/client-iam';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@aws-sdk/types';
import { AwsCallError } from '@gatehouse/core';
import type { AwsErrorClass, IamGateway, IamPort, IamRole, Partition } from '@gatehouse/core';
import {
  callError,
  callWithRetry,
  isNetworkCode,
  isTimeoutError,
  resolveLimits,
  systemErrorCode,
} from './retry';
import type { RetryPolicy } from './retry';

export interface IamAdapterOptions {
  /** Whole-call budget, retries included; at most 10 000 ms (the default). */
  timeoutMs?: number;
  /** Attempts per call, first one included; default 3. */
  maxAttempts?: number;
  /** The broker's credentials; defaults to the SDK's chain. */
  credentials?: AwsCredentialIdentityProvider;
  /** How long assumed IAM-role sessions last; default 900 s (the minimum). */
  roleSessionSeconds?: number;
}

/** IAM is global per partition; the SDK routes it from one region of each. */
const PARTITION_REGION: Record<Partition, string> = {
  aws: 'us-east-1',
  'aws-cn': 'cn-north-1',
  'aws-us-gov': 'us-gov-west-1',
};
const RETRYABLE = new Set<AwsErrorClass>(['throttled', 'server_error']);
/** Assumed credentials are renewed this long before they expire. */
const RENEW_BEFORE_MS = 2 * 60_000;
const PAGE_SIZE = 100;
const DEFAULT_LIST_LIMIT = 1000;
const IAM_ROLE_SESSION_NAME = 'gatehouse-iam';

const THROTTLING = new Set([
  'Throttling',
  'ThrottlingException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'ConcurrentModification',
  'ConcurrentModificationException',
]);
const ACCESS_DENIED = new Set([
  'AccessDenied',
  'AccessDeniedException',
  'ExpiredToken',
  'ExpiredTokenException',
  'InvalidClientTokenId',
  'SignatureDoesNotMatch',
  'UnrecognizedClientException',
  'InvalidAccessKeyId',
  'MissingAuthenticationToken',
  'IncompleteSignature',
  'RegionDisabledException',
]);
const NOT_FOUND = new Set(['NoSuchEntity', 'NoSuchEntityException']);
const INVALID = new Set([
  'ValidationError',
  'ValidationException',
  'InvalidInput',
  'InvalidInputException',
  'InvalidParameterValue',
  'MalformedPolicyDocument',
  'MalformedPolicyDocumentException',
  'LimitExceeded',
  'LimitExceededException',
  'UnmodifiableEntity',
  'UnmodifiableEntityException',
  'PackedPolicyTooLarge',
]);
const SERVER = new Set([
  'ServiceFailure',
  'ServiceFailureException',
  'InternalFailure',
  'ServiceUnavailable',
]);

interface SdkErrorShape {
  name?: unknown;
  message?: unknown;
  Code?: unknown;
  $fault?: unknown;
  $metadata?: { httpStatusCode?: unknown };
}

/** Maps an SDK failure to an AwsCallError; never attaches a response body (it could hold credentials). */
export function classifyAwsError(where: string, err: unknown, attempts: number): AwsCallError {
  if (err instanceof AwsCallError) return err;
  const e = (err && typeof err === 'object' ? err : {}) as SdkErrorShape;
  const status = typeof e.$metadata?.httpStatusCode === 'number' ? e.$metadata.httpStatusCode : undefined;
  const code = typeof e.Code === 'string' ? e.Code : typeof e.name === 'string' ? e.name : undefined;
  const awsMessage = typeof e.message === 'string' ? e.message.slice(0, 500) : '';
  if (status === undefined) {
    const sysCode = systemErrorCode(err);
    if (isNetworkCode(sysCode))
      return callError('network', `${where} could not be reached (${sysCode})`, attempts, { cause: err });
    if (isTimeoutError(err))
      return callError('timeout', `${where} did not answer in time`, attempts, { cause: err });
    if (code === 'CredentialsProviderError') {
      return callError('unknown', `${where}: the broker has no AWS credentials: ${awsMessage}`, attempts, {
        cause: err,
      });
    }
    return callError('unknown', `${where} failed: ${awsMessage || String(code)}`, attempts, { cause: err });
  }
  const detail = awsMessage ? `: ${awsMessage}` : '';
  const withCode = { awsCode: code };
  if (status >= 200 && status < 300)
    return callError(
      'malformed_response',
      `${where} answered ${status} with a body that could not be read`,
      attempts,
    );
  if (code && THROTTLING.has(code))
    return callError('throttled', `${where} throttled (${code})${detail}`, attempts, withCode);
  if (code && ACCESS_DENIED.has(code))
    return callError('access_denied', `${where} denied (${code})${detail}`, attempts, withCode);
  if (code && NOT_FOUND.has(code))
    return callError('not_found', `${where}: not found (${code})${detail}`, attempts, withCode);
  if (code && INVALID.has(code))
    return callError(
      'invalid_request',
      `${where} rejected the request (${code})${detail}`,
      attempts,
      withCode,
    );
  if (status === 429) return callError('throttled', `${where} throttled (HTTP 429)`, attempts, withCode);
  if (status >= 500 || (code && SERVER.has(code)) || e.$fault === 'server') {
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
  if (status === 404) return callError('not_found', `${where}: not found (HTTP 404)`, attempts, withCode);
  if (status === 400)
    return callError(
      'invalid_request',
      `${where} rejected the request (${code ?? 'HTTP 400'})${detail}`,
      attempts,
      withCode,
    );
  return callError(
    'unknown',
    `${where} failed (HTTP ${status}${code ? `, ${code}` : ''})${detail}`,
    attempts,
    withCode,
  );
}

/**
 * IAM returns policy documents percent-encoded (RFC 3986). A document that already starts with
 * `{` was not encoded (a `{` would be `%7B`), so it is returned as it is.
 */
export function decodePolicyDocument(text: string): string {
  if (text.trimStart().startsWith('{')) return text;
  try {
    return decodeURIComponent(text);
  } catch {
    throw new AwsCallError(
      'malformed_response',
      'IAM returned a policy document that is not valid percent-encoding',
    );
  }
}

function toIamRole(role: Role | undefined, where: string): IamRole {
  if (!role?.Arn || !role.RoleName || !role.RoleId) {
    throw new AwsCallError('malformed_response', `${where} answered without Arn, RoleName or RoleId`);
  }
  return {
    arn: role.Arn,
    roleName: role.RoleName,
    path: role.Path ?? '/',
    roleId: role.RoleId,
    // IAM's default when a role never had it set.
    maxSessionSeconds: role.MaxSessionDuration ?? 3600,
    trustPolicy: role.AssumeRolePolicyDocument ? decodePolicyDocument(role.AssumeRolePolicyDocument) : '',
    createdAt: role.CreateDate instanceof Date ? role.CreateDate : null,
  };
}

function partitionOfArn(arn: string): Partition {
  const p = arn.split(':')[1];
  if (p === 'aws' || p === 'aws-cn' || p === 'aws-us-gov') return p;
  throw new RangeError(`not an ARN in a supported partition: ${arn}`);
}

export function createIamGateway(options: IamAdapterOptions = {}): IamGateway {
  const { timeoutMs, maxAttempts } = resolveLimits('createIamGateway', options);
  const policy: RetryPolicy = { timeoutMs, maxAttempts, retryable: RETRYABLE };
  const roleSessionSeconds = options.roleSessionSeconds ?? 900;
  const requestHandler = {
    connectionTimeout: Math.min(timeoutMs, 3_000),
    requestTimeout: timeoutMs,
    throwOnRequestTimeout: true,
  };
  const ownPorts = new Map<Partition, IamPort>();
  const rolePorts = new Map<string, IamPort>();
  const stsClients = new Map<Partition, STSClient>();

  function stsFor(partition: Partition): STSClient {
    let client = stsClients.get(partition);
    if (!client) {
      client = new STSClient({
        region: PARTITION_REGION[partition],
        ...(options.credentials ? { credentials: options.credentials } : {}),
        maxAttempts: 1,
        requestHandler,
      });
      stsClients.set(partition, client);
    }
    return client;
  }

  /** Credentials of `roleArn`, assumed with the broker's own, renewed shortly before they expire. */
  function assumedCredentials(roleArn: string): AwsCredentialIdentityProvider {
    let cached: AwsCredentialIdentity | null = null;
    let inflight: Promise<AwsCredentialIdentity> | null = null;
    const where = `STS AssumeRole of Gatehouse's IAM role ${roleArn}`;
    return async () => {
      if (cached?.expiration && cached.expiration.getTime() - Date.now() > RENEW_BEFORE_MS) return cached;
      inflight ??= (async () => {
        try {
          const out = await callWithRetry(
            policy,
            (abortSignal) =>
              stsFor(partitionOfArn(roleArn)).send(
                new AssumeRoleCommand({
                  RoleArn: roleArn,
                  RoleSessionName: IAM_ROLE_SESSION_NAME,
                  DurationSeconds: roleSessionSeconds,
                }),
                { abortSignal },
              ),
            (err, attempts) => classifyAwsError(where, err, attempts),
          );
          const c = out.Credentials;
          if (!c?.AccessKeyId || !c.SecretAccessKey || !c.SessionToken || !(c.Expiration instanceof Date)) {
            throw new AwsCallError('malformed_response', `${where} answered without complete credentials`);
          }
          cached = {
            accessKeyId: c.AccessKeyId,
            secretAccessKey: c.SecretAccessKey,
            sessionToken: c.SessionToken,
            expiration: c.Expiration,
          };
          return cached;
        } finally {
          inflight = null;
        }
      })();
      return inflight;
    };
  }

  function port(client: IAMClient): IamPort {
    const call = <T>(operation: string, send: (signal: AbortSignal) => Promise<T>): Promise<T> =>
      callWithRetry(policy, send, (err, attempts) => classifyAwsError(`IAM ${operation}`, err, attempts));
    const orNull = async <T>(promise: Promise<T>): Promise<T | null> => {
      try {
        return await promise;
      } catch (err) {
        if (err instanceof AwsCallError && err.errorClass === 'not_found') return null;
        throw err;
      }
    };
    return {
      async getRole(roleName) {
        const out = await orNull(
          call('GetRole', (abortSignal) =>
            client.send(new GetRoleCommand({ RoleName: roleName }), { abortSignal }),
          ),
        );
        return out ? toIamRole(out.Role, 'IAM GetRole') : null;
      },

      async listRoles(listOptions = {}) {
        const limit = listOptions.limit ?? DEFAULT_LIST_LIMIT;
        const roles: IamRole[] = [];
        let marker: string | undefined;
        for (;;) {
          const out = await call('ListRoles', (abortSignal) =>
            client.send(
              new ListRolesCommand({
                ...(listOptions.pathPrefix ? { PathPrefix: listOptions.pathPrefix } : {}),
                MaxItems: Math.min(PAGE_SIZE, limit - roles.length),
                ...(marker ? { Marker: marker } : {}),
              }),
              { abortSignal },
            ),
          );
          for (const r of out.Roles ?? []) roles.push(toIamRole(r, 'IAM ListRoles'));
          marker = out.IsTruncated ? out.Marker : undefined;
          if (!marker) return { roles, truncated: false };
          if (roles.length >= limit) return { roles, truncated: true };
        }
      },

      async listRolePolicies(roleName) {
        const names: string[] = [];
        let marker: string | undefined;
        for (;;) {
          const out = await call('ListRolePolicies', (abortSignal) =>
            client.send(
              new ListRolePoliciesCommand({
                RoleName: roleName,
                MaxItems: PAGE_SIZE,
                ...(marker ? { Marker: marker } : {}),
              }),
              { abortSignal },
            ),
          );
          names.push(...(out.PolicyNames ?? []));
          marker = out.IsTruncated ? out.Marker : undefined;
          if (!marker) return names;
        }
      },

      async getRolePolicy(roleName, policyName) {
        const out = await orNull(
          call('GetRolePolicy', (abortSignal) =>
            client.send(new GetRolePolicyCommand({ RoleName: roleName, PolicyName: policyName }), {
              abortSignal,
            }),
          ),
        );
        if (!out) return null;
        if (typeof out.PolicyDocument !== 'string') {
          throw new AwsCallError('malformed_response', 'IAM GetRolePolicy answered without PolicyDocument');
        }
        return decodePolicyDocument(out.PolicyDocument);
      },

      async putRolePolicy(roleName, policyName, document) {
        await call('PutRolePolicy', (abortSignal) =>
          client.send(
            new PutRolePolicyCommand({
              RoleName: roleName,
              PolicyName: policyName,
              PolicyDocument: document,
            }),
            { abortSignal },
          ),
        );
      },
    };
  }

  function client(partition: Partition, credentials?: AwsCredentialIdentityProvider): IAMClient {
    return new IAMClient({
      region: PARTITION_REGION[partition],
      ...(credentials ? { credentials } : {}),
      // Our loop owns retries so that only throttling and 5xx are retried and every attempt is counted.
      maxAttempts: 1,
      requestHandler,
    });
  }

  return {
    own(partition) {
      let p = ownPorts.get(partition);
      if (!p) {
        p = port(client(partition, options.credentials));
        ownPorts.set(partition, p);
      }
      return p;
    },
    viaRole(roleArn) {
      let p = rolePorts.get(roleArn);
      if (!p) {
        p = port(client(partitionOfArn(roleArn), assumedCredentials(roleArn)));
        rolePorts.set(roleArn, p);
      }
      return p;
    },
  };
}
