/** Groups and their members: a grant to a group reaches every member. */
import { FieldIssues } from '../shared/field-issues';
import type { Tx } from '../shared/ports';
import type { AdminCall } from '../shared/request-context';
import type { AdminDeps } from './admin-deps';
import { mustFindGroup, notFound, recordChange, revocationDetails } from './admin-kit';
import { createAudited, deleteAudited, updateAudited } from './audited-change';
import type { RecordAudit } from './audited-change';
import { freeText, requiredText } from './field-rules';
import { revokedGrantOf } from './grants';
import type { GroupMemberView, GroupView } from './ports';
import { groupSnapshot } from './snapshots';

const GROUP_NAME_MAX = 64;

export function listGroups(deps: AdminDeps): Promise<GroupView[]> {
  return deps.repo.listGroups();
}

export function getGroup(deps: AdminDeps, id: string): Promise<GroupView> {
  return mustFindGroup(deps, id);
}

function groupAudit(deps: AdminDeps): RecordAudit<GroupView> {
  return {
    load: (id, tx) => mustFindGroup(deps, id, tx),
    snapshot: groupSnapshot,
    columns: () => ({}),
    about: (g) => ({ groupId: g.id }),
  };
}

export async function createGroup(
  deps: AdminDeps,
  call: AdminCall,
  input: { name: string; description?: string },
): Promise<GroupView> {
  const issues = new FieldIssues();
  const name = requiredText(issues, 'name', input.name, GROUP_NAME_MAX);
  const description = freeText(issues, 'description', input.description ?? '');
  issues.throwIfAny();
  return createAudited(deps, call, 'admin.group_create', groupAudit(deps), (tx) =>
    deps.repo.createGroup({ name, description }, tx),
  );
}

export async function updateGroup(
  deps: AdminDeps,
  call: AdminCall,
  id: string,
  input: { name?: string; description?: string },
): Promise<GroupView> {
  const issues = new FieldIssues();
  const changes: { name?: string; description?: string } = {};
  if (input.name !== undefined) changes.name = requiredText(issues, 'name', input.name, GROUP_NAME_MAX);
  if (input.description !== undefined)
    changes.description = freeText(issues, 'description', input.description);
  issues.throwIfAny();
  return updateAudited(deps, call, 'admin.group_update', groupAudit(deps), id, {
    changes: () => changes,
    write: (c, tx) => deps.repo.updateGroup(id, c, tx),
  });
}

/** Memberships and the group's grants go with it; the audit row lists the grants removed. */
export async function deleteGroup(deps: AdminDeps, call: AdminCall, id: string): Promise<void> {
  await deleteAudited(deps, call, 'admin.group_delete', groupAudit(deps), id, async (before, tx) => {
    const grants = await deps.repo.listGrants({ roleId: null, userId: null, groupId: id }, tx);
    await deps.repo.deleteGroup(id, tx);
    // Every member loses the group's grants: their sessions under them end at AWS, unless another
    // grant still gives them the same role (weighed now the group is gone).
    const revoked: Array<{ roleArn: string; liveSessions: number }> = [];
    for (const grant of grants) {
      revoked.push(
        ...(await deps.revocations.revokeGrant(
          { grant: revokedGrantOf(grant), reason: 'grant_deleted', requestedBy: call.actor },
          tx,
        )),
      );
    }
    return {
      before: { ...groupSnapshot(before), memberCount: before.memberCount },
      removedGrants: grants.map((g) => ({ id: g.id, roleId: g.roleId, arn: g.role.arn })),
      ...revocationDetails(revoked),
    };
  });
}

export async function listMembers(deps: AdminDeps, groupId: string): Promise<GroupMemberView[]> {
  await mustFindGroup(deps, groupId);
  return deps.repo.listMembers(groupId);
}

/** Loads the group, changes one membership, and audits it, in one transaction. */
async function changeMembership(
  deps: AdminDeps,
  call: AdminCall,
  action: string,
  ids: { groupId: string; userId: string },
  change: (tx: Tx) => Promise<Record<string, unknown>>,
): Promise<void> {
  await deps.transactions.run(async (tx) => {
    const group = await mustFindGroup(deps, ids.groupId, tx);
    const details = await change(tx);
    await recordChange(
      deps,
      call,
      action,
      { targetUserId: ids.userId },
      { groupId: ids.groupId, groupName: group.name, ...details },
      tx,
    );
  });
}

export async function addMember(
  deps: AdminDeps,
  call: AdminCall,
  groupId: string,
  userId: string,
): Promise<void> {
  await changeMembership(deps, call, 'admin.group_member_add', { groupId, userId }, async (tx) => {
    const user = await deps.repo.findUser(userId, tx);
    if (!user) throw notFound('user', 'userId');
    await deps.repo.addMember(groupId, userId, tx);
    return { username: user.username, before: null, after: { groupId, userId } };
  });
}

/** Takes effect on the user's next request: the server's caches drop the user's access view at once. */
export async function removeMember(
  deps: AdminDeps,
  call: AdminCall,
  groupId: string,
  userId: string,
): Promise<void> {
  await changeMembership(deps, call, 'admin.group_member_remove', { groupId, userId }, async (tx) => {
    if (!(await deps.repo.removeMember(groupId, userId, tx))) throw notFound('member of this group');
    // The sessions the user got through the group's grants end at AWS, unless another grant
    // still gives the same role (weighed now the membership is gone).
    const grants = await deps.repo.listGrants({ roleId: null, userId: null, groupId }, tx);
    const revoked = await deps.revocations.revokeMembership(
      { userId, grantIds: grants.map((g) => g.id), requestedBy: call.actor },
      tx,
    );
    return { before: { groupId, userId }, after: null, ...revocationDetails(revoked) };
  });
}
