/** Users, groups, AWS accounts, roles and grants as administrators and operators change them. */
import { bindDeps } from '../shared/bind-deps';
import { createAccount, deleteAccount, getAccount, listAccounts, updateAccount } from './accounts';
import type { AdminDeps } from './admin-deps';
import { createGrants, deleteGrant, getGrant, listGrants, updateGrant } from './grants';
import {
  addMember,
  createGroup,
  deleteGroup,
  getGroup,
  listGroups,
  listMembers,
  removeMember,
  updateGroup,
} from './groups';
import { createRole, deleteRole, getRole, listRoles, updateRole } from './roles';
import { regenerateEnrolmentLink, resetMfa, unlockUser } from './user-credentials';
import { createUser, findUserByUsername, getUser, listUsers, updateUser } from './users';

export function createAdminService(deps: AdminDeps) {
  return {
    users: bindDeps(deps, {
      list: listUsers,
      get: getUser,
      findByUsername: findUserByUsername,
      create: createUser,
      update: updateUser,
      resetMfa,
      unlock: unlockUser,
      regenerateEnrolmentLink,
    }),
    groups: bindDeps(deps, {
      list: listGroups,
      get: getGroup,
      create: createGroup,
      update: updateGroup,
      delete: deleteGroup,
      listMembers,
      addMember,
      removeMember,
    }),
    accounts: bindDeps(deps, {
      list: listAccounts,
      get: getAccount,
      create: createAccount,
      update: updateAccount,
      delete: deleteAccount,
    }),
    roles: bindDeps(deps, {
      list: listRoles,
      get: getRole,
      create: createRole,
      update: updateRole,
      delete: deleteRole,
    }),
    grants: bindDeps(deps, {
      list: listGrants,
      get: getGrant,
      create: createGrants,
      update: updateGrant,
      delete: deleteGrant,
    }),
  };
}

export type AdminService = ReturnType<typeof createAdminService>;
