import { AppError, isAppError } from '../shared/app-error';
import type { FieldIssue } from '../shared/app-error';
import {
  PARTITIONS,
  isAccountId,
  isRegion,
  parseRoleReference,
  partitionOfRegion,
} from '../broker/aws-names';
import { MAX_SESSION_SECONDS, MIN_SESSION_SECONDS } from '../broker/session-duration';
import { validateSessionPolicy } from '../broker/session-policy';
import { parseCidr } from '../broker/source-cidrs';
import { createToken, tokenId } from '../shared/tokens';
import { normaliseUsername, validateUsername } from '../identity/usernames';
import type {
  AccessAdminRepository,
  AccountView,
  AdminUserView,
  GrantChanges,
  GrantView,
  GroupView,
  NewAccount,
  NewRole,
  RoleView,
} from './ports';
import type { Partition } from '../broker/ports';
import type { RequestContext } from '../identity/auth-service';
import type {
  AuditEventInput,
  AuditLog,
  RecoveryCodeRepository,
  SessionRepository,
  SetupTokenRepository,
  TransactionRunner,
  Tx,
  UserRepository,
} from '../shared/ports';
import type { Actor } from './user-admin-service';

/** Who asks and from where: every admin change is audited with both. */
export interface AdminCall {
  actor: Actor;
  ctx: RequestContext;
}

export const ENROLMENT_LINK_MS = 7 * 24 * 3_600_000;
export const DEFAULT_ACCOUNT_COLOUR = '#1d8102';
export const DEFAULT_ROLE_SESSION_SECONDS = 3600;
/** One request may grant a role to at most this many users and groups together. */
export const MAX_GRANT_SUBJECTS = 200;
export const MAX_SOURCE_CIDRS = 50;

const NAME_MAX = 128;
const DESCRIPTION_MAX = 1024;
const COLOUR = /^#[0-9a-f]{6}$/i;
const CONTROL = /\p{Cc}/u;
const CONTROL_EXCEPT_LINES = /[^\P{Cc}\n\r\t]/u;

export interface AccessAdminDeps {
  repo: AccessAdminRepository;
  users: UserRepository;
  sessions: SessionRepository;
  recoveryCodes: RecoveryCodeRepository;
  setupTokens: SetupTokenRepository;
  audit: AuditLog;
  transactions: TransactionRunner;
  /** The origin users open (no trailing slash); enrolment links point at `${publicOrigin}/enrol`. */
  settings: { publicOrigin: string; enrolmentLinkMs?: number };
  now?: () => Date;
}

/** Collects every problem with a request, so the admin fixes them in one round trip. */
class Issues {
  readonly list: FieldIssue[] = [];

  add(field: string, reason: string): void {
    this.list.push({ field, reason });
  }

  /** Runs a validator that throws `AppError('validation')`, keeping its fields. */
  absorb<T>(check: () => T): T | undefined {
    try {
      return check();
    } catch (err) {
      if (isAppError(err) && err.code === 'validation' && err.fields) {
        this.list.push(...err.fields);
        return undefined;
      }
      throw err;
    }
  }

  throwIfAny(): void {
    if (this.list.length === 0) return;
    const summary = this.list.map((i) => `${i.field} ${i.reason}`).join('; ');
    throw new AppError('validation', `Invalid request: ${summary}.`, { fields: [...this.list] });
  }
}

function requiredText(issues: Issues, field: string, value: string, max = NAME_MAX): string {
  const text = value.normalize('NFC').trim();
  if (!text) issues.add(field, 'is required');
  else if ([...text].length > max) issues.add(field, `must be at most ${max} characters`);
  else if (CONTROL.test(text)) issues.add(field, 'must not contain control characters');
  return text;
}

function freeText(issues: Issues, field: string, value: string, max = DESCRIPTION_MAX): string {
  const text = value.normalize('NFC').trim();
  if ([...text].length > max) issues.add(field, `must be at most ${max} characters`);
  else if (CONTROL_EXCEPT_LINES.test(text)) issues.add(field, 'must not contain control characters');
  return text;
}

function optionalEmail(value: string | null | undefined): string | null {
  const text = value?.trim();
  return text ? text : null;
}

function checkSessionSeconds(issues: Issues, field: string, value: number): void {
  if (!Number.isInteger(value) || value < MIN_SESSION_SECONDS || value > MAX_SESSION_SECONDS) {
    issues.add(
      field,
      `must be a whole number of seconds from ${MIN_SESSION_SECONDS} to ${MAX_SESSION_SECONDS}`,
    );
  }
}

