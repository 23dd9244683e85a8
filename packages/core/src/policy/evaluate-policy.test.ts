import { describe, expect, it } from 'vitest';
import { SEED_POLICIES, seedPolicy } from './testing/seed-policies';
import { evaluatePolicy } from './evaluate-policy';
import type { Decision } from './evaluate-policy';
import type { EvaluationRequest, RequestPrincipal } from './model';
import { parseConditionOperator } from './parse-condition-operator';
import { readPolicy } from './read-policy';
import { lintPolicy } from './lint-policy';
import { trustPolicyDocument } from './generate-trust-policy';
import { brokerRequestContext } from './check-broker-trust';

const A = '111122223333';
const B = '444455556666';
const alice = `arn:aws:iam::${A}:user/alice`;
const bob = `arn:aws:iam::${A}:user/bob`;
const outsider = `arn:aws:iam::${B}:user/mallory`;
const brokerRole = `arn:aws:iam::${A}:role/gatehouse-broker`;
const brokerSession = `arn:aws:sts::${A}:assumed-role/gatehouse-broker/i-0abc`;

function user(arn: string): RequestPrincipal {
  return { type: 'AWS', arn };
}
function session(roleArn: string, sessionArn: string): RequestPrincipal {
  return { type: 'AWS', arn: roleArn, sessionArn };
}

/** A seed example as written; a broken one with the linter's own fix applied first. */
function seedText(name: string): string {
  let text = seedPolicy(name).text;
  for (let i = 0; i < 3; i++) {
    const fix = lintPolicy(text).findings.find((f) => f.code.startsWith('json_'))?.fix;
    if (!fix) break;
    text = text.slice(0, fix.offset) + fix.insert + text.slice(fix.offset + fix.deleteCount);
  }
  return text;
}

type Policy = string | Record<string, unknown>;

function trust(statement: Record<string, unknown> | Array<Record<string, unknown>>): Policy {
  return { Version: '2012-10-17', Statement: statement };
}

const rootTrust = (extra: Record<string, unknown> = {}) =>
  trust({
    Effect: 'Allow',
    Principal: { AWS: `arn:aws:iam::${A}:root` },
    Action: 'sts:AssumeRole',
    ...extra,
  });

interface Case {
  rule: string;
  policy: Policy;
  request: EvaluationRequest;
  expected: Decision;
  /** Indexes of the statements that decided. */
  deciding?: number[];
  /** Error-level reading issues the case is about (IAM itself would reject such a policy). */
  allowIssues?: string[];
}

const assume = (principal: RequestPrincipal, context: EvaluationRequest['context'] = {}, now?: Date) => ({
  principal,
  action: 'sts:AssumeRole',
  context,
  ...(now ? { now } : {}),
});

const ipDeny = (cidr: string) => ({
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'AllowAssumeRole',
      Effect: 'Allow',
      Action: 'sts:AssumeRole',
      Resource: `arn:aws:iam::${B}:role/Admin`,
    },
    {
      Sid: 'SourceIPRestriction',
      Effect: 'Deny',
      Action: '*',
      Resource: '*',
      Condition: { NotIpAddress: { 'aws:SourceIp': [cidr] } },
    },
  ],
});

const tagKeysDeny = {
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Principal: { AWS: A }, Action: ['sts:AssumeRole', 'sts:TagSession'] },
    {
      Effect: 'Deny',
      Principal: '*',
      Action: 'sts:TagSession',
      Condition: { 'ForAllValues:StringNotLike': { 'aws:TagKeys': 'key1*' } },
    },
  ],
};

const revokeOlder = (cutoff: string) => ({
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Action: '*', Resource: '*' },
    {
      Effect: 'Deny',
      Action: ['*'],
      Resource: ['*'],
      Condition: { DateLessThan: { 'aws:TokenIssueTime': cutoff } },
    },
  ],
});

const infraUsers = (account: string) =>
  trust({
    Effect: 'Allow',
    Principal: { AWS: `arn:aws:iam::${account}:root` },
    Action: 'sts:AssumeRole',
    Condition: { ArnLike: { 'aws:PrincipalArn': `arn:aws:iam::${account}:user/*_infra` } },
  });

