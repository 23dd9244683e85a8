/**
 * `gatehouse configure`: one `[profile …]` per role, merged into the AWS config file between two
 * marker comments (one pair per portal). Everything outside the markers is kept byte for byte —
 * other profiles, `[sso-session …]` blocks, comments, line endings — so re-running only ever
 * changes our block.
 */
import { CliError, EXIT } from './errors';

export interface WantedProfile {
  name: string;
  /** One line saying what the profile is (account and role display names). */
  comment: string;
  credentialProcess: string;
  region: string | null;
}

export interface MergeResult {
  text: string;
  changed: boolean;
  added: string[];
  updated: string[];
  removed: string[];
  unchanged: string[];
  /** Profiles not written because a profile of that name exists outside our block. */
  skipped: string[];
}

export function markersFor(portal: string): { start: string; end: string } {
  return { start: `# >>> gatehouse ${portal} >>>`, end: `# <<< gatehouse ${portal} <<<` };
}

const SECTION = /^\s*\[\s*([^\]]*?)\s*\]\s*$/;
/** Sections of ~/.aws/config that are not profiles. */
const NON_PROFILE = /^(sso-session|services|plugins|preview)(\s|$)/;

/** The profile a section header declares, or null for other sections. */
function profileOf(line: string): string | null {
  const match = SECTION.exec(line);
  if (!match) return null;
  const header = (match[1] ?? '').trim();
  if (NON_PROFILE.test(header)) return null;
  const named = /^profile\s+(.+)$/.exec(header);
  return named ? (named[1] ?? '').trim() : header;
}

/** Comments come from names an admin typed: one line, no control characters. */
function oneLine(value: string): string {
  return value.replace(/[\p{C}\u2028\u2029]+/gu, ' ').trim();
}

function renderProfile(p: WantedProfile): string[] {
  return [
    `[profile ${p.name}]`,
    ...(p.comment ? [`# ${oneLine(p.comment)}`] : []),
    `credential_process = ${p.credentialProcess}`,
    ...(p.region ? [`region = ${p.region}`] : []),
  ];
}

/** Our block's profiles as they stand, section by section. */
function sectionsIn(lines: readonly string[]): Map<string, string> {
  const sections = new Map<string, string[]>();
  let current: string[] | null = null;
  for (const line of lines) {
    const name = profileOf(line);
    if (name !== null) {
      current = [line];
      sections.set(name, current);
    } else if (current && line.trim() !== '') {
      current.push(line);
    }
  }
  return new Map([...sections].map(([k, v]) => [k, v.join('\n')]));
}

function findBlock(lines: readonly string[], portal: string): { start: number; end: number } | null {
  const { start, end } = markersFor(portal);
  const starts = lines.flatMap((l, i) => (l.trim() === start ? [i] : []));
  const ends = lines.flatMap((l, i) => (l.trim() === end ? [i] : []));
  if (starts.length === 0 && ends.length === 0) return null;
  const s = starts[0];
  const e = ends[0];
  if (starts.length !== 1 || ends.length !== 1 || s === undefined || e === undefined || e < s) {
    throw new CliError(
      EXIT.failure,
      `the gatehouse markers for ${portal} in the AWS config file are damaged (expected one "${start}" ` +
        `followed by one "${end}"); fix the file by hand, then run \`gatehouse configure\` again`,
    );
  }
  return { start: s, end: e };
}

