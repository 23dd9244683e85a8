import { describe, expect, it } from 'vitest';
import { AppError } from '../shared/app-error';
import { evaluatePolicy } from './evaluate-policy';
import type { Decision } from './evaluate-policy';
import { policySize } from './lint-policy';
import { mergeRevocationPolicy, readRevocations, revocationStatement } from './merge-revocation-policy';
import { readPolicy } from './read-policy';
import {
  ROLE_REVOCATION_POLICY,
  USER_REVOCATION_POLICY,
  planRevocations,
  readRevocationStatement,
} from './revocation-document';
import type { RevocationEntry, RevocationTarget } from './revocation-document';

const NOW = new Date('2026-03-01T12:00:00.000Z');
/** ROLE_INLINE_POLICIES_MAX_CHARS in onboarding/onboarding-deps.ts; core/policy does not import onboarding. */
const IAM_BUDGET = 10_240;
const ROLE = 'arn:aws:iam::111122223333:role/Admin';

const id = (prefix: string, n: number) => `${prefix}-0000-4000-8000-${String(n).padStart(12, '0')}`;
const user = (n: number) => id('3f1e2d4c', n);
const grant = (n: number) => id('9a8b7c6d', n);
const login = (n: number) => id('5e5e5e5e', n);
const before = (minutes: number, from = NOW) => new Date(from.getTime() - minutes * 60_000);
const after = (seconds: number, from = NOW) => new Date(from.getTime() + seconds * 1000);

const forUser = (n: number, cutoff = NOW): RevocationEntry => ({
  target: { scope: 'user', sourceIdentity: user(n) },
  cutoff,
});
const forGrant = (n: number, cutoff = NOW): RevocationEntry => ({
  target: { scope: 'grant', grantId: grant(n) },
  cutoff,
});
const forGrantUser = (g: number, u: number, cutoff = NOW): RevocationEntry => ({
  target: { scope: 'grant_user', grantId: grant(g), sourceIdentity: user(u) },
  cutoff,
});
const forLogin = (n: number, cutoff = NOW): RevocationEntry => ({
  target: { scope: 'login', loginId: login(n) },
  cutoff,
});

function plan(existing: string | null, entries: RevocationEntry[], budgetChars = IAM_BUDGET) {
  return planRevocations(existing, entries, { now: NOW, budgetChars });
}

interface Statement {
  Sid?: string;
  Effect: string;
  Action: unknown;
  Resource: unknown;
  Condition: { DateLessThan: Record<string, string>; StringEquals: Record<string, string | string[]> };
}

function statementsOf(document: string | null): Statement[] {
  expect(document).not.toBeNull();
  return JSON.parse(document as string).Statement;
}

interface Session {
  user: number;
  grant: number;
  /** The CLI login it was issued through; none for a console session. */
  login?: number;
  issued: Date;
}

/**
 * The oracle: the role's identity policy as IAM evaluates it, its permissions (Allow everything)
 * plus the planned deny document and, when given, the role-wide AWSRevokeOlderSessions cut-off.
 * The request context is what AWS fills in for a Gatehouse session.
 */
function decide(document: string | null, session: Session, roleWide: Date | null = null): Decision {
  const denies = document === null ? [] : statementsOf(document);
  const roleWideDeny = roleWide ? [revocationStatement(roleWide.toISOString(), null)] : [];
  const { policy, issues } = readPolicy({
    Version: '2012-10-17',
    Statement: [
      { Sid: 'RolePermissions', Effect: 'Allow', Action: '*', Resource: '*' },
      ...denies,
      ...roleWideDeny,
    ],
  });
  expect(issues).toEqual([]);
  const context: Record<string, string> = {
    'aws:SourceIdentity': user(session.user),
    'aws:PrincipalTag/gatehouse:user-id': user(session.user),
    'aws:PrincipalTag/gatehouse:grant': grant(session.grant),
    'aws:PrincipalTag/gatehouse:via': session.login === undefined ? 'console' : 'cli',
    'aws:TokenIssueTime': session.issued.toISOString(),
  };
  if (session.login !== undefined) context['aws:PrincipalTag/gatehouse:login'] = login(session.login);
  return evaluatePolicy(policy!, {
    principal: { type: 'AWS', arn: ROLE, sessionArn: 'arn:aws:sts::111122223333:assumed-role/Admin/alice' },
    action: 's3:GetObject',
    resource: 'arn:aws:s3:::reports/q1.csv',
    context,
    now: NOW,
  }).decision;
}

