/** Groups and their members. */
import {
  AdminGroup,
  AdminGroupCreate,
  AdminGroupList,
  AdminGroupUpdate,
  AdminIdParams,
  GroupMemberAdd,
  GroupMemberList,
  GroupMemberParams,
  Ok,
} from '@gatehouse/contracts';
import type { GroupView } from '@gatehouse/core';
import { adminCall } from '../../http/route-options';
import { iso, lookupErrors, ok } from '../route-kit';
import type { App, RouteDeps } from '../route-kit';
import { registerRecordRoutes } from './record-routes';

export function toAdminGroup(g: GroupView): AdminGroup {
  return { ...g, createdAt: iso(g.createdAt), updatedAt: iso(g.updatedAt) };
}

export function register(app: App, { services }: RouteDeps): void {
  const groups = services.admin.groups;
  const asAdmin = { auth: 'admin' as const };

  app.get(
    '/api/admin/groups',
    { config: asAdmin, schema: { response: { 200: AdminGroupList, ...lookupErrors } } },
    async () => ({ groups: (await groups.list()).map(toAdminGroup) }),
  );

  registerRecordRoutes(app, {
    path: '/api/admin/groups',
    item: AdminGroup,
    toWire: toAdminGroup,
    get: groups.get,
    create: { body: AdminGroupCreate, run: groups.create },
    update: { body: AdminGroupUpdate, run: groups.update },
    delete: groups.delete,
  });

  app.get(
    '/api/admin/groups/:id/members',
    {
      config: asAdmin,
      schema: { params: AdminIdParams, response: { 200: GroupMemberList, ...lookupErrors } },
    },
    async (request) => ({
      members: (await groups.listMembers(request.params.id)).map((m) => ({ ...m, addedAt: iso(m.addedAt) })),
    }),
  );

  app.post(
    '/api/admin/groups/:id/members',
    {
      config: asAdmin,
      schema: { params: AdminIdParams, body: GroupMemberAdd, response: { 200: Ok, ...lookupErrors } },
    },
    async (request) => {
      await groups.addMember(adminCall(request), request.params.id, request.body.userId);
      return ok;
    },
  );

  app.delete(
    '/api/admin/groups/:id/members/:userId',
    { config: asAdmin, schema: { params: GroupMemberParams, response: { 200: Ok, ...lookupErrors } } },
    async (request) => {
      await groups.removeMember(adminCall(request), request.params.id, request.params.userId);
      return ok;
    },
  );
}