const CASES: Case[] = [
  // --- Principal ---------------------------------------------------------------------------
  {
    rule: 'Principal: an account root ARN trusts every principal of that account',
    policy: rootTrust(),
    request: assume(user(alice)),
    expected: 'allow',
    deciding: [0],
  },
  {
    rule: 'Principal: an account root ARN does not trust principals of other accounts',
    policy: rootTrust(),
    request: assume(user(outsider)),
    expected: 'implicit_deny',
  },
  {
    rule: 'Principal: a bare 12-digit account id is the same as its root ARN',
    policy: trust({ Effect: 'Allow', Principal: { AWS: A }, Action: 'sts:AssumeRole' }),
    request: assume(session(brokerRole, brokerSession)),
    expected: 'allow',
  },
  {
    rule: 'Principal: a root ARN trusts its own partition only',
    policy: trust({
      Effect: 'Allow',
      Principal: { AWS: `arn:aws-cn:iam::${A}:root` },
      Action: 'sts:AssumeRole',
    }),
    request: assume(user(alice)),
    expected: 'implicit_deny',
  },
  {
    rule: 'Principal: a role ARN trusts every session of that role',
    policy: trust({ Effect: 'Allow', Principal: { AWS: brokerRole }, Action: 'sts:AssumeRole' }),
    request: assume(session(brokerRole, brokerSession)),
    expected: 'allow',
  },
  {
    rule: 'Principal: a role ARN does not trust another role of the same account',
    policy: trust({ Effect: 'Allow', Principal: { AWS: brokerRole }, Action: 'sts:AssumeRole' }),
    request: assume(session(`arn:aws:iam::${A}:role/other`, `arn:aws:sts::${A}:assumed-role/other/s`)),
    expected: 'implicit_deny',
  },
  {
    rule: 'Principal: an assumed-role session ARN trusts that session',
    policy: trust({ Effect: 'Allow', Principal: { AWS: brokerSession }, Action: 'sts:AssumeRole' }),
    request: assume(session(brokerRole, brokerSession)),
    expected: 'allow',
  },
  {
    rule: 'Principal: an assumed-role session ARN does not trust other sessions of the role',
    policy: trust({ Effect: 'Allow', Principal: { AWS: brokerSession }, Action: 'sts:AssumeRole' }),
    request: assume(session(brokerRole, `arn:aws:sts::${A}:assumed-role/gatehouse-broker/i-0def`)),
    expected: 'implicit_deny',
  },
  {
    rule: 'Principal: an IAM user ARN trusts that user',
    policy: trust({ Effect: 'Allow', Principal: { AWS: [alice] }, Action: 'sts:AssumeRole' }),
    request: assume(user(alice)),
    expected: 'allow',
  },
  {
    rule: 'Principal: an IAM user ARN does not trust another user of the account',
    policy: trust({ Effect: 'Allow', Principal: { AWS: [alice] }, Action: 'sts:AssumeRole' }),
    request: assume(user(bob)),
    expected: 'implicit_deny',
  },
  {
    rule: 'Principal: "*" trusts everyone, anonymous callers included',
    policy: trust({ Effect: 'Allow', Principal: '*', Action: 'sts:AssumeRole' }),
    request: assume({ type: 'Anonymous' }),
    expected: 'allow',
  },
  {
    rule: 'Principal: {"AWS": "*"} trusts every AWS principal',
    policy: trust({ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' }),
    request: assume(user(outsider)),
    expected: 'allow',
  },
  {
    rule: 'Principal: a Service principal trusts that service only',
    policy: trust({ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }),
    request: assume({ type: 'Service', name: 'ec2.amazonaws.com' }),
    expected: 'allow',
  },
  {
    rule: 'Principal: a Service principal does not trust IAM users',
    policy: trust({ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }),
    request: assume(user(alice)),
    expected: 'implicit_deny',
  },
  {
    rule: 'NotPrincipal with Deny: the listed principal is not denied',
    policy: trust([
      { Effect: 'Allow', Principal: { AWS: A }, Action: 'sts:AssumeRole' },
      { Effect: 'Deny', NotPrincipal: { AWS: [alice] }, Action: 'sts:AssumeRole' },
    ]),
    request: assume(user(alice)),
    expected: 'allow',
  },
  {
    rule: 'NotPrincipal with Deny: every other principal is denied',
    policy: trust([
      { Effect: 'Allow', Principal: { AWS: A }, Action: 'sts:AssumeRole' },
      { Effect: 'Deny', NotPrincipal: { AWS: [alice] }, Action: 'sts:AssumeRole' },
    ]),
    request: assume(user(bob)),
    expected: 'explicit_deny',
    deciding: [1],
  },

  // --- Action / NotAction -------------------------------------------------------------------
  {
    rule: 'Action: sts:* matches every STS action',
    policy: trust({ Effect: 'Allow', Principal: { AWS: A }, Action: 'sts:*' }),
    request: { principal: user(alice), action: 'sts:TagSession' },
    expected: 'allow',
  },
  {
    rule: 'Action: names are matched case-insensitively',
    policy: trust({ Effect: 'Allow', Principal: { AWS: A }, Action: 'STS:assumerole' }),
    request: assume(user(alice)),
    expected: 'allow',
  },
  {
    rule: 'Action: "?" matches exactly one character',
    policy: trust({ Effect: 'Allow', Principal: { AWS: A }, Action: 'sts:AssumeRol?' }),
    request: assume(user(alice)),
    expected: 'allow',
  },
  {
    rule: 'Action: "?" does not match several characters',
    policy: trust({ Effect: 'Allow', Principal: { AWS: A }, Action: 'sts:Assume?' }),
    request: assume(user(alice)),
    expected: 'implicit_deny',
  },
  {
    rule: 'Action: an action that is not listed is implicitly denied (seed: account root trust)',
    policy: seedText('trustAccountRoot'),
    request: { principal: user('arn:aws:iam::123456789012:user/x'), action: 'sts:TagSession' },
    expected: 'implicit_deny',
  },
  {
    rule: 'NotAction: allows every action except those listed',
    policy: trust({ Effect: 'Allow', Principal: { AWS: A }, NotAction: 'sts:TagSession' }),
    request: { principal: user(alice), action: 'sts:SetSourceIdentity' },
    expected: 'allow',
  },
  {
    rule: 'NotAction: the listed action is not allowed',
    policy: trust({ Effect: 'Allow', Principal: { AWS: A }, NotAction: 'sts:TagSession' }),
    request: { principal: user(alice), action: 'sts:TagSession' },
    expected: 'implicit_deny',
  },

  // --- Resource (identity-based policies) --------------------------------------------------
  {
    rule: 'Resource "*" matches any role (seed: switch to any role, comma fixed)',
    policy: seedText('switchRoleAnyRole'),
    request: {
      principal: user(alice),
      action: 'sts:AssumeRole',
      resource: `arn:aws:iam::${B}:role/anything`,
    },
    expected: 'allow',
  },
  {
    rule: 'Resource: "*" in an ARN matches every role of the account (seed, comma fixed)',
    policy: seedText('switchRoleAccountRoles'),
    request: {
      principal: user(alice),
      action: 'sts:AssumeRole',
      resource: 'arn:aws:iam::1234567890:role/sw-admin',
    },
    expected: 'allow',
  },
  {
    rule: 'Resource: an ARN of another account does not match (seed, comma fixed)',
    policy: seedText('switchRoleAccountRoles'),
    request: {
      principal: user(alice),
      action: 'sts:AssumeRole',
      resource: `arn:aws:iam::${B}:role/sw-admin`,
    },
    expected: 'implicit_deny',
  },
  {
    rule: 'Resource: each listed ARN matches (seed: two accounts, comma fixed)',
    policy: seedText('switchRoleTwoRoles'),
    request: {
      principal: user(alice),
      action: 'sts:AssumeRole',
      resource: 'arn:aws:iam::9988776655:role/sw-admin-write',
    },
    expected: 'allow',
  },
  {
    rule: 'Resource: ARNs are matched case-sensitively (seed: two accounts, comma fixed)',
    policy: seedText('switchRoleTwoRoles'),
    request: {
      principal: user(alice),
      action: 'sts:AssumeRole',
      resource: 'arn:aws:iam::9988776655:role/SW-ADMIN-WRITE',
    },
    expected: 'implicit_deny',
  },
  {
    rule: 'Resource: a placeholder account id never matches a real ARN (seed: Identity Center permission set)',
    policy: seedText('permissionSetAssumeCompanyRole'),
    request: {
      principal: user(alice),
      action: 'sts:AssumeRole',
      resource: `arn:aws:iam::${B}:role/VendorAccessRole`,
    },
    expected: 'implicit_deny',
  },
  {
    rule: 'Resource: a Japanese placeholder never matches a real ARN (seed: switch role policy)',
    policy: seedText('switchRolePlaceholder'),
    request: { principal: user(alice), action: 'sts:AssumeRole', resource: `arn:aws:iam::${B}:role/Target` },
    expected: 'implicit_deny',
  },
  {
    rule: 'Identity policy without Principal applies to whoever holds it (seed: Bob, ec2:Describe*)',
    policy: seedText('bobIdentityPolicy'),
    request: { principal: user(bob), action: 'ec2:DescribeInstances', resource: '*' },
    expected: 'allow',
  },
  {
    rule: 'Identity policy: an action it does not list is implicitly denied (seed: Bob, RDS)',
    policy: seedText('bobIdentityPolicy'),
    request: { principal: user(bob), action: 'rds:DescribeDBInstances', resource: '*' },
    expected: 'implicit_deny',
  },
  {
    rule: 'Identity policy: sts:AssumeRole on "*" allows assuming any role (seed: Bob)',
    policy: seedText('bobIdentityPolicy'),
    request: {
      principal: user(bob),
      action: 'sts:AssumeRole',
      resource: 'arn:aws:iam::123456789012:role/example-role',
    },
    expected: 'allow',
  },
  {
    rule: 'Resource: object ARNs match "bucket/*" (seed: S3 read policy)',
    policy: seedText('s3ReadPolicy'),
    request: {
      principal: user(alice),
      action: 's3:GetObject',
      resource: 'arn:aws:s3:::company-shared-data-bucket-XXXXX/test-data.txt',
    },
    expected: 'allow',
  },
  {
    rule: 'Resource: the bucket ARN itself does not match "bucket/*" (seed: S3 read policy)',
    policy: seedText('s3ReadPolicy'),
    request: {
      principal: user(alice),
      action: 's3:GetObject',
      resource: 'arn:aws:s3:::company-shared-data-bucket-XXXXX',
    },
    expected: 'implicit_deny',
  },
  {
    rule: 'Action: s3:PutObject is not granted by a read-only policy (seed: S3 read policy)',
    policy: seedText('s3ReadPolicy'),
    request: {
      principal: user(alice),
      action: 's3:PutObject',
      resource: 'arn:aws:s3:::company-shared-data-bucket-XXXXX/x',
    },
    expected: 'implicit_deny',
  },
  {
    rule: 'NotResource: matches every resource except those listed',
    policy: {
      Version: '2012-10-17',
      Statement: { Effect: 'Allow', Action: 's3:*', NotResource: 'arn:aws:s3:::secret/*' },
    },
    request: { principal: user(alice), action: 's3:GetObject', resource: 'arn:aws:s3:::public/a' },
    expected: 'allow',
  },

  // --- Explicit deny wins -------------------------------------------------------------------
  {
    rule: 'Explicit Deny overrides an Allow (seed: privileged role from one IP, request from elsewhere)',
    policy: ipDeny('203.0.113.0/24'),
    request: {
      principal: user(alice),
      action: 'sts:AssumeRole',
      resource: `arn:aws:iam::${B}:role/Admin`,
      context: { 'aws:SourceIp': '198.51.100.7' },
    },
    expected: 'explicit_deny',
    deciding: [1],
  },
  {
    rule: 'A Deny whose condition does not hold does not apply (seed: privileged role, request from the allowed IP)',
    policy: ipDeny('203.0.113.0/24'),
    request: {
      principal: user(alice),
      action: 'sts:AssumeRole',
      resource: `arn:aws:iam::${B}:role/Admin`,
      context: { 'aws:SourceIp': '203.0.113.20' },
    },
    expected: 'allow',
    deciding: [0],
  },
  {
    rule: 'A placeholder CIDR never matches, so NotIpAddress denies from everywhere (seed as written)',
    policy: seedText('privilegedRoleFromIp'),
    request: {
      principal: user(alice),
      action: 'sts:AssumeRole',
      resource: 'arn:aws:iam::xxxxxxxxxx:role/AssumedAdministratorAccessRole',
      context: { 'aws:SourceIp': '203.0.113.20' },
    },
    expected: 'explicit_deny',
  },
  {
    rule: 'Explicit Deny wins whatever the statement order',
    policy: trust([
      { Effect: 'Deny', Principal: { AWS: [bob] }, Action: 'sts:AssumeRole' },
      { Effect: 'Allow', Principal: { AWS: A }, Action: 'sts:AssumeRole' },
    ]),
    request: assume(user(bob)),
    expected: 'explicit_deny',
    deciding: [0],
  },
  {
    rule: 'A Deny for another principal leaves the Allow in force',
    policy: trust([
      { Effect: 'Deny', Principal: { AWS: [bob] }, Action: 'sts:AssumeRole' },
      { Effect: 'Allow', Principal: { AWS: A }, Action: 'sts:AssumeRole' },
    ]),
    request: assume(user(alice)),
    expected: 'allow',
    deciding: [1],
  },
  {
    rule: 'No statement applies: implicit deny (default deny)',
    policy: trust([]),
    request: assume(user(alice)),
    expected: 'implicit_deny',
  },

  // --- String conditions ---------------------------------------------------------------------
  {
    rule: 'StringEquals is case-sensitive',
    policy: rootTrust({ Condition: { StringEquals: { 'sts:SourceIdentity': 'Alice' } } }),
    request: assume(user(alice), { 'sts:SourceIdentity': 'alice' }),
    expected: 'implicit_deny',
  },
  {
    rule: 'StringEqualsIgnoreCase ignores case',
    policy: rootTrust({ Condition: { StringEqualsIgnoreCase: { 'sts:SourceIdentity': 'Alice' } } }),
    request: assume(user(alice), { 'sts:SourceIdentity': 'alice' }),
    expected: 'allow',
  },
  {
    rule: 'StringLike "*" holds when the key is present',
    policy: rootTrust({ Condition: { StringLike: { 'sts:SourceIdentity': '*' } } }),
    request: assume(user(alice), { 'sts:SourceIdentity': 'u-1' }),
    expected: 'allow',
  },
  {
    rule: 'StringLike "*" is false when the key is absent (missing key: positive operators are false)',
    policy: rootTrust({ Condition: { StringLike: { 'sts:SourceIdentity': '*' } } }),
    request: assume(user(alice)),
    expected: 'implicit_deny',
  },
  {
    rule: 'StringLike "?" matches one character',
    policy: rootTrust({ Condition: { StringLike: { 'sts:RoleSessionName': 'ops-??' } } }),
    request: assume(user(alice), { 'sts:RoleSessionName': 'ops-42' }),
    expected: 'allow',
  },
  {
    rule: 'Several values of one key are ORed',
    policy: rootTrust({ Condition: { StringEquals: { 'aws:PrincipalTag/team': ['infra', 'sre'] } } }),
    request: assume(user(alice), { 'aws:PrincipalTag/team': 'sre' }),
    expected: 'allow',
  },
  {
    rule: 'Negated operators NOR several values: equal to one of them fails',
    policy: rootTrust({ Condition: { StringNotEquals: { 'aws:PrincipalTag/team': ['infra', 'sre'] } } }),
    request: assume(user(alice), { 'aws:PrincipalTag/team': 'sre' }),
    expected: 'implicit_deny',
  },
  {
    rule: 'Negated operators NOR several values: equal to none of them holds',
    policy: rootTrust({ Condition: { StringNotEquals: { 'aws:PrincipalTag/team': ['infra', 'sre'] } } }),
    request: assume(user(alice), { 'aws:PrincipalTag/team': 'web' }),
    expected: 'allow',
  },
  {
    rule: 'Missing key: a negated operator is true',
    policy: rootTrust({ Condition: { StringNotEquals: { 'aws:PrincipalTag/team': 'contractors' } } }),
    request: assume(user(alice)),
    expected: 'allow',
  },
  {
    rule: 'Missing key: a positive operator is false',
    policy: rootTrust({ Condition: { StringEquals: { 'aws:PrincipalTag/team': 'infra' } } }),
    request: assume(user(alice)),
    expected: 'implicit_deny',
  },
  {
    rule: '...IfExists is true when the key is absent',
    policy: rootTrust({ Condition: { StringEqualsIfExists: { 'aws:PrincipalTag/team': 'infra' } } }),
    request: assume(user(alice)),
    expected: 'allow',
  },
  {
    rule: '...IfExists still checks a key that is present',
    policy: rootTrust({ Condition: { StringEqualsIfExists: { 'aws:PrincipalTag/team': 'infra' } } }),
    request: assume(user(alice), { 'aws:PrincipalTag/team': 'web' }),
    expected: 'implicit_deny',
  },
  {
    rule: 'Several keys under one operator are ANDed',
    policy: rootTrust({
      Condition: { StringEquals: { 'aws:PrincipalTag/team': 'infra', 'sts:SourceIdentity': 'u-1' } },
    }),
    request: assume(user(alice), { 'aws:PrincipalTag/team': 'infra', 'sts:SourceIdentity': 'u-2' }),
    expected: 'implicit_deny',
  },
  {
    rule: 'Several operators are ANDed',
    policy: rootTrust({
      Condition: {
        StringEquals: { 'aws:PrincipalTag/team': 'infra' },
        Bool: { 'aws:SecureTransport': 'true' },
      },
    }),
    request: assume(user(alice), { 'aws:PrincipalTag/team': 'infra', 'aws:SecureTransport': 'true' }),
    expected: 'allow',
  },
  {
    rule: 'Condition key names are case-insensitive',
    policy: rootTrust({ Condition: { StringEquals: { 'STS:SOURCEIDENTITY': 'u-1' } } }),
    request: assume(user(alice), { 'sts:SourceIdentity': 'u-1' }),
    expected: 'allow',
  },
  {
    rule: 'Policy variables are substituted with Version 2012-10-17',
    policy: rootTrust({ Condition: { StringLike: { 'sts:RoleSessionName': '${aws:username}' } } }),
    request: assume(user(alice), { 'aws:username': 'alice', 'sts:RoleSessionName': 'alice' }),
    expected: 'allow',
  },
  {
    rule: 'Policy variables are plain text with Version 2008-10-17',
    policy: {
      Version: '2008-10-17',
      Statement: {
        Effect: 'Allow',
        Principal: { AWS: A },
        Action: 'sts:AssumeRole',
        Condition: { StringLike: { 'sts:RoleSessionName': '${aws:username}' } },
      },
    },
    request: assume(user(alice), { 'aws:username': 'alice', 'sts:RoleSessionName': 'alice' }),
    expected: 'implicit_deny',
  },
  {
    rule: 'Policy variable ${*} is a literal asterisk, not a wildcard',
    policy: rootTrust({ Condition: { StringLike: { 'sts:RoleSessionName': 'a${*}' } } }),
    request: assume(user(alice), { 'sts:RoleSessionName': 'abc' }),
    expected: 'implicit_deny',
  },

  // --- Set operators ---------------------------------------------------------------------------
  {
    rule: 'ForAnyValue: true when any request value matches',
    policy: rootTrust({ Condition: { 'ForAnyValue:StringEquals': { 'aws:TagKeys': ['gatehouse:mfa'] } } }),
    request: assume(user(alice), { 'aws:TagKeys': ['gatehouse:user', 'gatehouse:mfa'] }),
    expected: 'allow',
  },
  {
    rule: 'ForAnyValue: false when the key is absent',
    policy: rootTrust({ Condition: { 'ForAnyValue:StringEquals': { 'aws:TagKeys': ['gatehouse:mfa'] } } }),
    request: assume(user(alice)),
    expected: 'implicit_deny',
  },
  {
    rule: 'ForAllValues: true when every request value matches a policy value',
    policy: rootTrust({ Condition: { 'ForAllValues:StringLike': { 'aws:TagKeys': ['gatehouse:*'] } } }),
    request: assume(user(alice), { 'aws:TagKeys': ['gatehouse:user', 'gatehouse:mfa'] }),
    expected: 'allow',
  },
  {
    rule: 'ForAllValues: false when one request value matches none',
    policy: rootTrust({ Condition: { 'ForAllValues:StringLike': { 'aws:TagKeys': ['gatehouse:*'] } } }),
    request: assume(user(alice), { 'aws:TagKeys': ['gatehouse:user', 'cost-centre'] }),
    expected: 'implicit_deny',
  },
  {
    rule: 'ForAllValues: true when the key is absent',
    policy: rootTrust({ Condition: { 'ForAllValues:StringLike': { 'aws:TagKeys': ['gatehouse:*'] } } }),
    request: assume(user(alice)),
    expected: 'allow',
  },
  {
    rule: 'ForAllValues:StringNotLike in a Deny matches a request whose keys all lack the prefix',
    policy: tagKeysDeny,
    request: { principal: user(alice), action: 'sts:TagSession', context: { 'aws:TagKeys': ['key2:audit'] } },
    expected: 'explicit_deny',
    deciding: [1],
  },
  {
    rule: 'ForAllValues:StringNotLike in a Deny does not match when every key has the prefix',
    policy: tagKeysDeny,
    request: {
      principal: user(alice),
      action: 'sts:TagSession',
      context: { 'aws:TagKeys': ['key1:hr', 'key1:personnel'] },
    },
    expected: 'allow',
  },
  {
    rule: 'ForAllValues:StringNotLike in a Deny matches a request without the key',
    policy: tagKeysDeny,
    request: { principal: user(alice), action: 'sts:TagSession' },
    expected: 'explicit_deny',
  },

  // --- ARN conditions --------------------------------------------------------------------------
  {
    rule: 'ArnLike on aws:PrincipalArn narrows an account principal (seed, real account)',
    policy: infraUsers(A),
    request: assume(user(`arn:aws:iam::${A}:user/alice_infra`)),
    expected: 'allow',
  },
  {
    rule: 'ArnLike on aws:PrincipalArn keeps out the others of the account (seed, real account)',
    policy: infraUsers(A),
    request: assume(user(alice)),
    expected: 'implicit_deny',
  },
  {
    rule: 'A placeholder account in Principal trusts nobody (seed: infra users as written, comma fixed)',
    policy: seedText('trustInfraUsers'),
    request: assume(user('arn:aws:iam::aaaaaaaaaa:user/ops_infra')),
    expected: 'implicit_deny',
  },
  {
    rule: 'ArnLike compares the six ARN fields: "*" in one field does not span ":"',
    policy: rootTrust({ Condition: { ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/*' } } }),
    request: assume(session(brokerRole, brokerSession), {
      'aws:PrincipalArn': `arn:aws:sts::${A}:assumed-role/x/y`,
    }),
    expected: 'implicit_deny',
  },
  {
    rule: 'ArnNotLike holds for ARNs outside the pattern',
    policy: rootTrust({ Condition: { ArnNotLike: { 'aws:PrincipalArn': `arn:aws:iam::${A}:user/*` } } }),
    request: assume(session(brokerRole, brokerSession)),
    expected: 'allow',
  },

  // --- Bool, Null, IP, numeric and date conditions ---------------------------------------------
  {
    rule: 'Bool aws:MultiFactorAuthPresent "true" allows MFA sessions (seed: MFA trust policy)',
    policy: seedText('trustAccountRootWithMfa'),
    request: assume(user('arn:aws:iam::123456789012:user/x'), { 'aws:MultiFactorAuthPresent': 'true' }),
    expected: 'allow',
  },
  {
    rule: 'Bool is false when the key is absent, e.g. long-term keys without MFA (seed: MFA trust policy)',
    policy: seedText('trustAccountRootWithMfa'),
    request: assume(user('arn:aws:iam::123456789012:user/x')),
    expected: 'implicit_deny',
  },
  {
    rule: 'Bool compares the value: "false" does not satisfy "true" (seed: MFA trust policy)',
    policy: seedText('trustAccountRootWithMfa'),
    request: assume(user('arn:aws:iam::123456789012:user/x'), { 'aws:MultiFactorAuthPresent': false }),
    expected: 'implicit_deny',
  },
  {
    rule: 'Null "true" holds when the key is absent',
    policy: rootTrust({ Condition: { Null: { 'sts:ExternalId': 'true' } } }),
    request: assume(user(alice)),
    expected: 'allow',
  },
  {
    rule: 'Null "false" requires the key to be present',
    policy: rootTrust({ Condition: { Null: { 'sts:SourceIdentity': 'false' } } }),
    request: assume(user(alice)),
    expected: 'implicit_deny',
  },
  {
    rule: 'IpAddress holds for an address inside the CIDR (seed: users from one IP, real values)',
    policy: trust({
      Effect: 'Allow',
      Principal: { AWS: [alice, bob] },
      Action: 'sts:AssumeRole',
      Condition: { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } },
    }),
    request: assume(user(bob), { 'aws:SourceIp': '203.0.113.99' }),
    expected: 'allow',
  },
  {
    rule: 'IpAddress fails for an address outside the CIDR',
    policy: trust({
      Effect: 'Allow',
      Principal: { AWS: [alice, bob] },
      Action: 'sts:AssumeRole',
      Condition: { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } },
    }),
    request: assume(user(bob), { 'aws:SourceIp': '192.0.2.1' }),
    expected: 'implicit_deny',
  },
  {
    rule: 'IpAddress accepts IPv6 ranges',
    policy: rootTrust({ Condition: { IpAddress: { 'aws:SourceIp': '2001:db8::/32' } } }),
    request: assume(user(alice), { 'aws:SourceIp': '2001:db8:1::5' }),
    expected: 'allow',
  },
  {
    rule: 'Placeholder users and IPs match nobody (seed: users from one IP as written, comma fixed)',
    policy: seedText('trustUsersFromIp'),
    request: assume(user('arn:aws:iam::xxxxxxxxxxxxxxx:user/xxxxxxxxx'), { 'aws:SourceIp': '203.0.113.1' }),
    expected: 'implicit_deny',
  },
  {
    rule: 'NotIpAddress is true when the key is absent (negated operator)',
    policy: rootTrust({ Condition: { NotIpAddress: { 'aws:SourceIp': '10.0.0.0/8' } } }),
    request: assume(user(alice)),
    expected: 'allow',
  },
  {
    rule: 'NumericLessThan holds for a smaller number',
    policy: rootTrust({ Condition: { NumericLessThan: { 'aws:MultiFactorAuthAge': '3600' } } }),
    request: assume(user(alice), { 'aws:MultiFactorAuthAge': 300 }),
    expected: 'allow',
  },
  {
    rule: 'NumericLessThan fails for a larger number',
    policy: rootTrust({ Condition: { NumericLessThan: { 'aws:MultiFactorAuthAge': '3600' } } }),
    request: assume(user(alice), { 'aws:MultiFactorAuthAge': 7200 }),
    expected: 'implicit_deny',
  },
  {
    rule: 'DateLessThan aws:TokenIssueTime denies credentials issued before the cut-off (AWSRevokeOlderSessions)',
    policy: revokeOlder('2026-03-01T12:00:00Z'),
    request: {
      principal: session(brokerRole, brokerSession),
      action: 's3:ListBucket',
      resource: 'arn:aws:s3:::b',
      context: { 'aws:TokenIssueTime': '2026-03-01T11:59:59Z' },
    },
    expected: 'explicit_deny',
    deciding: [1],
  },
  {
    rule: 'DateLessThan aws:TokenIssueTime spares credentials issued after the cut-off',
    policy: revokeOlder('2026-03-01T12:00:00Z'),
    request: {
      principal: session(brokerRole, brokerSession),
      action: 's3:ListBucket',
      resource: 'arn:aws:s3:::b',
      context: { 'aws:TokenIssueTime': '2026-03-01T12:00:01Z' },
    },
    expected: 'allow',
  },
  {
    rule: 'DateGreaterThan compares with aws:CurrentTime (the request time)',
    policy: rootTrust({ Condition: { DateGreaterThan: { 'aws:CurrentTime': '2026-01-01T00:00:00Z' } } }),
    request: assume(user(alice), {}, new Date('2026-06-01T00:00:00Z')),
    expected: 'allow',
  },
  {
    rule: 'Dates may be written as epoch seconds',
    policy: rootTrust({ Condition: { DateLessThan: { 'aws:CurrentTime': '1767225600' } } }),
    request: assume(user(alice), {}, new Date('2026-06-01T00:00:00Z')),
    expected: 'implicit_deny',
  },

  // --- Unknown operators fail closed -------------------------------------------------------------
  {
    rule: 'An operator the evaluator does not know keeps an Allow from applying',
    policy: rootTrust({ Condition: { StringFuzzyEquals: { 'sts:SourceIdentity': 'u-1' } } }),
    request: assume(user(alice), { 'sts:SourceIdentity': 'u-1' }),
    expected: 'implicit_deny',
    allowIssues: ['condition_operator_unknown'],
  },
  {
    rule: 'An operator the evaluator does not know makes a Deny apply',
    policy: trust([
      { Effect: 'Allow', Principal: { AWS: A }, Action: 'sts:AssumeRole' },
      {
        Effect: 'Deny',
        Principal: '*',
        Action: 'sts:AssumeRole',
        Condition: { Mystery: { 'aws:SourceIp': 'x' } },
      },
    ]),
    request: assume(user(alice)),
    expected: 'explicit_deny',
    allowIssues: ['condition_operator_unknown'],
  },

  // --- Remaining seed trust policies ----------------------------------------------------------------
  {
    rule: 'Principal: account root (seed: account root trust) lets a user of that account in',
    policy: seedText('trustAccountRoot'),
    request: assume(user('arn:aws:iam::123456789012:user/sw-user')),
    expected: 'allow',
  },
  {
    rule: 'Statement may be a single object (seed: example-role trust policy)',
    policy: seedText('exampleRoleTrustPolicy'),
    request: assume(user('arn:aws:iam::123456789012:user/Bob')),
    expected: 'allow',
  },
  {
    rule: 'A placeholder account in Principal trusts nobody (seed: vendor account)',
    policy: seedText('trustVendorAccount'),
    request: assume(user(outsider)),
    expected: 'implicit_deny',
  },

  // --- Gatehouse's generated trust policy -----------------------------------------------------------
  {
    rule: "Generated trust policy: the broker's AssumeRole with SourceIdentity and the MFA tag is allowed",
    policy: trustPolicyDocument(brokerRole),
    request: assume(session(brokerRole, brokerSession), brokerRequestContext()),
    expected: 'allow',
  },
  {
    rule: 'Generated trust policy: sts:TagSession is allowed for the broker',
    policy: trustPolicyDocument(brokerRole),
    request: {
      principal: session(brokerRole, brokerSession),
      action: 'sts:TagSession',
      context: brokerRequestContext(),
    },
    expected: 'allow',
  },
  {
    rule: 'Generated trust policy: AssumeRole without SourceIdentity is refused',
    policy: trustPolicyDocument(brokerRole),
    request: assume(session(brokerRole, brokerSession), { 'aws:RequestTag/gatehouse:mfa': 'true' }),
    expected: 'implicit_deny',
  },
  {
    rule: 'Generated trust policy: AssumeRole without gatehouse:mfa=true is refused',
    policy: trustPolicyDocument(brokerRole),
    request: assume(session(brokerRole, brokerSession), {
      ...brokerRequestContext(),
      'aws:RequestTag/gatehouse:mfa': 'false',
    }),
    expected: 'implicit_deny',
  },
  {
    rule: 'Generated trust policy: another principal of the same account is refused',
    policy: trustPolicyDocument(brokerRole),
    request: assume(user(alice), brokerRequestContext()),
    expected: 'implicit_deny',
  },
];

describe('evaluatePolicy: AWS evaluation rules', () => {
  it('has at least 60 cases', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(60);
  });

  it.each(CASES.map((c) => [c.rule, c] as const))('%s', (_rule, c) => {
    const value = typeof c.policy === 'string' ? JSON.parse(c.policy) : c.policy;
    const { policy, issues } = readPolicy(value);
    expect(issues.filter((i) => i.severity === 'error' && !c.allowIssues?.includes(i.code))).toEqual([]);
    const result = evaluatePolicy(policy!, c.request);
    expect(result.decision, result.explanation).toBe(c.expected);
    if (c.deciding) expect(result.deciding).toEqual(c.deciding);
  });

  it('covers every policy of the seed articles', () => {
    const used = new Set(
      CASES.filter((c) => typeof c.policy === 'string').flatMap((c) =>
        SEED_POLICIES.filter((s) => c.policy === seedText(s.name)).map((s) => s.name),
      ),
    );
    const policies = SEED_POLICIES.filter((s) => s.kind !== 'output').map((s) => s.name);
    // privilegedRoleFromIp is also evaluated with real CIDRs in ipDeny; trustInfraUsers with a real account.
    expect(policies.filter((name) => !used.has(name))).toEqual([]);
  });
});

describe('evaluatePolicy: explanations', () => {
  it('names the deciding Deny and says that it overrides the Allow', () => {
    const { policy } = readPolicy(ipDeny('203.0.113.0/24'));
    const result = evaluatePolicy(policy!, {
      principal: user(alice),
      action: 'sts:AssumeRole',
      resource: `arn:aws:iam::${B}:role/Admin`,
      context: { 'aws:SourceIp': '198.51.100.7' },
    });
    expect(result.explanation).toBe(
      `sts:AssumeRole by ${alice} is explicitly denied by statement 2 ("SourceIPRestriction"); an explicit Deny overrides any Allow.`,
    );
  });

  it('says which condition kept an Allow from applying, and lists the missing keys', () => {
    const { policy } = readPolicy(JSON.parse(seedText('trustAccountRootWithMfa')));
    const result = evaluatePolicy(policy!, assume(user('arn:aws:iam::123456789012:user/x')));
    expect(result.explanation).toBe(
      'No statement allows sts:AssumeRole by arn:aws:iam::123456789012:user/x, so it is implicitly denied: ' +
        'statement 1 does not apply because aws:MultiFactorAuthPresent is not in the request.',
    );
    expect(result.missingKeys).toEqual(['aws:MultiFactorAuthPresent']);
    expect(result.statements[0]).toMatchObject({ principal: 'match', action: 'match', applies: false });
  });

  it('reports operators it cannot evaluate', () => {
    const { policy } = readPolicy(
      rootTrust({ Condition: { StringFuzzyEquals: { 'sts:SourceIdentity': 'u' } } }),
    );
    expect(evaluatePolicy(policy!, assume(user(alice))).unsupported).toEqual(['StringFuzzyEquals']);
  });
});

describe('parseConditionOperator', () => {
  it.each([
    ['StringEquals', { base: 'StringEquals', qualifier: null, ifExists: false, negated: false, known: true }],
    [
      'StringNotLikeIfExists',
      { base: 'StringNotLike', qualifier: null, ifExists: true, negated: true, known: true },
    ],
    [
      'ForAllValues:StringLike',
      { base: 'StringLike', qualifier: 'ForAllValues', ifExists: false, known: true },
    ],
    [
      'ForAnyValue:ArnNotEqualsIfExists',
      { base: 'ArnNotEquals', qualifier: 'ForAnyValue', ifExists: true, negated: true },
    ],
    ['stringequals', { known: false }],
  ])('%s', (operator, expected) => {
    expect(parseConditionOperator(operator)).toMatchObject(expected);
  });
});

describe('readPolicy', () => {
  it('reports structural problems with their path', () => {
    const { issues } = readPolicy({
      Version: '2012-10-17',
      Statement: [{ Effect: 'allow', Principal: { aws: A }, Actions: 'sts:AssumeRole', Sid: 'has space' }],
    });
    expect(issues.map((i) => [i.code, i.path.join('.')])).toEqual([
      ['unknown_statement_key', 'Statement.0.Actions'],
      ['sid_invalid', 'Statement.0.Sid'],
      ['effect_invalid', 'Statement.0.Effect'],
      ['principal_type_unknown', 'Statement.0.Principal.aws'],
      ['action_missing', 'Statement.0'],
    ]);
    expect(issues.find((i) => i.code === 'effect_invalid')?.hint).toBe(
      'Effect is case-sensitive: write "Allow".',
    );
    expect(issues.find((i) => i.code === 'unknown_statement_key')?.hint).toBe(
      'Element names are case-sensitive and singular: write "Action".',
    );
  });

  it('recognises the output of aws sts assume-role', () => {
    const { policy, issues } = readPolicy(JSON.parse(seedPolicy('assumeRoleOutput').text));
    expect(policy).toBeNull();
    expect(issues.find((i) => i.code === 'unknown_top_level_key')?.hint).toBe(
      'This is the output of `aws sts assume-role` (temporary credentials), not a policy.',
    );
  });
});

describe('evaluatePolicy: wildcard matching cost', () => {
  it('matches many wildcards against a long value quickly (no backtracking blow-up)', () => {
    const pattern = `${'*a'.repeat(30)}*b`;
    const { policy } = readPolicy(
      rootTrust({ Condition: { StringLike: { 'sts:RoleSessionName': pattern } } }),
    );
    const started = Date.now();
    const result = evaluatePolicy(policy!, assume(user(alice), { 'sts:RoleSessionName': 'a'.repeat(2000) }));
    expect(result.decision).toBe('implicit_deny');
    expect(Date.now() - started).toBeLessThan(500);
  });
});
