import { describe, expect, it } from 'vitest';
import type { AccountRecord, RoleRecord } from '../shared/access-records';
import type { BrokerIdentity } from '../broker/ports';
import { checkRoleHealth } from './check-role-health';
import type { IamLookup, RoleHealthInput } from './check-role-health';
import { mergeRevocationPolicy, planRevocations, trustPolicyDocument } from '../policy';

const NOW = new Date('2026-03-01T12:00:00.000Z');
const account: AccountRecord = {
  id: '00000000-0000-4000-8000-00000000000a',
  awsAccountId: '111122223333',
  name: 'prod',
  partition: 'aws',
  colour: '#1d8102',
  description: '',
  defaultRegion: null,
  disabled: false,
  createdAt: NOW,
  updatedAt: NOW,
};
const role: RoleRecord = {
  id: '00000000-0000-4000-8000-00000000000b',
  accountId: account.id,
  roleName: 'ReadOnly',
  rolePath: '/',
  arn: 'arn:aws:iam::111122223333:role/ReadOnly',
  displayName: 'Read only',
  description: '',
  maxSessionSeconds: 7200,
  sessionPolicy: null,
  requiresStepUp: false,
  createdAt: NOW,
  updatedAt: NOW,
};
const broker: BrokerIdentity = {
  account: '111122223333',
  arn: 'arn:aws:iam::111122223333:user/gatehouse',
  userId: 'AIDAEXAMPLE',
  partition: 'aws',
  isRoleSession: false,
  isFederationToken: false,
  principalArn: 'arn:aws:iam::111122223333:user/gatehouse',
};

function found(
  trust: unknown,
  maxSessionSeconds = 7200,
  inline: Array<{ name: string; document: string }> = [],
): IamLookup {
  return {
    kind: 'found',
    role: {
      arn: role.arn,
      roleName: role.roleName,
      path: '/',
      roleId: 'AROAEXAMPLE',
      maxSessionSeconds,
      trustPolicy: JSON.stringify(trust),
      createdAt: NOW,
    },
    inlinePolicies: inline,
  };
}

const input = (lookup: IamLookup, overrides: Partial<RoleHealthInput> = {}): RoleHealthInput => ({
  role,
  account,
  broker,
  brokerError: null,
  checkedAs: broker.principalArn,
  lookup,
  managedRoleArns: [role.arn],
  iamRoleName: null,
  now: NOW,
  ...overrides,
});

const codes = (lookup: IamLookup, overrides: Partial<RoleHealthInput> = {}) =>
  checkRoleHealth(input(lookup, overrides)).findings.map((f) => `${f.severity}:${f.code}`);

describe('checkRoleHealth: the role in IAM', () => {
  it('reports a healthy role as ok', () => {
    const report = checkRoleHealth(input(found(trustPolicyDocument(broker.principalArn))));
    expect(report.status).toBe('ok');
    expect(report.findings).toEqual([]);
    expect(report.trust?.trusted).toBe(true);
    expect(report.sessionLimit).toMatchObject({ maxSeconds: 7200, limitedBy: 'role' });
    expect(report.fix).toBeNull();
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });

  it('reports a missing role with the command that creates it', () => {
    const report = checkRoleHealth(input({ kind: 'missing' }));
    expect(report.status).toBe('error');
    expect(report.exists).toBe(false);
    expect(report.findings[0]?.code).toBe('role_missing');
    expect(report.findings[0]?.fix).toContain('aws iam create-role --role-name ReadOnly --path / \\');
    expect(JSON.parse(report.fix!.trustPolicy).Statement[0].Principal.AWS).toBe(broker.principalArn);
  });

  it('reports a MaxSessionDuration shorter than what Gatehouse asks for, with both fixes', () => {
    const report = checkRoleHealth(input(found(trustPolicyDocument(broker.principalArn), 3600)));
    expect(report.status).toBe('error');
    const finding = report.findings.find((f) => f.code === 'max_session_too_short')!;
    expect(finding.fix).toBe(
      "aws iam update-role --role-name ReadOnly --max-session-duration 7200\nor lower the role's maximum session in Gatehouse to 3600 s.",
    );
    expect(report.sessionLimit).toMatchObject({ maxSeconds: 3600, limitedBy: 'iam_role' });
  });

  it('notes a longer MaxSessionDuration in IAM as information', () => {
    expect(codes(found(trustPolicyDocument(broker.principalArn), 43200))).toEqual([
      'info:max_session_longer_in_iam',
    ]);
  });

  it('reports the revocations in force', () => {
    const roleWide = mergeRevocationPolicy(null, { cutoff: NOW, sourceIdentity: null, now: NOW });
    const report = checkRoleHealth(
      input(
        found(trustPolicyDocument(broker.principalArn), 7200, [
          { name: roleWide.policyName, document: roleWide.document },
        ]),
      ),
    );
    expect(report.status).toBe('ok');
    expect(report.revocations?.roleWide).toBe('2026-03-01T12:00:00.000Z');
    expect(report.findings.map((f) => f.code)).toEqual(['sessions_revoked']);
  });

  it('reports the automatic revocations by grant and by CLI login', () => {
    const planned = planRevocations(
      null,
      [
        { target: { scope: 'grant', grantId: '00000000-0000-4000-8000-0000000000a1' }, cutoff: NOW },
        {
          target: {
            scope: 'grant_user',
            grantId: '00000000-0000-4000-8000-0000000000a2',
            sourceIdentity: 'u-1',
          },
          cutoff: NOW,
        },
        { target: { scope: 'login', loginId: '00000000-0000-4000-8000-0000000000b1' }, cutoff: NOW },
      ],
      { now: NOW, budgetChars: 10_240 },
    );
    const report = checkRoleHealth(
      input(
        found(trustPolicyDocument(broker.principalArn), 7200, [
          { name: 'GatehouseRevokeUserSessions', document: planned.document! },
        ]),
      ),
    );
    expect(report.revocations?.grants).toHaveLength(1);
    expect(report.revocations?.logins).toHaveLength(1);
    expect(report.findings.map((f) => [f.code, f.message])).toEqual([
      [
        'grant_sessions_revoked',
        'Sessions issued under 2 grants that no longer give access are revoked on this role.',
      ],
      [
        'login_sessions_revoked',
        'Sessions issued through 1 CLI login that no longer give access are revoked on this role.',
      ],
    ]);
  });

  it('says so when IAM cannot be read, and what permission is missing', () => {
    const report = checkRoleHealth(
      input({ kind: 'error', errorClass: 'access_denied', message: 'IAM GetRole denied (AccessDenied)' }),
    );
    expect(report.status).toBe('unknown');
    expect(report.exists).toBeNull();
    expect(report.findings[0]?.fix).toContain('iam:GetRole, iam:ListRolePolicies and iam:GetRolePolicy');
    expect(report.findings[0]?.fix).toContain('GATEHOUSE_IAM_ROLE');
  });

  it('reports a role that IAM knows under another path', () => {
    const lookup = found(trustPolicyDocument(broker.principalArn));
    if (lookup.kind === 'found') lookup.role.arn = 'arn:aws:iam::111122223333:role/team/ReadOnly';
    expect(codes(lookup)).toEqual(['error:role_arn_mismatch']);
  });

  it('explains role chaining when the broker runs on role credentials', () => {
    const chained: BrokerIdentity = {
      ...broker,
      arn: 'arn:aws:sts::111122223333:assumed-role/gatehouse/i-1',
      isRoleSession: true,
      principalArn: 'arn:aws:iam::111122223333:role/gatehouse',
    };
    const report = checkRoleHealth(
      input(found(trustPolicyDocument(chained.principalArn)), { broker: chained }),
    );
    expect(report.findings.map((f) => f.code)).toEqual(['role_chaining']);
    expect(report.sessionLimit).toMatchObject({
      maxSeconds: 3600,
      limitedBy: 'role_chaining',
      consoleSessionDuration: false,
    });
    expect(report.trust?.trusted).toBe(true);
  });
});

