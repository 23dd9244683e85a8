/**
 * Evaluation cases for the statement elements (Principal, Action, Resource and their Not forms),
 * for explicit Deny over Allow, and for the seed articles' and Gatehouse's own trust policies.
 */
import { brokerRequestContext } from '../check-broker-trust';
import { trustPolicyDocument } from '../generate-trust-policy';
import { assume, ipDeny, onResource, rootTrust, seedText, trust, withPolicy } from './evaluation-cases';
import type { Case } from './evaluation-cases';
import { A, alice, B, bob, brokerRole, brokerSession, outsider, session, user } from './principals';

const PRINCIPAL_CASES: Case[] = [
  ...withPolicy(rootTrust(), [
    {
      rule: 'Principal: an account root ARN trusts every principal of that account',
      request: assume(user(alice)),
      expected: 'allow',
      deciding: [0],
    },
    {
      rule: 'Principal: an account root ARN does not trust principals of other accounts',
      request: assume(user(outsider)),
      expected: 'implicit_deny',
    },
  ]),
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
  ...withPolicy(trust({ Effect: 'Allow', Principal: { AWS: brokerRole }, Action: 'sts:AssumeRole' }), [
    {
      rule: 'Principal: a role ARN trusts every session of that role',
      request: assume(session(brokerRole, brokerSession)),
      expected: 'allow',
    },
    {
      rule: 'Principal: a role ARN does not trust another role of the same account',
      request: assume(session(`arn:aws:iam::${A}:role/other`, `arn:aws:sts::${A}:assumed-role/other/s`)),
      expected: 'implicit_deny',
    },
  ]),
  ...withPolicy(trust({ Effect: 'Allow', Principal: { AWS: brokerSession }, Action: 'sts:AssumeRole' }), [
    {
      rule: 'Principal: an assumed-role session ARN trusts that session',
      request: assume(session(brokerRole, brokerSession)),
      expected: 'allow',
    },
    {
      rule: 'Principal: an assumed-role session ARN does not trust other sessions of the role',
      request: assume(session(brokerRole, `arn:aws:sts::${A}:assumed-role/gatehouse-broker/i-0def`)),
      expected: 'implicit_deny',
    },
  ]),
  ...withPolicy(trust({ Effect: 'Allow', Principal: { AWS: [alice] }, Action: 'sts:AssumeRole' }), [
    { rule: 'Principal: an IAM user ARN trusts that user', request: assume(user(alice)), expected: 'allow' },
    {
      rule: 'Principal: an IAM user ARN does not trust another user of the account',
      request: assume(user(bob)),
      expected: 'implicit_deny',
    },
  ]),
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
  ...withPolicy(
    trust({ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }),
    [
      {
        rule: 'Principal: a Service principal trusts that service only',
        request: assume({ type: 'Service', name: 'ec2.amazonaws.com' }),
        expected: 'allow',
      },
      {
        rule: 'Principal: a Service principal does not trust IAM users',
        request: assume(user(alice)),
        expected: 'implicit_deny',
      },
    ],
  ),
  ...withPolicy(
    trust([
      { Effect: 'Allow', Principal: { AWS: A }, Action: 'sts:AssumeRole' },
      { Effect: 'Deny', NotPrincipal: { AWS: [alice] }, Action: 'sts:AssumeRole' },
    ]),
    [
      {
        rule: 'NotPrincipal with Deny: the listed principal is not denied',
        request: assume(user(alice)),
        expected: 'allow',
      },
      {
        rule: 'NotPrincipal with Deny: every other principal is denied',
        request: assume(user(bob)),
        expected: 'explicit_deny',
        deciding: [1],
      },
    ],
  ),
];

const ACTION_CASES: Case[] = [
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
  ...withPolicy(trust({ Effect: 'Allow', Principal: { AWS: A }, NotAction: 'sts:TagSession' }), [
    {
      rule: 'NotAction: allows every action except those listed',
      request: { principal: user(alice), action: 'sts:SetSourceIdentity' },
      expected: 'allow',
    },
    {
      rule: 'NotAction: the listed action is not allowed',
      request: { principal: user(alice), action: 'sts:TagSession' },
      expected: 'implicit_deny',
    },
  ]),
];

