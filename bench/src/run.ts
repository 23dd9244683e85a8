/**
 * What every scenario of the benchmark is given (the run: profile, database, AWS, server, seeded
 * organisation, signed-in cookies), the organisation it seeds, and the helpers they share.
 */
import { MOTO_ACCOUNT } from '@gatehouse/aws/testing';
import { getJson } from './client';
import { runLoad } from './load';
import type { LoadResult } from './load';
import {
  createAccountsAndRoles,
  createGroupWithGrants,
  createMotoRoles,
  createUsers,
  grantToUser,
  seedAuditEvents,
} from './seed';
import type { SeededRole, SeededUser } from './seed';
import { resetMoto } from './stack';
import type { Aws, BenchDatabase, ServerProcess } from './stack';

export const PROFILES = {
  full: {
    b1: { users: 16, warmupMs: 3_000, durationMs: 15_000 },
    b2: { roles: 200, connections: 10, warmupSec: 2, durationSec: 10 },
    b3: { accounts: 1_000, rolesPerAccount: 5, warmupSec: 2, durationSec: 10, coldRuns: 20 },
    b4: { events: 1_000_000, warmupSec: 2, durationSec: 10 },
    b5: { runs: 15 },
    b6: { ratePerSec: 10, durationMs: 60_000 },
    b7: { users: 8, warmupMs: 10_000, durationMs: 60_000, windowMs: 10_000 },
    b10: { users: 20, roles: 20, sampleTimeoutMs: 20_000, budgetMs: 240_000 },
    backgroundUsers: 2_000,
  },
  smoke: {
    b1: { users: 4, warmupMs: 300, durationMs: 1_500 },
    b2: { roles: 200, connections: 4, warmupSec: 0, durationSec: 1 },
    b3: { accounts: 40, rolesPerAccount: 5, warmupSec: 0, durationSec: 1, coldRuns: 2 },
    b4: { events: 20_000, warmupSec: 0, durationSec: 1 },
    b5: { runs: 2 },
    b6: { ratePerSec: 5, durationMs: 2_000 },
    b7: { users: 4, warmupMs: 500, durationMs: 3_000, windowMs: 1_000 },
    b10: { users: 3, roles: 20, sampleTimeoutMs: 20_000, budgetMs: 60_000 },
    backgroundUsers: 50,
  },
};
export type Profile = (typeof PROFILES)['full'];

export const ALL = ['B1', 'B2', 'B3', 'B4', 'B5', 'B6', 'B7', 'B10'];
export const ISSUE_ROLES = [
  'bench-issue-role-0',
  'bench-issue-role-1',
  'bench-issue-role-2',
  'bench-issue-role-3',
];

export interface Seeded {
  org: { roles: SeededRole[]; accountIds: string[] };
  background: SeededUser[];
  b1: Array<{ user: SeededUser; grantId: string }>;
  b2: SeededUser;
  b3: SeededUser;
  b6: SeededUser[];
  admin: SeededUser;
  /** B5's user, and the ACCOUNT/ROLE it asks the CLI for. */
  cli: SeededUser;
  cliTarget: string;
  issueRoleArns: string[];
  /** The Gatehouse id of the account in moto's default account (the broker's own). */
  issueAccountId: string;
}

export interface Run {
  root: string;
  buildDir: string;
  profile: Profile;
  smoke: boolean;
  db: BenchDatabase;
  aws: Aws;
  secretKey: Buffer;
  server: ServerProcess;
  seeded: Seeded;
  cookies: Map<string, string>;
  log: (message: string) => void;
  /** Extra node flags for the server process (profiling). */
  nodeArgs: string[];
}

export function errorsOf(...results: LoadResult[]): number {
  return results.reduce((n, r) => n + r.errors, 0);
}

export function loadDetails(r: LoadResult) {
  return {
    requests: r.count,
    rps: Math.round(r.rps),
    errors: r.errors,
    statuses: r.statuses,
    latencyMs: Object.fromEntries(
      Object.entries(r.latencyMs).map(([k, v]) => [k, Math.round(v * 100) / 100]),
    ),
    ...(r.errorSamples.length > 0 ? { errorSamples: r.errorSamples } : {}),
  };
}

export function serverEnv(run: Pick<Run, 'db' | 'aws' | 'secretKey'>): Record<string, string> {
  return {
    DATABASE_URL: run.db.url,
    GATEHOUSE_SECRET_KEY: run.secretKey.toString('base64'),
    GATEHOUSE_FEDERATION_URL: run.aws.standIn.url,
    AWS_ENDPOINT_URL: run.aws.moto.endpoint,
    // The per-IP sign-in limit would otherwise cap B6, whose every sign-in comes from 127.0.0.1.
    GATEHOUSE_LOGIN_RATE_LIMIT: '100000',
    LOG_LEVEL: 'info',
  };
}

