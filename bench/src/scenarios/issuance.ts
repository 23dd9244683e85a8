/** B1 (console URLs against the direct AWS calls) and B7 (memory under sustained issuance). */
import { runLoad } from '../load';
import type { Check, ScenarioResult } from '../report';
import { judge } from '../report';
import { errorsOf, freshMoto, loadDetails, serverEnv, timeoutFor } from '../run';
import type { Run } from '../run';
import { startServer } from '../stack';

export async function b1(run: Run): Promise<ScenarioResult> {
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

export async function b7(run: Run): Promise<ScenarioResult> {
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