export function mergeAwsConfig(
  original: string,
  portal: string,
  wanted: readonly WantedProfile[],
): MergeResult {
  const eol = original.includes('\r\n') ? '\r\n' : '\n';
  // Lines with their own terminators, so what is outside our block is copied exactly.
  const raw = original.match(/[^\n]*\n|[^\n]+$/g) ?? [];
  const lines = raw.map((l) => l.replace(/\r?\n$/, ''));
  const block = findBlock(lines, portal);
  const inside = block ? lines.slice(block.start + 1, block.end) : [];
  const outside = block ? [...lines.slice(0, block.start), ...lines.slice(block.end + 1)] : lines;
  const taken = new Set(outside.map(profileOf).filter((n): n is string => n !== null));

  const before = sectionsIn(inside);
  const result: MergeResult = {
    text: original,
    changed: false,
    added: [],
    updated: [],
    removed: [],
    unchanged: [],
    skipped: [],
  };
  const body: string[] = [];
  for (const profile of wanted) {
    if (taken.has(profile.name)) {
      result.skipped.push(profile.name);
      continue;
    }
    const section = renderProfile(profile);
    const old = before.get(profile.name);
    if (old === undefined) result.added.push(profile.name);
    else if (old === section.join('\n')) result.unchanged.push(profile.name);
    else result.updated.push(profile.name);
    body.push(...section, '');
  }
  const written = new Set([...result.added, ...result.updated, ...result.unchanged]);
  result.removed = [...before.keys()].filter((name) => !written.has(name));

  const { start, end } = markersFor(portal);
  const blockLines =
    body.length === 0
      ? []
      : [
          start,
          '# Written by `gatehouse configure`; changes between these markers are overwritten.',
          '',
          ...body,
          end,
        ];
  const rendered = blockLines.map((l) => `${l}${eol}`).join('');
  if (block) {
    result.text = [...raw.slice(0, block.start), rendered, ...raw.slice(block.end + 1)].join('');
  } else if (blockLines.length > 0) {
    const head = original === '' || original.endsWith('\n') ? original : `${original}${eol}`;
    const separator = lines.length > 0 && (lines[lines.length - 1] ?? '').trim() !== '' ? eol : '';
    result.text = `${head}${separator}${rendered}`;
  }
  result.changed = result.text !== original;
  return result;
}

/** `credential_process` is split like a shell would (shlex); quote only what needs it. */
export function quoteArg(value: string): string {
  return /^[A-Za-z0-9_\-.,/:=@+%]+$/.test(value) ? value : `"${value.replace(/(["\\])/g, '\\$1')}"`;
}

/** A unified diff of two texts, three lines of context, for `configure --dry-run`. */
export function unifiedDiff(a: string, b: string, fileA: string, fileB: string): string {
  const x = a === '' ? [] : a.replace(/\r?\n$/, '').split(/\r?\n/);
  const y = b === '' ? [] : b.replace(/\r?\n$/, '').split(/\r?\n/);
  // LCS table; AWS config files are small.
  const n = x.length;
  const m = y.length;
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i]![j] = x[i] === y[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  type Op = { kind: ' ' | '-' | '+'; line: string; ai: number; bi: number };
  const ops: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && x[i] === y[j]) {
      ops.push({ kind: ' ', line: x[i] as string, ai: i++, bi: j++ });
    } else if (i < n && (j === m || lcs[i + 1]![j]! >= lcs[i]![j + 1]!)) {
      ops.push({ kind: '-', line: x[i] as string, ai: i++, bi: j });
    } else {
      ops.push({ kind: '+', line: y[j] as string, ai: i, bi: j++ });
    }
  }
  const changes = ops.flatMap((op, k) => (op.kind === ' ' ? [] : [k]));
  if (changes.length === 0) return '';
  const out = [`--- ${fileA}`, `+++ ${fileB}`];
  const CONTEXT = 3;
  let k = 0;
  while (k < changes.length) {
    let from = Math.max(0, (changes[k] as number) - CONTEXT);
    let to = Math.min(ops.length - 1, (changes[k] as number) + CONTEXT);
    while (k + 1 < changes.length && (changes[k + 1] as number) - CONTEXT <= to + 1) {
      k++;
      to = Math.min(ops.length - 1, (changes[k] as number) + CONTEXT);
    }
    from = Math.max(0, from);
    const hunk = ops.slice(from, to + 1);
    const first = hunk[0] as Op;
    const aLen = hunk.filter((o) => o.kind !== '+').length;
    const bLen = hunk.filter((o) => o.kind !== '-').length;
    out.push(`@@ -${aLen ? first.ai + 1 : first.ai},${aLen} +${bLen ? first.bi + 1 : first.bi},${bLen} @@`);
    for (const op of hunk) out.push(`${op.kind}${op.line}`);
    k++;
  }
  return `${out.join('\n')}\n`;
}