function notFound(what: string, field?: string): AppError {
  return new AppError(
    'not_found',
    `No such ${what}.`,
    field ? { fields: [{ field, reason: 'not found' }] } : {},
  );
}

function conflict(field: string, reason: string, message: string): AppError {
  return new AppError('conflict', message, { fields: [{ field, reason }] });
}

function userSnapshot(u: AdminUserView) {
  return {
    username: u.username,
    displayName: u.displayName,
    email: u.email,
    isAdmin: u.isAdmin,
    disabled: u.disabled,
  };
}

function groupSnapshot(g: GroupView) {
  return { name: g.name, description: g.description };
}

function accountSnapshot(a: AccountView) {
  return {
    awsAccountId: a.awsAccountId,
    name: a.name,
    partition: a.partition,
    colour: a.colour,
    description: a.description,
    defaultRegion: a.defaultRegion,
    disabled: a.disabled,
  };
}

function roleSnapshot(r: RoleView) {
  return {
    accountId: r.accountId,
    arn: r.arn,
    roleName: r.roleName,
    rolePath: r.rolePath,
    displayName: r.displayName,
    description: r.description,
    maxSessionSeconds: r.maxSessionSeconds,
    sessionPolicy: r.sessionPolicy,
    requiresStepUp: r.requiresStepUp,
  };
}

function grantSnapshot(g: GrantView) {
  return {
    roleId: g.roleId,
    userId: g.userId,
    groupId: g.groupId,
    allowConsole: g.allowConsole,
    allowCli: g.allowCli,
    maxSessionSeconds: g.maxSessionSeconds,
    sourceCidrs: g.sourceCidrs,
    expiresAt: g.expiresAt?.toISOString() ?? null,
    note: g.note,
  };
}

/** Only the keys whose values differ, so an audit row says what changed at a glance. */
function changedKeys(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  return Object.keys(after).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
}

/**
 * The access model as administrators change it: users, groups, AWS accounts, roles and grants.
 * Every change commits in one transaction with its audit row (before/after, never secrets), so
 * there is no change without a record and no record of a change that did not happen.
 */
