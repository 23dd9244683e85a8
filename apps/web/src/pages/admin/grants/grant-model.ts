/**
 * The grant form without React: CIDR list parsing, client-side checks and the request bodies.
 * The server validates everything again (and normalises networks); these checks only save a
 * round trip and point at the exact line or person.
 */
import type { AdminGrantCreate, AdminGrantUpdate } from '@gatehouse/contracts';
import { parseSessionMinutes } from '../shared/duration';

export interface GrantSettingsState {
  allowConsole: boolean;
  allowCli: boolean;
  /** Minutes; empty means the role's maximum. */
  maxMinutes: string;
  /** One network per line (commas and spaces also separate). */
  cidrText: string;
  /** YYYY-MM-DD, or empty for no expiry. */
  expiresDate: string;
  /** HH:mm; empty with a date means the end of that day. */
  expiresTime: string;
  note: string;
}

export interface GrantCreateState extends GrantSettingsState {
  roleId: string | null;
  userIds: string[];
  groupIds: string[];
}

export const MAX_CIDRS = 50;
export const MAX_SUBJECTS = 200;

export interface CidrEntry {
  /** 1-based line of the text area the entry came from. */
  line: number;
  value: string;
}

/** Splits on newlines, commas and whitespace; remembers each entry's line so errors can name it. */
export function parseCidrList(text: string): CidrEntry[] {
  const entries: CidrEntry[] = [];
  text.split(/\r?\n/).forEach((row, index) => {
    for (const part of row.split(/[\s,]+/)) {
      const value = part.normalize('NFKC').trim();
      if (value) entries.push({ line: index + 1, value });
    }
  });
  return entries;
}

const IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;

function isIpv6(address: string): boolean {
  if (!address.includes(':') || address.includes('%') || !/^[0-9a-fA-F:.]+$/.test(address)) return false;
  try {
    // The URL parser implements the full IPv6 grammar, including :: and embedded IPv4.
    new URL(`http://[${address}]/`);
    return true;
  } catch {
    return false;
  }
}

export type CidrProblem = 'address' | 'prefix';

/** A quick syntax check of one network: an IPv4/IPv6 address with an optional /prefix. */
export function cidrProblem(value: string): CidrProblem | null {
  const slash = value.indexOf('/');
  const address = slash === -1 ? value : value.slice(0, slash);
  const prefix = slash === -1 ? null : value.slice(slash + 1);
  const bits = IPV4.test(address) ? 32 : isIpv6(address) ? 128 : 0;
  if (bits === 0) return 'address';
  if (prefix !== null && (!/^(?:0|[1-9]\d{0,2})$/.test(prefix) || Number(prefix) > bits)) return 'prefix';
  return null;
}

export type GrantField =
  'roleId' | 'subjects' | 'allowConsole' | 'maxSessionSeconds' | 'sourceCidrs' | 'expiresAt';

export type GrantProblem =
  | { field: 'roleId'; problem: 'required' }
  | { field: 'subjects'; problem: 'required' | 'tooMany' }
  | { field: 'allowConsole'; problem: 'required' }
  | { field: 'maxSessionSeconds'; problem: 'notWhole' | 'range' | 'required' }
  | { field: 'sourceCidrs'; problem: 'tooMany' }
  | { field: 'sourceCidrs'; problem: CidrProblem; line: number; value: string }
  | { field: 'expiresAt'; problem: 'invalid' | 'past' };

/** Local date and time fields to an instant; a date alone means the end of that day. */
export function expiryInstant(date: string, time: string): Date | null | 'invalid' {
  if (date.trim() === '') return time.trim() === '' ? null : 'invalid';
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date.trim());
  const tm = time.trim() === '' ? null : /^(\d{2}):(\d{2})$/.exec(time.trim());
  if (!d || (time.trim() !== '' && !tm)) return 'invalid';
  const [year, month, day] = [Number(d[1]), Number(d[2]) - 1, Number(d[3])];
  const at = tm
    ? new Date(year, month, day, Number(tm[1]), Number(tm[2]), 0, 0)
    : new Date(year, month, day, 23, 59, 59, 999);
  // new Date rolls 2025-02-31 over to March: refuse dates that do not exist.
  if (
    Number.isNaN(at.getTime()) ||
    at.getFullYear() !== year ||
    at.getMonth() !== month ||
    at.getDate() !== day
  ) {
    return 'invalid';
  }
  return at;
}

/** Splits a stored expiry back into the local date and time fields. */
export function expiryFields(iso: string | null): { expiresDate: string; expiresTime: string } {
  if (!iso) return { expiresDate: '', expiresTime: '' };
  const at = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return {
    expiresDate: `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`,
    expiresTime: `${pad(at.getHours())}:${pad(at.getMinutes())}`,
  };
}

export function checkGrantSettings(
  state: GrantSettingsState,
  now: Date,
): { problems: GrantProblem[]; settings: Required<AdminGrantUpdate> | null } {
  const problems: GrantProblem[] = [];
  if (!state.allowConsole && !state.allowCli) problems.push({ field: 'allowConsole', problem: 'required' });
  const duration = parseSessionMinutes(state.maxMinutes, { optional: true });
  if (!duration.ok) problems.push({ field: 'maxSessionSeconds', problem: duration.problem });
  const cidrs = parseCidrList(state.cidrText);
  if (cidrs.length > MAX_CIDRS) problems.push({ field: 'sourceCidrs', problem: 'tooMany' });
  for (const entry of cidrs) {
    const problem = cidrProblem(entry.value);
    if (problem) problems.push({ field: 'sourceCidrs', problem, line: entry.line, value: entry.value });
  }
  const expiry = expiryInstant(state.expiresDate, state.expiresTime);
  if (expiry === 'invalid') problems.push({ field: 'expiresAt', problem: 'invalid' });
  else if (expiry && expiry.getTime() <= now.getTime())
    problems.push({ field: 'expiresAt', problem: 'past' });
  if (problems.length > 0 || !duration.ok || expiry === 'invalid') return { problems, settings: null };
  return {
    problems,
    settings: {
      allowConsole: state.allowConsole,
      allowCli: state.allowCli,
      maxSessionSeconds: duration.seconds,
      sourceCidrs: [...new Set(cidrs.map((c) => c.value))],
      expiresAt: expiry ? expiry.toISOString() : null,
      note: state.note.trim(),
    },
  };
}

export function buildGrantCreate(
  state: GrantCreateState,
  now: Date,
): { problems: GrantProblem[]; body: AdminGrantCreate | null } {
  const { problems, settings } = checkGrantSettings(state, now);
  const all: GrantProblem[] = [];
  if (!state.roleId) all.push({ field: 'roleId', problem: 'required' });
  const subjects = state.userIds.length + state.groupIds.length;
  if (subjects === 0) all.push({ field: 'subjects', problem: 'required' });
  else if (subjects > MAX_SUBJECTS) all.push({ field: 'subjects', problem: 'tooMany' });
  all.push(...problems);
  if (all.length > 0 || !settings || !state.roleId) return { problems: all, body: null };
  return {
    problems: all,
    body: { roleId: state.roleId, userIds: [...state.userIds], groupIds: [...state.groupIds], ...settings },
  };
}

/**
 * Where the server's item errors point back to: `sourceCidrs.2` is the third network the
 * request listed (after de-duplication), `userIds.1` the second user.
 */
export function sentCidrLines(state: Pick<GrantSettingsState, 'cidrText'>): CidrEntry[] {
  const seen = new Set<string>();
  return parseCidrList(state.cidrText).filter((entry) => {
    if (seen.has(entry.value)) return false;
    seen.add(entry.value);
    return true;
  });
}
