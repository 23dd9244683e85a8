/**
 * The load generator: a separate process (forked by the runner) so that the client's CPU is
 * never the server's. It receives one job over IPC, runs it against loopback addresses only, for
 * a bounded time, and answers with what it measured.
 */
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import autocannon from 'autocannon';
import { generate } from 'otplib';
import { roleSessionNameFor, sessionTagsFor, sourceIdentityFor } from '@gatehouse/core';
import type { LoadJob, LoadResult } from './load';
import { AWS_ENV } from './stack';
import { cookieOf, post } from './http';

class Recorder {
  private readonly latencies: number[] = [];
  private readonly statuses = new Map<string, number>();
  private readonly samples: string[] = [];
  errors = 0;
  count = 0;

  record(ms: number, status: string, ok: boolean, detail?: string): void {
    this.count++;
    this.latencies.push(ms);
    this.statuses.set(status, (this.statuses.get(status) ?? 0) + 1);
    if (!ok) {
      this.errors++;
      if (detail && this.samples.length < 5) this.samples.push(detail.slice(0, 300));
    }
  }

  result(durationMs: number): LoadResult {
    const sorted = [...this.latencies].sort((a, b) => a - b);
    const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? NaN;
    return {
      count: this.count,
      errors: this.errors,
      statuses: Object.fromEntries(this.statuses),
      errorSamples: this.samples,
      durationMs,
      rps: (this.count / durationMs) * 1000,
      latencyMs: {
        p50: at(0.5),
        p95: at(0.95),
        p99: at(0.99),
        max: sorted[sorted.length - 1] ?? NaN,
        mean: sorted.reduce((a, b) => a + b, 0) / Math.max(1, sorted.length),
      },
    };
  }
}

function assertLoopback(url: string): void {
  const host = new URL(url).hostname;
  if (!/^(127\.\d+\.\d+\.\d+|localhost|\[::1\])$/.test(host)) {
    throw new Error(`refusing to send load to ${host}: the benchmark targets loopback addresses only`);
  }
}

async function runAutocannon(job: Extract<LoadJob, { kind: 'autocannon' }>): Promise<LoadResult> {
  assertLoopback(job.url);
  const recorder = new Recorder();
  let next = 0;
  const started = Date.now();
  const options: autocannon.Options = {
    url: job.url,
    connections: job.connections,
    duration: job.durationSec,
    method: job.method,
    ...(job.body === undefined ? {} : { body: job.body }),
    // Each connection is one signed-in user (a cookie of its own) when several are given.
    setupClient: (client) => {
      const cookie = job.cookies[next++ % Math.max(1, job.cookies.length)];
      client.setHeaders({
        // What every browser sends: the portal's answers travel compressed where the server can.
        'accept-encoding': 'gzip, deflate, br',
        ...(cookie ? { cookie } : {}),
        ...(job.body === undefined ? {} : { 'content-type': 'application/json' }),
      });
    },
    requests: [
      {
        setupRequest: (req) => ({
          ...req,
          path: job.paths[Math.floor(Math.random() * job.paths.length)] ?? '/',
        }),
      },
    ],
  };
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(options, (err, res) => (err ? reject(err) : resolve(res)));
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      recorder.record(
        responseTime,
        String(statusCode),
        statusCode >= 200 && statusCode < 300,
        `HTTP ${statusCode}`,
      );
    });
  });
  const out = recorder.result(Date.now() - started);
  // Connection errors and timeouts never produce a response event: count them too.
  out.errors += result.errors + result.timeouts;
  if (result.errors + result.timeouts > 0) {
    out.errorSamples.push(`${result.errors} connection errors, ${result.timeouts} timeouts`);
  }
  out.rps = result.requests.average;
  return out;
}

/** `concurrency` loops, each repeating `once` until the time is up; the warm-up is not recorded. */
async function closedLoop(
  concurrency: number,
  warmupMs: number,
  durationMs: number,
  once: (slot: number) => Promise<{ status: string; ok: boolean; detail?: string }>,
): Promise<LoadResult> {
  const recorder = new Recorder();
  const begin = Date.now();
  const measureFrom = begin + warmupMs;
  const end = measureFrom + durationMs;
  await Promise.all(
    Array.from({ length: concurrency }, async (_, slot) => {
      while (Date.now() < end) {
        const t0 = performance.now();
        const startedAt = Date.now();
        let outcome: { status: string; ok: boolean; detail?: string };
        try {
          outcome = await once(slot);
        } catch (err) {
          outcome = { status: 'exception', ok: false, detail: (err as Error).message };
        }
        if (startedAt >= measureFrom)
          recorder.record(performance.now() - t0, outcome.status, outcome.ok, outcome.detail);
      }
    }),
  );
  return recorder.result(Date.now() - measureFrom);
}

