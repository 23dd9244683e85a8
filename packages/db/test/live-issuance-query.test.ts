// The live-issuance query against a real PostgreSQL: audit rows written through the audit log
// adapter with the shape packages/core/src/broker/assume-role.ts gives them (pending, then failed
// or issued), and exactly the issued, unexpired ones returned for every filter, through Prisma,
// the pool and a caller's transaction.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditEvent } from '@gatehouse/core';
import type { AuditLog, LiveIssuance, LiveIssuanceFilter, LiveIssuanceQuery, Tx } from '@gatehouse/core';
import { createTransactionRunner } from '../src/client.js';
import { createAuditLog } from '../src/audit-repository.js';
import { createLiveIssuanceQuery } from '../src/live-issuance-query.js';
import { queryRows } from '../src/testing/index.js';
import { useTestDatabase } from './helpers.js';

const database = useTestDatabase('gh_live', { open: true });
const HOUR = 3_600_000;

const ids = {
  alice: randomUUID(),
  bob: randomUUID(),
  carol: randomUUID(),
  dave: randomUUID(),
  erin: randomUUID(),
  accountA: randomUUID(),
  accountB: randomUUID(),
  accountC: randomUUID(),
  role1: randomUUID(),
  role2: randomUUID(),
  role3: randomUUID(),
  role4: randomUUID(),
  grantAlice1: randomUUID(),
  grantAlice2: randomUUID(),
  grantGroup3: randomUUID(),
  grantBob1: randomUUID(),
  loginAlice: randomUUID(),
  loginBob: randomUUID(),
};
const users = { alice: 'alice', bob: 'bob', carol: 'carol', dave: 'dave', erin: 'erin' } as const;
const roles = {
  [ids.role1]: { arn: 'arn:aws:iam::111111111111:role/One', accountId: ids.accountA, aws: '111111111111' },
  [ids.role2]: { arn: 'arn:aws:iam::111111111111:role/Two', accountId: ids.accountA, aws: '111111111111' },
  [ids.role3]: { arn: 'arn:aws:iam::222222222222:role/Three', accountId: ids.accountB, aws: '222222222222' },
  [ids.role4]: { arn: 'arn:aws:iam::333333333333:role/Four', accountId: ids.accountC, aws: '333333333333' },
};

interface Issue {
  user: keyof typeof users;
  roleId: string;
  grantId: string;
  kind: 'console' | 'cli';
  loginId: string | null;
  /** How the story ends; `null` leaves it pending (the process died, say). */
  end: 'issued' | 'failed' | null;
  durationSeconds?: number;
  /** expiresAt as STS would put it, relative to now. */
  expiresInMs?: number;
  /** An issued row no current code writes: expiresAt left out, or not a timestamp. */
  oddExpiresAt?: 'missing' | 'garbled';
}

/** The rows assume-role writes for one issuance; the issued row's id, if any. */
async function issue(audit: AuditLog, i: Issue, tx?: Tx): Promise<string | null> {
  const role = roles[i.roleId]!;
  const durationSeconds = i.durationSeconds ?? 3_600;
  const correlationId = randomUUID();
  const base = {
    grantId: i.grantId,
    kind: i.kind,
    loginId: i.loginId,
    roleArn: role.arn,
    awsAccountId: role.aws,
    durationSeconds,
    chained: false,
    ...(i.kind === 'console' ? { service: null, region: 'eu-west-1' } : { formats: ['env'] }),
  };
  const row = (outcome: 'pending' | 'failed' | 'issued', details: Record<string, unknown>) =>
    audit.append(
      auditEvent({
        action: i.kind === 'console' ? 'access.console' : 'access.credentials',
        outcome,
        actor: { id: ids[i.user], username: users[i.user] },
        targetUserId: ids[i.user],
        ctx: { ip: '10.0.0.1', userAgent: 'vitest', requestId: randomUUID() },
        accountId: role.accountId,
        roleId: i.roleId,
        correlationId,
        details,
      }),
      tx,
    );
  await row('pending', base);
  if (i.end === 'failed') await row('failed', { ...base, step: 'sts', errorClass: 'access_denied' });
  if (i.end !== 'issued') return null;
  const expiresAt = new Date(Date.now() + (i.expiresInMs ?? durationSeconds * 1000)).toISOString();
  const { id } = await row('issued', {
    ...base,
    assumedRoleArn: `${role.arn.replace(':iam:', ':sts:').replace(':role/', ':assumed-role/')}/${i.user}`,
    assumedRoleId: `AROAEXAMPLE:${i.user}`,
    accessKeyIdHmac: 'a'.repeat(64),
    ...(i.oddExpiresAt === 'missing' ? {} : { expiresAt: i.oddExpiresAt === 'garbled' ? 'soon' : expiresAt }),
  });
  return id;
}

const keyOf = (userId: string, grantId: string, kind: string, loginId: string | null) =>
  `${userId}|${grantId}|${kind}|${loginId}`;
