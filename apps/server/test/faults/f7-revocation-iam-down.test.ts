/**
 * F7: IAM down while a user is disabled. Two server processes on one database, IAM behind a proxy
 * (STS stays on moto, so issuance works): the disable answers at once, the revocation fails and is
 * retried (500s, a pass stalled and its server killed while holding the worker lock, connections
 * refused), survives the restart of that server, and once IAM forwards again the deny is written
 * exactly once, within seconds, with both servers' workers racing for it.
 */
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { GetRolePolicyCommand, IAMClient, ListRolePoliciesCommand } from '@aws-sdk/client-iam';
import { evaluatePolicy, readPolicy, sourceIdentityFor } from '@gatehouse/core';
import { MOTO_ACCOUNT, iamError } from '@gatehouse/aws/testing';
import { auditRows, call, requestAccess, signIn, sleep, startFaultStack } from './harness';
import type { FaultDatabase, FaultStack, Issuer, ServerChild } from './harness';

const POLICY = 'GatehouseRevokeUserSessions';
/** The worker's advisory lock key (packages/db/src/revocation-outbox.ts). */
const WORKER_LOCK_KEY = 0x6761_7465;
/**
 * Each IAM request forwarded once IAM is back waits this long: a pass (five IAM calls) then outlasts
 * the workers' one-second period, so without a working lock both servers would write the deny.
 */
const FORWARD_DELAY_MS = 300;
/** Distinct access keys per server process: the proxy tells their requests apart by the signature. */
const KEYS = ['AKIDFAULTF7SERVER0A0', 'AKIDFAULTF7SERVER0B0'] as const;

type Mode = 'fail500' | 'stall' | 'refuse' | 'forward';

interface Seen {
  at: number;
  action: string;
  roleName: string | null;
  key: string;
  /** What the proxy answered (moto's status when forwarded), or 'stalled'. */
  status: number | 'stalled';
}

interface IamProxy {
  url: string;
  seen: Seen[];
  setMode(mode: Mode): Promise<void>;
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/**
 * A port below the kernel's ephemeral range: while the proxy refuses connections (listener closed),
 * no outgoing connection or `listen(0)` elsewhere can take it, so it can listen there again.
 */
function quietPort(): number {
  const low = Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').split(/\s+/)[0]);
  return 20_000 + Math.floor(Math.random() * Math.max(1, Math.min(low, 32_768) - 20_000));
}

/** IAM for the servers: forwards to moto, answers 500, stalls, or refuses connections. */
async function startIamProxy(upstream: string): Promise<IamProxy> {
  let mode: Mode = 'forward';
  const seen: Seen[] = [];
  const sockets = new Set<Socket>();
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const body = await readBody(req);
    const params = new URLSearchParams(body);
    const entry: Seen = {
      at: Date.now(),
      action: params.get('Action') ?? '?',
      roleName: params.get('RoleName'),
      key: /Credential=([A-Z0-9]+)\//.exec(req.headers.authorization ?? '')?.[1] ?? '?',
      status: 'stalled',
    };
    seen.push(entry);
    if (mode === 'stall') return;
    if (mode !== 'forward') {
      entry.status = 500;
      res.writeHead(500, { 'content-type': 'text/xml' });
      res.end(iamError('ServiceFailure', 'fault test: IAM is down', 'Receiver'));
      return;
    }
    await sleep(FORWARD_DELAY_MS);
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      if (typeof value === 'string' && !['host', 'content-length', 'connection'].includes(name))
        headers.set(name, value);
    }
    const up = await fetch(new URL(req.url ?? '/', upstream), {
      method: req.method ?? 'POST',
      headers,
      body,
    });
    const text = await up.text();
    entry.status = up.status;
    res.writeHead(up.status, { 'content-type': up.headers.get('content-type') ?? 'text/xml' });
    res.end(text);
  };
  const server = createServer((req, res) => void handle(req, res).catch(() => res.destroy()));
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  const listen = (port: number) =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  let port = 0;
  for (let tries = 0; ; tries++) {
    port = quietPort();
    try {
      await listen(port);
      break;
    } catch (err) {
      if (tries > 20) throw err;
    }
  }
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    async setMode(next) {
      if (next === 'refuse' && mode !== 'refuse') {
        // New connections are refused and idle keep-alive ones closed; a request in flight (a
        // stalled one) stays open until its client goes away.
        server.close();
        server.closeIdleConnections();
      }
      if (next !== 'refuse' && mode === 'refuse') await listen(port);
      mode = next;
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      if (server.listening) await new Promise<void>((resolve) => server.close(() => resolve()));
      mode = 'refuse';
    },
  };
}

