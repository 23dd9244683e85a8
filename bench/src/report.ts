/** The figures, their targets, and the table printed and written to bench/results. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, release, totalmem } from 'node:os';
import { join } from 'node:path';

export interface Check {
  figure: string;
  value: number;
  unit: string;
  op: '<=' | '>=';
  target: number;
}

export interface ScenarioResult {
  id: string;
  title: string;
  /** pass / fail against the targets; error: the scenario itself broke; pending: could not run. */
  status: 'pass' | 'fail' | 'error' | 'pending';
  checks: Check[];
  note?: string;
  details: Record<string, unknown>;
}

export interface Machine {
  cpu: string;
  cores: number;
  memoryGiB: number;
  kernel: string;
  node: string;
  postgres: string;
  loadAverageAtStart: number[];
}

export function describeMachine(postgresVersion: string): Machine {
  return {
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    cores: cpus().length,
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    kernel: release(),
    node: process.version,
    postgres: postgresVersion,
    loadAverageAtStart: loadavg().map((l) => Math.round(l * 100) / 100),
  };
}

export function passes(check: Check): boolean {
  return (
    Number.isFinite(check.value) &&
    (check.op === '<=' ? check.value <= check.target : check.value >= check.target)
  );
}

export function judge(checks: Check[]): 'pass' | 'fail' {
  return checks.every(passes) ? 'pass' : 'fail';
}

function format(value: number, unit: string): string {
  if (!Number.isFinite(value)) return String(value);
  if (unit === 'ratio') return value < 0.1 ? value.toPrecision(2) : value.toFixed(2);
  if (unit === '%') return `${value.toFixed(1)} %`;
  if (unit === 'MB') return `${value.toFixed(0)} MB`;
  if (unit === 'ms') return `${value < 10 ? value.toFixed(1) : value.toFixed(0)} ms`;
  if (unit === 's') return `${Number.isInteger(value) ? value : value.toFixed(2)} s`;
  return `${value}${unit ? ` ${unit}` : ''}`;
}

export function tableRows(results: ScenarioResult[]): string[][] {
  const rows: string[][] = [];
  for (const r of results) {
    if (r.checks.length === 0) {
      rows.push([r.id, r.title, '—', '—', r.status.toUpperCase()]);
      continue;
    }
    r.checks.forEach((c, i) => {
      rows.push([
        i === 0 ? r.id : '',
        i === 0 ? r.title : '',
        `${c.figure} = ${format(c.value, c.unit)}`,
        `${c.op === '<=' ? '≤' : '≥'} ${format(c.target, c.unit)}`,
        r.status === 'error' || r.status === 'pending' ? r.status.toUpperCase() : passes(c) ? 'pass' : 'FAIL',
      ]);
    });
  }
  return rows;
}

const HEADER = ['#', 'scenario', 'measured', 'target', 'result'];

export function renderText(results: ScenarioResult[]): string {
  const rows = [HEADER, ...tableRows(results)];
  const widths = HEADER.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => r.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ');
  const notes = results.filter((r) => r.note).map((r) => `${r.id}: ${r.note}`);
  return [
    line(HEADER),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...tableRows(results).map(line),
    '',
    ...notes,
  ].join('\n');
}

export function renderMarkdown(
  results: ScenarioResult[],
  machine: Machine,
  meta: Record<string, unknown>,
): string {
  const esc = (s: string) => s.replace(/\|/g, '\\|');
  const lines = [
    `# Gatehouse benchmark (${String(meta['mode'])})`,
    '',
    `Run ${String(meta['startedAt'])}, ${String(meta['durationS'])} s. Machine: ${machine.cpu}, ${machine.cores} cores, ` +
      `${machine.memoryGiB} GiB, Linux ${machine.kernel}, Node ${machine.node}, ${machine.postgres}; ` +
      `load average at start ${machine.loadAverageAtStart.join(' / ')}.`,
    '',
    `| ${HEADER.join(' | ')} |`,
    `| ${HEADER.map(() => '---').join(' | ')} |`,
    ...tableRows(results).map((r) => `| ${r.map(esc).join(' | ')} |`),
    '',
    ...results.filter((r) => r.note).map((r) => `- ${r.id}: ${r.note}`),
    '',
  ];
  return lines.join('\n');
}

export function writeResults(
  dir: string,
  name: string,
  results: ScenarioResult[],
  machine: Machine,
  meta: Record<string, unknown>,
): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${name}.json`), `${JSON.stringify({ ...meta, machine, results }, null, 2)}\n`);
  writeFileSync(join(dir, `${name}.md`), renderMarkdown(results, machine, meta));
}
