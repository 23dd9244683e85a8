/** Server state of the admin area: one query key family per resource, invalidated after changes. */
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  AdminAccountList,
  AdminGrantList,
  AdminGrantListQuery,
  AdminGroup,
  AdminGroupList,
  AdminRole,
  AdminRoleList,
  AdminUser,
  AdminUserList,
  GroupMemberList,
  RoleHealthEntry,
  RoleHealthList,
} from '@gatehouse/contracts';
import { get } from '../../../api';

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
};

export function queryString(params: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

export function useUserList(search: string, limit: number, offset: number) {
  return useQuery({
    queryKey: adminKeys.userList(search, limit, offset),
    queryFn: () => get<AdminUserList>(`/api/admin/users${queryString({ search, limit, offset })}`),
    placeholderData: keepPreviousData,
  });
}

export function useUser(id: string | undefined) {
  return useQuery({
    queryKey: adminKeys.user(id ?? ''),
    queryFn: () => get<AdminUser>(`/api/admin/users/${encodeURIComponent(id ?? '')}`),
    enabled: Boolean(id),
  });
}

export function useGroups() {
  return useQuery({
    queryKey: adminKeys.groups,
    queryFn: async () => (await get<AdminGroupList>('/api/admin/groups')).groups,
  });
}

export function useGroup(id: string) {
  return useQuery({
    queryKey: adminKeys.group(id),
    queryFn: () => get<AdminGroup>(`/api/admin/groups/${encodeURIComponent(id)}`),
  });
}

export function useMembers(id: string) {
  return useQuery({
    queryKey: adminKeys.members(id),
    queryFn: async () =>
      (await get<GroupMemberList>(`/api/admin/groups/${encodeURIComponent(id)}/members`)).members,
  });
}

export function useAccounts() {
  return useQuery({
    queryKey: adminKeys.accounts,
    queryFn: async () => (await get<AdminAccountList>('/api/admin/accounts')).accounts,
  });
}

export function useRoles() {
  return useQuery({
    queryKey: adminKeys.roles,
    queryFn: async () => (await get<AdminRoleList>('/api/admin/roles')).roles,
  });
}

export function useRole(id: string) {
  return useQuery({
    queryKey: adminKeys.role(id),
    queryFn: () => get<AdminRole>(`/api/admin/roles/${encodeURIComponent(id)}`),
  });
}

export function useGrants(query: AdminGrantListQuery) {
  return useQuery({
    queryKey: adminKeys.grantList(query),
    queryFn: async () =>
      (
        await get<AdminGrantList>(
          `/api/admin/grants${queryString({ roleId: query.roleId, userId: query.userId, groupId: query.groupId })}`,
        )
      ).grants,
  });
}

/** The last stored health check of every role (reading it does not call AWS). */
export function useRoleHealthList() {
  return useQuery({
    queryKey: adminKeys.roleHealth,
    queryFn: async () => (await get<RoleHealthList>('/api/admin/role-health')).roles,
  });
}

export function useRoleHealth(id: string | null) {
  return useQuery({
    queryKey: adminKeys.roleHealthOne(id ?? ''),
    queryFn: () => get<RoleHealthEntry>(`/api/admin/role-health/${encodeURIComponent(id ?? '')}`),
    enabled: Boolean(id),
  });
}

/** After any change: counts (members, roles, grants) appear on other lists too. */
export function useInvalidateAdmin() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: adminKeys.all });
}
