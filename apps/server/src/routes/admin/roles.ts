/** Roles configured in Gatehouse. Their trust policy, health and revocation are in onboarding.ts. */
import {
  AdminRole,
  AdminRoleCreate,
  AdminRoleList,
  AdminRoleListQuery,
  AdminRoleUpdate,
} from '@gatehouse/contracts';
import type { RoleView } from '@gatehouse/core';
import { iso, lookupErrors } from '../route-kit';
import type { App, RouteDeps } from '../route-kit';
import { registerRecordRoutes } from './record-routes';

export function toAdminRole(r: RoleView): AdminRole {
  return { ...r, createdAt: iso(r.createdAt), updatedAt: iso(r.updatedAt) };
}

export function register(app: App, { services }: RouteDeps): void {
  const roles = services.admin.roles;

  app.get(
    '/api/admin/roles',
    {
      config: { auth: 'admin' },
      schema: { querystring: AdminRoleListQuery, response: { 200: AdminRoleList, ...lookupErrors } },
    },
    async (request) => ({ roles: (await roles.list(request.query)).map(toAdminRole) }),
  );

  registerRecordRoutes(app, {
    path: '/api/admin/roles',
    item: AdminRole,
    toWire: toAdminRole,
    get: roles.get,
    create: { body: AdminRoleCreate, run: roles.create },
    update: { body: AdminRoleUpdate, run: roles.update },
    delete: roles.delete,
  });
}
