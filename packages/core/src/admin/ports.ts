/** What the admin API reads and writes beyond the sign-in ports: views for listing, and writes. */
import type { AccountRecord, GrantRecord, RoleRecord } from '../shared/access-records';
import type { Tx } from '../shared/ports';

/** A user as administrators see it: never a password hash, TOTP secret or recovery code. */
export interface AdminUserView {
  id: string;
  username: string;
  displayName: string;
  email: string | null;
  isAdmin: boolean;
  disabled: boolean;
  mfaEnrolled: boolean;
  hasPassword: boolean;
  /** Reset and not re-enrolled: only the enrolment link lets them in (identity/sign-in.ts). */
  enrolmentLinkRequired: boolean;
  lockedUntil: Date | null;
  lastLoginAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  groups: Array<{ id: string; name: string }>;
}

export interface GroupView {
  id: string;
  name: string;
  description: string;
  memberCount: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface GroupMemberView {
  userId: string;
  username: string;
  displayName: string;
  disabled: boolean;
  addedAt: Date;
}

export interface AccountView extends AccountRecord {
  roleCount: number;
}

export interface RoleView extends RoleRecord {
  grantCount: number;
}

export interface GrantView extends GrantRecord {
  subject: { type: 'user' | 'group'; id: string; name: string };
  role: { id: string; roleName: string; displayName: string; arn: string };
  account: { id: string; name: string; awsAccountId: string };
}

/** The stored records less what the database assigns. */
type Writable<T> = Omit<T, 'id' | 'createdAt' | 'updatedAt'>;

export type NewAccount = Writable<AccountRecord>;
export type NewRole = Writable<RoleRecord>;
export type NewGrant = Writable<GrantRecord>;

export type GrantChanges = Partial<Omit<NewGrant, 'roleId' | 'userId' | 'groupId'>>;

/**
 * Writes report unique-constraint violations as `AppError('conflict')` naming the field, so a
 * race between the service's own checks and the insert still ends in a 409, not a 500.
 */
export interface AccessAdminRepository {
  listUsers(
    query: { search: string | null; limit: number; offset: number },
    tx?: Tx,
  ): Promise<{ users: AdminUserView[]; total: number }>;
  findUser(id: string, tx?: Tx): Promise<AdminUserView | null>;
  createUser(
    user: { username: string; displayName: string; email: string | null; isAdmin: boolean },
    tx?: Tx,
  ): Promise<{ id: string }>;
  updateUser(
    id: string,
    changes: { displayName?: string; email?: string | null; isAdmin?: boolean; disabled?: boolean },
    tx?: Tx,
  ): Promise<void>;
  /** Ids of enabled administrators, row-locked until the transaction ends (last-admin rule). */
  lockActiveAdminIds(tx: Tx): Promise<string[]>;
  /** Voids unused enrolment links of the user, so only the newest one works. */
  revokeEnrolmentTokens(userId: string, tx?: Tx): Promise<number>;
  existingUserIds(ids: readonly string[], tx?: Tx): Promise<string[]>;

  listGroups(tx?: Tx): Promise<GroupView[]>;
  findGroup(id: string, tx?: Tx): Promise<GroupView | null>;
  createGroup(group: { name: string; description: string }, tx?: Tx): Promise<{ id: string }>;
  updateGroup(id: string, changes: { name?: string; description?: string }, tx?: Tx): Promise<void>;
  deleteGroup(id: string, tx?: Tx): Promise<void>;
  listMembers(groupId: string, tx?: Tx): Promise<GroupMemberView[]>;
  addMember(groupId: string, userId: string, tx?: Tx): Promise<void>;
  removeMember(groupId: string, userId: string, tx?: Tx): Promise<boolean>;
  existingGroupIds(ids: readonly string[], tx?: Tx): Promise<string[]>;

  listAccounts(tx?: Tx): Promise<AccountView[]>;
  findAccount(id: string, tx?: Tx): Promise<AccountView | null>;
  createAccount(account: NewAccount, tx?: Tx): Promise<{ id: string }>;
  updateAccount(id: string, changes: Partial<NewAccount>, tx?: Tx): Promise<void>;
  deleteAccount(id: string, tx?: Tx): Promise<void>;

  listRoles(filter: { accountId: string | null }, tx?: Tx): Promise<RoleView[]>;
  findRole(id: string, tx?: Tx): Promise<RoleView | null>;
  createRole(role: NewRole, tx?: Tx): Promise<{ id: string }>;
  updateRole(id: string, changes: Partial<Omit<NewRole, 'accountId'>>, tx?: Tx): Promise<void>;
  deleteRole(id: string, tx?: Tx): Promise<void>;

  listGrants(
    filter: { roleId: string | null; userId: string | null; groupId: string | null },
    tx?: Tx,
  ): Promise<GrantView[]>;
  findGrant(id: string, tx?: Tx): Promise<GrantView | null>;
  createGrant(grant: NewGrant, tx?: Tx): Promise<{ id: string }>;
  updateGrant(id: string, changes: GrantChanges, tx?: Tx): Promise<void>;
  deleteGrant(id: string, tx?: Tx): Promise<void>;
}
