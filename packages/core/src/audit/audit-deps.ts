import type { AuditLog, Clock } from '../shared/ports';
import type { AuditQueryPort } from './ports';

export const AUDIT_PAGE_DEFAULT = 100;
export const AUDIT_PAGE_MAX = 500;

export interface AuditDeps {
  query: AuditQueryPort;
  audit: AuditLog;
  now: Clock;
}
