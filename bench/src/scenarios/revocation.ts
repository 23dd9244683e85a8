/**
 * B10: access ends at AWS too. One user at a time, each holding an issued CLI session on each of
 * 20 roles, is disabled through the admin API; measured is the time from the 200 of that request
 * to the moment GatehouseRevokeUserSessions, read back from moto on every one of the 20 roles,
 * holds a deny of the user's SourceIdentity covering the sessions issued. The revocation worker
 * runs inside the server (a pass every second), as the broker in its own account: moto's default
 * account, where the bench's fake keys land and where these roles live.
 */
import { randomUUID } from 'node:crypto';
import { GetRolePolicyCommand, IAMClient, NoSuchEntityException } from '@aws-sdk/client-iam';
import {
  SOURCE_IDENTITY_KEY,
  TOKEN_ISSUE_TIME_KEY,
  USER_REVOCATION_POLICY,
  sourceIdentityFor,
} from '@gatehouse/core';
import { MOTO_ACCOUNT } from '@gatehouse/aws/testing';
import { getJson, signInAll } from '../client';
import { post } from '../http';
import type { Check, ScenarioResult } from '../report';
import { judge } from '../report';
import { freshMoto } from '../run';
import type { Run } from '../run';
import { createMotoRoles, createUsers, grantToUser, insertRoles } from '../seed';
import type { SeededRole, SeededUser } from '../seed';
import { AWS_ENV } from '../stack';

interface Subject {
  user: SeededUser;
  cookie: string;
  grantIds: string[];
  /** Wall-clock time after the last of the user's sessions was issued. */
  issuedBy: number;
}

interface Revocations {
  revocations: Array<{ status: string; role: { name: string }; lastError: string | null }>;
  counts: Record<string, number>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const list = (value: unknown): unknown[] =>
  Array.isArray(value) ? value : value === undefined ? [] : [value];
const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Whether the document denies every session of `identity` issued before `issuedBy`: a Deny of
 * every action on every resource, conditioned only on SourceIdentity and a TokenIssueTime cut-off
 * later than the sessions (another condition, e.g. a grant tag, would spare some of them).
 */
function deniesUser(text: string, identity: string, issuedBy: number): boolean {
  const doc = JSON.parse(text) as unknown;
  if (!isRecord(doc)) return false;
  return list(doc['Statement']).some((s) => {
    if (!isRecord(s) || s['Effect'] !== 'Deny') return false;
    if (!list(s['Action']).includes('*') || !list(s['Resource']).includes('*')) return false;
    const condition = s['Condition'];
    if (
      !isRecord(condition) ||
      Object.keys(condition).some((k) => k !== 'DateLessThan' && k !== 'StringEquals')
    )
      return false;
    const { DateLessThan: date, StringEquals: equals } = condition;
    if (!isRecord(date) || !isRecord(equals) || Object.keys(equals).join() !== SOURCE_IDENTITY_KEY)
      return false;
    const cutoff = Date.parse(String(date[TOKEN_ISSUE_TIME_KEY]));
    return cutoff > issuedBy && list(equals[SOURCE_IDENTITY_KEY]).includes(identity);
  });
}

/** The role's GatehouseRevokeUserSessions as IAM returns it (percent-encoded), or null. */
async function policyOf(iam: IAMClient, roleName: string): Promise<string | null> {
  try {
    const out = await iam.send(
      new GetRolePolicyCommand({ RoleName: roleName, PolicyName: USER_REVOCATION_POLICY }),
    );
    return out.PolicyDocument ? decodeURIComponent(out.PolicyDocument) : null;
  } catch (err) {
    // The SDK names moto's NoSuchEntity NoSuchEntityException: the role has no such policy yet.
    if (err instanceof NoSuchEntityException) return null;
    throw err;
  }
}

/** Runs `tasks` `width` at a time. */
async function inParallel(width: number, tasks: Array<() => Promise<void>>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < tasks.length) await (tasks[next++] as () => Promise<void>)();
  };
  await Promise.all(Array.from({ length: width }, lane));
}

