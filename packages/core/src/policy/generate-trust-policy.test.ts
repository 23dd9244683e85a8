import { describe, expect, it } from 'vitest';
import { checkBrokerTrust } from './check-broker-trust';
import { readPolicy } from './read-policy';
import { generateTrustPolicy } from './generate-trust-policy';
import type { GenerateTrustInput } from './generate-trust-policy';
import { lintPolicy } from './lint-policy';

const BROKER = 'arn:aws:iam::111122223333:role/gatehouse-broker';

const input = (overrides: Partial<GenerateTrustInput> = {}): GenerateTrustInput => ({
  brokerPrincipalArn: BROKER,
  brokerIsRoleSession: true,
  role: {
    roleName: 'ReadOnly',
    path: '/team/',
    accountId: '444455556666',
    partition: 'aws',
    maxSessionSeconds: 7200,
    exists: false,
  },
  managedRoleArns: ['arn:aws:iam::111122223333:role/Admin'],
  ...overrides,
});

function policyOf(text: string) {
  const { policy, issues } = readPolicy(JSON.parse(text));
  expect(issues).toEqual([]);
  return policy!;
}

describe('generateTrustPolicy', () => {
  it('trusts exactly the broker for the three actions, with SourceIdentity and the MFA tag required', () => {
    const out = generateTrustPolicy(input());
    expect(JSON.parse(out.trustPolicy)).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'GatehouseBroker',
          Effect: 'Allow',
          Principal: { AWS: BROKER },
          Action: ['sts:AssumeRole', 'sts:SetSourceIdentity', 'sts:TagSession'],
          Condition: {
            StringLike: { 'sts:SourceIdentity': '*' },
            StringEquals: { 'aws:RequestTag/gatehouse:mfa': 'true' },
          },
        },
      ],
    });
    expect(out.roleArn).toBe('arn:aws:iam::444455556666:role/team/ReadOnly');
  });

  it('lets the broker in and keeps another principal out, through the evaluator', () => {
    const policy = policyOf(generateTrustPolicy(input()).trustPolicy);
    expect(checkBrokerTrust(policy, { principalArn: BROKER }).trusted).toBe(true);
    const other = checkBrokerTrust(policy, { principalArn: 'arn:aws:iam::111122223333:role/someone-else' });
    expect(other.trusted).toBe(false);
    expect(other.actions.map((a) => a.decision)).toEqual(['implicit_deny', 'implicit_deny', 'implicit_deny']);
  });

  it('drops the optional conditions when asked', () => {
    const out = generateTrustPolicy(
      input({ options: { requireSourceIdentity: false, requireMfaTag: false } }),
    );
    expect(JSON.parse(out.trustPolicy).Statement[0].Condition).toBeUndefined();
  });

  it('is clean under the linter', () => {
    expect(lintPolicy(generateTrustPolicy(input()).trustPolicy, { brokerArn: BROKER }).findings).toEqual([]);
  });

  it('scopes the broker policy to the managed roles, the new one included', () => {
    const broker = JSON.parse(generateTrustPolicy(input()).brokerPolicy);
    expect(broker.Statement).toEqual([
      {
        Sid: 'AssumeGatehouseRoles',
        Effect: 'Allow',
        Action: ['sts:AssumeRole', 'sts:SetSourceIdentity', 'sts:TagSession'],
        Resource: ['arn:aws:iam::111122223333:role/Admin', 'arn:aws:iam::444455556666:role/team/ReadOnly'],
      },
    ]);
    expect(lintPolicy(generateTrustPolicy(input()).brokerPolicy, { kind: 'identity' }).ok).toBe(true);
  });

  it('adds the IAM role (assumable by the broker) and its permissions when one is configured', () => {
    const out = generateTrustPolicy(input({ iamRoleName: '/ops/gatehouse-iam' }));
    const broker = JSON.parse(out.brokerPolicy);
    expect(broker.Statement[1]).toEqual({
      Sid: 'AssumeGatehouseIamRole',
      Effect: 'Allow',
      Action: 'sts:AssumeRole',
      Resource: 'arn:aws:iam::*:role/ops/gatehouse-iam',
    });
    expect(out.iamRole?.roleArn).toBe('arn:aws:iam::444455556666:role/ops/gatehouse-iam');
    const permissions = JSON.parse(out.iamRole!.permissionsPolicy);
    expect(permissions.Statement[1]).toEqual({
      Sid: 'RevokeSessions',
      Effect: 'Allow',
      Action: 'iam:PutRolePolicy',
      Resource: ['arn:aws:iam::444455556666:role/team/ReadOnly'],
    });
    expect(lintPolicy(out.iamRole!.trustPolicy).findings).toEqual([]);
  });

  it('creates a new role with the AWS CLI, and updates an existing one', () => {
    const created = generateTrustPolicy(input()).snippets.awsCli;
    expect(created).toContain("cat > gatehouse-trust-ReadOnly.json <<'EOF'");
    expect(created).toContain('aws iam create-role --role-name ReadOnly --path /team/ \\');
    expect(created).toContain('--max-session-duration 7200');
    const updated = generateTrustPolicy(input({ role: { ...input().role, exists: true } })).snippets.awsCli;
    expect(updated).toContain(
      'aws iam update-assume-role-policy --role-name ReadOnly --policy-document file://gatehouse-trust-ReadOnly.json',
    );
    expect(updated).toContain('aws iam update-role --role-name ReadOnly --max-session-duration 7200');
  });

  it('embeds the same policy in the CLI heredoc, CloudFormation and Terraform', () => {
    const out = generateTrustPolicy(input());
    const heredoc = out.snippets.awsCli.split("<<'EOF'\n")[1]!.split('\nEOF')[0]!;
    expect(JSON.parse(heredoc)).toEqual(JSON.parse(out.trustPolicy));
    const cfn = out.snippets.cloudFormation;
    expect(cfn).toContain('    Type: AWS::IAM::Role');
    expect(cfn).toContain('      MaxSessionDuration: 7200');
    const cfnJson = cfn.split('AssumeRolePolicyDocument:\n')[1]!;
    expect(JSON.parse(cfnJson)).toEqual(JSON.parse(out.trustPolicy));
    const tf = out.snippets.terraform;
    expect(tf).toContain('resource "aws_iam_role" "readonly" {');
    expect(tf).toContain('  max_session_duration = 7200');
    const tfJson = tf.split('<<-EOT\n')[1]!.split('\n  EOT')[0]!;
    expect(JSON.parse(tfJson)).toEqual(JSON.parse(out.trustPolicy));
  });

  it('notes the path caveat of role sessions and the identity policy needed across accounts', () => {
    expect(generateTrustPolicy(input()).notes).toEqual([
      expect.stringContaining('If that role was created under an IAM path'),
      expect.stringContaining('The role is in account 444455556666 and the broker in 111122223333'),
    ]);
    const sameAccount = generateTrustPolicy(
      input({ brokerIsRoleSession: false, role: { ...input().role, accountId: '111122223333' } }),
    );
    expect(sameAccount.notes).toEqual([]);
  });
});