export async function seed(
  run: Omit<Run, 'seeded' | 'cookies' | 'server'>,
  withAudit: boolean,
): Promise<Seeded> {
  const { pool } = run.db;
  const p = run.profile;
  const t0 = Date.now();
  const org = await createAccountsAndRoles(pool, {
    prefix: 'org',
    accounts: p.b3.accounts,
    rolesPerAccount: p.b3.rolesPerAccount,
    firstAwsAccountId: 200_000_000_000,
  });
  const issue = await createAccountsAndRoles(pool, {
    prefix: 'bench-issue',
    accounts: 1,
    rolesPerAccount: ISSUE_ROLES.length,
    firstAwsAccountId: Number(MOTO_ACCOUNT),
  });
  const background = await createUsers(
    pool,
    run.secretKey,
    Array.from({ length: p.backgroundUsers }, (_, i) => `staff-${i}`),
  );
  // Everyone else in the organisation holds a few grants, so the tables are not just ours.
  for (const [i, u] of background.entries()) {
    const picks = [0, 1, 2, 3, 4].map((k) => org.roles[(i * 7 + k * 131) % org.roles.length]?.id as string);
    await grantToUser(pool, u.id, [...new Set(picks)]);
  }
  const [admin] = await createUsers(pool, run.secretKey, ['bench-admin'], { isAdmin: true });
  const [b2, b3, cli] = await createUsers(pool, run.secretKey, [
    'bench-200-roles',
    'bench-5000-grants',
    'bench-cli',
  ]);
  const b1Users = await createUsers(
    pool,
    run.secretKey,
    Array.from({ length: Math.max(p.b1.users, p.b7.users) }, (_, i) => `bench-issuer-${i}`),
  );
  const b6 = await createUsers(
    pool,
    run.secretKey,
    Array.from(
      { length: Math.ceil((p.b6.durationMs / 1000) * p.b6.ratePerSec) },
      (_, i) => `bench-signin-${i}`,
    ),
  );
  if (!admin || !b2 || !b3 || !cli) throw new Error('seeding users failed');
  const cliRole = issue.roles[0] as SeededRole;
  await grantToUser(pool, cli.id, [cliRole.id]);

  // B2: 200 roles over 40 accounts, granted directly.
  await grantToUser(
    pool,
    b2.id,
    org.roles.slice(0, p.b2.roles).map((r) => r.id),
  );
  // B3: every org role, 3 of 5 per account directly and one each through two groups.
  await grantToUser(
    pool,
    b3.id,
    org.roles.filter((_, i) => i % 5 < 3).map((r) => r.id),
  );
  const groupMembers = background.slice(0, Math.min(200, background.length)).map((u) => u.id);
  await createGroupWithGrants(
    pool,
    'platform-team',
    [b3.id, ...groupMembers],
    org.roles.filter((_, i) => i % 5 === 3).map((r) => r.id),
  );
  await createGroupWithGrants(
    pool,
    'data-team',
    [b3.id, ...groupMembers.slice(0, 50)],
    org.roles.filter((_, i) => i % 5 === 4).map((r) => r.id),
  );

  const b1 = await Promise.all(
    b1Users.map(async (user, i) => {
      const role = issue.roles[i % issue.roles.length] as SeededRole;
      const [grantId] = await grantToUser(pool, user.id, [role.id]);
      return { user, grantId: grantId as string };
    }),
  );
  run.log(
    `seeded ${org.roles.length} roles, ${background.length + b1Users.length + b6.length + 3} users in ${Date.now() - t0} ms`,
  );

  const t1 = Date.now();
  // Only B4 reads the audit log; runs without it (--only) skip the million rows.
  const events = withAudit ? p.b4.events : 0;
  await seedAuditEvents(
    pool,
    { count: events, roles: org.roles, userIds: background.map((u) => u.id) },
    (done) => {
      if (done % 200_000 === 0) run.log(`  audit events: ${done}`);
    },
  );
  await pool.query('ANALYZE');
  run.log(`seeded ${events} audit events in ${Date.now() - t1} ms`);
  return {
    org,
    background,
    b1,
    b2,
    b3,
    b6,
    admin,
    cli,
    cliTarget: `bench-issue-account-0000/${cliRole.roleName}`,
    issueRoleArns: issue.roles.map((r) => r.arn),
    issueAccountId: issue.accountIds[0] as string,
  };
}

export async function freshMoto(run: Run): Promise<void> {
  await resetMoto(run.aws.moto);
  await createMotoRoles(run.aws.moto.endpoint, ISSUE_ROLES);
}

export function timeoutFor(ms: number): number {
  return ms + 120_000;
}

export async function autocannon(
  run: Run,
  options: {
    url: string;
    paths: string[];
    cookies: string[];
    connections: number;
    warmupSec: number;
    durationSec: number;
  },
): Promise<LoadResult> {
  const job = { kind: 'autocannon' as const, method: 'GET' as const, ...options };
  if (options.warmupSec > 0) {
    await runLoad(
      run.buildDir,
      { ...job, durationSec: options.warmupSec },
      timeoutFor(options.warmupSec * 1000),
    );
  }
  return runLoad(run.buildDir, job, timeoutFor(options.durationSec * 1000));
}

export interface MyAccess {
  accounts: Array<{ roles: Array<{ roleId: string }> }>;
}

export async function expectAccess(run: Run, cookie: string, roles: number, accounts: number): Promise<void> {
  const res = await getJson<MyAccess>(run.server.url, '/api/me/access', cookie);
  const got = res.body.accounts?.reduce((n, a) => n + a.roles.length, 0);
  if (res.status !== 200 || got !== roles || res.body.accounts.length !== accounts) {
    throw new Error(
      `my access: expected ${roles} roles in ${accounts} accounts, got HTTP ${res.status}, ${got} roles`,
    );
  }
}