export function createAccessAdminService(deps: AccessAdminDeps) {
  const now = deps.now ?? (() => new Date());
  const { repo, transactions } = deps;
  const linkMs = deps.settings.enrolmentLinkMs ?? ENROLMENT_LINK_MS;

  function audit(
    call: AdminCall,
    action: string,
    columns: { targetUserId?: string | null; accountId?: string | null; roleId?: string | null },
    details: Record<string, unknown>,
    tx: Tx,
  ) {
    const event: AuditEventInput = {
      action,
      outcome: 'success',
      actorId: call.actor.id,
      actorUsername: call.actor.username,
      targetUserId: columns.targetUserId ?? null,
      accountId: columns.accountId ?? null,
      roleId: columns.roleId ?? null,
      ip: call.ctx.ip,
      userAgent: call.ctx.userAgent,
      requestId: call.ctx.requestId,
      details,
    };
    return deps.audit.append(event, tx);
  }

  /** Loads a record by id or answers 404 naming what was missing. */
  async function mustFind<T>(what: string, find: Promise<T | null>): Promise<T> {
    const found = await find;
    if (!found) throw notFound(what);
    return found;
  }
  const mustFindUser = (id: string, tx?: Tx) => mustFind('user', repo.findUser(id, tx));
  const mustFindGroup = (id: string, tx?: Tx) => mustFind('group', repo.findGroup(id, tx));
  const mustFindAccount = (id: string, tx?: Tx) => mustFind('account', repo.findAccount(id, tx));
  const mustFindRole = (id: string, tx?: Tx) => mustFind('role', repo.findRole(id, tx));
  const mustFindGrant = (id: string, tx?: Tx) => mustFind('grant', repo.findGrant(id, tx));

  /** A new link voids the older ones: only the link the admin handed out last works. */
  async function issueEnrolmentLink(userId: string, tx: Tx): Promise<{ url: string; expiresAt: Date }> {
    await repo.revokeEnrolmentTokens(userId, tx);
    const token = createToken();
    const expiresAt = new Date(now().getTime() + linkMs);
    await deps.setupTokens.create({ id: tokenId(token), purpose: 'enrolment', userId, expiresAt }, tx);
    return { url: `${deps.settings.publicOrigin}/enrol#token=${token}`, expiresAt };
  }

  function refuseSelf(call: AdminCall, userId: string, field: string, reason: string, message: string): void {
    if (call.actor.id !== null && call.actor.id === userId) {
      throw new AppError('validation', message, { fields: [{ field, reason }] });
    }
  }

  function checkRegion(issues: Issues, region: string | null, partition: Partition): void {
    if (region === null) return;
    if (!isRegion(region)) issues.add('defaultRegion', 'is not an AWS region name');
    else if (partitionOfRegion(region) !== partition) {
      issues.add('defaultRegion', `is not a region of partition ${partition}`);
    }
  }

  function checkSessionPolicy(issues: Issues, value: string | null): string | null {
    if (value === null || value.trim() === '') return null;
    const result = validateSessionPolicy(value);
    if (!result.ok) {
      issues.add('sessionPolicy', result.reason);
      return null;
    }
    return result.minified;
  }

  function checkCidrs(issues: Issues, cidrs: readonly string[]): string[] {
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

  function checkExpiry(issues: Issues, value: string | null): Date | null {
    if (value === null) return null;
    const at = new Date(value);
    if (Number.isNaN(at.getTime())) issues.add('expiresAt', 'is not a date-time');
    else if (at.getTime() <= now().getTime()) issues.add('expiresAt', 'must be in the future');
    return at;
  }

  return {
    // --- users ---------------------------------------------------------------------------
    async listUsers(query: { search?: string; limit?: number; offset?: number }) {
      const limit = Math.min(Math.max(query.limit ?? 50, 1), 200);
      const offset = Math.max(query.offset ?? 0, 0);
      const search = query.search?.trim() || null;
      return { ...(await repo.listUsers({ search, limit, offset })), limit, offset };
    },

    getUser(id: string): Promise<AdminUserView> {
      return mustFindUser(id);
    },

    /**
     * Users never get a password from an admin: they set their own through a one-time link.
     */
    async createUser(
      call: AdminCall,
      input: { username: string; displayName: string; email?: string | null; isAdmin?: boolean },
    ): Promise<{ user: AdminUserView; enrolment: { url: string; expiresAt: Date } }> {
      const issues = new Issues();
      const username = normaliseUsername(input.username);
      issues.absorb(() => validateUsername(username));
      const displayName = requiredText(issues, 'displayName', input.displayName);
      issues.throwIfAny();
      return transactions.run(async (tx) => {
        if (await deps.users.findByUsername(username, tx)) {
          throw conflict('username', 'taken', `A user named "${username}" already exists.`);
        }
        const { id } = await repo.createUser(
          { username, displayName, email: optionalEmail(input.email), isAdmin: input.isAdmin ?? false },
          tx,
        );
        const enrolment = await issueEnrolmentLink(id, tx);
        const user = await mustFindUser(id, tx);
        await audit(
          call,
          'admin.user_create',
          { targetUserId: id },
          {
            before: null,
            after: userSnapshot(user),
            enrolmentLinkExpiresAt: enrolment.expiresAt.toISOString(),
          },
          tx,
        );
        return { user, enrolment };
      });
    },

    async updateUser(
      call: AdminCall,
      id: string,
      input: { displayName?: string; email?: string | null; isAdmin?: boolean; disabled?: boolean },
    ): Promise<AdminUserView> {
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
      const issues = new Issues();
      const changes: { displayName?: string; email?: string | null; isAdmin?: boolean; disabled?: boolean } =
        {};
      if (input.displayName !== undefined)
        changes.displayName = requiredText(issues, 'displayName', input.displayName);
      if (input.email !== undefined) changes.email = optionalEmail(input.email);
      if (input.isAdmin !== undefined) changes.isAdmin = input.isAdmin;
      if (input.disabled !== undefined) changes.disabled = input.disabled;
      issues.throwIfAny();

      return transactions.run(async (tx) => {
        // Lock the admin rows before reading, so two admins demoting each other cannot both win.
        const admins =
          changes.isAdmin === false || changes.disabled === true ? await repo.lockActiveAdminIds(tx) : null;
        const before = await mustFindUser(id, tx);
        if (admins && before.isAdmin && !before.disabled && !admins.some((a) => a !== id)) {
          const field = changes.isAdmin === false ? 'isAdmin' : 'disabled';
          throw conflict(field, 'last administrator', 'Gatehouse needs at least one enabled administrator.');
        }
        const changed = changedKeys(userSnapshot(before), { ...userSnapshot(before), ...changes });
        if (changed.length === 0) return before;
        await repo.updateUser(id, changes, tx);
        // Disabling takes effect at once: every session of the user ends with it.
        const sessionsEnded =
          changes.disabled === true && !before.disabled ? await deps.sessions.deleteForUser(id, {}, tx) : 0;
        const after = await mustFindUser(id, tx);
        await audit(
          call,
          'admin.user_update',
          { targetUserId: id },
          { changed, before: userSnapshot(before), after: userSnapshot(after), sessionsEnded },
          tx,
        );
        return after;
      });
    },

    async resetMfa(call: AdminCall, id: string): Promise<AdminUserView> {
      // Your own second factor changes only after proving it (/api/me/mfa/reset re-authenticates).
      refuseSelf(
        call,
        id,
        'id',
        'use your own account settings',
        'Reset your own MFA from your account settings.',
      );
      return transactions.run(async (tx) => {
        const before = await mustFindUser(id, tx);
        await deps.users.clearTotp(id, tx);
        await deps.recoveryCodes.deleteAll(id, tx);
        const sessionsEnded = await deps.sessions.deleteForUser(id, {}, tx);
        await audit(
          call,
          'admin.user_reset_mfa',
          { targetUserId: id },
          {
            username: before.username,
            before: { mfaEnrolled: before.mfaEnrolled },
            after: { mfaEnrolled: false },
            sessionsEnded,
          },
          tx,
        );
        return mustFindUser(id, tx);
      });
    },

    async unlock(call: AdminCall, id: string): Promise<AdminUserView> {
      return transactions.run(async (tx) => {
        const before = await mustFindUser(id, tx);
        await deps.users.unlock(id, tx);
        const wasLocked = before.lockedUntil !== null && before.lockedUntil.getTime() > now().getTime();
        await audit(
          call,
          'admin.user_unlock',
          { targetUserId: id },
          {
            username: before.username,
            before: { lockedUntil: wasLocked ? before.lockedUntil?.toISOString() : null },
            after: { lockedUntil: null },
          },
          tx,
        );
        return mustFindUser(id, tx);
      });
    },

    /** Also the way back in for a user who lost their password: the link sets a new one. */
    async regenerateEnrolmentLink(call: AdminCall, id: string): Promise<{ url: string; expiresAt: Date }> {
      refuseSelf(
        call,
        id,
        'id',
        'use your own account settings',
        'Change your own password from your account settings.',
      );
      return transactions.run(async (tx) => {
        const user = await mustFindUser(id, tx);
        if (user.disabled)
          throw conflict('disabled', 'user is disabled', 'Enable the user before sending a link.');
        const link = await issueEnrolmentLink(id, tx);
        await audit(
          call,
          'admin.user_enrolment_link',
          { targetUserId: id },
          { username: user.username, expiresAt: link.expiresAt.toISOString() },
          tx,
        );
        return link;
      });
    },

    // --- groups --------------------------------------------------------------------------
    listGroups(): Promise<GroupView[]> {
      return repo.listGroups();
    },

    getGroup(id: string): Promise<GroupView> {
      return mustFindGroup(id);
    },

    async createGroup(call: AdminCall, input: { name: string; description?: string }): Promise<GroupView> {
      const issues = new Issues();
      const name = requiredText(issues, 'name', input.name, 64);
      const description = freeText(issues, 'description', input.description ?? '');
      issues.throwIfAny();
      return transactions.run(async (tx) => {
        const { id } = await repo.createGroup({ name, description }, tx);
        const group = await mustFindGroup(id, tx);
        await audit(
          call,
          'admin.group_create',
          {},
          { groupId: id, before: null, after: groupSnapshot(group) },
          tx,
        );
        return group;
      });
    },

    async updateGroup(call: AdminCall, id: string, input: { name?: string; description?: string }) {
      const issues = new Issues();
      const changes: { name?: string; description?: string } = {};
      if (input.name !== undefined) changes.name = requiredText(issues, 'name', input.name, 64);
      if (input.description !== undefined)
        changes.description = freeText(issues, 'description', input.description);
      issues.throwIfAny();
      return transactions.run(async (tx) => {
        const before = await mustFindGroup(id, tx);
        const changed = changedKeys(groupSnapshot(before), { ...groupSnapshot(before), ...changes });
        if (changed.length === 0) return before;
        await repo.updateGroup(id, changes, tx);
        const after = await mustFindGroup(id, tx);
        await audit(
          call,
          'admin.group_update',
          {},
          { groupId: id, changed, before: groupSnapshot(before), after: groupSnapshot(after) },
          tx,
        );
        return after;
      });
    },

    /** Memberships and the group's grants go with it; the audit row lists the grants removed. */
    async deleteGroup(call: AdminCall, id: string): Promise<void> {
      await transactions.run(async (tx) => {
        const before = await mustFindGroup(id, tx);
        const grants = await repo.listGrants({ roleId: null, userId: null, groupId: id }, tx);
        await repo.deleteGroup(id, tx);
        await audit(
          call,
          'admin.group_delete',
          {},
          {
            groupId: id,
            before: { ...groupSnapshot(before), memberCount: before.memberCount },
            after: null,
            removedGrants: grants.map((g) => ({ id: g.id, roleId: g.roleId, arn: g.role.arn })),
          },
          tx,
        );
      });
    },

    async listMembers(groupId: string) {
      await mustFindGroup(groupId);
      return repo.listMembers(groupId);
    },

    async addMember(call: AdminCall, groupId: string, userId: string): Promise<void> {
      await transactions.run(async (tx) => {
        const group = await mustFindGroup(groupId, tx);
        const user = await repo.findUser(userId, tx);
        if (!user) throw notFound('user', 'userId');
        await repo.addMember(groupId, userId, tx);
        await audit(
          call,
          'admin.group_member_add',
          { targetUserId: userId },
          {
            groupId,
            groupName: group.name,
            username: user.username,
            before: null,
            after: { groupId, userId },
          },
          tx,
        );
      });
    },

    /** Takes effect on the user's next request: grants are resolved per request, never cached. */
    async removeMember(call: AdminCall, groupId: string, userId: string): Promise<void> {
      await transactions.run(async (tx) => {
        const group = await mustFindGroup(groupId, tx);
        if (!(await repo.removeMember(groupId, userId, tx))) throw notFound('member of this group');
        await audit(
          call,
          'admin.group_member_remove',
          { targetUserId: userId },
          { groupId, groupName: group.name, before: { groupId, userId }, after: null },
          tx,
        );
      });
    },

    // --- AWS accounts --------------------------------------------------------------------
    listAccounts(): Promise<AccountView[]> {
      return repo.listAccounts();
    },

    getAccount(id: string): Promise<AccountView> {
      return mustFindAccount(id);
    },

    async createAccount(
      call: AdminCall,
      input: {
        awsAccountId: string;
        name: string;
        partition?: Partition;
        colour?: string;
        description?: string;
        defaultRegion?: string | null;
        disabled?: boolean;
      },
    ): Promise<AccountView> {
      const issues = new Issues();
      const awsAccountId = input.awsAccountId.trim();
      if (!isAccountId(awsAccountId)) issues.add('awsAccountId', 'must be exactly 12 digits');
      const name = requiredText(issues, 'name', input.name, 64);
      const partition = input.partition ?? 'aws';
      if (!PARTITIONS.includes(partition)) issues.add('partition', `must be one of ${PARTITIONS.join(', ')}`);
      const colour = (input.colour ?? DEFAULT_ACCOUNT_COLOUR).trim().toLowerCase();
      if (!COLOUR.test(colour)) issues.add('colour', 'must be a colour like #1d8102');
      const description = freeText(issues, 'description', input.description ?? '');
      const defaultRegion = input.defaultRegion?.trim() || null;
      checkRegion(issues, defaultRegion, partition);
      issues.throwIfAny();
      const data: NewAccount = {
        awsAccountId,
        name,
        partition,
        colour,
        description,
        defaultRegion,
        disabled: input.disabled ?? false,
      };
      return transactions.run(async (tx) => {
        const { id } = await repo.createAccount(data, tx);
        const account = await mustFindAccount(id, tx);
        await audit(
          call,
          'admin.account_create',
          { accountId: id },
          { before: null, after: accountSnapshot(account) },
          tx,
        );
        return account;
      });
    },

    async updateAccount(
      call: AdminCall,
      id: string,
      input: {
        awsAccountId?: string;
        name?: string;
        partition?: Partition;
        colour?: string;
        description?: string;
        defaultRegion?: string | null;
        disabled?: boolean;
      },
    ): Promise<AccountView> {
      return transactions.run(async (tx) => {
        const before = await mustFindAccount(id, tx);
        const issues = new Issues();
        const changes: Partial<NewAccount> = {};
        if (input.awsAccountId !== undefined) {
          changes.awsAccountId = input.awsAccountId.trim();
          if (!isAccountId(changes.awsAccountId)) issues.add('awsAccountId', 'must be exactly 12 digits');
        }
        if (input.name !== undefined) changes.name = requiredText(issues, 'name', input.name, 64);
        if (input.partition !== undefined) {
          changes.partition = input.partition;
          if (!PARTITIONS.includes(input.partition)) {
            issues.add('partition', `must be one of ${PARTITIONS.join(', ')}`);
          }
        }
        if (input.colour !== undefined) {
          changes.colour = input.colour.trim().toLowerCase();
          if (!COLOUR.test(changes.colour)) issues.add('colour', 'must be a colour like #1d8102');
        }
        if (input.description !== undefined)
          changes.description = freeText(issues, 'description', input.description);
        if (input.defaultRegion !== undefined) changes.defaultRegion = input.defaultRegion?.trim() || null;
        if (input.disabled !== undefined) changes.disabled = input.disabled;
        // A region is checked against the partition the account will have, whichever of the two changed.
        if (changes.defaultRegion !== undefined || changes.partition !== undefined) {
          checkRegion(
            issues,
            changes.defaultRegion ?? before.defaultRegion,
            changes.partition ?? before.partition,
          );
        }
        issues.throwIfAny();

        // Role ARNs embed the account id and partition; changing them would orphan every ARN.
        const moves = (['awsAccountId', 'partition'] as const).filter(
          (k) => changes[k] !== undefined && changes[k] !== before[k],
        );
        if (moves.length > 0 && before.roleCount > 0) {
          throw new AppError(
            'conflict',
            'Remove the roles of this account before changing its id or partition.',
            {
              fields: moves.map((field) => ({ field, reason: 'account has roles' })),
            },
          );
        }
        const changed = changedKeys(accountSnapshot(before), { ...accountSnapshot(before), ...changes });
        if (changed.length === 0) return before;
        await repo.updateAccount(id, changes, tx);
        const after = await mustFindAccount(id, tx);
        await audit(
          call,
          'admin.account_update',
          { accountId: id },
          { changed, before: accountSnapshot(before), after: accountSnapshot(after) },
          tx,
        );
        return after;
      });
    },

    async deleteAccount(call: AdminCall, id: string): Promise<void> {
      await transactions.run(async (tx) => {
        const before = await mustFindAccount(id, tx);
        if (before.roleCount > 0) {
          throw conflict('id', 'account has roles', 'Delete the roles of this account first.');
        }
        await repo.deleteAccount(id, tx);
        await audit(
          call,
          'admin.account_delete',
          { accountId: id },
          { before: accountSnapshot(before), after: null },
          tx,
        );
      });
    },

    // --- roles ---------------------------------------------------------------------------
    listRoles(filter: { accountId?: string }): Promise<RoleView[]> {
      return repo.listRoles({ accountId: filter.accountId ?? null });
    },

    getRole(id: string): Promise<RoleView> {
      return mustFindRole(id);
    },

    async createRole(
      call: AdminCall,
      input: {
        accountId: string;
        role: string;
        displayName?: string;
        description?: string;
        maxSessionSeconds?: number;
        sessionPolicy?: string | null;
        requiresStepUp?: boolean;
      },
    ): Promise<RoleView> {
      return transactions.run(async (tx) => {
        const account = await repo.findAccount(input.accountId, tx);
        if (!account) throw notFound('account', 'accountId');
        const issues = new Issues();
        const parsed = issues.absorb(() =>
          parseRoleReference(input.role, { accountId: account.awsAccountId, partition: account.partition }),
        );
        const displayName =
          input.displayName === undefined || input.displayName.trim() === ''
            ? (parsed?.roleName ?? '')
            : requiredText(issues, 'displayName', input.displayName);
        const description = freeText(issues, 'description', input.description ?? '');
        const maxSessionSeconds = input.maxSessionSeconds ?? DEFAULT_ROLE_SESSION_SECONDS;
        checkSessionSeconds(issues, 'maxSessionSeconds', maxSessionSeconds);
        const sessionPolicy = checkSessionPolicy(issues, input.sessionPolicy ?? null);
        issues.throwIfAny();
        if (!parsed) throw new AppError('internal', 'role reference not parsed');
        const data: NewRole = {
          accountId: account.id,
          roleName: parsed.roleName,
          rolePath: parsed.path,
          arn: parsed.arn,
          displayName,
          description,
          maxSessionSeconds,
          sessionPolicy,
          requiresStepUp: input.requiresStepUp ?? false,
        };
        const { id } = await repo.createRole(data, tx);
        const role = await mustFindRole(id, tx);
        await audit(
          call,
          'admin.role_create',
          { accountId: account.id, roleId: id },
          { before: null, after: roleSnapshot(role) },
          tx,
        );
        return role;
      });
    },

    async updateRole(
      call: AdminCall,
      id: string,
      input: {
        role?: string;
        displayName?: string;
        description?: string;
        maxSessionSeconds?: number;
        sessionPolicy?: string | null;
        requiresStepUp?: boolean;
      },
    ): Promise<RoleView> {
      return transactions.run(async (tx) => {
        const before = await mustFindRole(id, tx);
        const account = await mustFindAccount(before.accountId, tx);
        const issues = new Issues();
        const changes: Partial<Omit<NewRole, 'accountId'>> = {};
        if (input.role !== undefined) {
          const parsed = issues.absorb(() =>
            parseRoleReference(input.role as string, {
              accountId: account.awsAccountId,
              partition: account.partition,
            }),
          );
          if (parsed)
            Object.assign(changes, { roleName: parsed.roleName, rolePath: parsed.path, arn: parsed.arn });
        }
        if (input.displayName !== undefined)
          changes.displayName = requiredText(issues, 'displayName', input.displayName);
        if (input.description !== undefined)
          changes.description = freeText(issues, 'description', input.description);
        if (input.maxSessionSeconds !== undefined) {
          changes.maxSessionSeconds = input.maxSessionSeconds;
          checkSessionSeconds(issues, 'maxSessionSeconds', input.maxSessionSeconds);
        }
        if (input.sessionPolicy !== undefined)
          changes.sessionPolicy = checkSessionPolicy(issues, input.sessionPolicy);
        if (input.requiresStepUp !== undefined) changes.requiresStepUp = input.requiresStepUp;
        issues.throwIfAny();
        const changed = changedKeys(roleSnapshot(before), { ...roleSnapshot(before), ...changes });
        if (changed.length === 0) return before;
        await repo.updateRole(id, changes, tx);
        const after = await mustFindRole(id, tx);
        await audit(
          call,
          'admin.role_update',
          { accountId: before.accountId, roleId: id },
          { changed, before: roleSnapshot(before), after: roleSnapshot(after) },
          tx,
        );
        return after;
      });
    },

    /** The role's grants and favourites go with it; the audit row lists the grants removed. */
    async deleteRole(call: AdminCall, id: string): Promise<void> {
      await transactions.run(async (tx) => {
        const before = await mustFindRole(id, tx);
        const grants = await repo.listGrants({ roleId: id, userId: null, groupId: null }, tx);
        await repo.deleteRole(id, tx);
        await audit(
          call,
          'admin.role_delete',
          { accountId: before.accountId, roleId: id },
          {
            before: roleSnapshot(before),
            after: null,
            removedGrants: grants.map((g) => ({ id: g.id, subject: g.subject })),
          },
          tx,
        );
      });
    },

    // --- grants --------------------------------------------------------------------------
    listGrants(filter: { roleId?: string; userId?: string; groupId?: string }): Promise<GrantView[]> {
      return repo.listGrants({
        roleId: filter.roleId ?? null,
        userId: filter.userId ?? null,
        groupId: filter.groupId ?? null,
      });
    },

    getGrant(id: string): Promise<GrantView> {
      return mustFindGrant(id);
    },

    /**
     * One grant per user and group named, all in one transaction: if any of them cannot be
     * created (a subject already holds this role, or is named twice) none is.
     */
    async createGrants(
      call: AdminCall,
      input: {
        roleId: string;
        userIds?: string[];
        groupIds?: string[];
        allowConsole: boolean;
        allowCli: boolean;
        maxSessionSeconds?: number | null;
        sourceCidrs?: string[];
        expiresAt?: string | null;
        note?: string;
      },
    ): Promise<GrantView[]> {
      const issues = new Issues();
      const userIds = input.userIds ?? [];
      const groupIds = input.groupIds ?? [];
      if (userIds.length + groupIds.length === 0) issues.add('userIds', 'name at least one user or group');
      if (userIds.length + groupIds.length > MAX_GRANT_SUBJECTS) {
        issues.add('userIds', `name at most ${MAX_GRANT_SUBJECTS} users and groups together`);
      }
      if (!input.allowConsole && !input.allowCli)
        issues.add('allowConsole', 'allow the console, the CLI or both');
      const maxSessionSeconds = input.maxSessionSeconds ?? null;
      if (maxSessionSeconds !== null) checkSessionSeconds(issues, 'maxSessionSeconds', maxSessionSeconds);
      const sourceCidrs = checkCidrs(issues, input.sourceCidrs ?? []);
      const expiresAt = checkExpiry(issues, input.expiresAt ?? null);
      const note = freeText(issues, 'note', input.note ?? '');
      issues.throwIfAny();

      return transactions.run(async (tx) => {
        const role = await repo.findRole(input.roleId, tx);
        if (!role) throw notFound('role', 'roleId');
        const knownUsers = new Set(await repo.existingUserIds(userIds, tx));
        const knownGroups = new Set(await repo.existingGroupIds(groupIds, tx));
        const missing = [
          ...userIds.flatMap((u, i) =>
            knownUsers.has(u) ? [] : [{ field: `userIds.${i}`, reason: 'not found' }],
          ),
          ...groupIds.flatMap((g, i) =>
            knownGroups.has(g) ? [] : [{ field: `groupIds.${i}`, reason: 'not found' }],
          ),
        ];
        if (missing.length > 0) {
          throw new AppError('not_found', 'Some users or groups do not exist.', { fields: missing });
        }
        const subjects = [
          ...userIds.map((userId, i) => ({ field: `userIds.${i}`, userId, groupId: null })),
          ...groupIds.map((groupId, i) => ({ field: `groupIds.${i}`, userId: null, groupId })),
        ];
        const created: GrantView[] = [];
        for (const subject of subjects) {
          let id: string;
          try {
            ({ id } = await repo.createGrant(
              {
                roleId: role.id,
                userId: subject.userId,
                groupId: subject.groupId,
                allowConsole: input.allowConsole,
                allowCli: input.allowCli,
                maxSessionSeconds,
                sourceCidrs,
                expiresAt,
                note,
              },
              tx,
            ));
          } catch (err) {
            if (isAppError(err) && err.code === 'conflict') {
              throw conflict(
                subject.field,
                'already granted this role',
                'That user or group already holds this role.',
              );
            }
            throw err;
          }
          const grant = await mustFindGrant(id, tx);
          await audit(
            call,
            'admin.grant_create',
            { targetUserId: grant.userId, accountId: role.accountId, roleId: role.id },
            { grantId: id, subject: grant.subject, before: null, after: grantSnapshot(grant) },
            tx,
          );
          created.push(grant);
        }
        return created;
      });
    },

    async updateGrant(
      call: AdminCall,
      id: string,
      input: {
        allowConsole?: boolean;
        allowCli?: boolean;
        maxSessionSeconds?: number | null;
        sourceCidrs?: string[];
        expiresAt?: string | null;
        note?: string;
      },
    ): Promise<GrantView> {
      return transactions.run(async (tx) => {
        const before = await mustFindGrant(id, tx);
        const issues = new Issues();
        const changes: GrantChanges = {};
        if (input.allowConsole !== undefined) changes.allowConsole = input.allowConsole;
        if (input.allowCli !== undefined) changes.allowCli = input.allowCli;
        if (!(changes.allowConsole ?? before.allowConsole) && !(changes.allowCli ?? before.allowCli)) {
          issues.add('allowConsole', 'allow the console, the CLI or both');
        }
        if (input.maxSessionSeconds !== undefined) {
          changes.maxSessionSeconds = input.maxSessionSeconds;
          if (input.maxSessionSeconds !== null)
            checkSessionSeconds(issues, 'maxSessionSeconds', input.maxSessionSeconds);
        }
        if (input.sourceCidrs !== undefined) changes.sourceCidrs = checkCidrs(issues, input.sourceCidrs);
        if (input.expiresAt !== undefined) changes.expiresAt = checkExpiry(issues, input.expiresAt);
        if (input.note !== undefined) changes.note = freeText(issues, 'note', input.note);
        issues.throwIfAny();
        const afterShape = {
          ...grantSnapshot(before),
          ...changes,
          ...(changes.expiresAt !== undefined ? { expiresAt: changes.expiresAt?.toISOString() ?? null } : {}),
        };
        const changed = changedKeys(grantSnapshot(before), afterShape);
        if (changed.length === 0) return before;
        await repo.updateGrant(id, changes, tx);
        const after = await mustFindGrant(id, tx);
        await audit(
          call,
          'admin.grant_update',
          { targetUserId: before.userId, accountId: before.account.id, roleId: before.roleId },
          {
            grantId: id,
            subject: before.subject,
            changed,
            before: grantSnapshot(before),
            after: grantSnapshot(after),
          },
          tx,
        );
        return after;
      });
    },

    async deleteGrant(call: AdminCall, id: string): Promise<void> {
      await transactions.run(async (tx) => {
        const before = await mustFindGrant(id, tx);
        await repo.deleteGrant(id, tx);
        await audit(
          call,
          'admin.grant_delete',
          { targetUserId: before.userId, accountId: before.account.id, roleId: before.roleId },
          { grantId: id, subject: before.subject, before: grantSnapshot(before), after: null },
          tx,
        );
      });
    },
  };
}

export type AccessAdminService = ReturnType<typeof createAccessAdminService>;
