import { describe, expect, it } from 'vitest';
import { applyEdit } from './json-document';
import { lintPolicy, TRUST_POLICY_MAX_CHARS } from './lint-policy';
import type { PolicyFinding } from './lint-policy';
import { BROKER, lintJson, policyOf } from './testing/lint';
import { SEED_POLICIES, seedPolicy } from './testing/seed-policies';

/**
 * Every JSON example of the seed articles, verbatim, as the trust-policy (or identity) linter sees
 * it: each finding as `code severity line:column`, in order.
 */
const SEED_EXPECTATIONS: Array<[name: string, expected: string[]]> = [
  ['switchRoleAnyRole', ['json_missing_comma error 1:88', 'assume_any_role info 1:101']],
  ['switchRoleAccountRoles', ['json_missing_comma error 1:88', 'resource_account_invalid warning 1:101']],
  [
    'switchRoleTwoRoles',
    [
      'json_missing_comma error 1:88',
      'resource_account_invalid warning 1:103',
      'resource_account_invalid warning 1:150',
    ],
  ],
  ['privilegedRoleFromIp', ['resource_account_invalid warning 1:130', 'condition_value_invalid error 1:328']],
  [
    'trustUsersFromIp',
    [
      'broker_not_trusted error 1:1',
      'principal_account_invalid error 1:88',
      'principal_account_invalid error 1:135',
      'principal_account_invalid error 1:182',
      'principal_account_invalid error 1:229',
      'json_missing_comma error 1:306',
      'condition_value_invalid error 1:353',
    ],
  ],
  [
    'trustInfraUsers',
    [
      'broker_not_trusted error 1:1',
      'principal_account_invalid error 1:86',
      'json_missing_comma error 1:144',
      'condition_value_account_invalid warning 1:193',
    ],
  ],
  [
    'trustAccountRoot',
    [
      'account_principal info 1:86',
      'broker_missing_set_source_identity error 1:132',
      'broker_missing_tag_session error 1:132',
    ],
  ],
  [
    'trustAccountRootWithMfa',
    [
      'broker_not_trusted error 1:1',
      'account_principal info 1:86',
      'mfa_condition_blocks_broker warning 1:175',
    ],
  ],
  ['switchRolePlaceholder', ['resource_account_invalid warning 6:21', 'invalid_character error 6:36']],
  [
    'assumeRoleOutput',
    [
      'statement_missing error 1:1',
      'version_missing warning 1:1',
      'unknown_top_level_key error 2:5',
      'unknown_top_level_key error 8:5',
    ],
  ],
  ['trustVendorAccount', ['broker_not_trusted error 1:1', 'principal_account_invalid error 8:8']],
  ['s3ReadPolicy', []],
  ['permissionSetAssumeCompanyRole', ['resource_account_invalid warning 1:137']],
  [
    'assumeRoleOutputVendor',
    [
      'statement_missing error 1:1',
      'version_missing warning 1:1',
      'unknown_top_level_key error 2:1',
      'invalid_character error 5:45',
      'unknown_top_level_key error 8:1',
    ],
  ],
  ['bobIdentityPolicy', ['assume_any_role info 11:25']],
  [
    'exampleRoleTrustPolicy',
    [
      'account_principal info 5:31',
      'broker_missing_set_source_identity error 6:19',
      'broker_missing_tag_session error 6:19',
    ],
  ],
];

function lintSeed(name: string) {
  const seed = seedPolicy(name);
  return lintPolicy(seed.text, { kind: seed.kind === 'identity' ? 'identity' : 'trust', brokerArn: BROKER });
}

function applyFix(text: string, f: PolicyFinding): string {
  if (!f.fix) throw new Error(`${f.code} has no fix`);
  return applyEdit(text, f.fix);
}

