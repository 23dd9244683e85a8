import { auditEvent } from '../shared/audit-event';
import type { AdminCall } from '../shared/request-context';
import type { AuditDeps } from './audit-deps';
import { exportAudit as formatExport } from './audit-export';
import type { AuditExportFormat } from './audit-export';
import { parseAuditFilter } from './audit-filter';
import type { AuditFilterInput } from './audit-filter';

/**
 * Every matching row, oldest first, up to the newest row at the time of the request (rows
 * appended while the export streams are left for the next one). Exporting the log is itself
 * audited, before the first row leaves.
 */
export async function exportAudit(
  deps: AuditDeps,
  call: AdminCall,
  input: AuditFilterInput,
  format: AuditExportFormat,
): Promise<{ filename: string; contentType: string; body: AsyncGenerator<string> }> {
  const filter = parseAuditFilter(input);
  const upToId = await deps.query.lastId();
  await deps.audit.append(
    auditEvent({
      action: 'admin.audit_export',
      outcome: 'success',
      actor: call.actor,
      ctx: call.ctx,
      details: { format, filter: input, upToId },
    }),
  );
  const stamp = deps.now().toISOString().replace(/[:.]/g, '-');
  return {
    filename: `gatehouse-audit-${stamp}.${format}`,
    contentType: format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8',
    body: formatExport(deps.query.stream(filter, upToId), format),
  };
}
