import { describe, expect, it } from 'vitest';
import { MAX_SESSION_POLICY_CHARS, validateSessionPolicy } from './session-policy';

const allow = { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::bucket/*' };

function policy(statement: unknown, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: statement, ...extra }, null, 2);
}

function reasonOf(json: string): string {
  const result = validateSessionPolicy(json);
  if (result.ok) throw new Error(`expected a failure for ${json}`);
  return result.reason;
}

describe('validateSessionPolicy', () => {
  it('accepts a readable policy and returns it minified', () => {
    const json = `{
      "Version": "2012-10-17",
      "Statement": [
        { "Sid": "Read", "Effect": "Allow", "Action": ["s3:Get*", "s3:List*"], "Resource": "*" },
        { "Effect": "Deny", "NotAction": "iam:*", "NotResource": ["arn:aws:iam::123456789012:role/x"],
          "Condition": { "Bool": { "aws:MultiFactorAuthPresent": "false" } } }
      ]
    }`;
    expect(validateSessionPolicy(json)).toEqual({
      ok: true,
      minified:
        '{"Version":"2012-10-17","Statement":[{"Sid":"Read","Effect":"Allow","Action":["s3:Get*","s3:List*"],"Resource":"*"},' +
        '{"Effect":"Deny","NotAction":"iam:*","NotResource":["arn:aws:iam::123456789012:role/x"],"Condition":{"Bool":{"aws:MultiFactorAuthPresent":"false"}}}]}',
    });
  });

  it.each([
    policy(allow),
    policy([allow]),
    policy(allow, { Id: 'gatehouse' }),
    JSON.stringify({ Version: '2008-10-17', Statement: allow }),
    policy({ ...allow, Action: '*' }),
    policy({ ...allow, Action: 'execute-api:Invoke' }),
    policy({ ...allow, Action: 'S3:getobject' }),
    policy({ ...allow, Action: 'ec2:Describe?nstances' }),
  ])('accepts %s', (json) => {
    expect(validateSessionPolicy(json).ok).toBe(true);
  });

  it.each([
    ['', 'Policy is not valid JSON'],
    ['{', 'Policy is not valid JSON'],
    ["{'Version':'2012-10-17'}", 'Policy is not valid JSON'],
    ['[]', 'Policy must be a JSON object'],
    ['null', 'Policy must be a JSON object'],
    ['"policy"', 'Policy must be a JSON object'],
    [JSON.stringify({ Statement: allow }), 'Version must be "2012-10-17" (or the legacy "2008-10-17")'],
    [JSON.stringify({ Version: '2012-10-18', Statement: allow }), 'Version must be "2012-10-17"'],
    [JSON.stringify({ Version: 20121017, Statement: allow }), 'Version must be "2012-10-17"'],
    [JSON.stringify({ Version: '2012-10-17' }), 'Statement is required'],
    [policy([]), 'Statement must not be an empty list'],
    [policy('Allow'), 'Statement must be an object'],
    [policy(null), 'Statement must be an object'],
    [policy([allow, 'x']), 'Statement[1] must be an object'],
    [policy(allow, { Id: 5 }), 'Id must be a string'],
    [policy(allow, { Extra: 1 }), 'Extra is not a policy element'],
    [policy([allow, { ...allow, Effect: 'allow' }]), 'Statement[1].Effect must be Allow or Deny'],
    [policy({ Action: 's3:*', Resource: '*' }), 'Statement.Effect must be Allow or Deny'],
    [policy([{ ...allow, Effect: true }]), 'Statement[0].Effect must be Allow or Deny'],
    [policy([{ Effect: 'Allow', Resource: '*' }]), 'Statement[0] must have Action or NotAction'],
    [policy([{ ...allow, NotAction: 's3:*' }]), 'Statement[0] must have Action or NotAction, not both'],
    [policy([{ Effect: 'Allow', Action: '*' }]), 'Statement[0] must have Resource or NotResource'],
    [policy([{ ...allow, NotResource: '*' }]), 'Statement[0] must have Resource or NotResource, not both'],
    [policy([{ ...allow, Action: [] }]), 'Statement[0].Action must not be an empty list'],
    [policy([{ ...allow, Action: '' }]), 'Statement[0].Action must be a non-empty string'],
    [
      policy([{ ...allow, Action: ['s3:GetObject', 7] }]),
      'Statement[0].Action[1] must be a non-empty string',
    ],
    [policy([{ ...allow, Action: 'GetObject' }]), 'Statement[0].Action must be "*" or "service:Action"'],
    [
      policy([{ ...allow, Action: ['s3:Get', 's3 :Get'] }]),
      'Statement[0].Action[1] must be "*" or "service:Action"',
    ],
    [policy([{ ...allow, Resource: 'bucket' }]), 'Statement[0].Resource must be "*" or an ARN'],
    [policy([{ ...allow, Resource: { arn: 'x' } }]), 'Statement[0].Resource must be a non-empty string'],
    [policy([{ ...allow, Principal: '*' }]), 'Statement[0].Principal is not allowed in a session policy'],
    [
      policy([{ ...allow, NotPrincipal: { AWS: '*' } }]),
      'Statement[0].NotPrincipal is not allowed in a session policy',
    ],
    [policy([{ ...allow, Sid: 1 }]), 'Statement[0].Sid must be a string'],
    [policy([{ ...allow, Efect: 'Allow' }]), 'Statement[0].Efect is not a policy element'],
    [policy([{ ...allow, Condition: 'x' }]), 'Statement[0].Condition must be an object'],
    [
      policy([{ ...allow, Condition: { StringEquals: 'x' } }]),
      'Statement[0].Condition.StringEquals must be an object',
    ],
  ])('rejects %s: %s', (json, reason) => {
    expect(reasonOf(json)).toContain(reason);
  });

  function sized(targetLength: number): string {
    const base = JSON.stringify({ Version: '2012-10-17', Statement: { ...allow, Sid: '' } });
    const sid = 'S'.repeat(targetLength - base.length);
    return JSON.stringify({ Version: '2012-10-17', Statement: { ...allow, Sid: sid } });
  }

  it('measures the minified JSON: 2048 passes, 2049 fails', () => {
    expect(MAX_SESSION_POLICY_CHARS).toBe(2048);
    const exact = sized(2048);
    expect(exact).toHaveLength(2048);
    expect(validateSessionPolicy(exact)).toEqual({ ok: true, minified: exact });
    expect(reasonOf(sized(2049))).toBe('Policy is 2049 characters when minified; AWS allows at most 2048');
  });

  it('does not count whitespace the admin added for readability', () => {
    const spaced = JSON.stringify(JSON.parse(sized(2048)), null, 8);
    expect(spaced.length).toBeGreaterThan(2048);
    expect(validateSessionPolicy(spaced).ok).toBe(true);
  });

  it('refuses enormous input before parsing it', () => {
    expect(reasonOf(' '.repeat(200_000))).toContain('at most 2048 characters');
  });
});
