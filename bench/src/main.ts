/**
 * `npm run bench`: B1–B7 of the benchmark issue against the production bundle, on a fresh
 * database, moto_server and the federation stand-in. Every figure is a ratio or percentile
 * measured in this run. `--smoke` runs every scenario briefly on small data and fails only when
 * a scenario breaks (errors, missing figures), not on targets: it is part of `npm test`.
 */
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MOTO_ACCOUNT } from '@gatehouse/aws/testing';
import { getJson, signInAll } from './client';
import { runLoad } from './load';
import type { LoadResult } from './load';
import { benchCli } from './cli';
import type { Check, ScenarioResult } from './report';
import { describeMachine, judge, renderText, writeResults } from './report';
import {
  BENCH_PASSWORD,
  createAccountsAndRoles,
  createGroupWithGrants,
  createMotoRoles,
  createUsers,
  grantToUser,
  seedAuditEvents,
} from './seed';
import type { SeededRole, SeededUser } from './seed';
import { buildServer, createBenchDatabase, resetMoto, startAws, startServer } from './stack';
import type { Aws, BenchDatabase, ServerProcess } from './stack';

const PROFILES = {
  full: {
    b1: { users: 16, warmupMs: 3_000, durationMs: 15_000 },
    b2: { roles: 200, connections: 10, warmupSec: 2, durationSec: 10 },
    b3: { accounts: 1_000, rolesPerAccount: 5, warmupSec: 2, durationSec: 10, coldRuns: 20 },
    b4: { events: 1_000_000, warmupSec: 2, durationSec: 10 },
    b5: { runs: 15 },
    b6: { ratePerSec: 10, durationMs: 60_000 },
    b7: { users: 8, warmupMs: 10_000, durationMs: 60_000, windowMs: 10_000 },
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
    backgroundUsers: 50,
  },
};
type Profile = (typeof PROFILES)['full'];

const ALL = ['B1', 'B2', 'B3', 'B4', 'B5', 'B6', 'B7'];
const ISSUE_ROLES = ['bench-issue-role-0', 'bench-issue-role-1', 'bench-issue-role-2', 'bench-issue-role-3'];

interface Seeded {
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
}

