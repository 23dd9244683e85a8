import { describe, expect, it } from 'vitest';
import { allowBroker, codesOf, lintJson, policyOf } from './testing/lint';
import { lintPolicy } from './lint-policy';

describe('lintPolicy: conditions', () => {
  it('reports unknown operators (an error: IAM rejects them) and unknown keys (a warning)', () => {
    const result = lintJson(
      policyOf(
        allowBroker({
          Action: ['sts:AssumeRole', 'sts:SetSourceIdentity', 'sts:TagSession'],
          Condition: {
            stringEquals: { 'aws:RequestTag/gatehouse:mfa': 'true' },
            StringLike: { 'sts:SoruceIdentity': '*' },
          },
        }),
      ),
      null,
    );
    expect(result.findings.map((f) => [f.code, f.severity, f.hint])).toEqual([
      ['condition_operator_unknown', 'error', 'Operator names are case-sensitive: write "StringEquals".'],
      ['condition_key_unknown', 'warning', null],
    ]);
  });

  it('checks condition values against their operator', () => {
    const condition = {
      Bool: { 'aws:SecureTransport': 'yes' },
      DateLessThan: { 'aws:CurrentTime': 'next tuesday' },
      StringEquals: { 'aws:SourceIp': '10.0.0.1' },
      StringLike: { 'aws:TagKeys': 'gatehouse:*' },
      'ForAnyValue:StringEquals': { 'sts:SourceIdentity': 'u-1' },
    };
    expect(
      lintJson(policyOf(allowBroker({ Condition: condition })), null).findings.map((f) => f.code),
    ).toEqual([
      'condition_value_invalid',
      'condition_value_invalid',
      'condition_operator_mismatch',
      'multivalued_key_without_set_operator',
      'set_operator_on_single_valued_key',
    ]);
  });

  it('warns that ForAllValues in an Allow also holds without the key', () => {
    const policy = policyOf(
      allowBroker({ Condition: { 'ForAllValues:StringLike': { 'aws:TagKeys': 'gatehouse:*' } } }),
    );
    expect(codesOf(policy, null)).toEqual(['warning:for_all_values_allow']);
  });
});

describe('condition keys and operators named like object properties', () => {
  it('are unknown keys and operators, not a crash', () => {
    for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      const policy = JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Action: 's3:GetObject',
            Resource: '*',
            Condition: { StringEquals: { [name]: 'x' }, [name]: { 'aws:SourceIp': '10.0.0.0/8' } },
          },
        ],
      });
      const result = lintPolicy(policy, { kind: 'identity' });
      expect(result.ok, name).toBe(false);
      expect(result.findings.map((f) => f.message).join('\n'), name).toContain(name);
    }
  });
});
