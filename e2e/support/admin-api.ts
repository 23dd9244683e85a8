/**
 * Arranging what a spec is not about through the admin API, as the first administrator: the
 * Japanese and empty-state specs need people and grants, not another tour of the admin pages.
 */
import type { APIRequestContext } from '@playwright/test';
import type { AdminAccount, AdminGrantCreated, AdminRole, AdminUserCreated } from '@gatehouse/contracts';
import { expect } from './fixtures';

async function post<T>(api: APIRequestContext, path: string, data: unknown): Promise<T> {
  const res = await api.post(path, { data });
  expect(res.status(), `POST ${path}: ${await res.text()}`).toBe(201);
  return (await res.json()) as T;
}

export function createAccount(api: APIRequestContext, body: { awsAccountId: string; name: string }) {
  return post<AdminAccount>(api, '/api/admin/accounts', body);
}

export function createRole(
  api: APIRequestContext,
  body: { accountId: string; role: string; displayName: string; maxSessionSeconds?: number },
) {
  return post<AdminRole>(api, '/api/admin/roles', body);
}

/** The user and their one-time enrolment link. */
export function createUser(api: APIRequestContext, body: { username: string; displayName: string }) {
  return post<AdminUserCreated>(api, '/api/admin/users', body);
}

export function grantToUser(api: APIRequestContext, roleId: string, userId: string) {
  return post<AdminGrantCreated>(api, '/api/admin/grants', {
    roleId,
    userIds: [userId],
    allowConsole: true,
    allowCli: true,
  });
}
