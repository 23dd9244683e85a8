/**
 * Produces everything an admin needs to make a role ready for Gatehouse in one step: the trust
 * policy that lets the broker's exact principal in (with SourceIdentity and session tags), the
 * broker's own identity policy scoped to the managed roles, and ready-to-run AWS CLI,
 * CloudFormation and Terraform snippets. Pure: the caller supplies who the broker is.
 */
import { BROKER_ACTIONS } from './check-broker-trust';
import type { Partition } from '../shared/access-records';
import { CURRENT_POLICY_VERSION } from './model';

export interface TrustPolicyOptions {
  /** Require `sts:SourceIdentity` to be set (Gatehouse always sets it). Default true. */
  requireSourceIdentity?: boolean;
  /** Require the session tag `gatehouse:mfa` = "true" (Gatehouse sets it after TOTP). Default true. */
  requireMfaTag?: boolean;
}

export interface TrustPolicyTarget {
  roleName: string;
  /** IAM path, `/` or `/team/`. */
  path: string;
  accountId: string;
  partition: Partition;
  /** Seconds; written into the snippets as the role's MaxSessionDuration. */
  maxSessionSeconds: number;
  /** The role already exists in IAM: the CLI snippet updates rather than creates. */
  exists: boolean;
}

export interface GeneratedTrust {
  brokerPrincipalArn: string;
  roleArn: string;
  /** Pretty-printed JSON, ready for `aws iam update-assume-role-policy`. */
  trustPolicy: string;
  /** For the broker's own user or role: only the three actions, only on the managed roles. */
  brokerPolicy: string;
  /** When a separate IAM role is configured for reading roles and revoking sessions. */
  iamRole: { roleArn: string; trustPolicy: string; permissionsPolicy: string } | null;
  snippets: { awsCli: string; cloudFormation: string; terraform: string };
  notes: string[];
}

export interface GenerateTrustInput {
  /** The principal trust policies must name (BrokerIdentity.principalArn). */
  brokerPrincipalArn: string;
  /** The broker runs on role credentials (its ARN lost any IAM path of the role). */
  brokerIsRoleSession: boolean;
  role: TrustPolicyTarget;
  /** ARNs of every role Gatehouse manages (the new one is added), for the broker's identity policy. */
  managedRoleArns: readonly string[];
  /** GATEHOUSE_IAM_ROLE: the role (path and name) assumed in each account for IAM reads and revocation. */
  iamRoleName?: string | null;
  options?: TrustPolicyOptions;
}

export function roleArnOf(target: {
  partition: Partition;
  accountId: string;
  path: string;
  roleName: string;
}) {
  return `arn:${target.partition}:iam::${target.accountId}:role${target.path}${target.roleName}`;
}

/** The trust policy document (as an object) that lets the broker in. */
export function trustPolicyDocument(brokerPrincipalArn: string, options: TrustPolicyOptions = {}) {
  const condition: Record<string, Record<string, string>> = {};
  if (options.requireSourceIdentity ?? true) condition['StringLike'] = { 'sts:SourceIdentity': '*' };
  if (options.requireMfaTag ?? true) condition['StringEquals'] = { 'aws:RequestTag/gatehouse:mfa': 'true' };
  return {
    Version: CURRENT_POLICY_VERSION,
    Statement: [
      {
        Sid: 'GatehouseBroker',
        Effect: 'Allow',
        Principal: { AWS: brokerPrincipalArn },
        Action: [...BROKER_ACTIONS],
        ...(Object.keys(condition).length > 0 ? { Condition: condition } : {}),
      },
    ],
  };
}

function pretty(value: unknown): string {
  return JSON.stringify(value, null, 2);
}

function indent(text: string, spaces: number): string {
  const pad = ' '.repeat(spaces);
  return text
    .split('\n')
    .map((line) => (line ? pad + line : line))
    .join('\n');
}