interface RevocationView {
  id: string;
  status: string;
  attempts: number;
  nextAttemptAt: string | null;
  lastError: string | null;
  appliedAt: string | null;
  cutoff: string;
  role: { name: string };
}

let stack: FaultStack<FaultDatabase, undefined>;
let proxy: IamProxy;
let iam: IAMClient;
const servers: ServerChild[] = [];
let leaver: Issuer;
let stayer: Issuer;
let adminCookie: string;

const serverEnv = (i: 0 | 1) => ({ AWS_ENDPOINT_URL_IAM: proxy.url, AWS_ACCESS_KEY_ID: KEYS[i] });

beforeAll(async () => {
  stack = await startFaultStack({ name: 'f7', postgres: 'test' });
  proxy = await startIamProxy(stack.moto.endpoint);
  iam = new IAMClient({
    endpoint: stack.moto.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDF7READER00000000', secretAccessKey: 'reader' },
  });
  // Two server processes on the one database, A and B.
  servers.push(...(await Promise.all([stack.startServer(serverEnv(0)), stack.startServer(serverEnv(1))])));
  [leaver, stayer] = (await stack.seed({ count: 2, prefix: 'f7' })) as [Issuer, Issuer];
  const [admin] = (await stack.seed({ count: 1, prefix: 'f7-admin', admin: true })) as [Issuer];
  adminCookie = await signIn(servers[0]!.url, admin);
}, 90_000);

afterAll(async () => {
  iam?.destroy();
  await proxy?.close();
  await stack?.close();
});

/** Polls `probe` until it returns a value, for at most `ms`; then fails saying what it waited for. */
async function until<T>(what: string, ms: number, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + ms;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) {
      const logs = servers.map((s, i) => `--- server ${'AB'[i]}:\n${s.stderr().slice(-3_000)}`).join('\n');
      throw new Error(`gave up after ${ms} ms waiting for ${what} (${String(last)})\n${logs}`);
    }
    await sleep(200);
  }
}

/** The leaver's one revocation, as an administrator sees it, through a live server. */
async function revocation(server: ServerChild): Promise<RevocationView> {
  const reply = await call(server.url, 'GET', `/api/admin/revocations?userId=${leaver.userId}`, {
    cookie: adminCookie,
  });
  expect(reply.status, reply.text).toBe(200);
  const rows = (JSON.parse(reply.text) as { revocations: RevocationView[] }).revocations;
  expect(rows, 'one revocation: the leaver used one role').toHaveLength(1);
  return rows[0]!;
}

async function denyOnRole(roleName: string): Promise<string | null> {
  const names = (await iam.send(new ListRolePoliciesCommand({ RoleName: roleName }))).PolicyNames ?? [];
  if (!names.includes(POLICY)) return null;
  const out = await iam.send(new GetRolePolicyCommand({ RoleName: roleName, PolicyName: POLICY }));
  // IAM returns documents percent-encoded; decoding here is the test's own reading.
  return decodeURIComponent(out.PolicyDocument!);
}