describe('planRevocations: statement shapes', () => {
  const cutoff = '2026-03-01T12:00:00.000Z';
  it.each<[string, RevocationEntry, Record<string, string>]>([
    ['user', forUser(1), { 'aws:SourceIdentity': user(1) }],
    ['grant', forGrant(1), { 'aws:PrincipalTag/gatehouse:grant': grant(1) }],
    [
      'grant_user',
      forGrantUser(1, 1),
      { 'aws:SourceIdentity': user(1), 'aws:PrincipalTag/gatehouse:grant': grant(1) },
    ],
    ['login', forLogin(1), { 'aws:PrincipalTag/gatehouse:login': login(1) }],
  ])('%s: a Deny of everything before the cut-off, narrowed by StringEquals', (_scope, entry, equals) => {
    const planned = plan(null, [entry]);
    const document = JSON.parse(planned.document as string);
    expect(document.Version).toBe('2012-10-17');
    expect(document.Statement).toEqual([
      {
        Sid: expect.stringMatching(/^GatehouseRevoke[A-Za-z0-9]+$/),
        Effect: 'Deny',
        Action: ['*'],
        Resource: ['*'],
        Condition: { DateLessThan: { 'aws:TokenIssueTime': cutoff }, StringEquals: equals },
      },
    ]);
    expect(readPolicy(document).issues).toEqual([]);
    expect(planned).toMatchObject({ roleWideCutoff: null, merged: 0, pruned: 0, fellBack: false });
  });

  it('gives the same document for the same revocations, in any order, and again when re-planned', () => {
    const entries = [
      forUser(1),
      forUser(2, before(5)),
      forGrant(1),
      forGrantUser(2, 3),
      forLogin(1, before(1)),
    ];
    const first = plan(null, entries).document;
    expect(plan(null, [...entries].reverse()).document).toBe(first);
    // Applying twice is harmless: the written document read back plans to itself.
    expect(plan(first, []).document).toBe(first);
    expect(plan(first, entries).document).toBe(first);
    const sids = statementsOf(first).map((s) => s.Sid);
    expect(new Set(sids).size).toBe(sids.length);
  });

  it('sends role-wide entries to roleWideCutoff (the latest), never into the document', () => {
    const planned = plan(null, [
      { target: { scope: 'role' }, cutoff: before(30) },
      { target: { scope: 'role' }, cutoff: before(10) },
      forUser(1),
    ]);
    expect(planned.roleWideCutoff).toEqual(before(10));
    expect(planned.fellBack).toBe(false);
    expect(statementsOf(planned.document).map((s) => s.Condition.StringEquals)).toEqual([
      { 'aws:SourceIdentity': user(1) },
    ]);
    expect(plan(null, [{ target: { scope: 'role' }, cutoff: NOW }]).document).toBeNull();
  });

  it('refuses an entry IAM could never match, and a document it cannot read', () => {
    expect(() =>
      plan(null, [{ target: { scope: 'user', sourceIdentity: '${aws:username}' }, cutoff: NOW }]),
    ).toThrow(AppError);
    expect(() => plan(null, [forUser(1, new Date(Number.NaN))])).toThrow(AppError);
    expect(() => plan('{not json', [forUser(1)])).toThrow(AppError);
  });
});

