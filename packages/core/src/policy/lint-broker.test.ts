import { describe, expect, it } from 'vitest';
import { trustPolicyDocument } from './generate-trust-policy';
import { BROKER, lintJson, policyOf } from './testing/lint';

describe('lintPolicy: whether the broker gets in', () => {
  it('finds nothing wrong with the generated trust policy', () => {
    const result = lintJson(trustPolicyDocument(BROKER));
    expect(result.findings).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.broker?.trusted).toBe(true);
  });

  it('accepts the broker as an assumed-role session ARN', () => {
    const result = lintJson(
      trustPolicyDocument(BROKER),
      'arn:aws:sts::123456789012:assumed-role/gatehouse-broker/i-1',
    );
    expect(result.broker?.trusted).toBe(true);
  });

  it('reports a Deny that blocks the broker at the Deny statement', () => {
    const policy = policyOf(trustPolicyDocument(BROKER).Statement[0]!, {
      Sid: 'NoTags',
      Effect: 'Deny',
      Principal: { AWS: '123456789012' },
      Action: 'sts:TagSession',
    });
    const result = lintJson(policy);
    const finding = result.findings.find((f) => f.code === 'deny_blocks_broker')!;
    expect(finding.severity).toBe('error');
    expect(finding.path).toBe('Statement[1]');
    expect(finding.message).toContain('Statement 2 ("NoTags") denies sts:TagSession to the broker');
  });

  it('reports a Deny that depends on the source IP as unverifiable, not as certain', () => {
    const policy = policyOf(trustPolicyDocument(BROKER).Statement[0]!, {
      Effect: 'Deny',
      Principal: '*',
      Action: 'sts:AssumeRole',
      Condition: { NotIpAddress: { 'aws:SourceIp': '203.0.113.0/24' } },
    });
    const result = lintJson(policy);
    expect(result.findings.map((f) => `${f.severity}:${f.code}`)).toEqual(['warning:deny_blocks_broker']);
    expect(result.broker?.unverifiable).toBe(true);
    expect(result.findings[0]?.message).toContain('depends on aws:SourceIp');
  });
});