/** What AWS would decide for a session of the role, by Gatehouse's evaluator over the role's deny. */
function decide(
  roleName: string,
  document: string,
  session: { userId: string; grantId: string; issuedAt: Date },
): 'allowed' | 'denied' {
  const statements = [
    { Effect: 'Allow', Action: '*', Resource: '*' },
    ...(JSON.parse(document) as { Statement: unknown[] }).Statement,
  ];
  const { policy } = readPolicy({ Version: '2012-10-17', Statement: statements });
  const result = evaluatePolicy(policy!, {
    principal: { type: 'AWS', arn: `arn:aws:sts::${MOTO_ACCOUNT}:assumed-role/${roleName}/session` },
    action: 's3:ListAllMyBuckets',
    resource: '*',
    context: {
      'aws:TokenIssueTime': session.issuedAt.toISOString(),
      'aws:SourceIdentity': sourceIdentityFor(session.userId),
      'aws:PrincipalTag/gatehouse:user-id': session.userId,
      'aws:PrincipalTag/gatehouse:grant': session.grantId,
    },
  });
  return result.decision === 'allow' ? 'allowed' : 'denied';
}

/** Whether some database session holds the revocation worker's advisory lock. */
async function workerLockHeld(): Promise<boolean> {
  const db = new pg.Client({ connectionString: stack.database.url });
  await db.connect();
  try {
    const { rows } = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_locks
       WHERE locktype = 'advisory' AND granted AND classid = 0 AND objid = $1
         AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
      [WORKER_LOCK_KEY],
    );
    return (rows[0]?.n ?? 0) > 0;
  } finally {
    await db.end();
  }
}

