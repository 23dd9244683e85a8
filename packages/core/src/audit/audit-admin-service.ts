import { AppError } from '../shared/app-error';
import type { FieldIssue } from '../shared/app-error';
import { exportAudit } from './audit-export';
import type { AuditExportFormat } from './audit-export';
import type { AuditFilter, AuditQueryPort, AuditRow } from '../admin/ports';
import type { AdminCall } from '../admin/access-admin-service';
import type { AuditLog, AuditOutcome } from '../shared/ports';

export const AUDIT_PAGE_DEFAULT = 100;
export const AUDIT_PAGE_MAX = 500;

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
  const issues: FieldIssue[] = [];
  const date = (field: 'from' | 'to'): Date | null => {
    const value = input[field];
    if (value === undefined) return null;
    const at = new Date(value);
    if (Number.isNaN(at.getTime())) issues.push({ field, reason: 'is not a date-time' });
    return at;
  };
  const from = date('from');
  const to = date('to');
  if (from && to && from.getTime() > to.getTime())
    issues.push({ field: 'from', reason: 'must not be after to' });
  let action: AuditFilter['action'] = null;
  const rawAction = input.action?.trim();
  if (rawAction) {
    const prefix = rawAction.endsWith('*')
      ? rawAction.slice(0, -1)
      : rawAction.endsWith('.')
        ? rawAction
        : null;
    if (prefix === '') issues.push({ field: 'action', reason: 'a prefix needs at least one character' });
    action = prefix !== null ? { prefix } : { exact: rawAction };
  }
  if (issues.length > 0) {
    throw new AppError(
      'validation',
      `Invalid filter: ${issues.map((i) => `${i.field} ${i.reason}`).join('; ')}.`,
      {
        fields: issues,
      },
    );
  }
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

export interface AuditAdminDeps {
  query: AuditQueryPort;
  audit: AuditLog;
  now?: () => Date;
}

/** Reading the audit log: filtered pages, full exports, and the hash-chain check. */
export function createAuditAdminService(deps: AuditAdminDeps) {
  const now = deps.now ?? (() => new Date());

  return {
    /** Newest first; `nextCursor` continues below the last row, and is null on the last page. */
    async list(
      input: AuditFilterInput & { cursor?: string; limit?: number },
    ): Promise<{ events: AuditRow[]; nextCursor: string | null }> {
      const filter = parseAuditFilter(input);
      const limit = Math.min(Math.max(input.limit ?? AUDIT_PAGE_DEFAULT, 1), AUDIT_PAGE_MAX);
      let beforeId: string | null = null;
      if (input.cursor !== undefined) {
        beforeId = decodeAuditCursor(input.cursor);
        if (beforeId === null) {
          throw new AppError('validation', 'The cursor is not one this server handed out.', {
            fields: [{ field: 'cursor', reason: 'invalid' }],
          });
        }
      }
      // One row more than asked tells whether another page exists without a second query.
      const rows = await deps.query.page(filter, beforeId, limit + 1);
      const events = rows.slice(0, limit);
      const last = events[events.length - 1];
      return { events, nextCursor: rows.length > limit && last ? encodeAuditCursor(last.id) : null };
    },

    /**
     * Every matching row, oldest first, up to the newest row at the time of the request (rows
     * appended while the export streams are left for the next one). Exporting the log is itself
     * audited, before the first row leaves.
     */
    async export(
      call: AdminCall,
      input: AuditFilterInput,
      format: AuditExportFormat,
    ): Promise<{ filename: string; contentType: string; body: AsyncGenerator<string> }> {
      const filter = parseAuditFilter(input);
      const upToId = await deps.query.lastId();
      await deps.audit.append({
        action: 'admin.audit_export',
        outcome: 'success',
        actorId: call.actor.id,
        actorUsername: call.actor.username,
        targetUserId: null,
        ip: call.ctx.ip,
        userAgent: call.ctx.userAgent,
        requestId: call.ctx.requestId,
        details: { format, filter: input, upToId },
      });
      const stamp = now().toISOString().replace(/[:.]/g, '-');
      return {
        filename: `gatehouse-audit-${stamp}.${format}`,
        contentType: format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8',
        body: exportAudit(deps.query.stream(filter, upToId), format),
      };
    },

    async verify(): Promise<{
      intact: boolean;
      checked: number;
      broken: { id: string; reason: string } | null;
    }> {
      const result = await deps.query.verify();
      return { intact: result.broken === null, ...result };
    },
  };
}

export type AuditAdminService = ReturnType<typeof createAuditAdminService>;
