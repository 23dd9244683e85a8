/** B6: sign-in (password and TOTP) at a steady rate. */
import { runLoad } from '../load';
import type { Check, ScenarioResult } from '../report';
import { judge } from '../report';
import { BENCH_PASSWORD } from '../seed';
import { loadDetails, timeoutFor } from '../run';
import type { Run } from '../run';

export async function b6(run: Run): Promise<ScenarioResult> {
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
