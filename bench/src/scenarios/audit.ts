/** B4: the admin audit query over a million events. */
import { getJson } from '../client';
import type { Check, ScenarioResult } from '../report';
import { judge } from '../report';
import { autocannon, errorsOf, loadDetails } from '../run';
import type { Run } from '../run';

export async function b4(run: Run): Promise<ScenarioResult> {
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
