import { CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import type { AwsCredentialIdentity } from '@aws-sdk/types';

/** moto's default account: where everything created with plain (not assumed) access keys lives. */
export const MOTO_ACCOUNT = '123456789012';

export interface MotoRoleSpec {
  roleName: string;
  path?: string;
  /** Default: any principal of moto's default account, with the actions Gatehouse needs. */
  trustPolicy?: string;
  /** Seconds; IAM's default (3600) when left out. */
  maxSessionDuration?: number;
}

/** The trust policy a role needs for a broker in moto's default account (moto checks none of it). */
export function trustMotoAccount(): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${MOTO_ACCOUNT}:root` },
        Action: ['sts:AssumeRole', 'sts:SetSourceIdentity', 'sts:TagSession'],
      },
    ],
  });
}

/**
 * Creates IAM roles in moto, in the account of `credentials` (moto's default account unless they
 * are an assumed role's), and returns their ARNs in the same order.
 */
export async function createMotoRoles(
  endpoint: string,
  roles: ReadonlyArray<string | MotoRoleSpec>,
  credentials: AwsCredentialIdentity = { accessKeyId: 'AKIDMOTOSETUP0000000', secretAccessKey: 'setup' },
): Promise<string[]> {
  const iam = new IAMClient({ region: 'us-east-1', endpoint, credentials });
  const arns: string[] = [];
  try {
    for (const role of roles) {
      const spec = typeof role === 'string' ? { roleName: role } : role;
      const out = await iam.send(
        new CreateRoleCommand({
          RoleName: spec.roleName,
          AssumeRolePolicyDocument: spec.trustPolicy ?? trustMotoAccount(),
          ...(spec.path ? { Path: spec.path } : {}),
          ...(spec.maxSessionDuration ? { MaxSessionDuration: spec.maxSessionDuration } : {}),
        }),
      );
      if (!out.Role?.Arn) throw new Error(`moto created ${spec.roleName} without an ARN`);
      arns.push(out.Role.Arn);
    }
  } finally {
    iam.destroy();
  }
  return arns;
}