/** The sessions this file issued, by user, grant, kind and login (unique here), to their names. */
const issued = new Map<string, string>();
const issuedRowIds: Record<string, string> = {};
let viaPrisma: LiveIssuanceQuery;
let viaPool: LiveIssuanceQuery;

beforeAll(async () => {
  const { db } = database;
  const audit = createAuditLog(db.prisma, db.pool);
  viaPrisma = createLiveIssuanceQuery(db.prisma);
  viaPool = createLiveIssuanceQuery(db.prisma, db.pool);
  const a1 = { roleId: ids.role1, grantId: ids.grantAlice1 };
  const a2 = { roleId: ids.role2, grantId: ids.grantAlice2 };
  const stories: Record<string, Issue> = {
    aliceConsole: { user: 'alice', ...a1, kind: 'console', loginId: null, end: 'issued' },
    aliceCli: { user: 'alice', ...a1, kind: 'cli', loginId: ids.loginAlice, end: 'issued' },
    aliceCliLong: {
      user: 'alice',
      ...a2,
      kind: 'cli',
      loginId: ids.loginAlice,
      end: 'issued',
      durationSeconds: 43_200,
    },
    alicePending: { user: 'alice', ...a1, kind: 'cli', loginId: ids.loginAlice, end: null },
    aliceFailed: { user: 'alice', ...a2, kind: 'console', loginId: null, end: 'failed' },
    aliceExpired: {
      user: 'alice',
      roleId: ids.role3,
      grantId: ids.grantGroup3,
      kind: 'cli',
      loginId: ids.loginAlice,
      end: 'issued',
      expiresInMs: -60_000,
    },
    bobCli: {
      user: 'bob',
      roleId: ids.role1,
      grantId: ids.grantBob1,
      kind: 'cli',
      loginId: ids.loginBob,
      end: 'issued',
    },
    // Claims more than AWS ever grants: only the 12-hour bound on the scan leaves it out later.
    carolTooLong: {
      user: 'carol',
      ...a1,
      grantId: randomUUID(),
      kind: 'console',
      loginId: null,
      end: 'issued',
      expiresInMs: 24 * HOUR,
    },
    erinMissing: {
      user: 'erin',
      roleId: ids.role4,
      grantId: randomUUID(),
      kind: 'cli',
      loginId: null,
      end: 'issued',
      oddExpiresAt: 'missing',
    },
    erinGarbled: {
      user: 'erin',
      roleId: ids.role4,
      grantId: randomUUID(),
      kind: 'console',
      loginId: null,
      end: 'issued',
      oddExpiresAt: 'garbled',
    },
  };
  for (const [name, story] of Object.entries(stories)) {
    const id = await issue(audit, story);
    if (!id) continue;
    issuedRowIds[name] = id;
    issued.set(keyOf(ids[story.user], story.grantId, story.kind, story.loginId), name);
  }
  // Rows about the same user, role and grant that are no issued session: an admin change, a denied
  // request, and an `issued` outcome under another action (none uses it today; one might).
  const other = (
    action: string,
    outcome: 'success' | 'denied' | 'issued',
    details: Record<string, unknown>,
  ) =>
    audit.append(
      auditEvent({
        action,
        outcome,
        actor: { id: ids.alice, username: 'alice' },
        targetUserId: ids.alice,
        ctx: { ip: '10.0.0.1', userAgent: 'vitest', requestId: randomUUID() },
        accountId: ids.accountA,
        roleId: ids.role1,
        details: { grantId: ids.grantAlice1, loginId: ids.loginAlice, ...details },
      }),
    );
  const inAnHour = new Date(Date.now() + HOUR).toISOString();
  await other('admin.grant_update', 'success', { expiresAt: 'next tuesday' });
  await other('access.console', 'denied', { kind: 'console', reason: 'step_up', expiresAt: inAnHour });
  await other('access.federation', 'issued', { kind: 'console', expiresAt: inAnHour });
});

/** Which of this file's issued sessions a list holds, by name, in the order returned. */
function names(found: LiveIssuance[]): string[] {
  return found.map((f) => issued.get(keyOf(f.userId, f.grantId, f.kind, f.loginId)) ?? 'unknown');
}

