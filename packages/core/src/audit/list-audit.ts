import { AppError } from '../shared/app-error';
import { AUDIT_PAGE_DEFAULT, AUDIT_PAGE_MAX } from './audit-deps';
import type { AuditDeps } from './audit-deps';
import { decodeAuditCursor, encodeAuditCursor, parseAuditFilter } from './audit-filter';
import type { AuditFilterInput } from './audit-filter';
import type { AuditRow } from './ports';

/** Newest first; `nextCursor` continues below the last row, and is null on the last page. */
export async function listAudit(
  deps: AuditDeps,
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
}