describe('lintPolicy on the seed articles (verbatim)', () => {
  it('has an expectation for every example', () => {
    expect(SEED_EXPECTATIONS.map(([name]) => name).sort()).toEqual(SEED_POLICIES.map((p) => p.name).sort());
  });

  it.each(SEED_EXPECTATIONS)('%s', (name, expected) => {
    const result = lintSeed(name);
    expect(result.findings.map((f) => `${f.code} ${f.severity} ${f.line}:${f.column}`)).toEqual(expected);
    const severities = expected.map((e) => e.split(' ')[1]);
    expect(result.ok).toBe(severities.every((severity) => severity !== 'error' && severity !== 'danger'));
  });

  it('explains the missing comma between "Action": "sts:AssumeRole" and "Resource" and offers the fix', () => {
    const seed = seedPolicy('switchRoleAnyRole');
    const result = lintPolicy(seed.text, { kind: 'identity' });
    const [syntax] = result.findings;
    expect(syntax).toMatchObject({
      code: 'json_missing_comma',
      message: 'Missing comma between "Action": "sts:AssumeRole" and "Resource".',
      line: 1,
      column: 88,
      fix: { offset: 87, deleteCount: 0, insert: ',' },
    });
    expect(syntax?.hint).toContain('Add "," right after "sts:AssumeRole" (line 1, column 88)');
    // The rest of the document is linted as if the comma were there, positioned in the original text.
    expect(result.assumedFixes).toEqual([{ offset: 87, deleteCount: 0, insert: ',' }]);
    const rest = result.findings[1]!;
    expect(seed.text.slice(rest.offset, rest.endOffset)).toBe('"*"');
    expect(
      lintPolicy(applyFix(seed.text, syntax!), { kind: 'identity' }).findings.map((f) => f.code),
    ).toEqual(['assume_any_role']);
  });

  it('shows what the broken trust policy would do once the comma is in (the broker is not trusted)', () => {
    const result = lintSeed('trustInfraUsers');
    const broker = result.findings.find((f) => f.code === 'broker_not_trusted');
    expect(broker?.message).toBe(
      `The policy does not let the broker (${BROKER}) assume the role. No statement allows sts:AssumeRole by ${BROKER}, so it is implicitly denied.`,
    );
    expect(result.broker?.trusted).toBe(false);
  });

  it('points at the placeholder account in the principal', () => {
    const seed = seedPolicy('trustVendorAccount');
    const finding = lintSeed('trustVendorAccount').findings.find(
      (f) => f.code === 'principal_account_invalid',
    )!;
    expect(seed.text.slice(finding.offset, finding.endOffset)).toBe('"arn:aws:iam::VENDOR-ACCOUNT-ID:root"');
    expect(finding.path).toBe('Statement[0].Principal.AWS');
    expect(finding.hint).toBe('This looks like a placeholder from an example: put the real account id.');
  });

  it('names the Japanese placeholder that IAM would reject', () => {
    const finding = lintSeed('switchRolePlaceholder').findings.find((f) => f.code === 'invalid_character')!;
    expect(finding.message).toBe(
      'IAM accepts only ASCII and Latin-1 characters in a policy; "ス" (U+30B9) at line 6, column 36 is not one of them.',
    );
    expect(finding.hint).toBe(
      '<スイッチ先のAWSアカウントID> is a placeholder from an example: replace it with the real value.',
    );
  });

  it('tells an admin who pastes the switch-role permission policy as a trust policy what it really is', () => {
    const result = lintPolicy(seedPolicy('permissionSetAssumeCompanyRole').text, { kind: 'trust' });
    expect(result.findings.map((f) => f.code)).toEqual(['identity_policy_as_trust']);
    expect(result.findings[0]?.hint).toContain('A trust policy is attached to the role itself');
  });

  it('offers the Action fix for a trust policy without SetSourceIdentity and TagSession, and the fix works', () => {
    const seed = seedPolicy('exampleRoleTrustPolicy');
    const finding = lintSeed('exampleRoleTrustPolicy').findings.find(
      (f) => f.code === 'broker_missing_set_source_identity',
    )!;
    const fixed = applyFix(seed.text, finding);
    expect(JSON.parse(fixed).Statement.Action).toEqual([
      'sts:AssumeRole',
      'sts:SetSourceIdentity',
      'sts:TagSession',
    ]);
    const after = lintPolicy(fixed, { brokerArn: BROKER });
    expect(after.broker?.trusted).toBe(true);
    expect(after.findings.map((f) => f.code)).toEqual(['account_principal']);
  });
});

describe('lintPolicy: the document as a whole', () => {
  it('reports Version problems and duplicate keys', () => {
    const result = lintPolicy(
      '{"Version": "2024-01-01", "Statement": {"Effect": "Allow", "Effect": "Deny", "Principal": "*", "Action": "sts:AssumeRole"}}',
    );
    expect(result.findings.map((f) => `${f.severity}:${f.code}`)).toEqual([
      'error:version_invalid',
      'warning:duplicate_key',
    ]);
  });

  it("warns when a trust policy is over IAM's default size", () => {
    const principals = Array.from(
      { length: 60 },
      (_, i) => `arn:aws:iam::123456789012:user/user-number-${i}`,
    );
    const result = lintJson(
      policyOf({ Effect: 'Allow', Principal: { AWS: principals }, Action: 'sts:AssumeRole' }),
      null,
    );
    const finding = result.findings.find((f) => f.code === 'policy_too_long');
    expect(finding?.message).toMatch(
      new RegExp(`IAM's default limit for a trust policy is ${TRUST_POLICY_MAX_CHARS}`),
    );
  });
});

describe('lintPolicy: identity policies', () => {
  it('rejects Principal and requires Resource', () => {
    const result = lintPolicy(
      JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject' }],
      }),
      { kind: 'identity' },
    );
    expect(result.findings.map((f) => f.code)).toEqual(['resource_missing', 'principal_in_identity_policy']);
  });
});