describe('planRevocations: merging', () => {
  it('puts targets of one shape with the same cut-off in one statement with a list of values', () => {
    const planned = plan(null, [forUser(2), forUser(1), forGrant(1), forGrant(2), forUser(3, before(1))]);
    expect(statementsOf(planned.document).map((s) => s.Condition)).toEqual([
      {
        DateLessThan: { 'aws:TokenIssueTime': before(1).toISOString() },
        StringEquals: { 'aws:SourceIdentity': user(3) },
      },
      {
        DateLessThan: { 'aws:TokenIssueTime': NOW.toISOString() },
        StringEquals: { 'aws:SourceIdentity': [user(1), user(2)] },
      },
      {
        DateLessThan: { 'aws:TokenIssueTime': NOW.toISOString() },
        StringEquals: { 'aws:PrincipalTag/gatehouse:grant': [grant(1), grant(2)] },
      },
    ]);
    expect(planned.merged).toBe(4);
  });

  it('shares a user-under-grant statement only between exact pairs, never a cross product', () => {
    // One user out of a group with two grants: one statement. Two users out of different groups:
    // listing both users and both grants would also deny user 1 under grant 2.
    const one = plan(null, [forGrantUser(1, 1), forGrantUser(2, 1)]);
    expect(statementsOf(one.document).map((s) => s.Condition.StringEquals)).toEqual([
      { 'aws:SourceIdentity': user(1), 'aws:PrincipalTag/gatehouse:grant': [grant(1), grant(2)] },
    ]);
    const two = plan(null, [forGrantUser(1, 1), forGrantUser(2, 2)]);
    expect(statementsOf(two.document)).toHaveLength(2);
    expect(decide(two.document, { user: 1, grant: 2, issued: before(1) })).toBe('allow');
    expect(decide(two.document, { user: 2, grant: 2, issued: before(1) })).toBe('explicit_deny');
  });

  it('keeps the later cut-off of a target revoked twice, whichever comes first', () => {
    const cutoffs = (entries: RevocationEntry[], existing: string | null = null) =>
      statementsOf(plan(existing, entries).document).map(
        (s) => s.Condition.DateLessThan['aws:TokenIssueTime'],
      );
    expect(cutoffs([forGrant(1, before(60)), forGrant(1, before(5))])).toEqual([before(5).toISOString()]);
    expect(cutoffs([forGrant(1, before(5)), forGrant(1, before(60))])).toEqual([before(5).toISOString()]);
    // Already in force: an older request does not move it back.
    const existing = plan(null, [forGrant(1, before(5))]).document;
    expect(cutoffs([forGrant(1, before(60))], existing)).toEqual([before(5).toISOString()]);
  });

  it("keeps statements that are not Gatehouse's untouched, and their Sids unique", () => {
    const mine = plan(null, [forUser(1)]);
    const ourSid = statementsOf(mine.document)[0]?.Sid;
    const foreign = [
      { Sid: 'TeamGuardrail', Effect: 'Deny', Action: 'iam:*', Resource: '*' },
      // A revocation someone wrote by hand, without Gatehouse's Sid: not Gatehouse's to rewrite.
      {
        Effect: 'Deny',
        Action: '*',
        Resource: '*',
        Condition: { DateLessThan: { 'aws:TokenIssueTime': '2026-02-01T00:00:00Z' } },
      },
      // Gatehouse's prefix but not a shape it writes: someone's edit, kept as it is.
      { Sid: ourSid, Effect: 'Allow', Action: 's3:GetObject', Resource: '*' },
    ];
    const existing = JSON.stringify({ Version: '2012-10-17', Statement: foreign });
    const planned = plan(existing, [forUser(1)]);
    const statements = statementsOf(planned.document);
    expect(statements.slice(0, 3)).toEqual(foreign);
    expect(statements).toHaveLength(4);
    expect(statements[3]?.Sid).toBe(`${ourSid}2`);
    expect(planned.roleWideCutoff).toBeNull();
  });

  it('reads back the per-user statements mergeRevocationPolicy wrote and merges them', () => {
    const first = mergeRevocationPolicy(null, {
      cutoff: before(120),
      sourceIdentity: user(1),
      now: before(120),
    });
    const old = mergeRevocationPolicy(first.document, {
      cutoff: before(60),
      sourceIdentity: user(2),
      now: NOW,
    });
    expect(statementsOf(old.document).map((s) => s.Sid)).toEqual([
      'GatehouseRevokeUser3f1e2d4c000040008000000000000001',
      'GatehouseRevokeUser3f1e2d4c000040008000000000000002',
    ]);
    const planned = plan(old.document, [forUser(2), forUser(3)]);
    const statements = statementsOf(planned.document);
    // The old one-per-user statements are replaced, not left beside the new ones.
    expect(statements.map((s) => s.Sid).filter((sid) => sid?.startsWith('GatehouseRevokeUser3f'))).toEqual(
      [],
    );
    expect(
      statements.map((s) => [s.Condition.DateLessThan['aws:TokenIssueTime'], s.Condition.StringEquals]),
    ).toEqual([
      [before(120).toISOString(), { 'aws:SourceIdentity': user(1) }],
      [NOW.toISOString(), { 'aws:SourceIdentity': [user(2), user(3)] }],
    ]);
    expect(decide(planned.document, { user: 1, grant: 1, issued: before(121) })).toBe('explicit_deny');
    expect(decide(planned.document, { user: 1, grant: 1, issued: before(119) })).toBe('allow');
  });

  it('prunes entries older than the longest session (12 h), read back or new', () => {
    const stale = before(12 * 60 + 1);
    const existing = mergeRevocationPolicy(null, {
      cutoff: stale,
      sourceIdentity: user(1),
      now: stale,
    }).document;
    const planned = plan(existing, [forGrant(1, stale), { target: { scope: 'role' }, cutoff: stale }]);
    expect(planned).toEqual({ document: null, roleWideCutoff: null, merged: 0, pruned: 3, fellBack: false });
    // Inside the 12 h a session issued before the cut-off may still be live: kept.
    const live = plan(existing, [forGrant(1, before(12 * 60 - 1))]);
    expect(live.pruned).toBe(1);
    expect(statementsOf(live.document).map((s) => s.Condition.StringEquals)).toEqual([
      { 'aws:PrincipalTag/gatehouse:grant': grant(1) },
    ]);
  });
});

