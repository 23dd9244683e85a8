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
import { changedKeys, conflict, mustFindUser, recordChange, refuseSelf } from './admin-kit';
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
  return deps.transactions.run(async (tx) => {
    if (await deps.users.findByUsername(username, tx)) {
      throw conflict('username', 'taken', `A user named "${username}" already exists.`);
    }
    const { id } = await deps.repo.createUser(
      { username, displayName, email: optionalEmail(input.email), isAdmin: input.isAdmin ?? false },
      tx,
    );
    if (passwordHash !== null) await deps.users.setPasswordHash(id, passwordHash, deps.now(), tx);
    const enrolment = passwordHash === null ? await issueEnrolmentLink(deps, id, tx) : null;
    const user = await mustFindUser(deps, id, tx);
    await recordChange(
      deps,
      call,
      'admin.user_create',
      { targetUserId: id },
      {
        before: null,
        after: userSnapshot(user),
        ...(enrolment
          ? { enrolmentLinkExpiresAt: enrolment.expiresAt.toISOString() }
          : { passwordSetBy: 'operator' }),
      },
      tx,
    );
    return { user, enrolment };
  });
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
  return deps.transactions.run(async (tx) => {
    // Lock the admin rows before reading, so two admins demoting each other cannot both win.
    const admins =
      changes.isAdmin === false || changes.disabled === true ? await deps.repo.lockActiveAdminIds(tx) : null;
    const before = await mustFindUser(deps, id, tx);
    if (admins && before.isAdmin && !before.disabled && !admins.some((a) => a !== id)) {
      const field = changes.isAdmin === false ? 'isAdmin' : 'disabled';
      throw conflict(field, 'last administrator', 'Gatehouse needs at least one enabled administrator.');
    }
    const changed = changedKeys(userSnapshot(before), { ...userSnapshot(before), ...changes });
    if (changed.length === 0) return before;
    await deps.repo.updateUser(id, changes, tx);
    // Disabling takes effect at once: every session of the user ends with it.
    const sessionsEnded =
      changes.disabled === true && !before.disabled ? await deps.sessions.deleteForUser(id, {}, tx) : 0;
    const after = await mustFindUser(deps, id, tx);
    await recordChange(
      deps,
      call,
      updateAction(changed, changes),
      { targetUserId: id },
      { changed, before: userSnapshot(before), after: userSnapshot(after), sessionsEnded },
      tx,
    );
    return after;
  });
}
