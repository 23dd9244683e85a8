/** Grants: a user or a group may use a role (console, CLI or both), maybe limited in time and network. */
import { AppError, isAppError } from '../shared/app-error';
import { FieldIssues } from '../shared/field-issues';
import type { Tx } from '../shared/ports';
import type { GrantRecord } from '../shared/access-records';
import type { AdminCall } from '../shared/request-context';
import { parseCidr } from '../broker/source-cidrs';
import type { AdminDeps } from './admin-deps';
import { conflict, mustFindGrant, notFound, revocationDetails } from './admin-kit';
import { deleteAudited, insertAudited, updateAudited } from './audited-change';
import type { RecordAudit } from './audited-change';
import { checkSessionSeconds, freeText } from './field-rules';
import type { GrantChanges, GrantView, NewGrant } from './ports';
import { grantSnapshot } from './snapshots';

/** One request may grant a role to at most this many users and groups together. */
export const MAX_GRANT_SUBJECTS = 200;
export const MAX_SOURCE_CIDRS = 50;

export interface GrantInput {
  allowConsole?: boolean;
  allowCli?: boolean;
  maxSessionSeconds?: number | null;
  sourceCidrs?: string[];
  expiresAt?: string | null;
  note?: string;
}

function checkCidrs(issues: FieldIssues, cidrs: readonly string[]): string[] {
  if (cidrs.length > MAX_SOURCE_CIDRS)
    issues.add('sourceCidrs', `must list at most ${MAX_SOURCE_CIDRS} networks`);
  const normalised: string[] = [];
  cidrs.forEach((cidr, index) => {
    const parsed = parseCidr(cidr.trim());
    if (!parsed.ok) issues.add(`sourceCidrs.${index}`, parsed.reason);
    else if (!normalised.includes(parsed.normalised)) normalised.push(parsed.normalised);
  });
  return normalised;
}

/** The given limits, normalised; problems are collected in `issues`. */
function grantFields(deps: Pick<AdminDeps, 'now'>, issues: FieldIssues, input: GrantInput): GrantChanges {
  const fields: GrantChanges = {};
  if (input.allowConsole !== undefined) fields.allowConsole = input.allowConsole;
  if (input.allowCli !== undefined) fields.allowCli = input.allowCli;
  if (input.maxSessionSeconds !== undefined) {
    fields.maxSessionSeconds = input.maxSessionSeconds;
    if (input.maxSessionSeconds !== null)
      checkSessionSeconds(issues, 'maxSessionSeconds', input.maxSessionSeconds);
  }
  if (input.sourceCidrs !== undefined) fields.sourceCidrs = checkCidrs(issues, input.sourceCidrs);
  if (input.expiresAt !== undefined && input.expiresAt !== null) {
    const at = new Date(input.expiresAt);
    if (Number.isNaN(at.getTime())) issues.add('expiresAt', 'is not a date-time');
    else if (at.getTime() <= deps.now().getTime()) issues.add('expiresAt', 'must be in the future');
    fields.expiresAt = at;
  } else if (input.expiresAt === null) fields.expiresAt = null;
  if (input.note !== undefined) fields.note = freeText(issues, 'note', input.note);
  return fields;
}

export function listGrants(
  deps: AdminDeps,
  filter: { roleId?: string; userId?: string; groupId?: string },
): Promise<GrantView[]> {
  return deps.repo.listGrants({
    roleId: filter.roleId ?? null,
    userId: filter.userId ?? null,
    groupId: filter.groupId ?? null,
  });
}

export function getGrant(deps: AdminDeps, id: string): Promise<GrantView> {
  return mustFindGrant(deps, id);
}

/** Subjects named in a request that do not exist, as fields (`userIds.0`, `groupIds.2`). */
async function missingSubjects(deps: AdminDeps, userIds: string[], groupIds: string[], tx: Tx) {
  const knownUsers = new Set(await deps.repo.existingUserIds(userIds, tx));
  const knownGroups = new Set(await deps.repo.existingGroupIds(groupIds, tx));
  return [
    ...userIds.flatMap((u, i) => (knownUsers.has(u) ? [] : [{ field: `userIds.${i}`, reason: 'not found' }])),
    ...groupIds.flatMap((g, i) =>
      knownGroups.has(g) ? [] : [{ field: `groupIds.${i}`, reason: 'not found' }],
    ),
  ];
}

