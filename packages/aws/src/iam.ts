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
import { callWithRetry, resolveLimits } from './retry';
import type { RetryPolicy } from './retry';
import { IAM_ERROR_CODES, classifySdkError } from './classify-error';

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

/** Maps an SDK failure of an IAM call to an AwsCallError. */
export function classifyAwsError(where: string, err: unknown, attempts: number): AwsCallError {
  return classifySdkError(where, err, attempts, IAM_ERROR_CODES);
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

/**
 * Follows IAM's Marker pagination: `take` consumes each page and says when enough has been read.
 * Resolves to whether it stopped before IAM's last page.
 */
async function eachPage<P extends { IsTruncated?: boolean; Marker?: string }>(
  page: (marker: string | undefined) => Promise<P>,
  take: (out: P) => boolean,
): Promise<boolean> {
  let marker: string | undefined;
  for (;;) {
    const out = await page(marker);
    const enough = take(out);
    marker = out.IsTruncated ? out.Marker : undefined;
    if (!marker) return false;
    if (enough) return true;
  }
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
        const truncated = await eachPage(
          (marker) =>
            call('ListRoles', (abortSignal) =>
              client.send(
                new ListRolesCommand({
                  ...(listOptions.pathPrefix ? { PathPrefix: listOptions.pathPrefix } : {}),
                  MaxItems: Math.min(PAGE_SIZE, limit - roles.length),
                  ...(marker ? { Marker: marker } : {}),
                }),
                { abortSignal },
              ),
            ),
          (out) => {
            for (const r of out.Roles ?? []) roles.push(toIamRole(r, 'IAM ListRoles'));
            return roles.length >= limit;
          },
        );
        return { roles, truncated };
      },

      async listRolePolicies(roleName) {
        const names: string[] = [];
        await eachPage(
          (marker) =>
            call('ListRolePolicies', (abortSignal) =>
              client.send(
                new ListRolePoliciesCommand({
                  RoleName: roleName,
                  MaxItems: PAGE_SIZE,
                  ...(marker ? { Marker: marker } : {}),
                }),
                { abortSignal },
              ),
            ),
          (out) => {
            names.push(...(out.PolicyNames ?? []));
            return false;
          },
        );
        return names;
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