const RESOURCE_CASES: Case[] = [
  {
    rule: 'Resource "*" matches any role (seed: switch to any role, comma fixed)',
    policy: seedText('switchRoleAnyRole'),
    request: onResource(user(alice), 'sts:AssumeRole', `arn:aws:iam::${B}:role/anything`),
    expected: 'allow',
  },
  ...withPolicy(seedText('switchRoleAccountRoles'), [
    {
      rule: 'Resource: "*" in an ARN matches every role of the account (seed, comma fixed)',
      request: onResource(user(alice), 'sts:AssumeRole', 'arn:aws:iam::1234567890:role/sw-admin'),
      expected: 'allow',
    },
    {
      rule: 'Resource: an ARN of another account does not match (seed, comma fixed)',
      request: onResource(user(alice), 'sts:AssumeRole', `arn:aws:iam::${B}:role/sw-admin`),
      expected: 'implicit_deny',
    },
  ]),
  ...withPolicy(seedText('switchRoleTwoRoles'), [
    {
      rule: 'Resource: each listed ARN matches (seed: two accounts, comma fixed)',
      request: onResource(user(alice), 'sts:AssumeRole', 'arn:aws:iam::9988776655:role/sw-admin-write'),
      expected: 'allow',
    },
    {
      rule: 'Resource: ARNs are matched case-sensitively (seed: two accounts, comma fixed)',
      request: onResource(user(alice), 'sts:AssumeRole', 'arn:aws:iam::9988776655:role/SW-ADMIN-WRITE'),
      expected: 'implicit_deny',
    },
  ]),
  {
    rule: 'Resource: a placeholder account id never matches a real ARN (seed: Identity Center permission set)',
    policy: seedText('permissionSetAssumeCompanyRole'),
    request: onResource(user(alice), 'sts:AssumeRole', `arn:aws:iam::${B}:role/VendorAccessRole`),
    expected: 'implicit_deny',
  },
  {
    rule: 'Resource: a Japanese placeholder never matches a real ARN (seed: switch role policy)',
    policy: seedText('switchRolePlaceholder'),
    request: onResource(user(alice), 'sts:AssumeRole', `arn:aws:iam::${B}:role/Target`),
    expected: 'implicit_deny',
  },
  ...withPolicy(seedText('bobIdentityPolicy'), [
    {
      rule: 'Identity policy without Principal applies to whoever holds it (seed: Bob, ec2:Describe*)',
      request: onResource(user(bob), 'ec2:DescribeInstances', '*'),
      expected: 'allow',
    },
    {
      rule: 'Identity policy: an action it does not list is implicitly denied (seed: Bob, RDS)',
      request: onResource(user(bob), 'rds:DescribeDBInstances', '*'),
      expected: 'implicit_deny',
    },
    {
      rule: 'Identity policy: sts:AssumeRole on "*" allows assuming any role (seed: Bob)',
      request: onResource(user(bob), 'sts:AssumeRole', 'arn:aws:iam::123456789012:role/example-role'),
      expected: 'allow',
    },
  ]),
  ...withPolicy(seedText('s3ReadPolicy'), [
    {
      rule: 'Resource: object ARNs match "bucket/*" (seed: S3 read policy)',
      request: onResource(
        user(alice),
        's3:GetObject',
        'arn:aws:s3:::company-shared-data-bucket-XXXXX/test-data.txt',
      ),
      expected: 'allow',
    },
    {
      rule: 'Resource: the bucket ARN itself does not match "bucket/*" (seed: S3 read policy)',
      request: onResource(user(alice), 's3:GetObject', 'arn:aws:s3:::company-shared-data-bucket-XXXXX'),
      expected: 'implicit_deny',
    },
    {
      rule: 'Action: s3:PutObject is not granted by a read-only policy (seed: S3 read policy)',
      request: onResource(user(alice), 's3:PutObject', 'arn:aws:s3:::company-shared-data-bucket-XXXXX/x'),
      expected: 'implicit_deny',
    },
  ]),
  {
    rule: 'NotResource: matches every resource except those listed',
    policy: {
      Version: '2012-10-17',
      Statement: { Effect: 'Allow', Action: 's3:*', NotResource: 'arn:aws:s3:::secret/*' },
    },
    request: onResource(user(alice), 's3:GetObject', 'arn:aws:s3:::public/a'),
    expected: 'allow',
  },
];

