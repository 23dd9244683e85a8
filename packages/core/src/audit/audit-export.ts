import type { AuditRow } from './ports';

export type AuditExportFormat = 'csv' | 'jsonl';

export const AUDIT_EXPORT_COLUMNS = [
  'id',
  'occurredAt',
  'action',
  'outcome',
  'actorId',
  'actorUsername',
  'targetUserId',
  'accountId',
  'roleId',
  'correlationId',
  'ip',
  'userAgent',
  'requestId',
  'details',
  'prevHash',
  'hash',
] as const;

type Column = (typeof AUDIT_EXPORT_COLUMNS)[number];

// A spreadsheet treats a cell starting with one of these as a formula (OWASP CSV injection).
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

/**
 * One CSV field (RFC 4180). Text an attacker controls (user agents, usernames) must not become a
 * formula when the export is opened in a spreadsheet, so such cells get a leading apostrophe.
 */
export function csvCell(value: string | null): string {
  if (value === null || value === '') return '';
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function plain(row: AuditRow): Record<Column, string | null> {
  return {
    id: row.id,
    occurredAt: row.occurredAt.toISOString(),
    action: row.action,
    outcome: row.outcome,
    actorId: row.actorId,
    actorUsername: row.actorUsername,
    targetUserId: row.targetUserId,
    accountId: row.accountId,
    roleId: row.roleId,
    correlationId: row.correlationId,
    ip: row.ip,
    userAgent: row.userAgent,
    requestId: row.requestId,
    details: JSON.stringify(row.details ?? {}),
    prevHash: row.prevHash,
    hash: row.hash,
  };
}

export function auditCsvHeader(): string {
  return `${AUDIT_EXPORT_COLUMNS.join(',')}\r\n`;
}

export function auditCsvLine(row: AuditRow): string {
  const values = plain(row);
  return `${AUDIT_EXPORT_COLUMNS.map((c) => csvCell(values[c])).join(',')}\r\n`;
}

/** One JSON object per line; `details` stays structured. */
export function auditJsonLine(row: AuditRow): string {
  return `${JSON.stringify({ ...plain(row), details: row.details ?? {} })}\n`;
}

/**
 * Renders rows as they arrive, in chunks of a few hundred rows, so an export of millions of rows
 * streams in constant memory.
 */
export async function* exportAudit(
  rows: AsyncIterable<AuditRow>,
  format: AuditExportFormat,
  chunkRows = 500,
): AsyncGenerator<string> {
  let chunk = format === 'csv' ? auditCsvHeader() : '';
  let count = 0;
  for await (const row of rows) {
    chunk += format === 'csv' ? auditCsvLine(row) : auditJsonLine(row);
    if (++count % chunkRows === 0) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}
