import { appendOrRefuse, auditEvent } from '../shared/audit-event';
import type { AccountRecord, RoleRecord } from '../shared/access-records';
import type { AuditLog, AuditOutcome } from '../shared/ports';
import type { RequestContext } from '../shared/request-context';
import type { Authenticated } from '../identity/identity-deps';

export type IssuanceKind = 'console' | 'cli';

export function issuanceAction(kind: IssuanceKind): string {
  return kind === 'console' ? 'access.console' : 'access.credentials';
}

/** One row of an issuance's story (denied, pending, failed, issued); fail closed: no row, nothing issued. */
export function recordIssuance(
  audit: AuditLog,
  row: {
    auth: Authenticated;
    ctx: RequestContext;
    kind: IssuanceKind;
    outcome: AuditOutcome;
    target?: { account?: AccountRecord; role?: RoleRecord };
    details: Record<string, unknown>;
    correlationId?: string | null;
  },
): Promise<void> {
  return appendOrRefuse(
    audit,
    auditEvent({
      action: issuanceAction(row.kind),
      outcome: row.outcome,
      actor: row.auth.user,
      targetUserId: row.auth.user.id,
      ctx: row.ctx,
      accountId: row.target?.account?.id ?? null,
      roleId: row.target?.role?.id ?? null,
      correlationId: row.correlationId ?? null,
      details: row.details,
    }),
    'The audit log cannot be written right now, so nothing was issued. Try again shortly.',
  );
}