describe.each([
  ['Prisma', () => viaPrisma],
  ['the pool', () => viaPool],
])('createLiveIssuanceQuery through %s', (_path, query) => {
  it.each<[string, LiveIssuanceFilter, string[]]>([
    ['a user', { userId: ids.alice }, ['aliceConsole', 'aliceCli', 'aliceCliLong']],
    ['another user', { userId: ids.bob }, ['bobCli']],
    ['a grant', { grantId: ids.grantAlice1 }, ['aliceConsole', 'aliceCli']],
    ['a grant whose only session expired', { grantId: ids.grantGroup3 }, []],
    ['a role', { roleId: ids.role1 }, ['aliceConsole', 'aliceCli', 'bobCli', 'carolTooLong']],
    [
      'an account',
      { accountId: ids.accountA },
      ['aliceConsole', 'aliceCli', 'aliceCliLong', 'bobCli', 'carolTooLong'],
    ],
    ['an account with only expired sessions', { accountId: ids.accountB }, []],
    ['a CLI login', { loginId: ids.loginAlice }, ['aliceCli', 'aliceCliLong']],
    ['another CLI login', { loginId: ids.loginBob }, ['bobCli']],
    ['a user and a role', { userId: ids.alice, roleId: ids.role1 }, ['aliceConsole', 'aliceCli']],
    [
      'a user, a login and a role',
      { userId: ids.alice, loginId: ids.loginAlice, roleId: ids.role2 },
      ['aliceCliLong'],
    ],
    ['a user and a grant that is not theirs', { userId: ids.bob, grantId: ids.grantAlice1 }, []],
    ['an unknown user', { userId: ids.dave }, []],
  ])('finds the live sessions of %s', async (_label, filter, expected) => {
    expect(names(await query().list(filter, new Date()))).toEqual(expected);
  });

  it('maps a row to what the audit log recorded', async () => {
    const [found] = await query().list({ loginId: ids.loginAlice, roleId: ids.role1 }, new Date());
    const [row] = await queryRows<{ occurred_at: Date; details: { expiresAt: string } }>(
      database.url,
      'SELECT occurred_at, details FROM audit_events WHERE id = $1::bigint',
      [issuedRowIds['aliceCli']],
    );
    expect(found).toEqual({
      roleId: ids.role1,
      roleArn: 'arn:aws:iam::111111111111:role/One',
      accountId: ids.accountA,
      awsAccountId: '111111111111',
      userId: ids.alice,
      username: 'alice',
      grantId: ids.grantAlice1,
      loginId: ids.loginAlice,
      kind: 'cli',
      issuedAt: row!.occurred_at,
      expiresAt: new Date(row!.details.expiresAt),
    });
    const [portal] = await query().list(
      { userId: ids.alice, grantId: ids.grantAlice1, roleId: ids.role1 },
      new Date(),
    );
    expect(portal).toMatchObject({ kind: 'console', loginId: null });
  });

  it('counts a session live until its expiresAt, and nothing past the 12-hour bound', async () => {
    const later = (ms: number) => new Date(Date.now() + ms);
    expect(names(await query().list({ userId: ids.alice }, later(2 * HOUR)))).toEqual(['aliceCliLong']);
    expect(names(await query().list({ userId: ids.alice }, later(12 * HOUR + 60_000)))).toEqual([]);
    expect(names(await query().list({ userId: ids.carol }, later(11 * HOUR)))).toEqual(['carolTooLong']);
    expect(names(await query().list({ userId: ids.carol }, later(12 * HOUR + 10 * 60_000)))).toEqual([]);
  });

  it('takes an issued row that does not say when it ends as live for the longest session, and does not fail on it', async () => {
    const found = await query().list({ userId: ids.erin }, new Date());
    expect(names(found)).toEqual(['erinMissing', 'erinGarbled']);
    for (const f of found) expect(f.expiresAt.getTime() - f.issuedAt.getTime()).toBe(43_200_000);
    const later = (ms: number) => new Date(Date.now() + ms);
    expect(names(await query().list({ userId: ids.erin }, later(11 * HOUR)))).toEqual([
      'erinMissing',
      'erinGarbled',
    ]);
    expect(await query().list({ userId: ids.erin }, later(12 * HOUR + 60_000))).toEqual([]);
  });

  it('refuses a filter that names nothing', async () => {
    await expect(query().list({}, new Date())).rejects.toThrow(/at least one of/);
    await expect(query().list({ userId: undefined, loginId: undefined }, new Date())).rejects.toThrow(
      /at least one of/,
    );
  });
});

describe('inside a transaction', () => {
  it("sees the transaction's own uncommitted issuance, which others do not", async () => {
    const { db } = database;
    const audit = createAuditLog(db.prisma, db.pool);
    const rolledBack = new Error('roll back');
    const seen: Record<string, number> = {};
    await expect(
      createTransactionRunner(db.prisma).run(async (tx) => {
        const story = {
          user: 'dave',
          roleId: ids.role3,
          grantId: randomUUID(),
          kind: 'cli',
          loginId: randomUUID(),
        };
        await issue(audit, { ...story, end: 'issued' } as Issue, tx);
        seen['tx'] = (await viaPool.list({ userId: ids.dave }, new Date(), tx)).length;
        seen['prismaTx'] = (await viaPrisma.list({ userId: ids.dave }, new Date(), tx)).length;
        seen['outside'] = (await viaPool.list({ userId: ids.dave }, new Date())).length;
        throw rolledBack;
      }),
    ).rejects.toBe(rolledBack);
    expect(seen).toEqual({ tx: 1, prismaTx: 1, outside: 0 });
    expect(await viaPool.list({ userId: ids.dave }, new Date())).toEqual([]);
  });
});
