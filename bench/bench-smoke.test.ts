/**
 * `npm run bench -- --smoke` as part of `npm test`: every scenario runs briefly on small data
 * against the production bundle, so the benchmark cannot rot. It fails when a scenario breaks
 * (an error, a failed request, a missing figure), not when a smoke-sized figure misses a target.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');

interface Results {
  mode: string;
  startedAt: string;
  machine: { cores: number };
  results: Array<{
    id: string;
    status: string;
    note?: string;
    checks: Array<{ figure: string; value: number; target: number }>;
  }>;
}

describe('npm run bench -- --smoke', () => {
  it('runs B1–B7 and B10 end to end and reports every figure', async () => {
    const started = new Date();
    const child = spawn(process.execPath, ['bench/run.mjs', '--smoke'], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += String(chunk)));
    child.stderr.on('data', (chunk) => (output += String(chunk)));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code, output.slice(-4_000)).toBe(0);

    const report = JSON.parse(readFileSync(join(ROOT, 'bench/results/smoke.json'), 'utf8')) as Results;
    expect(new Date(report.startedAt).getTime()).toBeGreaterThanOrEqual(started.getTime() - 1_000);
    expect(report.mode).toBe('smoke');
    expect(report.results.map((r) => r.id)).toEqual(['B1', 'B2', 'B3', 'B4', 'B5', 'B6', 'B7', 'B10']);
    const figures = Object.fromEntries(
      report.results.flatMap((r) => r.checks.map((c) => [`${r.id} ${c.figure}`, c.value] as const)),
    );
    expect(Object.keys(figures).sort()).toEqual(
      [
        'B1 p50 ratio',
        'B1 p99 ratio',
        'B2 throughput ratio',
        'B3 p95',
        'B4 p95',
        'B5 wall-time ratio',
        'B6 p95',
        'B6 errors',
        'B7 peak RSS',
        'B7 RSS growth',
        'B10 p95',
      ].sort(),
    );
    for (const [name, value] of Object.entries(figures)) expect(Number.isFinite(value), name).toBe(true);
    expect(figures['B6 errors']).toBe(0);
    for (const r of report.results) expect(['pass', 'fail'], `${r.id}: ${r.note ?? ''}`).toContain(r.status);
    // The table the issue asks for is printed too.
    expect(output).toMatch(/B4\s+audit query/);
  }, 300_000);
});