/** The same two AWS calls Gatehouse makes for a console URL, straight from Node. */
async function directConsole(job: Extract<LoadJob, { kind: 'direct-console' }>): Promise<LoadResult> {
  assertLoopback(job.stsEndpoint);
  assertLoopback(job.federationUrl);
  const sts = new STSClient({
    region: AWS_ENV.AWS_REGION,
    endpoint: job.stsEndpoint,
    credentials: { accessKeyId: AWS_ENV.AWS_ACCESS_KEY_ID, secretAccessKey: AWS_ENV.AWS_SECRET_ACCESS_KEY },
    maxAttempts: 1,
  });
  try {
    return await closedLoop(job.concurrency, job.warmupMs, job.durationMs, async (slot) => {
      const roleArn = job.roleArns[slot % job.roleArns.length] as string;
      // The request Gatehouse builds: same session name, source identity and tags.
      const userId = job.userIds[slot % job.userIds.length] as string;
      const tags = sessionTagsFor({
        username: `bench-${slot}`,
        userId,
        mfa: true,
        grantId: userId,
        via: 'console',
      });
      const out = await sts.send(
        new AssumeRoleCommand({
          RoleArn: roleArn,
          RoleSessionName: roleSessionNameFor(`bench-${slot}`),
          DurationSeconds: 3600,
          SourceIdentity: sourceIdentityFor(userId),
          Tags: tags.map((t) => ({ Key: t.key, Value: t.value })),
        }),
      );
      const c = out.Credentials;
      if (!c?.AccessKeyId || !c.SecretAccessKey || !c.SessionToken)
        return { status: 'no-credentials', ok: false };
      const url = new URL(job.federationUrl);
      url.searchParams.set('Action', 'getSigninToken');
      url.searchParams.set(
        'Session',
        JSON.stringify({
          sessionId: c.AccessKeyId,
          sessionKey: c.SecretAccessKey,
          sessionToken: c.SessionToken,
        }),
      );
      url.searchParams.set('SessionDuration', '3600');
      const res = await fetch(url, {
        headers: { accept: 'application/json' },
        signal: AbortSignal.timeout(30_000),
      });
      const body = (await res.json()) as { SigninToken?: string };
      return { status: String(res.status), ok: res.status === 200 && typeof body.SigninToken === 'string' };
    });
  } finally {
    sts.destroy();
  }
}

/** Signed-in users asking Gatehouse for console URLs and/or credentials. */
async function issuance(job: Extract<LoadJob, { kind: 'issuance' }>): Promise<LoadResult> {
  assertLoopback(job.baseUrl);
  let n = 0;
  return closedLoop(job.concurrency, job.warmupMs, job.durationMs, async (slot) => {
    const user = job.users[slot % job.users.length] as (typeof job.users)[number];
    const kind = job.kinds[n++ % job.kinds.length] as 'console' | 'credentials';
    const res = await post(
      `${job.baseUrl}/api/access/${kind}`,
      kind === 'console' ? { grantId: user.grantId } : { grantId: user.grantId, formats: ['process'] },
      user.cookie,
    );
    const text = await res.text();
    const ok =
      res.status === 200 &&
      (kind === 'console' ? text.includes('"url"') : text.includes('"secretAccessKey"'));
    return { status: String(res.status), ok, detail: `${kind}: HTTP ${res.status} ${text.slice(0, 200)}` };
  });
}

/** Sign-ins (password, then TOTP) started at a fixed rate, however long each takes (open loop). */
async function signIns(job: Extract<LoadJob, { kind: 'signin' }>): Promise<LoadResult> {
  assertLoopback(job.baseUrl);
  const recorder = new Recorder();
  const total = Math.min(job.users.length, Math.floor((job.durationMs / 1000) * job.ratePerSec));
  const intervalMs = 1000 / job.ratePerSec;
  const begin = Date.now();
  let inFlight = 0;
  const running: Promise<void>[] = [];
  const one = async (user: (typeof job.users)[number]) => {
    const t0 = performance.now();
    let status = 'exception';
    let detail = '';
    try {
      const login = await post(`${job.baseUrl}/api/auth/login`, {
        username: user.username,
        password: job.password,
      });
      status = `login:${login.status}`;
      detail = await login.text();
      const cookie = cookieOf(login);
      if (login.status === 200 && cookie) {
        const code = await generate({ secret: user.totpSecret, epoch: Math.floor(Date.now() / 1000) });
        const totp = await post(`${job.baseUrl}/api/auth/totp`, { code }, cookie);
        detail = await totp.text();
        status = totp.status === 200 && cookieOf(totp) ? '200' : `totp:${totp.status}`;
      }
    } catch (err) {
      detail = (err as Error).message;
    }
    recorder.record(performance.now() - t0, status, status === '200', `${status} ${detail}`);
  };
  for (let i = 0; i < total; i++) {
    const due = begin + i * intervalMs;
    const wait = due - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    if (inFlight >= job.maxInFlight) {
      recorder.record(NaN, 'client-overload', false, `more than ${job.maxInFlight} sign-ins in flight`);
      continue;
    }
    inFlight++;
    running.push(one(job.users[i] as (typeof job.users)[number]).finally(() => inFlight--));
  }
  await Promise.all(running);
  const result = recorder.result(Date.now() - begin);
  result.offeredRatePerSec = job.ratePerSec;
  return result;
}

async function run(job: LoadJob): Promise<LoadResult> {
  switch (job.kind) {
    case 'autocannon':
      return runAutocannon(job);
    case 'direct-console':
      return directConsole(job);
    case 'issuance':
      return issuance(job);
    case 'signin':
      return signIns(job);
  }
}

process.once('message', (job: LoadJob) => {
  run(job).then(
    (result) => process.send?.({ ok: true, result }, () => process.exit(0)),
    (err: unknown) =>
      process.send?.(
        { ok: false, error: err instanceof Error ? (err.stack ?? err.message) : String(err) },
        () => process.exit(1),
      ),
  );
});
