/** Reading the audit log: filtered pages, full exports, and the hash-chain check. */
import { bindDeps } from '../shared/bind-deps';
import type { AuditDeps } from './audit-deps';
import { exportAudit } from './export-audit';
import { listAudit } from './list-audit';

async function verifyAudit(deps: AuditDeps) {
  const result = await deps.query.verify();
  return { intact: result.broken === null, ...result };
}

export function createAuditService(deps: AuditDeps) {
  return bindDeps(deps, { list: listAudit, export: exportAudit, verify: verifyAudit });
}

export type AuditService = ReturnType<typeof createAuditService>;
