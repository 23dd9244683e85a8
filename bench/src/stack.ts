/**
 * What a benchmark run stands on: a fresh database on the local PostgreSQL, moto_server, the
 * federation stand-in, and the production bundle of the server as a child process, on loopback.
 */
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { freeLoopbackPort, startFederationStandIn, startMotoServer } from '@gatehouse/aws/testing';
import type { FederationStandIn, MotoServer } from '@gatehouse/aws/testing';
import { createTestDatabase } from '@gatehouse/db/testing';

/** The benchmark's one reader of its own environment (it is tooling, not the server). */
// eslint-disable-next-line no-restricted-properties -- see above
export const ENV: Readonly<NodeJS.ProcessEnv> = process.env;

/** Fake broker credentials: moto accepts anything; nothing may ever reach real AWS. */
export const AWS_ENV = {
  AWS_ACCESS_KEY_ID: 'AKIDBENCHNOTREAL0000',
  AWS_SECRET_ACCESS_KEY: 'bench-secret-not-real',
  AWS_REGION: 'us-east-1',
  AWS_EC2_METADATA_DISABLED: 'true',
};

export interface BenchDatabase {
  url: string;
  name: string;
  pool: pg.Pool;
  drop(): Promise<void>;
}

/** Left unmigrated: the server migrates it when it starts, as in production. */
export async function createBenchDatabase(): Promise<BenchDatabase> {
  const database = await createTestDatabase('gh_bench', { migrate: false });
  const pool = new pg.Pool({ connectionString: database.url, max: 4 });
  pool.on('error', () => undefined);
  return {
    url: database.url,
    name: database.name,
    pool,
    async drop() {
      await pool.end().catch(() => undefined);
      await database.drop();
    },
  };
}

export interface MemorySample {
  atMs: number;
  rssBytes: number;
}

export interface ServerProcess {
  url: string;
  pid: number;
  /** Peak resident set size so far (VmHWM). */
  peakRssBytes(): number;
  rssBytes(): number;
  /** Samples the RSS every `intervalMs` until the returned function is called. */
  sampleRss(intervalMs: number): () => MemorySample[];
  stderrTail(): string;
  stop(): Promise<void>;
}

function procStatusKb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
  if (!match?.[1]) throw new Error(`no ${field} in /proc/${pid}/status`);
  return Number(match[1]);
}

/** Builds the production bundle if sources changed (as `npm start` does). */
export function buildServer(root: string): void {
  const result = spawnSync(process.execPath, ['scripts/build.mjs', '--if-stale', '--server'], {
    cwd: root,
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`server build failed:\n${result.stderr}`);
}

/** The V8 flags the server runs with in production (apps/server/node-flags.json). */
export function serverNodeFlags(root: string): string[] {
  return JSON.parse(readFileSync(join(root, 'apps/server/node-flags.json'), 'utf8')) as string[];
}

export async function startServer(options: {
  root: string;
  env: Record<string, string>;
  nodeArgs?: string[];
  readyTimeoutMs?: number;
}): Promise<ServerProcess> {
  const port = await freeLoopbackPort();
  const dataDir = mkdtempSync(join(tmpdir(), 'gh-bench-data-'));
  const child: ChildProcess = spawn(
    process.execPath,
    // The V8 flags production runs with (npm start, Dockerfile); --server-node-args come after and win.
    [...serverNodeFlags(options.root), ...(options.nodeArgs ?? []), 'apps/server/dist/server.js'],
    {
      cwd: options.root,
      // The server logs a line per request at info, as in production; nobody reads them here.
      stdio: ['ignore', 'ignore', 'pipe'],
      env: {
        PATH: ENV['PATH'] ?? '',
        HOME: dataDir,
        HOST: '127.0.0.1',
        PORT: String(port),
        GATEHOUSE_DATA_DIR: dataDir,
        GATEHOUSE_ROLE_HEALTH_MINUTES: '0',
        ...AWS_ENV,
        ...options.env,
      },
    },
  );
  let stderr = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-8_000);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (options.readyTimeoutMs ?? 60_000);
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`server exited (${child.exitCode}) while starting:\n${stderr}`);
    try {
      const res = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(1_000) });
      if (res.status === 200) break;
      await res.body?.cancel();
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server did not become ready:\n${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const pid = child.pid as number;
  return {
    url,
    pid,
    peakRssBytes: () => procStatusKb(pid, 'VmHWM') * 1024,
    rssBytes: () => procStatusKb(pid, 'VmRSS') * 1024,
    sampleRss(intervalMs) {
      const samples: MemorySample[] = [];
      const started = Date.now();
      const take = () => {
        try {
          samples.push({ atMs: Date.now() - started, rssBytes: procStatusKb(pid, 'VmRSS') * 1024 });
        } catch {
          // the process is gone; the caller notices
        }
      };
      take();
      const timer = setInterval(take, intervalMs);
      return () => {
        clearInterval(timer);
        take();
        return samples;
      };
    },
    stderrTail: () => stderr,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface Aws {
  moto: MotoServer;
  standIn: FederationStandIn;
  close(): Promise<void>;
}

export async function startAws(): Promise<Aws> {
  const moto = await startMotoServer();
  const standIn = await startFederationStandIn({ stsEndpoint: moto.endpoint });
  return {
    moto,
    standIn,
    async close() {
      await standIn.close();
      await moto.stop();
    },
  };
}

/** Forgets every role and session moto holds (its session lookups are a linear scan). */
export async function resetMoto(moto: MotoServer): Promise<void> {
  const res = await fetch(`${moto.endpoint}/moto-api/reset`, { method: 'POST' });
  if (!res.ok) throw new Error(`moto reset failed: HTTP ${res.status}`);
  await res.body?.cancel();
}
