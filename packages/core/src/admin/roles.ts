/** IAM roles users may be granted, each in one account Gatehouse knows. */
import { AppError } from '../shared/app-error';
import { FieldIssues } from '../shared/field-issues';
import type { AccountRecord } from '../shared/access-records';
import type { AdminCall } from '../shared/request-context';
import { parseRoleReference } from '../broker/aws-names';
import { validateSessionPolicy } from '../broker/session-policy';
import type { AdminDeps } from './admin-deps';
import { mustFindAccount, mustFindRole, notFound, revocationDetails } from './admin-kit';
import { createAudited, deleteAudited, updateAudited } from './audited-change';
import type { RecordAudit } from './audited-change';
import { checkSessionSeconds, freeText, requiredText } from './field-rules';
import type { NewRole, RoleView } from './ports';
import { roleSnapshot } from './snapshots';

export const DEFAULT_ROLE_SESSION_SECONDS = 3600;

export interface RoleInput {
  /** A role name, /path/name or ARN in the role's account. */
  role?: string;
  displayName?: string;
  description?: string;
  maxSessionSeconds?: number;
  sessionPolicy?: string | null;
  requiresStepUp?: boolean;
}

type RoleFields = Partial<Omit<NewRole, 'accountId'>>;

function checkSessionPolicy(issues: FieldIssues, value: string | null): string | null {
  if (value === null || value.trim() === '') return null;
  const result = validateSessionPolicy(value);
  if (!result.ok) {
    issues.add('sessionPolicy', result.reason);
    return null;
  }
  return result.minified;
}

/** The given fields, normalised against the role's account; problems are collected in `issues`. */
function roleFields(issues: FieldIssues, input: RoleInput, account: AccountRecord): RoleFields {
  const fields: RoleFields = {};
  if (input.role !== undefined) {
    const role = input.role;
    const parsed = issues.absorb(() =>
      parseRoleReference(role, { accountId: account.awsAccountId, partition: account.partition }),
    );
    if (parsed) Object.assign(fields, { roleName: parsed.roleName, rolePath: parsed.path, arn: parsed.arn });
  }
  if (input.displayName !== undefined)
    fields.displayName = requiredText(issues, 'displayName', input.displayName);
  if (input.description !== undefined)
    fields.description = freeText(issues, 'description', input.description);
  if (input.maxSessionSeconds !== undefined) {
    fields.maxSessionSeconds = input.maxSessionSeconds;
    checkSessionSeconds(issues, 'maxSessionSeconds', input.maxSessionSeconds);
  }
  if (input.sessionPolicy !== undefined)
    fields.sessionPolicy = checkSessionPolicy(issues, input.sessionPolicy);
  if (input.requiresStepUp !== undefined) fields.requiresStepUp = input.requiresStepUp;
  return fields;
}

export function listRoles(deps: AdminDeps, filter: { accountId?: string }): Promise<RoleView[]> {
  return deps.repo.listRoles({ accountId: filter.accountId ?? null });
}

export function getRole(deps: AdminDeps, id: string): Promise<RoleView> {
  return mustFindRole(deps, id);
}

function roleAudit(deps: AdminDeps): RecordAudit<RoleView> {
  return {
    load: (id, tx) => mustFindRole(deps, id, tx),
    snapshot: roleSnapshot,
    columns: (r) => ({ accountId: r.accountId, roleId: r.id }),
  };
}

export async function createRole(
  deps: AdminDeps,
  call: AdminCall,
  input: RoleInput & { accountId: string; role: string },
): Promise<RoleView> {
  return createAudited(deps, call, 'admin.role_create', roleAudit(deps), async (tx) => {
    const account = await deps.repo.findAccount(input.accountId, tx);
    if (!account) throw notFound('account', 'accountId');
    const issues = new FieldIssues();
    // Without a display name the role is shown by its name.
    const named = input.displayName !== undefined && input.displayName.trim() !== '';
    const fields = roleFields(
      issues,
      {
        role: input.role,
        ...(named ? { displayName: input.displayName } : {}),
        description: input.description ?? '',
        maxSessionSeconds: input.maxSessionSeconds ?? DEFAULT_ROLE_SESSION_SECONDS,
        sessionPolicy: input.sessionPolicy ?? null,
        requiresStepUp: input.requiresStepUp ?? false,
      },
      account,
    );
    issues.throwIfAny();
    if (!fields.roleName) throw new AppError('internal', 'role reference not parsed');
    return deps.repo.createRole(
      { accountId: account.id, displayName: fields.roleName, ...fields } as NewRole,
      tx,
    );
  });
}

export async function updateRole(
  deps: AdminDeps,
  call: AdminCall,
  id: string,
  input: RoleInput,
): Promise<RoleView> {
  return updateAudited(deps, call, 'admin.role_update', roleAudit(deps), id, {
    changes: async (before, tx) => {
      const issues = new FieldIssues();
      const changes = roleFields(issues, input, await mustFindAccount(deps, before.accountId, tx));
      issues.throwIfAny();
      return changes;
    },
    write: (changes, tx) => deps.repo.updateRole(id, changes, tx),
  });
}

/** The role's grants and favourites go with it; the audit row lists the grants removed. */
export async function deleteRole(deps: AdminDeps, call: AdminCall, id: string): Promise<void> {
  await deleteAudited(deps, call, 'admin.role_delete', roleAudit(deps), id, async (_before, tx) => {
    const grants = await deps.repo.listGrants({ roleId: id, userId: null, groupId: null }, tx);
    await deps.repo.deleteRole(id, tx);
    // Gatehouse no longer answers for this role: every session it issued of it ends at AWS.
    const revoked = await deps.revocations.revokeRole({ roleId: id, requestedBy: call.actor }, tx);
    return {
      removedGrants: grants.map((g) => ({ id: g.id, subject: g.subject })),
      ...revocationDetails(revoked),
    };
  });
}
