/** Server state of the admin area: one query key family per resource, invalidated after changes. */
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  AdminAccountList,
  AdminGrantList,
  AdminGrantListQuery,
  AdminGroup,
  AdminGroupList,
  AdminRevocationListQuery,
  AdminRole,
  AdminRoleList,
  AdminUser,
  AdminUserList,
  GroupMemberList,
  RoleHealthEntry,
  RoleHealthList,
} from '@gatehouse/contracts';
import { get } from '../../../api';
import { revocationsOutstanding } from '../revocations/revocation-model';
import type { RevocationList } from '../revocations/revocation-model';

export const adminKeys = {
  all: ['admin'] as const,
  users: ['admin', 'users'] as const,
  userList: (search: string, limit: number, offset: number) =>
    ['admin', 'users', 'list', { search, limit, offset }] as const,
  user: (id: string) => ['admin', 'users', 'one', id] as const,
  groups: ['admin', 'groups'] as const,
  group: (id: string) => ['admin', 'groups', 'one', id] as const,
  members: (id: string) => ['admin', 'groups', 'members', id] as const,
  accounts: ['admin', 'accounts'] as const,
  roles: ['admin', 'roles'] as const,
  role: (id: string) => ['admin', 'roles', 'one', id] as const,
  grants: ['admin', 'grants'] as const,
  grantList: (query: AdminGrantListQuery) => ['admin', 'grants', query] as const,
  roleHealth: ['admin', 'role-health'] as const,
  roleHealthOne: (id: string) => ['admin', 'role-health', id] as const,
  revocationList: (query: AdminRevocationListQuery) => ['admin', 'revocations', query] as const,
};

export function queryString(params: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** Where one admin item lives: `/api/admin/groups/<id>`, the id escaped. */
export function itemUrl(collection: string, id: string): string {
  return `/api/admin/${collection}/${encodeURIComponent(id)}`;
}

/** A list the API returns whole, wrapped in an object named after it (`{ groups: [...] }`). */
function useWholeList<Body, Field extends keyof Body>(
  queryKey: readonly unknown[],
  url: string,
  field: Field,
) {
  return useQuery({ queryKey, queryFn: async () => (await get<Body>(url))[field] });
}

/** One item; without an id (nothing chosen yet) it waits instead of asking. */
function useItem<T>(queryKey: readonly unknown[], collection: string, id: string | null | undefined) {
  return useQuery({ queryKey, queryFn: () => get<T>(itemUrl(collection, id ?? '')), enabled: Boolean(id) });
}

export function useUserList(search: string, limit: number, offset: number) {
  return useQuery({
    queryKey: adminKeys.userList(search, limit, offset),
    queryFn: () => get<AdminUserList>(`/api/admin/users${queryString({ search, limit, offset })}`),
    placeholderData: keepPreviousData,
  });
}

export function useUser(id: string | undefined) {
  return useItem<AdminUser>(adminKeys.user(id ?? ''), 'users', id);
}

export function useGroups() {
  return useWholeList<AdminGroupList, 'groups'>(adminKeys.groups, '/api/admin/groups', 'groups');
}

export function useGroup(id: string) {
  return useItem<AdminGroup>(adminKeys.group(id), 'groups', id);
}

export function useMembers(id: string) {
  return useWholeList<GroupMemberList, 'members'>(
    adminKeys.members(id),
    `${itemUrl('groups', id)}/members`,
    'members',
  );
}

export function useAccounts() {
  return useWholeList<AdminAccountList, 'accounts'>(adminKeys.accounts, '/api/admin/accounts', 'accounts');
}

export function useRoles() {
  return useWholeList<AdminRoleList, 'roles'>(adminKeys.roles, '/api/admin/roles', 'roles');
}

export function useRole(id: string) {
  return useItem<AdminRole>(adminKeys.role(id), 'roles', id);
}

export function useGrants(query: AdminGrantListQuery) {
  const { roleId, userId, groupId } = query;
  return useWholeList<AdminGrantList, 'grants'>(
    adminKeys.grantList(query),
    `/api/admin/grants${queryString({ roleId, userId, groupId })}`,
    'grants',
  );
}

/** The last stored health check of every role (reading it does not call AWS). */
export function useRoleHealthList() {
  return useWholeList<RoleHealthList, 'roles'>(adminKeys.roleHealth, '/api/admin/role-health', 'roles');
}

export function useRoleHealth(id: string | null) {
  return useItem<RoleHealthEntry>(adminKeys.roleHealthOne(id ?? ''), 'role-health', id);
}

/** How often a revocation list is asked again while some of it is still pending or failing. */
export const REVOCATION_POLL_MS = 3000;

/**
 * Revocations at AWS for one user or one role, newest first; asked again every few seconds while
 * any is pending or failing, not once all are applied or given up.
 */
export function useRevocations(query: AdminRevocationListQuery) {
  const { userId, roleId, status, limit } = query;
  return useQuery({
    queryKey: adminKeys.revocationList(query),
    queryFn: () =>
      get<RevocationList>(`/api/admin/revocations${queryString({ userId, roleId, status, limit })}`),
    refetchInterval: (q) => (revocationsOutstanding(q.state.data) ? REVOCATION_POLL_MS : false),
  });
}

/** After any change: counts (members, roles, grants) appear on other lists too. */
export function useInvalidateAdmin() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: adminKeys.all });
}
