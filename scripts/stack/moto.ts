/**
 * The AWS side of the demo and the e2e run, in moto_server: the broker's own (dummy) identity and
 * IAM roles in any account, with the trust policy the README asks operators to write.
 */
import { CreateRoleCommand, GetRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { hideSdkNodeVersionWarning } from './process-warnings';

/** moto accepts any keys; these only have to look like keys. They never leave the loopback. */
const DUMMY_ACCESS_KEY_ID = 'AKIAGATEHOUSEDEMO000';
const DUMMY_SECRET_ACCESS_KEY = 'gatehouse-demo-secret-not-real';
const REGION = 'us-east-1';

/**
 * The AWS part of an environment that points the SDK (the server's, or the aws CLI's) at moto.
 * The metadata service is off so the SDK never waits on 169.254.169.254.
 */
export function motoEnv(endpoint: string): Record<string, string> {
  return {
    AWS_ACCESS_KEY_ID: DUMMY_ACCESS_KEY_ID,
    AWS_SECRET_ACCESS_KEY: DUMMY_SECRET_ACCESS_KEY,
    AWS_REGION: REGION,
    // The aws CLI v1 reads only this one.
    AWS_DEFAULT_REGION: REGION,
    AWS_ENDPOINT_URL: endpoint,
    AWS_EC2_METADATA_DISABLED: 'true',
  };
}

const credentials = { accessKeyId: DUMMY_ACCESS_KEY_ID, secretAccessKey: DUMMY_SECRET_ACCESS_KEY };

/** The broker's principal as a trust policy names it (IAM ARN), from STS GetCallerIdentity. */
export async function brokerPrincipalArn(endpoint: string): Promise<string> {
  hideSdkNodeVersionWarning();
  const sts = new STSClient({ region: REGION, endpoint, credentials, maxAttempts: 2 });
  try {
    const { Arn } = await sts.send(new GetCallerIdentityCommand({}));
    if (!Arn) throw new Error('moto returned no ARN for GetCallerIdentity');
    // moto answers arn:aws:sts::<account>:user/<name> for IAM users; trust policies name the IAM ARN.
    return Arn.replace(/^arn:([\w-]+):sts::(\d{12}):user\//, 'arn:$1:iam::$2:user/');
  } finally {
    sts.destroy();
  }
}

/** The trust policy of the README's "What a role must allow": the broker, with the three actions. */
export function brokerTrustPolicy(principalArn: string): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { AWS: principalArn },
        Action: ['sts:AssumeRole', 'sts:SetSourceIdentity', 'sts:TagSession'],
        Condition: { StringLike: { 'sts:SourceIdentity': '*' } },
      },
    ],
  });
}

export interface MotoRole {
  accountId: string;
  roleName: string;
  description?: string;
  /** Seconds, 3600 to 43200 (IAM's MaxSessionDuration). */
  maxSessionDuration?: number;
  trustPolicy: string;
}

/** Creates the role in its account (moto keeps one IAM per account id); an existing role is kept. */
export async function createMotoRole(endpoint: string, role: MotoRole): Promise<string> {
  hideSdkNodeVersionWarning();
  const iam = new IAMClient({ region: REGION, endpoint, credentials, maxAttempts: 2 });
  // moto picks the account of a request from this header; without it every role would land in its default account.
  iam.middlewareStack.add(
    (next) => (args) => {
      const request = args.request as { headers?: Record<string, string> };
      if (request.headers) request.headers['x-moto-account-id'] = role.accountId;
      return next(args);
    },
    { step: 'build', name: 'motoAccountId' },
  );
  try {
    try {
      const out = await iam.send(
        new CreateRoleCommand({
          RoleName: role.roleName,
          AssumeRolePolicyDocument: role.trustPolicy,
          Description: role.description,
          MaxSessionDuration: role.maxSessionDuration ?? 3600,
        }),
      );
      if (!out.Role?.Arn) throw new Error(`moto created ${role.roleName} without an ARN`);
      return out.Role.Arn;
    } catch (err) {
      if ((err as { name?: string }).name !== 'EntityAlreadyExistsException') throw err;
      const existing = await iam.send(new GetRoleCommand({ RoleName: role.roleName }));
      if (!existing.Role?.Arn) throw new Error(`moto has ${role.roleName} without an ARN`);
      return existing.Role.Arn;
    }
  } finally {
    iam.destroy();
  }
}
