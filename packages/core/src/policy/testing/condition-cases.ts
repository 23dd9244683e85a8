/**
 * Evaluation cases for conditions: each operator family, missing keys, IfExists, set operators,
 * policy variables, and operators the evaluator does not know (which fail closed).
 */
import { assume, rootTrust, seedText, trust, withPolicy } from './evaluation-cases';
import type { Case } from './evaluation-cases';
import { A, alice, bob, brokerRole, brokerSession, session, user } from './principals';

/** The account-root trust policy under one Condition block. */
const rootTrustIf = (condition: Record<string, unknown>) => rootTrust({ Condition: condition });

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

const STRING_CASES: Case[] = [
  {
    rule: 'StringEquals is case-sensitive',
    policy: rootTrustIf({ StringEquals: { 'sts:SourceIdentity': 'Alice' } }),
    request: assume(user(alice), { 'sts:SourceIdentity': 'alice' }),
    expected: 'implicit_deny',
  },
  {
    rule: 'StringEqualsIgnoreCase ignores case',
    policy: rootTrustIf({ StringEqualsIgnoreCase: { 'sts:SourceIdentity': 'Alice' } }),
    request: assume(user(alice), { 'sts:SourceIdentity': 'alice' }),
    expected: 'allow',
  },
  ...withPolicy(rootTrustIf({ StringLike: { 'sts:SourceIdentity': '*' } }), [
    {
      rule: 'StringLike "*" holds when the key is present',
      request: assume(user(alice), { 'sts:SourceIdentity': 'u-1' }),
      expected: 'allow',
    },
    {
      rule: 'StringLike "*" is false when the key is absent (missing key: positive operators are false)',
      request: assume(user(alice)),
      expected: 'implicit_deny',
    },
  ]),
  {
    rule: 'StringLike "?" matches one character',
    policy: rootTrustIf({ StringLike: { 'sts:RoleSessionName': 'ops-??' } }),
    request: assume(user(alice), { 'sts:RoleSessionName': 'ops-42' }),
    expected: 'allow',
  },
  {
    rule: 'Several values of one key are ORed',
    policy: rootTrustIf({ StringEquals: { 'aws:PrincipalTag/team': ['infra', 'sre'] } }),
    request: assume(user(alice), { 'aws:PrincipalTag/team': 'sre' }),
    expected: 'allow',
  },
  ...withPolicy(rootTrustIf({ StringNotEquals: { 'aws:PrincipalTag/team': ['infra', 'sre'] } }), [
    {
      rule: 'Negated operators NOR several values: equal to one of them fails',
      request: assume(user(alice), { 'aws:PrincipalTag/team': 'sre' }),
      expected: 'implicit_deny',
    },
    {
      rule: 'Negated operators NOR several values: equal to none of them holds',
      request: assume(user(alice), { 'aws:PrincipalTag/team': 'web' }),
      expected: 'allow',
    },
  ]),
  {
    rule: 'Missing key: a negated operator is true',
    policy: rootTrustIf({ StringNotEquals: { 'aws:PrincipalTag/team': 'contractors' } }),
    request: assume(user(alice)),
    expected: 'allow',
  },
  {
    rule: 'Missing key: a positive operator is false',
    policy: rootTrustIf({ StringEquals: { 'aws:PrincipalTag/team': 'infra' } }),
    request: assume(user(alice)),
    expected: 'implicit_deny',
  },
  ...withPolicy(rootTrustIf({ StringEqualsIfExists: { 'aws:PrincipalTag/team': 'infra' } }), [
    { rule: '...IfExists is true when the key is absent', request: assume(user(alice)), expected: 'allow' },
    {
      rule: '...IfExists still checks a key that is present',
      request: assume(user(alice), { 'aws:PrincipalTag/team': 'web' }),
      expected: 'implicit_deny',
    },
  ]),
  {
    rule: 'Several keys under one operator are ANDed',
    policy: rootTrustIf({ StringEquals: { 'aws:PrincipalTag/team': 'infra', 'sts:SourceIdentity': 'u-1' } }),
    request: assume(user(alice), { 'aws:PrincipalTag/team': 'infra', 'sts:SourceIdentity': 'u-2' }),
    expected: 'implicit_deny',
  },
  {
    rule: 'Several operators are ANDed',
    policy: rootTrustIf({
      StringEquals: { 'aws:PrincipalTag/team': 'infra' },
      Bool: { 'aws:SecureTransport': 'true' },
    }),
    request: assume(user(alice), { 'aws:PrincipalTag/team': 'infra', 'aws:SecureTransport': 'true' }),
    expected: 'allow',
  },
  {
    rule: 'Condition key names are case-insensitive',
    policy: rootTrustIf({ StringEquals: { 'STS:SOURCEIDENTITY': 'u-1' } }),
    request: assume(user(alice), { 'sts:SourceIdentity': 'u-1' }),
    expected: 'allow',
  },
  {
    rule: 'Policy variables are substituted with Version 2012-10-17',
    policy: rootTrustIf({ StringLike: { 'sts:RoleSessionName': '${aws:username}' } }),
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
    policy: rootTrustIf({ StringLike: { 'sts:RoleSessionName': 'a${*}' } }),
    request: assume(user(alice), { 'sts:RoleSessionName': 'abc' }),
    expected: 'implicit_deny',
  },
];