/** Terraform heredocs interpolate `${…}` and `%{…}`; a policy variable must stay literal. */
function terraformLiteral(text: string): string {
  return text.replace(/\$\{/g, '$${').replace(/%\{/g, '%%{');
}

function logicalId(roleName: string): string {
  const words = roleName.split(/[^A-Za-z0-9]+/).filter(Boolean);
  return `${words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('') || 'Managed'}Role`;
}

function terraformName(roleName: string): string {
  const name = roleName.toLowerCase().replace(/[^a-z0-9_]+/g, '_');
  return /^[a-z_]/.test(name) ? name : `role_${name}`;
}

function splitRoleName(value: string): { path: string; roleName: string } {
  const trimmed = value.startsWith('/') ? value : `/${value}`;
  const cut = trimmed.lastIndexOf('/');
  return { path: trimmed.slice(0, cut + 1), roleName: trimmed.slice(cut + 1) };
}

export function generateTrustPolicy(input: GenerateTrustInput): GeneratedTrust {
  const { role } = input;
  const roleArn = roleArnOf(role);
  const trust = pretty(trustPolicyDocument(input.brokerPrincipalArn, input.options));
  const managed = [...new Set([...input.managedRoleArns, roleArn])].sort();

  const brokerStatements: unknown[] = [
    { Sid: 'AssumeGatehouseRoles', Effect: 'Allow', Action: [...BROKER_ACTIONS], Resource: managed },
  ];
  let iamRole: GeneratedTrust['iamRole'] = null;
  if (input.iamRoleName) {
    const split = splitRoleName(input.iamRoleName);
    brokerStatements.push({
      Sid: 'AssumeGatehouseIamRole',
      Effect: 'Allow',
      Action: 'sts:AssumeRole',
      Resource: `arn:${role.partition}:iam::*:role${split.path}${split.roleName}`,
    });
    iamRole = iamRoleFor(input, split, managed);
  }
  const brokerPolicy = pretty({ Version: CURRENT_POLICY_VERSION, Statement: brokerStatements });
  return {
    brokerPrincipalArn: input.brokerPrincipalArn,
    roleArn,
    trustPolicy: trust,
    brokerPolicy,
    iamRole,
    snippets: {
      awsCli: awsCliSnippet(role, roleArn, trust),
      cloudFormation: cloudFormationSnippet(role, trust),
      terraform: terraformSnippet(role, trust),
    },
    notes: notesFor(input),
  };
}

/** The role in each account that Gatehouse reads IAM and revokes sessions as (GATEHOUSE_IAM_ROLE). */
function iamRoleFor(
  input: GenerateTrustInput,
  split: { path: string; roleName: string },
  managed: string[],
): GeneratedTrust['iamRole'] {
  const { role } = input;
  const inAccount = managed.filter((arn) => arn.split(':')[4] === role.accountId);
  return {
    roleArn: `arn:${role.partition}:iam::${role.accountId}:role${split.path}${split.roleName}`,
    trustPolicy: pretty({
      Version: CURRENT_POLICY_VERSION,
      Statement: [
        {
          Sid: 'GatehouseBroker',
          Effect: 'Allow',
          Principal: { AWS: input.brokerPrincipalArn },
          Action: 'sts:AssumeRole',
        },
      ],
    }),
    permissionsPolicy: pretty({
      Version: CURRENT_POLICY_VERSION,
      Statement: [
        {
          Sid: 'ReadRoles',
          Effect: 'Allow',
          Action: ['iam:GetRole', 'iam:ListRoles', 'iam:ListRolePolicies', 'iam:GetRolePolicy'],
          Resource: '*',
        },
        { Sid: 'RevokeSessions', Effect: 'Allow', Action: 'iam:PutRolePolicy', Resource: inAccount },
      ],
    }),
  };
}

function awsCliSnippet(role: TrustPolicyTarget, roleArn: string, trust: string): string {
  const file = `gatehouse-trust-${role.roleName}.json`;
  return [
    `# Trust policy for ${roleArn}`,
    `cat > ${file} <<'EOF'`,
    trust,
    'EOF',
    ...(role.exists
      ? [
          `aws iam update-assume-role-policy --role-name ${role.roleName} --policy-document file://${file}`,
          `aws iam update-role --role-name ${role.roleName} --max-session-duration ${role.maxSessionSeconds}`,
        ]
      : [
          `aws iam create-role --role-name ${role.roleName} --path ${role.path} \\`,
          `  --max-session-duration ${role.maxSessionSeconds} \\`,
          `  --assume-role-policy-document file://${file}`,
        ]),
  ].join('\n');
}

function cloudFormationSnippet(role: TrustPolicyTarget, trust: string): string {
  return [
    "AWSTemplateFormatVersion: '2010-09-09'",
    `Description: ${role.roleName}, assumed through Gatehouse`,
    'Resources:',
    `  ${logicalId(role.roleName)}:`,
    '    Type: AWS::IAM::Role',
    '    Properties:',
    `      RoleName: ${role.roleName}`,
    `      Path: ${role.path}`,
    `      MaxSessionDuration: ${role.maxSessionSeconds}`,
    '      AssumeRolePolicyDocument:',
    indent(trust, 8),
    ...(role.exists
      ? ['# The role exists already: import it into the stack (resource import) rather than create it.']
      : []),
  ].join('\n');
}

function terraformSnippet(role: TrustPolicyTarget, trust: string): string {
  const tf = terraformName(role.roleName);
  return [
    ...(role.exists
      ? [`# The role exists already: terraform import aws_iam_role.${tf} ${role.roleName}`]
      : []),
    `resource "aws_iam_role" "${tf}" {`,
    `  name                 = "${role.roleName}"`,
    `  path                 = "${role.path}"`,
    `  max_session_duration = ${role.maxSessionSeconds}`,
    '  assume_role_policy   = <<-EOT',
    indent(terraformLiteral(trust), 4),
    '  EOT',
    '}',
  ].join('\n');
}

function notesFor(input: GenerateTrustInput): string[] {
  const notes: string[] = [];
  if (input.brokerIsRoleSession) {
    notes.push(
      `Gatehouse runs on role credentials, so it names the role as ${input.brokerPrincipalArn}. If that role was created under an IAM path, put the full ARN with the path in the trust policy.`,
    );
  }
  const brokerAccount = input.brokerPrincipalArn.split(':')[4];
  if (brokerAccount && brokerAccount !== input.role.accountId) {
    notes.push(
      `The role is in account ${input.role.accountId} and the broker in ${brokerAccount}: AWS also needs the broker's own identity policy (below) to allow these actions.`,
    );
  }
  return notes;
}