describe('checkRoleHealth: the trust policy', () => {
  it('reports a role that does not trust the broker, with the generated trust policy as the fix', () => {
    const report = checkRoleHealth(
      input(
        found({
          Version: '2012-10-17',
          Statement: {
            Effect: 'Allow',
            Principal: { Service: 'ec2.amazonaws.com' },
            Action: 'sts:AssumeRole',
          },
        }),
      ),
    );
    expect(report.status).toBe('error');
    expect(report.findings.map((f) => f.code)).toEqual(['trust_not_trusted']);
    expect(report.findings[0]?.message).toContain(
      `does not trust Gatehouse's broker (${broker.principalArn})`,
    );
    expect(report.fix?.awsCli).toContain('aws iam update-assume-role-policy --role-name ReadOnly');
    expect(JSON.parse(report.fix!.trustPolicy)).toEqual(trustPolicyDocument(broker.principalArn));
  });

  it('reports a trust policy that lacks sts:TagSession', () => {
    const trust = {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { AWS: broker.principalArn },
          Action: ['sts:AssumeRole', 'sts:SetSourceIdentity'],
        },
      ],
    };
    expect(codes(found(trust))).toEqual(['error:trust_missing_tag_session']);
  });

  it('reports an explicit deny of the broker', () => {
    const trust = {
      Version: '2012-10-17',
      Statement: [
        ...trustPolicyDocument(broker.principalArn).Statement,
        { Effect: 'Deny', Principal: { AWS: broker.principalArn }, Action: 'sts:SetSourceIdentity' },
      ],
    };
    expect(codes(found(trust))).toEqual(['error:trust_explicit_deny']);
  });

  it('only warns when trust depends on the source IP, which Gatehouse cannot know', () => {
    const statement = trustPolicyDocument(broker.principalArn).Statement[0]!;
    const trust = {
      Version: '2012-10-17',
      Statement: [{ ...statement, Condition: { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } } }],
    };
    const report = checkRoleHealth(input(found(trust)));
    expect(report.status).toBe('warning');
    expect(report.findings.map((f) => f.code)).toEqual(['trust_unverifiable']);
  });

  it('notes trust through the whole account, which also needs the broker identity policy', () => {
    const trust = {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { AWS: 'arn:aws:iam::111122223333:root' },
          Action: ['sts:AssumeRole', 'sts:SetSourceIdentity', 'sts:TagSession'],
        },
      ],
    };
    expect(codes(found(trust))).toEqual(['info:trust_not_exact']);
  });

  it('cannot judge trust without knowing the broker', () => {
    const report = checkRoleHealth(
      input(found(trustPolicyDocument(broker.principalArn)), { broker: null, brokerError: 'no credentials' }),
    );
    expect(report.status).toBe('warning');
    expect(report.findings[0]?.message).toContain('(no credentials)');
    expect(report.trust).toBeNull();
  });
});
