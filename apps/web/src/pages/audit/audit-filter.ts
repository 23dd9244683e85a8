/**
 * The audit filter lives in the address bar (so a view can be bookmarked and shared, and admin
 * pages can link to "this user's events"); the API gets it with relative ranges resolved.
 */
import type { AuditListQuery } from '@gatehouse/contracts';
import type { DateRangePickerProps } from '@cloudscape-design/components/date-range-picker';

export type AuditOutcome = NonNullable<AuditListQuery['outcome']>;
export const OUTCOMES: readonly AuditOutcome[] = [
  'success',
  'failure',
  'denied',
  'pending',
  'issued',
  'failed',
  'abandoned',
];

export type TimeUnit = DateRangePickerProps.TimeUnit;
const UNITS: readonly TimeUnit[] = ['second', 'minute', 'hour', 'day', 'week', 'month', 'year'];

export interface AuditFilterState {
  user: string | null;
  account: string | null;
  role: string | null;
  /** Exact action, or a prefix ending in "." or "*". */
  action: string;
  outcome: AuditOutcome | null;
  range: DateRangePickerProps.Value | null;
}

export const EMPTY_FILTER: AuditFilterState = {
  user: null,
  account: null,
  role: null,
  action: '',
  outcome: null,
  range: null,
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function isInstant(value: string): boolean {
  return !Number.isNaN(new Date(value).getTime());
}

/** Reads what it understands and drops the rest: a hand-edited address never breaks the page. */
export function filterFromSearch(params: URLSearchParams): AuditFilterState {
  const id = (key: string) => {
    const value = params.get(key);
    return value && UUID.test(value) ? value : null;
  };
  const outcome = params.get('outcome');
  let range: DateRangePickerProps.Value | null = null;
  const last = /^(\d{1,6})-(second|minute|hour|day|week|month|year)$/.exec(params.get('last') ?? '');
  const from = params.get('from');
  const to = params.get('to');
  if (last?.[1] && last[2] && Number(last[1]) > 0) {
    range = { type: 'relative', amount: Number(last[1]), unit: last[2] as TimeUnit };
  } else if (from && to && isInstant(from) && isInstant(to)) {
    range = { type: 'absolute', startDate: from, endDate: to };
  }
  return {
    user: id('user'),
    account: id('account'),
    role: id('role'),
    action: (params.get('action') ?? '').trim().slice(0, 128),
    outcome: OUTCOMES.includes(outcome as AuditOutcome) ? (outcome as AuditOutcome) : null,
    range,
  };
}

export function filterToSearch(state: AuditFilterState): URLSearchParams {
  const params = new URLSearchParams();
  if (state.user) params.set('user', state.user);
  if (state.account) params.set('account', state.account);
  if (state.role) params.set('role', state.role);
  if (state.action.trim()) params.set('action', state.action.trim());
  if (state.outcome) params.set('outcome', state.outcome);
  if (state.range?.type === 'relative') params.set('last', `${state.range.amount}-${state.range.unit}`);
  if (state.range?.type === 'absolute') {
    params.set('from', state.range.startDate);
    params.set('to', state.range.endDate);
  }
  return params;
}

/** `now` minus a relative amount; months and years by the calendar, not by fixed lengths. */
export function subtract(now: Date, amount: number, unit: TimeUnit): Date {
  const at = new Date(now.getTime());
  switch (unit) {
    case 'second':
      return new Date(at.getTime() - amount * 1000);
    case 'minute':
      return new Date(at.getTime() - amount * 60_000);
    case 'hour':
      return new Date(at.getTime() - amount * 3_600_000);
    case 'day':
      at.setDate(at.getDate() - amount);
      return at;
    case 'week':
      at.setDate(at.getDate() - amount * 7);
      return at;
    case 'month':
      at.setMonth(at.getMonth() - amount);
      return at;
    case 'year':
      at.setFullYear(at.getFullYear() - amount);
      return at;
  }
}

/**
 * The picker's absolute dates are local wall-clock strings (`2025-04-01T09:00:00`, with an offset
 * when it knows one); a date alone spans the whole day. The API wants instants.
 */
export function absoluteBound(value: string, edge: 'start' | 'end'): string | null {
  const text = /^\d{4}-\d{2}-\d{2}$/.test(value)
    ? `${value}T${edge === 'start' ? '00:00:00.000' : '23:59:59.999'}`
    : value;
  const at = new Date(text);
  return Number.isNaN(at.getTime()) ? null : at.toISOString();
}

export function resolveRange(
  range: DateRangePickerProps.Value | null,
  now: Date,
): { from?: string; to?: string } {
  if (!range) return {};
  if (range.type === 'relative') return { from: subtract(now, range.amount, range.unit).toISOString() };
  const from = absoluteBound(range.startDate, 'start');
  const to = absoluteBound(range.endDate, 'end');
  return { ...(from ? { from } : {}), ...(to ? { to } : {}) };
}

export type AuditApiFilter = Omit<AuditListQuery, 'cursor' | 'limit'>;

/** What the API is asked; `now` is fixed by the caller so every page of one listing agrees. */
export function apiFilter(state: AuditFilterState, now: Date): AuditApiFilter {
  const out: AuditApiFilter = { ...resolveRange(state.range, now) };
  if (state.user) out.user = state.user;
  if (state.account) out.account = state.account;
  if (state.role) out.role = state.role;
  if (state.action.trim()) out.action = state.action.trim();
  if (state.outcome) out.outcome = state.outcome;
  return out;
}

function search(params: Record<string, string | number | undefined>): string {
  const out = new URLSearchParams();
  // A fixed order keeps equal filters equal as strings (query keys, links).
  for (const key of [
    'user',
    'account',
    'role',
    'action',
    'outcome',
    'from',
    'to',
    'cursor',
    'limit',
    'format',
  ]) {
    const value = params[key];
    if (value !== undefined && value !== '') out.set(key, String(value));
  }
  return out.toString();
}

export function auditListUrl(filter: AuditApiFilter, cursor: string | null, limit: number): string {
  return `/api/admin/audit?${search({ ...filter, ...(cursor ? { cursor } : {}), limit })}`;
}

export function auditExportUrl(filter: AuditApiFilter, format: 'csv' | 'jsonl'): string {
  return `/api/admin/audit/export?${search({ ...filter, format })}`;
}

export function rangeProblem(
  range: DateRangePickerProps.Value | null,
): 'incomplete' | 'order' | 'amount' | null {
  if (!range) return null;
  if (range.type === 'relative') return Number.isInteger(range.amount) && range.amount > 0 ? null : 'amount';
  if (!range.startDate || !range.endDate) return 'incomplete';
  const from = absoluteBound(range.startDate, 'start');
  const to = absoluteBound(range.endDate, 'end');
  if (!from || !to) return 'incomplete';
  return from <= to ? null : 'order';
}

export function isUnit(value: string): value is TimeUnit {
  return (UNITS as readonly string[]).includes(value);
}