interface Run {
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

function errorsOf(...results: LoadResult[]): number {
  return results.reduce((n, r) => n + r.errors, 0);
}

function loadDetails(r: LoadResult) {
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

function serverEnv(run: Pick<Run, 'db' | 'aws' | 'secretKey'>): Record<string, string> {
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

async function seed(run: Omit<Run, 'seeded' | 'cookies' | 'server'>, withAudit: boolean): Promise<Seeded> {
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
  };
}

async function freshMoto(run: Run): Promise<void> {
  await resetMoto(run.aws.moto);
  await createMotoRoles(run.aws.moto.endpoint, ISSUE_ROLES);
}

function timeoutFor(ms: number): number {
  return ms + 120_000;
}

async function b1(run: Run): Promise<ScenarioResult> {
  const p = run.profile.b1;
  const users = run.seeded.b1.slice(0, p.users);
  await freshMoto(run);
  const direct = await runLoad(
    run.buildDir,
    {
      kind: 'direct-console',
      stsEndpoint: run.aws.moto.endpoint,
      federationUrl: run.aws.standIn.url,
      roleArns: users.map((_, i) => run.seeded.issueRoleArns[i % run.seeded.issueRoleArns.length] as string),
      userIds: users.map((u) => u.user.id),
      concurrency: p.users,
      warmupMs: p.warmupMs,
      durationMs: p.durationMs,
    },
    timeoutFor(p.warmupMs + p.durationMs),
  );
  await freshMoto(run);
  const via = await runLoad(
    run.buildDir,
    {
      kind: 'issuance',
      baseUrl: run.server.url,
      users: users.map((u) => ({ cookie: run.cookies.get(u.user.username) as string, grantId: u.grantId })),
      kinds: ['console'],
      concurrency: p.users,
      warmupMs: p.warmupMs,
      durationMs: p.durationMs,
    },
    timeoutFor(p.warmupMs + p.durationMs),
  );
  const checks: Check[] = [
    {
      figure: 'p50 ratio',
      value: via.latencyMs.p50 / direct.latencyMs.p50,
      unit: 'ratio',
      op: '<=',
      target: 1.25,
    },
    {
      figure: 'p99 ratio',
      value: via.latencyMs.p99 / direct.latencyMs.p99,
      unit: 'ratio',
      op: '<=',
      target: 1.5,
    },
  ];
  return {
    id: 'B1',
    title: `console URL via Gatehouse vs direct AssumeRole + getSigninToken, ${p.users} concurrent users`,
    status: errorsOf(direct, via) > 0 ? 'error' : judge(checks),
    checks,
    note: `p50/p99 ${via.latencyMs.p50.toFixed(1)}/${via.latencyMs.p99.toFixed(1)} ms via Gatehouse, ${direct.latencyMs.p50.toFixed(1)}/${direct.latencyMs.p99.toFixed(1)} ms direct`,
    details: { direct: loadDetails(direct), gatehouse: loadDetails(via) },
  };
}

async function startHello(buildDir: string): Promise<{ url: string; stop: () => void }> {
  const child = fork(join(buildDir, 'hello.mjs'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('message', (m: { url: string }) => resolve(m.url));
    child.once('exit', (code) => reject(new Error(`hello-world server exited with ${code}`)));
  });
  return {
    url,
    stop: () => {
      child.disconnect();
      setTimeout(() => child.kill('SIGKILL'), 2_000).unref();
    },
  };
}

async function autocannon(
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

interface MyAccess {
  accounts: Array<{ roles: Array<{ roleId: string }> }>;
}

async function expectAccess(run: Run, cookie: string, roles: number, accounts: number): Promise<void> {
  const res = await getJson<MyAccess>(run.server.url, '/api/me/access', cookie);
  const got = res.body.accounts?.reduce((n, a) => n + a.roles.length, 0);
  if (res.status !== 200 || got !== roles || res.body.accounts.length !== accounts) {
    throw new Error(
      `my access: expected ${roles} roles in ${accounts} accounts, got HTTP ${res.status}, ${got} roles`,
    );
  }
}

async function b2(run: Run): Promise<ScenarioResult> {
  const p = run.profile.b2;
  const cookie = run.cookies.get(run.seeded.b2.username) as string;
  await expectAccess(run, cookie, p.roles, Math.ceil(p.roles / run.profile.b3.rolesPerAccount));
  const hello = await startHello(run.buildDir);
  let bare: LoadResult;
  try {
    bare = await autocannon(run, { url: hello.url, paths: ['/'], cookies: [], ...p });
  } finally {
    hello.stop();
  }
  const access = await autocannon(run, {
    url: run.server.url,
    paths: ['/api/me/access'],
    cookies: [cookie],
    ...p,
  });
  const checks: Check[] = [
    { figure: 'throughput ratio', value: access.rps / bare.rps, unit: 'ratio', op: '>=', target: 0.25 },
  ];
  return {
    id: 'B2',
    title: `signed-in my access (${p.roles} roles) vs bare Fastify hello-world, ${p.connections} connections`,
    status: errorsOf(bare, access) > 0 ? 'error' : judge(checks),
    checks,
    note: `${Math.round(access.rps)} req/s my access, ${Math.round(bare.rps)} req/s hello-world`,
    details: { helloWorld: loadDetails(bare), myAccess: loadDetails(access) },
  };
}

async function b3(run: Run): Promise<ScenarioResult> {
  const p = run.profile.b3;
  const cookie = run.cookies.get(run.seeded.b3.username) as string;
  const roles = p.accounts * p.rolesPerAccount;
  await expectAccess(run, cookie, roles, p.accounts);
  const r = await autocannon(run, {
    url: run.server.url,
    paths: ['/api/me/access'],
    cookies: [cookie],
    connections: 1,
    warmupSec: p.warmupSec,
    durationSec: p.durationSec,
  });
  const checks: Check[] = [{ figure: 'p95', value: r.latencyMs.p95, unit: 'ms', op: '<=', target: 50 }];
  const cold = await coldAccess(run, cookie, p.coldRuns);
  return {
    id: 'B3',
    title: `my access with ${roles} grants over ${p.accounts} accounts`,
    status: errorsOf(r) > 0 || cold.errors > 0 ? 'error' : judge(checks),
    checks,
    note:
      `p50 ${r.latencyMs.p50.toFixed(1)} ms, one request at a time; the first read after a change ` +
      `(built afresh) p50 ${cold.p50.toFixed(0)} ms, max ${cold.max.toFixed(0)} ms`,
    details: { myAccess: loadDetails(r), afterChange: cold },
  };
}

/**
 * Informational: the first `my access` after something it depends on changed, when the server
 * builds it afresh instead of answering from memory. Toggling a favourite is such a change.
 */
async function coldAccess(
  run: Run,
  cookie: string,
  runs: number,
): Promise<{ runs: number; errors: number; p50: number; max: number }> {
  const first = await getJson<MyAccess>(run.server.url, '/api/me/access', cookie);
  const roleId = first.body.accounts?.[0]?.roles[0]?.roleId;
  if (!roleId) throw new Error('my access: no role to mark as a favourite');
  const times: number[] = [];
  let errors = 0;
  for (let i = 0; i < runs; i++) {
    const toggle = await fetch(`${run.server.url}/api/me/favourites/${roleId}`, {
      method: i % 2 === 0 ? 'PUT' : 'DELETE',
      headers: { cookie, ...(i % 2 === 0 ? { 'content-type': 'application/json' } : {}) },
      ...(i % 2 === 0 ? { body: '{}' } : {}),
      signal: AbortSignal.timeout(30_000),
    });
    await toggle.body?.cancel();
    if (toggle.status !== 200) errors++;
    const t0 = performance.now();
    const res = await fetch(`${run.server.url}/api/me/access`, {
      headers: { cookie, 'accept-encoding': 'gzip, deflate, br' },
      signal: AbortSignal.timeout(30_000),
    });
    await res.arrayBuffer();
    times.push(performance.now() - t0);
    if (res.status !== 200) errors++;
  }
  times.sort((a, b) => a - b);
  return {
    runs,
    errors,
    p50: times[Math.floor(times.length / 2)] ?? NaN,
    max: times[times.length - 1] ?? NaN,
  };
}

async function b4(run: Run): Promise<ScenarioResult> {
  const p = run.profile.b4;
  const cookie = run.cookies.get(run.seeded.admin.username) as string;
  // Two filters (an account and an action prefix), first page of 100, a different account each time.
  const paths = run.seeded.org.accountIds
    .slice(0, 200)
    .map((id) => `/api/admin/audit?account=${id}&action=access.&limit=100`);
  const probe = await getJson<{ events: unknown[] }>(run.server.url, paths[0] as string, cookie);
  if (probe.status !== 200 || !Array.isArray(probe.body.events) || probe.body.events.length === 0) {
    throw new Error(`audit query: HTTP ${probe.status}, ${probe.body.events?.length} events`);
  }
  const r = await autocannon(run, {
    url: run.server.url,
    paths,
    cookies: [cookie],
    connections: 1,
    warmupSec: p.warmupSec,
    durationSec: p.durationSec,
  });
  const checks: Check[] = [{ figure: 'p95', value: r.latencyMs.p95, unit: 'ms', op: '<=', target: 100 }];
  return {
    id: 'B4',
    title: `audit query, two filters, page of 100, over ${p.events.toLocaleString('en')} events`,
    status: errorsOf(r) > 0 ? 'error' : judge(checks),
    checks,
    note: `p50 ${r.latencyMs.p50.toFixed(1)} ms; ${probe.body.events.length} events on the probed page`,
    details: { audit: loadDetails(r) },
  };
}

async function b6(run: Run): Promise<ScenarioResult> {
  const p = run.profile.b6;
  const r = await runLoad(
    run.buildDir,
    {
      kind: 'signin',
      baseUrl: run.server.url,
      users: run.seeded.b6.map((u) => ({ username: u.username, totpSecret: u.totpSecret })),
      password: BENCH_PASSWORD,
      ratePerSec: p.ratePerSec,
      durationMs: p.durationMs,
      maxInFlight: 200,
    },
    timeoutFor(p.durationMs),
  );
  const checks: Check[] = [
    { figure: 'p95', value: r.latencyMs.p95, unit: 'ms', op: '<=', target: 500 },
    { figure: 'errors', value: r.errors, unit: '', op: '<=', target: 0 },
  ];
  return {
    id: 'B6',
    title: `sign-in (password + TOTP) at ${p.ratePerSec}/s for ${p.durationMs / 1000} s`,
    status: r.count === 0 ? 'error' : judge(checks),
    checks,
    note: `${r.count} sign-ins, p50 ${r.latencyMs.p50.toFixed(0)} ms`,
    details: { signIn: loadDetails(r) },
  };
}

async function b7(run: Run): Promise<ScenarioResult> {
  const p = run.profile.b7;
  // A fresh server process: what B3/B4's large answers left in its heap is not B7's to carry.
  await run.server.stop();
  run.server = await startServer({ root: run.root, env: serverEnv(run), nodeArgs: run.nodeArgs });
  await freshMoto(run);
  const users = run.seeded.b1.slice(0, p.users);
  const stopSampling = run.server.sampleRss(100);
  const r = await runLoad(
    run.buildDir,
    {
      kind: 'issuance',
      baseUrl: run.server.url,
      users: users.map((u) => ({ cookie: run.cookies.get(u.user.username) as string, grantId: u.grantId })),
      kinds: ['console', 'credentials'],
      concurrency: p.users,
      warmupMs: p.warmupMs,
      durationMs: p.durationMs,
    },
    timeoutFor(p.warmupMs + p.durationMs),
  );
  const samples = stopSampling();
  const mb = (bytes: number) => bytes / 1_000_000;
  const measured = samples.filter((s) => s.atMs >= p.warmupMs && s.atMs <= p.warmupMs + p.durationMs);
  const mean = (list: typeof samples) => list.reduce((n, s) => n + s.rssBytes, 0) / Math.max(1, list.length);
  const first = measured.filter((s) => s.atMs < p.warmupMs + p.windowMs);
  const last = measured.filter((s) => s.atMs > p.warmupMs + p.durationMs - p.windowMs);
  const peak = Math.max(...samples.map((s) => s.rssBytes));
  const growth = ((mean(last) - mean(first)) / mean(first)) * 100;
  const checks: Check[] = [
    { figure: 'peak RSS', value: mb(peak), unit: 'MB', op: '<=', target: 300 },
    { figure: 'RSS growth', value: growth, unit: '%', op: '<=', target: 10 },
  ];
  return {
    id: 'B7',
    title: `sustained console + CLI issuance for ${p.durationMs / 1000} s, ${p.users} concurrent users`,
    status: errorsOf(r) > 0 || measured.length === 0 ? 'error' : judge(checks),
    checks,
    note:
      `${r.count} issuances (${Math.round(r.rps)}/s, p50 ${r.latencyMs.p50.toFixed(0)} ms); RSS ${mb(mean(first)).toFixed(0)} MB ` +
      `in the first ${p.windowMs / 1000} s, ${mb(mean(last)).toFixed(0)} MB in the last ${p.windowMs / 1000} s (after ${p.warmupMs / 1000} s of warm-up)`,
    details: {
      issuance: loadDetails(r),
      rssMB: {
        peak: mb(peak),
        firstWindowMean: mb(mean(first)),
        lastWindowMean: mb(mean(last)),
        samples: samples.length,
      },
    },
  };
}

function parseArgs(argv: string[]): { smoke: boolean; only: Set<string>; hold: boolean; nodeArgs: string[] } {
  const smoke = argv.includes('--smoke');
  // --hold: seed, sign in, print how to reach everything, and wait (for profiling by hand).
  const hold = argv.includes('--hold');
  // e.g. --server-node-args="--cpu-prof --cpu-prof-dir=/tmp/prof"
  const nodeArgs = (
    argv.find((a) => a.startsWith('--server-node-args='))?.slice('--server-node-args='.length) ?? ''
  )
    .split(' ')
    .filter(Boolean);
  const onlyArg = argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);
  const only = new Set((onlyArg ? onlyArg.split(',') : ALL).map((s) => s.trim().toUpperCase()));
  for (const id of only)
    if (!ALL.includes(id)) throw new Error(`unknown scenario ${id}; choose from ${ALL.join(', ')}`);
  return { smoke, only, hold, nodeArgs };
}

export async function main(options: { root: string; buildDir: string; argv: string[] }): Promise<number> {
  const { smoke, only, hold, nodeArgs } = parseArgs(options.argv);
  const profile = smoke ? PROFILES.smoke : PROFILES.full;
  const started = Date.now();
  const log = (message: string) => process.stderr.write(`bench: ${message}\n`);
  log(`${smoke ? 'smoke run' : 'full run'}: ${[...only].join(', ')}`);

  buildServer(options.root);
  const db = await createBenchDatabase();
  const cleanups: Array<() => Promise<void>> = [() => db.drop()];
  const results: ScenarioResult[] = [];
  let postgres = 'PostgreSQL';
  try {
    const aws = await startAws();
    cleanups.unshift(() => aws.close());
    const secretKey = randomBytes(32);
    const base = {
      root: options.root,
      buildDir: options.buildDir,
      profile,
      smoke,
      db,
      aws,
      secretKey,
      log,
      nodeArgs,
    };
    const first = await startServer({ root: options.root, env: serverEnv(base), nodeArgs });
    const holder = { server: first };
    cleanups.unshift(() => holder.server.stop());
    const version = await db.pool.query<{ v: string }>("SELECT current_setting('server_version') AS v");
    postgres = `PostgreSQL ${version.rows[0]?.v ?? '?'}`;
    const seeded = await seed(base, only.has('B4'));
    const cookies = new Map<string, string>();
    const signers = [seeded.admin, seeded.b2, seeded.b3, seeded.cli, ...seeded.b1.map((b) => b.user)];
    const signed = await signInAll(first.url, signers);
    signers.forEach((u, i) => cookies.set(u.username, signed[i] as string));
    const run: Run = { ...base, server: first, seeded, cookies };
    if (hold) {
      const file = join(options.buildDir, 'hold.json');
      writeFileSync(
        file,
        JSON.stringify(
          {
            server: first.url,
            pid: first.pid,
            database: db.url,
            moto: aws.moto.endpoint,
            federation: aws.standIn.url,
            cookies: Object.fromEntries(cookies),
            grants: seeded.b1.map((b) => b.grantId),
          },
          null,
          2,
        ),
      );
      log(
        `holding: server ${first.url} (pid ${first.pid}), database ${db.url}; cookies and grants in ${file}. Ctrl-C ends.`,
      );
      await new Promise<void>((resolve) => process.once('SIGINT', () => resolve()));
      return 0;
    }

    const scenarios: Record<string, (run: Run) => Promise<ScenarioResult>> = {
      B1: b1,
      B2: b2,
      B3: b3,
      B4: b4,
      B5: (r) => benchCli(r),
      B6: b6,
      B7: b7,
    };
    for (const id of ALL) {
      if (!only.has(id)) continue;
      const scenario = scenarios[id] as (run: Run) => Promise<ScenarioResult>;
      log(`${id} …`);
      const t0 = Date.now();
      try {
        results.push(await scenario(run));
      } catch (err) {
        results.push({
          id,
          title: 'did not complete',
          status: 'error',
          checks: [],
          note: (err as Error).message.split('\n')[0] ?? '',
          details: { error: (err as Error).stack ?? String(err) },
        });
      }
      holder.server = run.server;
      const last = results[results.length - 1] as ScenarioResult;
      log(`${id} ${last.status} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
      if (last.status === 'error') log(`server stderr (tail):\n${run.server.stderrTail().slice(-2_000)}`);
    }
  } finally {
    for (const cleanup of cleanups)
      await cleanup().catch((err: unknown) => log(`cleanup: ${(err as Error).message}`));
  }

  const machine = describeMachine(postgres);
  const meta = {
    mode: smoke ? 'smoke' : 'full',
    startedAt: new Date(started).toISOString(),
    durationS: Math.round((Date.now() - started) / 1000),
    scenarios: [...only],
  };
  process.stdout.write(`\n${renderText(results)}\n\n`);
  const dir = join(options.root, 'bench', 'results');
  const name = smoke ? 'smoke' : only.size === ALL.length ? 'latest' : 'partial';
  writeResults(dir, name, results, machine, meta);
  log(`wrote bench/results/${name}.json and .md (${meta.durationS} s)`);

  const broken = results.filter((r) => r.status === 'error');
  if (smoke) return broken.length > 0 ? 1 : 0;
  return results.every((r) => r.status === 'pass') ? 0 : 1;
}

export type { Run };