/** Users with a grant on every role and a CLI session issued through each grant. */
async function prepare(run: Run, roles: SeededRole[], users: number): Promise<Subject[]> {
  const seeded = await createUsers(
    run.db.pool,
    run.secretKey,
    Array.from({ length: users }, (_, i) => `bench-leaver-${i}`),
  );
  const cookies = await signInAll(run.server.url, seeded);
  const subjects: Subject[] = [];
  for (const [i, user] of seeded.entries()) {
    const grantIds = await grantToUser(
      run.db.pool,
      user.id,
      roles.map((r) => r.id),
    );
    subjects.push({ user, cookie: cookies[i] as string, grantIds, issuedBy: 0 });
  }
  const issue = (s: Subject, grantId: string) => async () => {
    const res = await post(
      `${run.server.url}/api/access/credentials`,
      { grantId, formats: ['process'] },
      s.cookie,
    );
    const body = await res.text();
    if (res.status !== 200) throw new Error(`credentials for ${s.user.username}: HTTP ${res.status} ${body}`);
  };
  await inParallel(
    4,
    subjects.flatMap((s) => s.grantIds.map((g) => issue(s, g))),
  );
  const issuedBy = Date.now();
  for (const s of subjects) s.issuedBy = issuedBy;
  return subjects;
}

type Sample = { ms: number } | { error: string };

/** Disables the user, then reads the roles until each holds the deny (or the deadline passes). */
async function sample(
  run: Run,
  iam: IAMClient,
  roles: SeededRole[],
  s: Subject,
  timeoutMs: number,
  /** A user not disabled (yet): the deny must not name them. */
  bystander: Subject | undefined,
): Promise<Sample> {
  const admin = run.cookies.get(run.seeded.admin.username) as string;
  const res = await fetch(`${run.server.url}/api/admin/users/${s.user.id}`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json', cookie: admin },
    body: JSON.stringify({ disabled: true }),
    signal: AbortSignal.timeout(30_000),
  });
  const body = await res.text();
  const t0 = performance.now();
  if (res.status !== 200) return { error: `disable: HTTP ${res.status} ${body.slice(0, 200)}` };
  const identity = sourceIdentityFor(s.user.id);
  const other = bystander ? sourceIdentityFor(bystander.user.id) : null;
  const waiting = new Set(roles.map((r) => r.roleName));
  let readErrors = 0;
  while (waiting.size > 0 && performance.now() - t0 < timeoutMs) {
    // One read at a time: the worker's own IAM calls go to the same moto.
    for (const roleName of [...waiting]) {
      try {
        const doc = await policyOf(iam, roleName);
        if (doc === null || !deniesUser(doc, identity, s.issuedBy)) continue;
        if (other && deniesUser(doc, other, s.issuedBy))
          return { error: `${roleName} denies ${other} too, who is not disabled` };
        waiting.delete(roleName);
      } catch (err) {
        if (++readErrors > 20) return { error: `GetRolePolicy: ${(err as Error).message}` };
      }
    }
    if (waiting.size > 0) await sleep(50);
  }
  const ms = performance.now() - t0;
  if (waiting.size === 0) return { ms };
  const outbox = await getJson<Revocations>(
    run.server.url,
    `/api/admin/revocations?userId=${s.user.id}`,
    admin,
  );
  const failing = outbox.body.revocations?.find((r) => r.lastError)?.lastError;
  return {
    error:
      `no deny on ${waiting.size} of ${roles.length} roles after ${(ms / 1000).toFixed(1)} s ` +
      `(outbox ${JSON.stringify(outbox.body.counts)}${failing ? `; ${failing}` : ''})`,
  };
}

