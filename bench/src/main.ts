/**
 * `npm run bench`: B1–B7 of the benchmark issue and B10 (revocation at AWS, issue 13) against the
 * production bundle, on a fresh database, moto_server and the federation stand-in. Every figure
 * is a ratio, a percentile or a time measured in this run. `--smoke` runs every scenario briefly on small data and fails only when
 * a scenario breaks (errors, missing figures), not on targets: it is part of `npm test`.
 */
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { signInAll } from './client';
import { benchCli } from './cli';
import type { ScenarioResult } from './report';
import { describeMachine, renderText, writeResults } from './report';
import { ALL, PROFILES, seed, serverEnv } from './run';
import type { Run } from './run';
import { b2, b3 } from './scenarios/access';
import { b4 } from './scenarios/audit';
import { b1, b7 } from './scenarios/issuance';
import { b10 } from './scenarios/revocation';
import { b6 } from './scenarios/sign-in';
import { buildServer, createBenchDatabase, startAws, startServer } from './stack';

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
      B10: b10,
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
