/**
 * Users as administrators (the admin API) and operators (`npm run admin`) change them: one path
 * for both, each change audited. Users get a password only by setting their own (a one-time
 * enrolment link), except that an operator may set a first one from standard input.
 */
import { AppError } from '../shared/app-error';
import { FieldIssues } from '../shared/field-issues';
import type { AdminCall } from '../shared/request-context';
import { assertAcceptablePassword, hashPassword } from '../identity/password';
import { normaliseUsername, validateUsername } from '../identity/usernames';
import type { AdminDeps } from './admin-deps';
import { conflict, mustFindUser, refuseSelf, revocationDetails } from './admin-kit';
import { createAudited, updateAudited } from './audited-change';
import type { RecordAudit } from './audited-change';
import { optionalEmail, requiredText } from './field-rules';
import { issueEnrolmentLink } from './enrolment-links';
import { userSnapshot } from './snapshots';
import type { AdminUserView } from './ports';

export type UserChanges = {
  displayName?: string;
  email?: string | null;
  isAdmin?: boolean;
  disabled?: boolean;
};

export async function listUsers(
  deps: AdminDeps,
  query: { search?: string; limit?: number; offset?: number },
) {
  const limit = Math.min(Math.max(query.limit ?? 50, 1), 200);
  const offset = Math.max(query.offset ?? 0, 0);
  const search = query.search?.trim() || null;
  return { ...(await deps.repo.listUsers({ search, limit, offset })), limit, offset };
}

export function getUser(deps: AdminDeps, id: string): Promise<AdminUserView> {
  return mustFindUser(deps, id);
}

/** For operator commands, which name users by username. */
export async function findUserByUsername(deps: AdminDeps, username: string): Promise<AdminUserView> {
  const user = await deps.users.findByUsername(normaliseUsername(username));
  if (!user) throw new AppError('not_found', `No user named "${username}".`);
  return mustFindUser(deps, user.id);
}

function userAudit(deps: AdminDeps): RecordAudit<AdminUserView> {
  return {
    load: (id, tx) => mustFindUser(deps, id, tx),
    snapshot: userSnapshot,
    columns: (u) => ({ targetUserId: u.id }),
  };
}

/** A user without a password gets a one-time enrolment link to set one (`enrolment`, else null). */
export async function createUser(
  deps: AdminDeps,
  call: AdminCall,
  input: {
    username: string;
    displayName: string;
    email?: string | null;
    isAdmin?: boolean;
    password?: string | null;
  },
): Promise<{ user: AdminUserView; enrolment: { url: string; expiresAt: Date } | null }> {
  const issues = new FieldIssues();
  const username = normaliseUsername(input.username);
  issues.absorb(() => validateUsername(username));
  const displayName = requiredText(issues, 'displayName', input.displayName);
  issues.throwIfAny();
  const password = input.password ?? null;
  if (password !== null) assertAcceptablePassword(password, { username });
  const passwordHash = password !== null ? await hashPassword(password) : null;
  let enrolment: { url: string; expiresAt: Date } | null = null;
  const user = await createAudited(deps, call, 'admin.user_create', userAudit(deps), async (tx) => {
    if (await deps.users.findByUsername(username, tx)) {
      throw conflict('username', 'taken', `A user named "${username}" already exists.`);
    }
    const email = optionalEmail(input.email);
    const { id } = await deps.repo.createUser(
      { username, displayName, email, isAdmin: input.isAdmin ?? false },
      tx,
    );
    if (passwordHash !== null) {
      await deps.users.setPasswordHash(id, passwordHash, deps.now(), tx);
      return { id, details: { passwordSetBy: 'operator' } };
    }
    enrolment = await issueEnrolmentLink(deps, id, tx);
    return { id, details: { enrolmentLinkExpiresAt: enrolment.expiresAt.toISOString() } };
  });
  return { user, enrolment };
}

function checkUserChanges(call: AdminCall, id: string, input: UserChanges): UserChanges {
  if (input.isAdmin === false) {
    refuseSelf(
      call,
      id,
      'isAdmin',
      'cannot remove your own admin rights',
      'You cannot remove your own admin rights.',
    );
  }
  if (input.disabled === true) {
    refuseSelf(call, id, 'disabled', 'cannot disable yourself', 'You cannot disable your own account.');
  }
  const issues = new FieldIssues();
  const changes: UserChanges = {};
  if (input.displayName !== undefined)
    changes.displayName = requiredText(issues, 'displayName', input.displayName);
  if (input.email !== undefined) changes.email = optionalEmail(input.email);
  if (input.isAdmin !== undefined) changes.isAdmin = input.isAdmin;
  if (input.disabled !== undefined) changes.disabled = input.disabled;
  issues.throwIfAny();
  return changes;
}

/**
 * Disabling takes effect at once, and a change of administrator rights is a change of privilege:
 * every session of the user ends with either, so no cookie from before carries the new rights
 * (or keeps the old ones). The user signs in again.
 */
function endsSessions(before: AdminUserView, changes: UserChanges): boolean {
  const disables = changes.disabled === true && !before.disabled;
  const changesAdmin = changes.isAdmin !== undefined && changes.isAdmin !== before.isAdmin;
  return disables || changesAdmin;
}

/** Enabling or disabling alone is audited as such; any other change as an update. */
function updateAction(changed: string[], changes: UserChanges): string {
  if (changed.length === 1 && changed[0] === 'disabled') {
    return changes.disabled ? 'admin.user_disable' : 'admin.user_enable';
  }
  return 'admin.user_update';
}

export async function updateUser(
  deps: AdminDeps,
  call: AdminCall,
  id: string,
  input: UserChanges,
): Promise<AdminUserView> {
  const changes = checkUserChanges(call, id, input);
  const demotes = changes.isAdmin === false || changes.disabled === true;
  let admins: string[] | null = null;
  return updateAudited(deps, call, 'admin.user_update', userAudit(deps), id, {
    // Lock the admin rows before reading, so two admins demoting each other cannot both win.
    prepare: async (tx) => {
      if (demotes) admins = await deps.repo.lockActiveAdminIds(tx);
    },
    changes: (before) => {
      if (admins && before.isAdmin && !before.disabled && !admins.some((a) => a !== id)) {
        const field = changes.isAdmin === false ? 'isAdmin' : 'disabled';
        throw conflict(field, 'last administrator', 'Gatehouse needs at least one enabled administrator.');
      }
      return changes;
    },
    write: (c, tx) => deps.repo.updateUser(id, c, tx),
    effects: async (before, c, tx) => ({
      sessionsEnded: endsSessions(before, c) ? await deps.sessions.deleteForUser(id, {}, tx) : 0,
      // Disabled: the AWS sessions already out end too, at AWS (the revocation worker).
      ...(c.disabled === true && !before.disabled
        ? revocationDetails(
            await deps.revocations.revokeUser(
              { userId: id, reason: 'user_disabled', requestedBy: call.actor },
              tx,
            ),
          )
        : {}),
    }),
    action: updateAction,
  });
}
