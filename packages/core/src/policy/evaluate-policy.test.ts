import { describe, expect, it } from 'vitest';
import { evaluatePolicy } from './evaluate-policy';
import { readPolicy } from './read-policy';
import { CONDITION_CASES } from './testing/condition-cases';
import { ELEMENT_CASES } from './testing/element-cases';
import { assume, ipDeny, rootTrust, seedText } from './testing/evaluation-cases';
import { alice, B, user } from './testing/principals';
import { SEED_POLICIES } from './testing/seed-policies';

const CASES = [...ELEMENT_CASES, ...CONDITION_CASES];

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