const SET_OPERATOR_CASES: Case[] = [
  ...withPolicy(rootTrustIf({ 'ForAnyValue:StringEquals': { 'aws:TagKeys': ['gatehouse:mfa'] } }), [
    {
      rule: 'ForAnyValue: true when any request value matches',
      request: assume(user(alice), { 'aws:TagKeys': ['gatehouse:user', 'gatehouse:mfa'] }),
      expected: 'allow',
    },
    {
      rule: 'ForAnyValue: false when the key is absent',
      request: assume(user(alice)),
      expected: 'implicit_deny',
    },
  ]),
  ...withPolicy(rootTrustIf({ 'ForAllValues:StringLike': { 'aws:TagKeys': ['gatehouse:*'] } }), [
    {
      rule: 'ForAllValues: true when every request value matches a policy value',
      request: assume(user(alice), { 'aws:TagKeys': ['gatehouse:user', 'gatehouse:mfa'] }),
      expected: 'allow',
    },
    {
      rule: 'ForAllValues: false when one request value matches none',
      request: assume(user(alice), { 'aws:TagKeys': ['gatehouse:user', 'cost-centre'] }),
      expected: 'implicit_deny',
    },
    { rule: 'ForAllValues: true when the key is absent', request: assume(user(alice)), expected: 'allow' },
  ]),
  ...withPolicy(tagKeysDeny, [
    {
      rule: 'ForAllValues:StringNotLike in a Deny matches a request whose keys all lack the prefix',
      request: {
        principal: user(alice),
        action: 'sts:TagSession',
        context: { 'aws:TagKeys': ['key2:audit'] },
      },
      expected: 'explicit_deny',
      deciding: [1],
    },
    {
      rule: 'ForAllValues:StringNotLike in a Deny does not match when every key has the prefix',
      request: {
        principal: user(alice),
        action: 'sts:TagSession',
        context: { 'aws:TagKeys': ['key1:hr', 'key1:personnel'] },
      },
      expected: 'allow',
    },
    {
      rule: 'ForAllValues:StringNotLike in a Deny matches a request without the key',
      request: { principal: user(alice), action: 'sts:TagSession' },
      expected: 'explicit_deny',
    },
  ]),
];