const EXPLICIT_DENY_CASES: Case[] = [
  ...withPolicy(ipDeny('203.0.113.0/24'), [
    {
      rule: 'Explicit Deny overrides an Allow (seed: privileged role from one IP, request from elsewhere)',
      request: onResource(user(alice), 'sts:AssumeRole', `arn:aws:iam::${B}:role/Admin`, {
        'aws:SourceIp': '198.51.100.7',
      }),
      expected: 'explicit_deny',
      deciding: [1],
    },
    {
      rule: 'A Deny whose condition does not hold does not apply (seed: privileged role, request from the allowed IP)',
      request: onResource(user(alice), 'sts:AssumeRole', `arn:aws:iam::${B}:role/Admin`, {
        'aws:SourceIp': '203.0.113.20',
      }),
      expected: 'allow',
      deciding: [0],
    },
  ]),
  {
    rule: 'A placeholder CIDR never matches, so NotIpAddress denies from everywhere (seed as written)',
    policy: seedText('privilegedRoleFromIp'),
    request: onResource(
      user(alice),
      'sts:AssumeRole',
      'arn:aws:iam::xxxxxxxxxx:role/AssumedAdministratorAccessRole',
      { 'aws:SourceIp': '203.0.113.20' },
    ),
    expected: 'explicit_deny',
  },
  ...withPolicy(
    trust([
      { Effect: 'Deny', Principal: { AWS: [bob] }, Action: 'sts:AssumeRole' },
      { Effect: 'Allow', Principal: { AWS: A }, Action: 'sts:AssumeRole' },
    ]),
    [
      {
        rule: 'Explicit Deny wins whatever the statement order',
        request: assume(user(bob)),
        expected: 'explicit_deny',
        deciding: [0],
      },
      {
        rule: 'A Deny for another principal leaves the Allow in force',
        request: assume(user(alice)),
        expected: 'allow',
        deciding: [1],
      },
    ],
  ),
  {
    rule: 'No statement applies: implicit deny (default deny)',
    policy: trust([]),
    request: assume(user(alice)),
    expected: 'implicit_deny',
  },
];

const TRUST_POLICY_CASES: Case[] = [
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
  ...withPolicy(trustPolicyDocument(brokerRole), [
    {
      rule: "Generated trust policy: the broker's AssumeRole with SourceIdentity and the MFA tag is allowed",
      request: assume(session(brokerRole, brokerSession), brokerRequestContext()),
      expected: 'allow',
    },
    {
      rule: 'Generated trust policy: sts:TagSession is allowed for the broker',
      request: {
        principal: session(brokerRole, brokerSession),
        action: 'sts:TagSession',
        context: brokerRequestContext(),
      },
      expected: 'allow',
    },
    {
      rule: 'Generated trust policy: AssumeRole without SourceIdentity is refused',
      request: assume(session(brokerRole, brokerSession), { 'aws:RequestTag/gatehouse:mfa': 'true' }),
      expected: 'implicit_deny',
    },
    {
      rule: 'Generated trust policy: AssumeRole without gatehouse:mfa=true is refused',
      request: assume(session(brokerRole, brokerSession), {
        ...brokerRequestContext(),
        'aws:RequestTag/gatehouse:mfa': 'false',
      }),
      expected: 'implicit_deny',
    },
    {
      rule: 'Generated trust policy: another principal of the same account is refused',
      request: assume(user(alice), brokerRequestContext()),
      expected: 'implicit_deny',
    },
  ]),
];

export const ELEMENT_CASES: Case[] = [
  ...PRINCIPAL_CASES,
  ...ACTION_CASES,
  ...RESOURCE_CASES,
  ...EXPLICIT_DENY_CASES,
  ...TRUST_POLICY_CASES,
];