describe('planRevocations: size', () => {
  it("fits 200 users with 200 different cut-offs in IAM's 10,240 characters, each still denied", () => {
    const cutoffOf = (n: number) => before(200 - n); // user 199 is the newest, a minute ago
    const entries = Array.from({ length: 200 }, (_, n) => forUser(n, cutoffOf(n)));
    const planned = plan(null, entries);
    expect(planned.fellBack).toBe(false);
    expect(planned.roleWideCutoff).toBeNull();
    expect(policySize(planned.document as string)).toBeLessThanOrEqual(IAM_BUDGET);
    const statements = statementsOf(planned.document);
    // Folded, not one statement per user (that would be ~46,000 characters) ...
    expect(statements.length).toBeLessThan(200);
    expect(planned.merged).toBeGreaterThan(100);
    // ... and oldest first: the newest revocation keeps its own, precise cut-off.
    const newest = statements.find((s) => s.Condition.StringEquals['aws:SourceIdentity'] === user(199));
    expect(newest?.Condition.DateLessThan['aws:TokenIssueTime']).toBe(cutoffOf(199).toISOString());
    for (let n = 0; n < 200; n++) {
      expect(
        decide(planned.document, { user: n, grant: 1, issued: after(-1, cutoffOf(n)) }),
        `user ${n}`,
      ).toBe('explicit_deny');
      expect(decide(planned.document, { user: n, grant: 1, issued: after(1) }), `user ${n} later`).toBe(
        'allow',
      );
    }
    expect(decide(planned.document, { user: 200, grant: 1, issued: before(300) })).toBe('allow');
  });

  it('folds into one statement per shape, as IAM reads it every pair, before falling back', () => {
    // Four users each out of another group: exact pairs need four statements, a budget for two.
    const entries = [1, 2, 3, 4].map((n) => forGrantUser(n, n, before(n)));
    const exact = plan(null, entries);
    const planned = plan(null, entries, policySize(exact.document as string) - 1);
    expect(planned.fellBack).toBe(false);
    expect(statementsOf(planned.document).map((s) => s.Condition)).toEqual([
      {
        DateLessThan: { 'aws:TokenIssueTime': before(1).toISOString() },
        StringEquals: {
          'aws:SourceIdentity': [1, 2, 3, 4].map(user),
          'aws:PrincipalTag/gatehouse:grant': [1, 2, 3, 4].map(grant),
        },
      },
    ]);
  });

  it('falls back to a role-wide cut-off for what cannot fit even folded, and says so', () => {
    // 1,000 grants: their ids alone are ~39,000 characters.
    const cutoffOf = (n: number) => before((1000 - n) / 2);
    const entries = Array.from({ length: 1000 }, (_, n) => forGrant(n, cutoffOf(n)));
    const planned = plan(null, entries);
    expect(planned.fellBack).toBe(true);
    expect(policySize(planned.document as string)).toBeLessThanOrEqual(IAM_BUDGET);
    const inDocument = new Set(
      statementsOf(planned.document).flatMap(
        (s) => s.Condition.StringEquals['aws:PrincipalTag/gatehouse:grant'],
      ),
    );
    const left = entries.map((_, n) => n).filter((n) => !inDocument.has(grant(n)));
    expect(left.length).toBeGreaterThan(0);
    expect(inDocument.size).toBeGreaterThan(0);
    // The role-wide cut-off is the latest of what did not fit; the newest revocations stay precise.
    expect(planned.roleWideCutoff).toEqual(cutoffOf(Math.max(...left)));
    expect(Math.max(...left)).toBeLessThan(
      Math.min(...entries.map((_, n) => n).filter((n) => inDocument.has(grant(n)))),
    );
    for (const n of [0, Math.max(...left), 999]) {
      const issued = after(-1, cutoffOf(n));
      expect(
        decide(planned.document, { user: 1, grant: n, issued }, planned.roleWideCutoff),
        `grant ${n}`,
      ).toBe('explicit_deny');
    }
    expect(decide(planned.document, { user: 1, grant: 5, issued: after(1) }, planned.roleWideCutoff)).toBe(
      'allow',
    );
  });
});

