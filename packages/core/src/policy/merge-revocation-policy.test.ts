import { describe, expect, it } from 'vitest';
import { AppError } from '../shared/app-error';
import { evaluatePolicy } from './evaluate-policy';
import { readPolicy } from './read-policy';
import {
  ROLE_REVOCATION_POLICY,
  USER_REVOCATION_POLICY,
  mergeRevocationPolicy,
  readRevocations,
  revocationStatement,
} from './merge-revocation-policy';

const NOW = new Date('2026-03-01T12:00:00.000Z');
const U1 = '3f1e2d4c-0000-4000-8000-000000000001';
const U2 = '3f1e2d4c-0000-4000-8000-000000000002';

describe('mergeRevocationPolicy: every session of the role', () => {
  it("writes AWS's AWSRevokeOlderSessions document", () => {
    const merged = mergeRevocationPolicy(null, { cutoff: NOW, sourceIdentity: null, now: NOW });
    expect(merged.policyName).toBe(ROLE_REVOCATION_POLICY);
    expect(JSON.parse(merged.document)).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Deny',
          Action: ['*'],
          Resource: ['*'],
          Condition: { DateLessThan: { 'aws:TokenIssueTime': '2026-03-01T12:00:00.000Z' } },
        },
      ],
    });
  });

  it('denies credentials issued before the cut-off and spares later ones', () => {
    const { policy } = readPolicy(
      JSON.parse(mergeRevocationPolicy(null, { cutoff: NOW, sourceIdentity: null, now: NOW }).document),
    );
    const at = (issued: string) =>
      evaluatePolicy(policy!, {
        principal: {
          type: 'AWS',
          arn: 'arn:aws:iam::111122223333:role/R',
          sessionArn: 'arn:aws:sts::111122223333:assumed-role/R/a',
        },
        action: 'ec2:TerminateInstances',
        resource: '*',
        context: { 'aws:TokenIssueTime': issued },
      }).decision;
    expect(at('2026-03-01T11:59:59Z')).toBe('explicit_deny');
    expect(at('2026-03-01T12:00:01Z')).toBe('implicit_deny');
  });

  it('moves an existing cut-off forward, never back, and keeps other statements', () => {
    const existing = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        { Sid: 'Keep', Effect: 'Deny', Action: 'iam:*', Resource: '*' },
        revocationStatement('2026-02-01T00:00:00Z', null),
      ],
    });
    const merged = mergeRevocationPolicy(existing, { cutoff: NOW, sourceIdentity: null, now: NOW });
    const statements = JSON.parse(merged.document).Statement;
    expect(statements[0]).toEqual({ Sid: 'Keep', Effect: 'Deny', Action: 'iam:*', Resource: '*' });
    expect(statements[1].Condition.DateLessThan['aws:TokenIssueTime']).toBe('2026-03-01T12:00:00.000Z');
    expect(merged.kept).toBe(1);
    const later = mergeRevocationPolicy(
      JSON.stringify({ Version: '2012-10-17', Statement: revocationStatement('2026-04-01T00:00:00Z', null) }),
      { cutoff: NOW, sourceIdentity: null, now: NOW },
    );
    expect(later.cutoff).toBe('2026-04-01T00:00:00Z');
  });

  it('refuses to rewrite a policy it cannot read', () => {
    expect(() => mergeRevocationPolicy('{not json', { cutoff: NOW, sourceIdentity: null, now: NOW })).toThrow(
      AppError,
    );
  });
});

describe('mergeRevocationPolicy: one user', () => {
  it('adds a statement per SourceIdentity in its own policy', () => {
    const merged = mergeRevocationPolicy(null, { cutoff: NOW, sourceIdentity: U1, now: NOW });
    expect(merged.policyName).toBe(USER_REVOCATION_POLICY);
    expect(JSON.parse(merged.document).Statement).toEqual([
      {
        Sid: 'GatehouseRevokeUser3f1e2d4c000040008000000000000001',
        Effect: 'Deny',
        Action: ['*'],
        Resource: ['*'],
        Condition: {
          DateLessThan: { 'aws:TokenIssueTime': '2026-03-01T12:00:00.000Z' },
          StringEquals: { 'aws:SourceIdentity': U1 },
        },
      },
    ]);
    expect(readPolicy(JSON.parse(merged.document)).issues).toEqual([]);
  });

  it("denies only that user's sessions", () => {
    const { policy } = readPolicy(
      JSON.parse(mergeRevocationPolicy(null, { cutoff: NOW, sourceIdentity: U1, now: NOW }).document),
    );
    const decide = (sourceIdentity: string) =>
      evaluatePolicy(policy!, {
        principal: { type: 'AWS', arn: 'arn:aws:iam::111122223333:role/R' },
        action: 's3:GetObject',
        resource: '*',
        context: { 'aws:TokenIssueTime': '2026-03-01T11:00:00Z', 'aws:SourceIdentity': sourceIdentity },
      }).decision;
    expect(decide(U1)).toBe('explicit_deny');
    expect(decide(U2)).toBe('implicit_deny');
  });

  it('merges a second user next to the first, and drops statements older than any session can be', () => {
    const first = mergeRevocationPolicy(null, {
      cutoff: new Date('2026-02-27T00:00:00Z'),
      sourceIdentity: U1,
      now: new Date('2026-02-27T00:00:00Z'),
    });
    const second = mergeRevocationPolicy(first.document, { cutoff: NOW, sourceIdentity: U2, now: NOW });
    expect(second.pruned).toBe(1);
    expect(
      JSON.parse(second.document).Statement.map(
        (s: { Condition: { StringEquals: Record<string, string> } }) =>
          s.Condition.StringEquals['aws:SourceIdentity'],
      ),
    ).toEqual([U2]);
    const third = mergeRevocationPolicy(second.document, {
      cutoff: new Date(NOW.getTime() + 60_000),
      sourceIdentity: U1,
      now: NOW,
    });
    expect(third.pruned).toBe(0);
    expect(JSON.parse(third.document).Statement).toHaveLength(2);
  });
});

describe('readRevocations', () => {
  it('finds role-wide and per-user cut-offs in any inline policy', () => {
    const roleWide = mergeRevocationPolicy(null, { cutoff: NOW, sourceIdentity: null, now: NOW }).document;
    const users = mergeRevocationPolicy(null, { cutoff: NOW, sourceIdentity: U1, now: NOW }).document;
    expect(
      readRevocations([
        { name: ROLE_REVOCATION_POLICY, document: roleWide },
        { name: USER_REVOCATION_POLICY, document: users },
        {
          name: 'Unrelated',
          document: '{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*"}}',
        },
      ]),
    ).toEqual({
      roleWide: '2026-03-01T12:00:00.000Z',
      users: [{ sourceIdentity: U1, cutoff: '2026-03-01T12:00:00.000Z' }],
      grants: [],
      grantUsers: [],
      logins: [],
      policyNames: [ROLE_REVOCATION_POLICY, USER_REVOCATION_POLICY],
    });
  });

  it("recognises the console's own document with Action and Resource as plain strings", () => {
    const consoleDoc = JSON.stringify({
      Version: '2012-10-17',
      Statement: {
        Effect: 'Deny',
        Action: '*',
        Resource: '*',
        Condition: { DateLessThan: { 'aws:TokenIssueTime': '2014-05-07T23:47:00Z' } },
      },
    });
    expect(readRevocations([{ name: 'AWSRevokeOlderSessions', document: consoleDoc }]).roleWide).toBe(
      '2014-05-07T23:47:00Z',
    );
  });
});
