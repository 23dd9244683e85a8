/** What every admin use case shares: the audit row of a change, lookups that answer 404, checks. */
import { AppError } from '../shared/app-error';
import { auditEvent } from '../shared/audit-event';
import type { Tx } from '../shared/ports';
import type { AdminCall } from '../shared/request-context';
import type { AdminDeps } from './admin-deps';
import type { AccountView, AdminUserView, GrantView, GroupView, RoleView } from './ports';

/** Every admin change commits with its audit row in one transaction: no change without a record. */
export function recordChange(
  deps: Pick<AdminDeps, 'audit'>,
  call: AdminCall,
  action: string,
  columns: { targetUserId?: string | null; accountId?: string | null; roleId?: string | null },
  details: Record<string, unknown>,
  tx: Tx,
) {
  return deps.audit.append(
    auditEvent({ action, outcome: 'success', actor: call.actor, ctx: call.ctx, ...columns, details }),
    tx,
  );
}

export function notFound(what: string, field?: string): AppError {
  return new AppError(
    'not_found',
    `No such ${what}.`,
    field ? { fields: [{ field, reason: 'not found' }] } : {},
  );
}

export function conflict(field: string, reason: string, message: string): AppError {
  return new AppError('conflict', message, { fields: [{ field, reason }] });
}

/** Loads a record by id or answers 404 naming what was missing. */
export async function mustFind<T>(what: string, find: Promise<T | null>): Promise<T> {
  const found = await find;
  if (!found) throw notFound(what);
  return found;
}

/** Some changes an admin may not make to their own account (an operator command has no account). */
export function refuseSelf(
  call: AdminCall,
  userId: string,
  field: string,
  reason: string,
  message: string,
): void {
  if (call.actor.id !== null && call.actor.id === userId) {
    throw new AppError('validation', message, { fields: [{ field, reason }] });
  }
}

/** Only the keys whose values differ, so an audit row says what changed at a glance. */
export function changedKeys(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  return Object.keys(after).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
}

type Repo = Pick<AdminDeps, 'repo'>;

export const mustFindUser = (deps: Repo, id: string, tx?: Tx): Promise<AdminUserView> =>
  mustFind('user', deps.repo.findUser(id, tx));
export const mustFindGroup = (deps: Repo, id: string, tx?: Tx): Promise<GroupView> =>
  mustFind('group', deps.repo.findGroup(id, tx));
export const mustFindAccount = (deps: Repo, id: string, tx?: Tx): Promise<AccountView> =>
  mustFind('account', deps.repo.findAccount(id, tx));
export const mustFindRole = (deps: Repo, id: string, tx?: Tx): Promise<RoleView> =>
  mustFind('role', deps.repo.findRole(id, tx));
export const mustFindGrant = (deps: Repo, id: string, tx?: Tx): Promise<GrantView> =>
  mustFind('grant', deps.repo.findGrant(id, tx));

/** What the audit row of a change says of the revocations at AWS it scheduled. */
export function revocationDetails(rows: ReadonlyArray<{ roleArn: string; liveSessions: number }>) {
  return {
    awsRevocations: rows.map((r) => ({ roleArn: r.roleArn, liveSessions: r.liveSessions })),
  };
}
