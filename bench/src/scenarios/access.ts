/** B2 (my access against a bare hello-world) and B3 (my access of a user with 5,000 roles). */
import { fork } from 'node:child_process';
import { join } from 'node:path';
import { getJson } from '../client';
import type { LoadResult } from '../load';
import type { Check, ScenarioResult } from '../report';
import { judge } from '../report';
import { autocannon, errorsOf, expectAccess, loadDetails } from '../run';
import type { MyAccess, Run } from '../run';

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

export async function b2(run: Run): Promise<ScenarioResult> {
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

export async function b3(run: Run): Promise<ScenarioResult> {
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
