/**
 * B5: `gatehouse credentials ACCOUNT/ROLE --format process` answered from the CLI's cache (what
 * the AWS CLI runs as credential_process before every command) against `node -e 0`, the floor for
 * any Node program. The CLI logs in through the real device flow, approved over HTTP.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generate } from 'otplib';
import type { Run } from './run';
import type { Check, ScenarioResult } from './report';
import { judge } from './report';
import { ENV } from './stack';

const TITLE = 'cached gatehouse credentials --format process vs node -e 0';

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

function timed(
  args: string[],
  env: NodeJS.ProcessEnv,
): { ms: number; status: number | null; stdout: string; stderr: string } {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { env, encoding: 'utf8', timeout: 30_000 });
  return { ms: performance.now() - t0, status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** `gatehouse login`, approved in the portal by the signed-in user with their next TOTP code. */
async function login(run: Run, bin: string, env: NodeJS.ProcessEnv): Promise<void> {
  const user = run.seeded.cli;
  const cookie = run.cookies.get(user.username) as string;
  const child = spawn(process.execPath, [bin, 'login', '--url', run.server.url, '--no-browser'], { env });
  let stderr = '';
  let approval: Promise<void> | null = null;
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    stderr += chunk;
    const userCode = /shows the code ([A-Z]{4}-[A-Z]{4})/.exec(stderr)?.[1];
    if (userCode && !approval) {
      approval = (async () => {
        // The sign-in used the current TOTP step; approving needs a later one.
        const totpCode = await generate({
          secret: user.totpSecret,
          epoch: Math.floor(Date.now() / 1000) + 30,
        });
        const res = await fetch(`${run.server.url}/api/cli/device/approve`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', cookie },
          body: JSON.stringify({ userCode, totpCode }),
        });
        if (res.status !== 200)
          throw new Error(`approving the CLI login: HTTP ${res.status} ${await res.text()}`);
      })();
    }
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  clearTimeout(timer);
  await approval;
  if (code !== 0) throw new Error(`gatehouse login exited ${code}: ${stderr.slice(-500)}`);
}

export async function benchCli(run: Run): Promise<ScenarioResult> {
  const build = spawnSync(process.execPath, ['packages/cli/build.mjs'], { cwd: run.root, encoding: 'utf8' });
  if (build.status !== 0) {
    return {
      id: 'B5',
      title: TITLE,
      status: 'pending',
      checks: [],
      note: `the CLI does not build: ${(build.stderr || build.stdout).split('\n')[0] ?? ''}`,
      details: { build: build.stderr },
    };
  }
  const bin = join(run.root, 'packages', 'cli', 'bin', 'gatehouse.js');
  const home = mkdtempSync(join(tmpdir(), 'gh-bench-cli-'));
  try {
    const env: NodeJS.ProcessEnv = {
      PATH: ENV['PATH'] ?? '',
      HOME: home,
      XDG_CONFIG_HOME: join(home, 'config'),
      XDG_CACHE_HOME: join(home, 'cache'),
    };
    await login(run, bin, env);
    const target = run.seeded.cliTarget;
    const args = [bin, 'credentials', target, '--format', 'process'];
    const first = timed(args, env); // fills the cache from the portal
    if (first.status !== 0) throw new Error(`gatehouse credentials exited ${first.status}: ${first.stderr}`);
    const lastId = await lastAuditId(run);
    const cli: number[] = [];
    const node: number[] = [];
    const runs = run.profile.b5.runs;
    for (let i = -2; i < runs; i++) {
      // Interleaved, so both see the same machine; the first two of each warm the file cache.
      const a = timed(['-e', '0'], env);
      const b = timed(args, env);
      const parsed = JSON.parse(b.stdout) as { Version?: number; AccessKeyId?: string };
      if (b.status !== 0 || parsed.Version !== 1 || !parsed.AccessKeyId) {
        throw new Error(`gatehouse credentials: exit ${b.status}, ${b.stderr || b.stdout}`);
      }
      if (i >= 0) {
        node.push(a.ms);
        cli.push(b.ms);
      }
    }
    if ((await issuedSince(run, lastId)) > 0)
      throw new Error('the cached runs reached the portal: the cache was not used');
    const checks: Check[] = [
      { figure: 'wall-time ratio', value: median(cli) / median(node), unit: 'ratio', op: '<=', target: 1.5 },
    ];
    return {
      id: 'B5',
      title: TITLE,
      status: judge(checks),
      checks,
      note: `median ${median(cli).toFixed(0)} ms gatehouse (cached), ${median(node).toFixed(0)} ms node -e 0, ${runs} runs each; the first (uncached) call took ${first.ms.toFixed(0)} ms`,
      details: {
        runs,
        cliMs: cli.map(Math.round),
        nodeMs: node.map(Math.round),
        firstCallMs: Math.round(first.ms),
      },
    };
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

async function lastAuditId(run: Run): Promise<string> {
  const { rows } = await run.db.pool.query<{ id: string }>(
    'SELECT coalesce(max(id), 0)::text AS id FROM audit_events',
  );
  return rows[0]?.id ?? '0';
}

async function issuedSince(run: Run, id: string): Promise<number> {
  const { rows } = await run.db.pool.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM audit_events WHERE id > $1::bigint AND outcome = 'issued'",
    [id],
  );
  return rows[0]?.n ?? 0;
}
