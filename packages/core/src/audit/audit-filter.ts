/** Filters and cursors of the audit log as the admin API takes them. */
import { FieldIssues } from '../shared/field-issues';
import type { AuditOutcome } from '../shared/ports';
import type { AuditFilter } from './ports';

export interface AuditFilterInput {
  user?: string;
  account?: string;
  role?: string;
  action?: string;
  outcome?: AuditOutcome;
  from?: string;
  to?: string;
}

const CURSOR_PREFIX = 'a1:';
const CURSOR_ID = /^[1-9][0-9]{0,18}$/;

/** Opaque to clients: a version tag and the last id seen, base64url-encoded. */
export function encodeAuditCursor(id: string): string {
  return Buffer.from(`${CURSOR_PREFIX}${id}`, 'utf8').toString('base64url');
}

export function decodeAuditCursor(cursor: string): string | null {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!text.startsWith(CURSOR_PREFIX)) return null;
  const id = text.slice(CURSOR_PREFIX.length);
  return CURSOR_ID.test(id) && BigInt(id) <= 9_223_372_036_854_775_807n ? id : null;
}

/**
 * `access.` or `access.*` selects every action under `access.`; anything else is an exact name.
 */
export function parseAuditFilter(input: AuditFilterInput): AuditFilter {
  const issues = new FieldIssues();
  const date = (field: 'from' | 'to'): Date | null => {
    const value = input[field];
    if (value === undefined) return null;
    const at = new Date(value);
    if (Number.isNaN(at.getTime())) issues.add(field, 'is not a date-time');
    return at;
  };
  const from = date('from');
  const to = date('to');
  if (from && to && from.getTime() > to.getTime()) issues.add('from', 'must not be after to');
  let action: AuditFilter['action'] = null;
  const rawAction = input.action?.trim();
  if (rawAction) {
    const prefix = rawAction.endsWith('*')
      ? rawAction.slice(0, -1)
      : rawAction.endsWith('.')
        ? rawAction
        : null;
    if (prefix === '') issues.add('action', 'a prefix needs at least one character');
    action = prefix !== null ? { prefix } : { exact: rawAction };
  }
  issues.throwIfAny('Invalid filter');
  return {
    userId: input.user ?? null,
    accountId: input.account ?? null,
    roleId: input.role ?? null,
    action,
    outcome: input.outcome ?? null,
    from,
    to,
  };
}