describe('planRevocations: the oracle (the role’s Allow plus the planned deny, in Gatehouse’s evaluator)', () => {
  const cutoff = before(30);
  const early = before(31);
  const late = before(29);
  it.each<[string, RevocationEntry, Array<[string, Session, Decision]>]>([
    [
      'user',
      forUser(1, cutoff),
      [
        [
          'their session under any grant, issued before',
          { user: 1, grant: 2, issued: early },
          'explicit_deny',
        ],
        ['their session issued after the cut-off', { user: 1, grant: 2, issued: late }, 'allow'],
        ["another user's session", { user: 2, grant: 2, issued: early }, 'allow'],
      ],
    ],
    [
      'grant',
      forGrant(1, cutoff),
      [
        ['a session under that grant', { user: 1, grant: 1, issued: early }, 'explicit_deny'],
        ["another user's session under it", { user: 2, grant: 1, issued: early }, 'explicit_deny'],
        ['the same user under another, valid grant', { user: 1, grant: 2, issued: early }, 'allow'],
        ['a session under it issued after the cut-off', { user: 1, grant: 1, issued: late }, 'allow'],
      ],
    ],
    [
      'grant_user',
      forGrantUser(1, 1, cutoff),
      [
        ['that user under that grant', { user: 1, grant: 1, issued: early }, 'explicit_deny'],
        ['that user under another grant', { user: 1, grant: 2, issued: early }, 'allow'],
        ['another user under that grant', { user: 2, grant: 1, issued: early }, 'allow'],
        ['issued after the cut-off', { user: 1, grant: 1, issued: late }, 'allow'],
      ],
    ],
    [
      'login',
      forLogin(1, cutoff),
      [
        ['a session through that login', { user: 1, grant: 1, login: 1, issued: early }, 'explicit_deny'],
        ['through another login', { user: 1, grant: 1, login: 2, issued: early }, 'allow'],
        ['a console session (no login tag)', { user: 1, grant: 1, issued: early }, 'allow'],
        ['through it, issued after the cut-off', { user: 1, grant: 1, login: 1, issued: late }, 'allow'],
      ],
    ],
  ])('%s scope', (_scope, entry, cases) => {
    const { document } = plan(null, [entry]);
    for (const [what, session, expected] of cases) expect(decide(document, session), what).toBe(expected);
  });
});

describe('readRevocations with the new shapes', () => {
  it('lists users, grants, users under grants and logins with their cut-offs', () => {
    const document = plan(null, [
      forUser(1),
      forGrant(2, before(10)),
      forGrantUser(3, 1, before(20)),
      forGrantUser(3, 2, before(20)),
      forLogin(4, before(5)),
    ]).document as string;
    const roleWide = mergeRevocationPolicy(null, {
      cutoff: before(60),
      sourceIdentity: null,
      now: NOW,
    }).document;
    expect(
      readRevocations([
        { name: ROLE_REVOCATION_POLICY, document: roleWide },
        { name: USER_REVOCATION_POLICY, document },
      ]),
    ).toEqual({
      roleWide: before(60).toISOString(),
      users: [{ sourceIdentity: user(1), cutoff: NOW.toISOString() }],
      grants: [{ grantId: grant(2), cutoff: before(10).toISOString() }],
      grantUsers: [
        { grantId: grant(3), sourceIdentity: user(1), cutoff: before(20).toISOString() },
        { grantId: grant(3), sourceIdentity: user(2), cutoff: before(20).toISOString() },
      ],
      logins: [{ loginId: login(4), cutoff: before(5).toISOString() }],
      policyNames: [ROLE_REVOCATION_POLICY, USER_REVOCATION_POLICY],
    });
  });
});

describe('readRevocationStatement', () => {
  it('does not read a statement with anything else in it as a revocation', () => {
    const base = { Effect: 'Deny', Action: '*', Resource: '*' };
    const date = { DateLessThan: { 'aws:TokenIssueTime': NOW.toISOString() } };
    expect(readRevocationStatement({ ...base, Condition: date })?.targets).toEqual<RevocationTarget[]>([
      { scope: 'role' },
    ]);
    for (const statement of [
      { ...base, Effect: 'Allow', Condition: date },
      { ...base, Action: 's3:*', Condition: date },
      { ...base, Condition: { ...date, Bool: { 'aws:MultiFactorAuthPresent': 'false' } } },
      { ...base, Condition: { ...date, StringEquals: { 'aws:PrincipalTag/team': 'x' } } },
      { ...base, Condition: { ...date, StringEquals: { constructor: 'x' } } },
      { ...base, Condition: { DateLessThan: { 'aws:TokenIssueTime': 'yesterday' } } },
      { ...base, NotResource: 'arn:aws:s3:::x', Condition: date },
    ]) {
      expect(readRevocationStatement(statement), JSON.stringify(statement)).toBeNull();
    }
  });
});