const ARN_CASES: Case[] = [
  ...withPolicy(infraUsers(A), [
    {
      rule: 'ArnLike on aws:PrincipalArn narrows an account principal (seed, real account)',
      request: assume(user(`arn:aws:iam::${A}:user/alice_infra`)),
      expected: 'allow',
    },
    {
      rule: 'ArnLike on aws:PrincipalArn keeps out the others of the account (seed, real account)',
      request: assume(user(alice)),
      expected: 'implicit_deny',
    },
  ]),
  {
    rule: 'A placeholder account in Principal trusts nobody (seed: infra users as written, comma fixed)',
    policy: seedText('trustInfraUsers'),
    request: assume(user('arn:aws:iam::aaaaaaaaaa:user/ops_infra')),
    expected: 'implicit_deny',
  },
  {
    rule: 'ArnLike compares the six ARN fields: "*" in one field does not span ":"',
    policy: rootTrustIf({ ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/*' } }),
    request: assume(session(brokerRole, brokerSession), {
      'aws:PrincipalArn': `arn:aws:sts::${A}:assumed-role/x/y`,
    }),
    expected: 'implicit_deny',
  },
  {
    rule: 'ArnNotLike holds for ARNs outside the pattern',
    policy: rootTrustIf({ ArnNotLike: { 'aws:PrincipalArn': `arn:aws:iam::${A}:user/*` } }),
    request: assume(session(brokerRole, brokerSession)),
    expected: 'allow',
  },
];

const seedUser = user('arn:aws:iam::123456789012:user/x');

const SCALAR_CASES: Case[] = [
  ...withPolicy(seedText('trustAccountRootWithMfa'), [
    {
      rule: 'Bool aws:MultiFactorAuthPresent "true" allows MFA sessions (seed: MFA trust policy)',
      request: assume(seedUser, { 'aws:MultiFactorAuthPresent': 'true' }),
      expected: 'allow',
    },
    {
      rule: 'Bool is false when the key is absent, e.g. long-term keys without MFA (seed: MFA trust policy)',
      request: assume(seedUser),
      expected: 'implicit_deny',
    },
    {
      rule: 'Bool compares the value: "false" does not satisfy "true" (seed: MFA trust policy)',
      request: assume(seedUser, { 'aws:MultiFactorAuthPresent': false }),
      expected: 'implicit_deny',
    },
  ]),
  {
    rule: 'Null "true" holds when the key is absent',
    policy: rootTrustIf({ Null: { 'sts:ExternalId': 'true' } }),
    request: assume(user(alice)),
    expected: 'allow',
  },
  {
    rule: 'Null "false" requires the key to be present',
    policy: rootTrustIf({ Null: { 'sts:SourceIdentity': 'false' } }),
    request: assume(user(alice)),
    expected: 'implicit_deny',
  },
  ...withPolicy(
    trust({
      Effect: 'Allow',
      Principal: { AWS: [alice, bob] },
      Action: 'sts:AssumeRole',
      Condition: { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } },
    }),
    [
      {
        rule: 'IpAddress holds for an address inside the CIDR (seed: users from one IP, real values)',
        request: assume(user(bob), { 'aws:SourceIp': '203.0.113.99' }),
        expected: 'allow',
      },
      {
        rule: 'IpAddress fails for an address outside the CIDR',
        request: assume(user(bob), { 'aws:SourceIp': '192.0.2.1' }),
        expected: 'implicit_deny',
      },
    ],
  ),
  {
    rule: 'IpAddress accepts IPv6 ranges',
    policy: rootTrustIf({ IpAddress: { 'aws:SourceIp': '2001:db8::/32' } }),
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
    policy: rootTrustIf({ NotIpAddress: { 'aws:SourceIp': '10.0.0.0/8' } }),
    request: assume(user(alice)),
    expected: 'allow',
  },
  ...withPolicy(rootTrustIf({ NumericLessThan: { 'aws:MultiFactorAuthAge': '3600' } }), [
    {
      rule: 'NumericLessThan holds for a smaller number',
      request: assume(user(alice), { 'aws:MultiFactorAuthAge': 300 }),
      expected: 'allow',
    },
    {
      rule: 'NumericLessThan fails for a larger number',
      request: assume(user(alice), { 'aws:MultiFactorAuthAge': 7200 }),
      expected: 'implicit_deny',
    },
  ]),
  ...withPolicy(revokeOlder('2026-03-01T12:00:00Z'), [
    {
      rule: 'DateLessThan aws:TokenIssueTime denies credentials issued before the cut-off (AWSRevokeOlderSessions)',
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
      request: {
        principal: session(brokerRole, brokerSession),
        action: 's3:ListBucket',
        resource: 'arn:aws:s3:::b',
        context: { 'aws:TokenIssueTime': '2026-03-01T12:00:01Z' },
      },
      expected: 'allow',
    },
  ]),
  {
    rule: 'DateGreaterThan compares with aws:CurrentTime (the request time)',
    policy: rootTrustIf({ DateGreaterThan: { 'aws:CurrentTime': '2026-01-01T00:00:00Z' } }),
    request: assume(user(alice), {}, new Date('2026-06-01T00:00:00Z')),
    expected: 'allow',
  },
  {
    rule: 'Dates may be written as epoch seconds',
    policy: rootTrustIf({ DateLessThan: { 'aws:CurrentTime': '1767225600' } }),
    request: assume(user(alice), {}, new Date('2026-06-01T00:00:00Z')),
    expected: 'implicit_deny',
  },
];

const UNKNOWN_OPERATOR_CASES: Case[] = [
  {
    rule: 'An operator the evaluator does not know keeps an Allow from applying',
    policy: rootTrustIf({ StringFuzzyEquals: { 'sts:SourceIdentity': 'u-1' } }),
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
];

export const CONDITION_CASES: Case[] = [
  ...STRING_CASES,
  ...SET_OPERATOR_CASES,
  ...ARN_CASES,
  ...SCALAR_CASES,
  ...UNKNOWN_OPERATOR_CASES,
];