/** What the outbox says once the deny is readable everywhere: every row applied, one per role. */
async function outboxSettled(run: Run, s: Subject, roles: number): Promise<string | null> {
  const admin = run.cookies.get(run.seeded.admin.username) as string;
  const deadline = Date.now() + 10_000;
  for (;;) {
    const res = await getJson<Revocations>(
      run.server.url,
      `/api/admin/revocations?userId=${s.user.id}`,
      admin,
    );
    const applied = res.body.revocations?.filter((r) => r.status === 'applied').length ?? 0;
    if (res.status === 200 && applied === roles && res.body.revocations.length === roles) return null;
    if (Date.now() > deadline)
      return `outbox: HTTP ${res.status}, ${applied} of ${res.body.revocations?.length} rows applied, ${roles} roles`;
    await sleep(200);
  }
}

export async function b10(run: Run): Promise<ScenarioResult> {
  const p = run.profile.b10;
  const names = Array.from({ length: p.roles }, (_, i) => `bench-revoke-role-${i}`);
  // The broker is moto's default account (the bench's fake keys): the roles are there, so it
  // writes their IAM as itself, with no GATEHOUSE_IAM_ROLE.
  await freshMoto(run);
  await createMotoRoles(run.aws.moto.endpoint, names);
  const roles: SeededRole[] = names.map((roleName) => ({
    id: randomUUID(),
    roleName,
    arn: `arn:aws:iam::${MOTO_ACCOUNT}:role/${roleName}`,
    accountId: run.seeded.issueAccountId,
  }));
  await insertRoles(run.db.pool, roles);
  const t0 = Date.now();
  const subjects = await prepare(run, roles, p.users);
  run.log(`  ${subjects.length} users with ${p.roles} CLI sessions each in ${Date.now() - t0} ms`);

  const iam = new IAMClient({
    region: AWS_ENV.AWS_REGION,
    endpoint: run.aws.moto.endpoint,
    credentials: { accessKeyId: AWS_ENV.AWS_ACCESS_KEY_ID, secretAccessKey: AWS_ENV.AWS_SECRET_ACCESS_KEY },
    maxAttempts: 1,
  });
  const times: number[] = [];
  const errors: string[] = [];
  const started = Date.now();
  try {
    for (const [i, s] of subjects.entries()) {
      if (Date.now() - started > p.budgetMs) {
        errors.push(`time budget of ${p.budgetMs / 1000} s spent before ${s.user.username}`);
        break;
      }
      // A random phase against the worker's one-second passes, as a real disable would have.
      await sleep(Math.random() * 1_000);
      const result = await sample(run, iam, roles, s, p.sampleTimeoutMs, subjects[i + 1]);
      if ('error' in result) {
        errors.push(result.error);
        continue;
      }
      times.push(result.ms);
      const settled = await outboxSettled(run, s, roles.length);
      if (settled) errors.push(settled);
    }
  } finally {
    iam.destroy();
  }

  const sorted = [...times].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? NaN;
  const seconds = (ms: number) => Math.round(ms) / 1000;
  const checks: Check[] = [{ figure: 'p95', value: seconds(at(0.95)), unit: 's', op: '<=', target: 5 }];
  return {
    id: 'B10',
    title: `disable a user → deny readable in IAM on all ${p.roles} roles (moto), ${subjects.length} users one at a time`,
    status: errors.length > 0 || times.length === 0 ? 'error' : judge(checks),
    checks,
    note:
      `p50 ${seconds(at(0.5)).toFixed(2)} s, p95 ${seconds(at(0.95)).toFixed(2)} s, max ` +
      `${seconds(sorted[sorted.length - 1] ?? NaN).toFixed(2)} s over ${times.length} disables; ` +
      `${errors.length} errors; the worker passes every second`,
    details: {
      samples: times.length,
      errors: errors.length,
      ...(errors.length > 0 ? { errorSamples: errors.slice(0, 5) } : {}),
      secondsToDeny: { p50: seconds(at(0.5)), p95: seconds(at(0.95)), all: times.map(seconds) },
    },
  };
}