describe('F7: IAM down while a user is disabled, two servers on one database', () => {
  it('retries through 500s, a crash and refused connections, then applies the deny once', async () => {
    const [a, b] = servers as [ServerChild, ServerChild];
    const roleName = leaver.roleArn.split('/').pop()!;
    const forRole = (s: Seen) => s.roleName === roleName;

    // The leaver takes CLI credentials: an issued session on record, to be revoked.
    const leaverCookie = await signIn(a.url, leaver);
    const issuedAt = new Date();
    const issued = await requestAccess(a.url, 'credentials', { ...leaver, cookie: leaverCookie });
    expect(issued.status, issued.text).toBe(200);

    // IAM answers 500 to everything. The disable does not wait on it.
    await proxy.setMode('fail500');
    const disable = await call(a.url, 'PATCH', `/api/admin/users/${leaver.userId}`, {
      cookie: adminCookie,
      body: { disabled: true },
    });
    expect(disable.status, disable.text).toBe(200);
    expect(disable.receivedAt - disable.sentAt, 'the disable answered at once').toBeLessThan(2_000);

    const failing = await until('the revocation to be failing', 8_000, async () => {
      const r = await revocation(b);
      return r.status === 'failing' ? r : undefined;
    });
    expect(failing.role.name).toBe(roleName);
    expect(failing.attempts).toBeGreaterThan(0);
    // The reason names the call and how it failed, not only that IAM is unwell.
    expect(failing.lastError).toMatch(
      /IAM GetRolePolicy failed on the AWS side \(HTTP 500, ServiceFailure\)/,
    );
    // The next retry is scheduled, after the disable and at most the backoff cap (10 s) away.
    expect(Date.parse(failing.nextAttemptAt!)).toBeGreaterThan(disable.sentAt);
    expect(Date.parse(failing.nextAttemptAt!)).toBeLessThan(Date.now() + 10_000 + 1_000);
    expect(proxy.seen.filter((s) => forRole(s) && s.status === 500).length).toBeGreaterThan(0);
    expect(await denyOnRole(roleName), 'no deny in IAM yet').toBeNull();

    // IAM stalls: the next pass hangs on it, holding the worker lock.
    await proxy.setMode('stall');
    const stalled = await until('a worker pass to reach IAM and hang', 15_000, async () =>
      proxy.seen.find((s) => s.status === 'stalled'),
    );
    expect(await workerLockHeld(), 'the stalled pass holds the worker lock').toBe(true);
    const holder = stalled.key === KEYS[0] ? a : b;
    const survivor = holder === a ? b : a;
    const holderIndex = holder === a ? 0 : 1;
    const beforeKill = await revocation(survivor);
    // IAM refuses connections from now on (the stalled request stays open); the holder is killed
    // (SIGKILL) in the middle of its pass.
    // The survivor's worker takes the lock the dead process held and retries.
    await proxy.setMode('refuse');
    await holder.kill();
    const retried = await until('the survivor to retry against refused connections', 8_000, async () => {
      const r = await revocation(survivor);
      return r.attempts > beforeKill.attempts ? r : undefined;
    });
    expect(retried.status).toBe('failing');
    expect(retried.lastError).toMatch(/IAM GetRolePolicy could not be reached \(ECONNREFUSED\)/);
    expect(await denyOnRole(roleName)).toBeNull();

    // The killed server comes back while IAM is still down: the revocation is still there, failing.
    const restarted = await stack.startServer(serverEnv(holderIndex));
    servers[holderIndex] = restarted;
    // Switch IAM back on just after a failure was recorded, so the last failed attempt is known.
    const waiting = await until('a fresh failure with its retry ahead', 15_000, async () => {
      const r = await revocation(restarted);
      const ahead = Date.parse(r.nextAttemptAt ?? '') - Date.now();
      return r.status === 'failing' && ahead > 700 ? r : undefined;
    });
    expect(waiting.attempts, 'no attempt forgotten').toBeGreaterThanOrEqual(retried.attempts);
    expect(proxy.seen.filter((s) => forRole(s) && s.action === 'PutRolePolicy')).toEqual([]);

    // IAM is back. Both servers' workers race for the revocation.
    const backAt = Date.now();
    await proxy.setMode('forward');
    const applied = await until('the revocation to be applied', 15_000, async () => {
      const r = await revocation(survivor);
      return r.status === 'applied' ? r : undefined;
    });
    const appliedAt = Date.parse(applied.appliedAt!);
    const retryAt = Math.max(backAt, Date.parse(waiting.nextAttemptAt!));
    // The next retry after IAM came back succeeded: one worker period plus one (slowed) pass.
    expect(appliedAt - retryAt).toBeLessThan(1_000 + 5 * FORWARD_DELAY_MS + 2_000);
    expect(appliedAt - backAt).toBeLessThan(15_000);
    expect(applied.lastError).toBeNull();
    expect(applied.attempts, 'each failed attempt, then the one that applied').toBe(waiting.attempts + 1);

    const document = await denyOnRole(roleName);
    expect(document, 'the deny is on the role in IAM').not.toBeNull();
    expect(document).toContain(sourceIdentityFor(leaver.userId));
    const session = { userId: leaver.userId, grantId: leaver.grantId, issuedAt };
    expect(decide(roleName, document!, session)).toBe('denied');
    // A session issued after the cut-off, and another user's, are not caught.
    const afterCutoff = new Date(Date.parse(applied.cutoff) + 60_000);
    expect(decide(roleName, document!, { ...session, issuedAt: afterCutoff })).toBe('allowed');
    expect(decide(roleName, document!, { ...session, userId: stayer.userId })).toBe('allowed');

    // Restart the other server too (SIGTERM, a fresh process), and give both workers a few more
    // passes: nothing is applied again.
    const survivorIndex = holderIndex === 0 ? 1 : 0;
    await survivor.stop();
    const fresh = await stack.startServer(serverEnv(survivorIndex));
    servers[survivorIndex] = fresh;
    await sleep(2_500);
    expect(restarted.alive() && fresh.alive()).toBe(true);
    const puts = proxy.seen.filter((s) => forRole(s) && s.action === 'PutRolePolicy');
    expect(
      puts.filter((s) => s.status === 200),
      `the deny was written once: ${JSON.stringify(puts)}`,
    ).toHaveLength(1);
    const events = await auditRows(stack.database.url, "action LIKE 'revocation.%' AND correlation_id = $1", [
      applied.id,
    ]);
    expect(events.map((e) => [e.action, e.outcome])).toEqual([
      ['revocation.failed', 'failure'],
      ['revocation.applied', 'success'],
    ]);
    expect(await revocation(fresh)).toMatchObject({ status: 'applied', attempts: applied.attempts });
  }, 90_000);
});
