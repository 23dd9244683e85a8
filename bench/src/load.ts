/** Jobs for the load generator process and the runner's side of talking to it. */
import { fork } from 'node:child_process';
import { join } from 'node:path';

export type LoadJob =
  | {
      kind: 'autocannon';
      url: string;
      method: 'GET' | 'POST';
      /** One is picked at random for each request. */
      paths: string[];
      /** One per connection, round robin; empty for anonymous requests. */
      cookies: string[];
      body?: string;
      connections: number;
      durationSec: number;
    }
  | {
      kind: 'direct-console';
      stsEndpoint: string;
      federationUrl: string;
      roleArns: string[];
      userIds: string[];
      concurrency: number;
      warmupMs: number;
      durationMs: number;
    }
  | {
      kind: 'issuance';
      baseUrl: string;
      users: Array<{ cookie: string; grantId: string }>;
      kinds: Array<'console' | 'credentials'>;
      concurrency: number;
      warmupMs: number;
      durationMs: number;
    }
  | {
      kind: 'signin';
      baseUrl: string;
      users: Array<{ username: string; totpSecret: string }>;
      password: string;
      ratePerSec: number;
      durationMs: number;
      maxInFlight: number;
    };

export interface LoadResult {
  count: number;
  errors: number;
  statuses: Record<string, number>;
  errorSamples: string[];
  durationMs: number;
  rps: number;
  latencyMs: { p50: number; p95: number; p99: number; max: number; mean: number };
  offeredRatePerSec?: number;
}

/** Runs one job in a fresh load-generator process; rejects if it fails or outlives `timeoutMs`. */
export function runLoad(buildDir: string, job: LoadJob, timeoutMs: number): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = fork(join(buildDir, 'load-worker.mjs'), [], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let settled = false;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      finish(() => reject(new Error(`load generator (${job.kind}) did not finish within ${timeoutMs} ms`)));
    }, timeoutMs);
    const finish = (action: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      action();
    };
    child.once('message', (message: { ok: true; result: LoadResult } | { ok: false; error: string }) => {
      finish(() =>
        message.ok ? resolve(message.result) : reject(new Error(`load generator: ${message.error}`)),
      );
    });
    child.once('exit', (code) =>
      finish(() => reject(new Error(`load generator (${job.kind}) exited with ${code} before answering`))),
    );
    child.send(job);
  });
}
