/** The one way an audit row is put together, and the one way an audit write fails closed. */
import { AppError } from './app-error';
import type { AuditEventInput, AuditLog, AuditOutcome, Tx } from './ports';
import type { RequestContext } from './request-context';

export interface AuditEventParts {
  action: string;
  outcome: AuditOutcome;
  /** Who acted; null for an anonymous request (an unknown username, an invalid link). */
  actor: { id: string | null; username: string | null } | null;
  ctx: RequestContext;
  targetUserId?: string | null;
  accountId?: string | null;
  roleId?: string | null;
  correlationId?: string | null;
  details?: Record<string, unknown>;
}

export function auditEvent(parts: AuditEventParts): AuditEventInput {
  return {
    action: parts.action,
    outcome: parts.outcome,
    actorId: parts.actor?.id ?? null,
    actorUsername: parts.actor?.username ?? null,
    targetUserId: parts.targetUserId ?? null,
    ip: parts.ctx.ip,
    userAgent: parts.ctx.userAgent,
    requestId: parts.ctx.requestId,
    accountId: parts.accountId ?? null,
    roleId: parts.roleId ?? null,
    correlationId: parts.correlationId ?? null,
    details: parts.details ?? {},
  };
}

/**
 * Fail closed: whatever the audit log cannot record does not happen. The caller says what the
 * user is told (what was not done) when the row cannot be written.
 */
export async function appendOrRefuse(
  audit: AuditLog,
  event: AuditEventInput,
  refusal: string,
  tx?: Tx,
): Promise<void> {
  try {
    await audit.append(event, tx);
  } catch (err) {
    throw new AppError('unavailable', refusal, { cause: err });
  }
}

/** A user acting on their own account: signing in, enrolling, changing their password, a CLI login. */
export function selfEvent(
  user: { id: string; username: string },
  ctx: RequestContext,
  action: string,
  outcome: AuditOutcome,
  details?: Record<string, unknown>,
): AuditEventInput {
  return auditEvent({
    action,
    outcome,
    actor: user,
    targetUserId: user.id,
    ctx,
    ...(details ? { details } : {}),
  });
}
