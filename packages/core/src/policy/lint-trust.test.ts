import { describe, expect, it } from 'vitest';
import { allowBroker, BROKER, codesOf, lintJson, policyOf } from './testing/lint';

describe('lintPolicy: trust policy checks', () => {
  it('flags a wildcard principal without conditions as dangerous', () => {
    expect(
      codesOf(policyOf({ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' }), null),
    ).toEqual(['danger:wildcard_principal']);
    const anyone = policyOf({ Effect: 'Allow', Principal: '*', Action: 'sts:AssumeRole' });
    expect(codesOf(anyone, null)).toEqual(['danger:wildcard_principal']);
    expect(lintJson(anyone, null).ok).toBe(false);
  });

  it.each([
    [
      'only warns about a wildcard principal narrowed by conditions',
      policyOf({
        Effect: 'Allow',
        Principal: '*',
        Action: 'sts:AssumeRole',
        Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abc123' } },
      }),
      ['warning:wildcard_principal_conditional'],
    ],
    [
      'flags Allow with NotPrincipal',
      policyOf({ Effect: 'Allow', NotPrincipal: { AWS: BROKER }, Action: 'sts:AssumeRole' }),
      ['danger:allow_not_principal'],
    ],
    [
      'rejects Resource and a missing Principal in a trust policy',
      policyOf(allowBroker({ Resource: '*' }), { Effect: 'Allow', Action: 'sts:TagSession' }),
      ['error:resource_in_trust_policy', 'error:principal_missing'],
    ],
    [
      'rejects wildcards inside a principal ARN and notices deleted principals',
      policyOf({
        Effect: 'Allow',
        Principal: { AWS: ['arn:aws:iam::123456789012:role/team-*', 'AROAEXAMPLEID1234567'] },
        Action: 'sts:AssumeRole',
      }),
      ['error:principal_wildcard_arn', 'warning:principal_deleted'],
    ],
    [
      'warns about misspelt and meaningless actions in a trust policy',
      policyOf(allowBroker({ Action: ['sts:AssumeRoles', 's3:GetObject', 'sts:*'] })),
      ['warning:unknown_sts_action', 'warning:non_sts_action', 'warning:broad_trust_action'],
    ],
  ])('%s', (_rule, policy, expected) => {
    expect(codesOf(policy, null)).toEqual(expected);
  });
});
