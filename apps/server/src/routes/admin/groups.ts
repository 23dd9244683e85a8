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
import { adminCall } from '../../http/route-options';
import { iso, lookupErrors, ok, wireRecord } from '../route-kit';
import type { App, RouteDeps } from '../route-kit';
import { registerRecordRoutes } from './record-routes';

export function register(app: App, { services }: RouteDeps): void {
  const groups = services.admin.groups;
  const asAdmin = { auth: 'admin' as const };

  registerRecordRoutes(
    app,
    '/api/admin/groups',
    { item: AdminGroup, list: AdminGroupList, create: AdminGroupCreate, update: AdminGroupUpdate },
    groups,
    wireRecord,
  );

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
