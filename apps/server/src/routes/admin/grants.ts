/** Grants of roles to users and groups; one request may grant a role to many at once. */
import {
  AdminGrant,
  AdminGrantCreate,
  AdminGrantCreated,
  AdminGrantList,
  AdminGrantListQuery,
  AdminGrantUpdate,
} from '@gatehouse/contracts';
import type { GrantView } from '@gatehouse/core';
import { adminCall } from '../../http/route-options';
import { isoOrNull, lookupErrors, wireRecord } from '../route-kit';
import type { App, RouteDeps } from '../route-kit';
import { registerRecordRoutes } from './record-routes';

export function toAdminGrant(g: GrantView, nowMs = Date.now()): AdminGrant {
  return {
    ...wireRecord(g),
    expiresAt: isoOrNull(g.expiresAt),
    expired: g.expiresAt !== null && g.expiresAt.getTime() <= nowMs,
  };
}

export function register(app: App, { services }: RouteDeps): void {
  const grants = services.admin.grants;
  const asAdmin = { auth: 'admin' as const };
  const toWireAll = (list: GrantView[]) => {
    const now = Date.now();
    return { grants: list.map((g) => toAdminGrant(g, now)) };
  };

  app.get(
    '/api/admin/grants',
    {
      config: asAdmin,
      schema: { querystring: AdminGrantListQuery, response: { 200: AdminGrantList, ...lookupErrors } },
    },
    async (request) => toWireAll(await grants.list(request.query)),
  );

  app.post(
    '/api/admin/grants',
    {
      config: asAdmin,
      schema: { body: AdminGrantCreate, response: { 201: AdminGrantCreated, ...lookupErrors } },
    },
    async (request, reply) =>
      reply.status(201).send(toWireAll(await grants.create(adminCall(request), request.body))),
  );

  registerRecordRoutes(
    app,
    '/api/admin/grants',
    { item: AdminGrant, update: AdminGrantUpdate },
    { get: grants.get, update: grants.update, delete: grants.delete },
    (g) => toAdminGrant(g),
  );
}