function grantAudit(deps: AdminDeps): RecordAudit<GrantView> {
  return {
    load: (id, tx) => mustFindGrant(deps, id, tx),
    snapshot: grantSnapshot,
    columns: (g) => ({ targetUserId: g.userId, accountId: g.account.id, roleId: g.roleId }),
    about: (g) => ({ grantId: g.id, subject: g.subject }),
  };
}

/**
 * One grant per user and group named, all in one transaction: if any of them cannot be
 * created (a subject already holds this role, or is named twice) none is.
 */
export async function createGrants(
  deps: AdminDeps,
  call: AdminCall,
  input: GrantInput & {
    roleId: string;
    userIds?: string[];
    groupIds?: string[];
    allowConsole: boolean;
    allowCli: boolean;
  },
): Promise<GrantView[]> {
  const issues = new FieldIssues();
  const userIds = input.userIds ?? [];
  const groupIds = input.groupIds ?? [];
  if (userIds.length + groupIds.length === 0) issues.add('userIds', 'name at least one user or group');
  if (userIds.length + groupIds.length > MAX_GRANT_SUBJECTS) {
    issues.add('userIds', `name at most ${MAX_GRANT_SUBJECTS} users and groups together`);
  }
  if (!input.allowConsole && !input.allowCli)
    issues.add('allowConsole', 'allow the console, the CLI or both');
  const fields = grantFields(deps, issues, {
    maxSessionSeconds: input.maxSessionSeconds ?? null,
    sourceCidrs: input.sourceCidrs ?? [],
    expiresAt: input.expiresAt ?? null,
    note: input.note ?? '',
  });
  issues.throwIfAny();

  return deps.transactions.run(async (tx) => {
    const role = await deps.repo.findRole(input.roleId, tx);
    if (!role) throw notFound('role', 'roleId');
    const missing = await missingSubjects(deps, userIds, groupIds, tx);
    if (missing.length > 0)
      throw new AppError('not_found', 'Some users or groups do not exist.', { fields: missing });
    const subjects = [
      ...userIds.map((userId, i) => ({ field: `userIds.${i}`, userId, groupId: null })),
      ...groupIds.map((groupId, i) => ({ field: `groupIds.${i}`, userId: null, groupId })),
    ];
    const grant = {
      ...fields,
      roleId: role.id,
      allowConsole: input.allowConsole,
      allowCli: input.allowCli,
    } as NewGrant;
    const created: GrantView[] = [];
    for (const { field, userId, groupId } of subjects) {
      const insert = async () => {
        try {
          return await deps.repo.createGrant({ ...grant, userId, groupId }, tx);
        } catch (err) {
          if (!isAppError(err) || err.code !== 'conflict') throw err;
          throw conflict(field, 'already granted this role', 'That user or group already holds this role.');
        }
      };
      created.push(await insertAudited(deps, call, 'admin.grant_create', grantAudit(deps), tx, insert));
    }
    return created;
  });
}

export async function updateGrant(
  deps: AdminDeps,
  call: AdminCall,
  id: string,
  input: GrantInput,
): Promise<GrantView> {
  return updateAudited(deps, call, 'admin.grant_update', grantAudit(deps), id, {
    changes: (before) => {
      const issues = new FieldIssues();
      if (!(input.allowConsole ?? before.allowConsole) && !(input.allowCli ?? before.allowCli)) {
        issues.add('allowConsole', 'allow the console, the CLI or both');
      }
      const changes = grantFields(deps, issues, input);
      issues.throwIfAny();
      return changes;
    },
    write: (changes, tx) => deps.repo.updateGrant(id, changes, tx),
  });
}

/** A grant as revocation weighs it: a group grant's members are revoked one by one. */
export function revokedGrantOf(grant: GrantRecord) {
  return { id: grant.id, roleId: grant.roleId, userId: grant.userId, groupId: grant.groupId };
}

export async function deleteGrant(deps: AdminDeps, call: AdminCall, id: string): Promise<void> {
  await deleteAudited(deps, call, 'admin.grant_delete', grantAudit(deps), id, async (before, tx) => {
    await deps.repo.deleteGrant(id, tx);
    return revocationDetails(
      await deps.revocations.revokeGrant(
        { grant: revokedGrantOf(before), reason: 'grant_deleted', requestedBy: call.actor },
        tx,
      ),
    );
  });
}
