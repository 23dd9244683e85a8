/** Users as administrators manage them: list, create (with a one-time enrolment link), change, help back in. */
import {
  AdminIdParams,
  AdminUser,
  AdminUserCreate,
  AdminUserCreated,
  AdminUserList,
  AdminUserMfaReset,
  AdminUserListQuery,
  AdminUserUpdate,
  EmptyBody,
  EnrolmentLink,
} from '@gatehouse/contracts';
import type { AdminUserView } from '@gatehouse/core';
import { adminCall } from '../../http/route-options';
import { iso, isoOrNull, lookupErrors, wireRecord } from '../route-kit';
import type { App, RouteDeps } from '../route-kit';
import { registerRecordRoutes } from './record-routes';

/** AdminUserView carries no secret (no hash, TOTP secret or code); the schema filters the rest. */
export function toAdminUser(u: AdminUserView): AdminUser {
  return { ...wireRecord(u), lockedUntil: isoOrNull(u.lockedUntil), lastLoginAt: isoOrNull(u.lastLoginAt) };
}

export function register(app: App, { services }: RouteDeps): void {
  const users = services.admin.users;
  const asAdmin = { auth: 'admin' as const };
  const userAction = { params: AdminIdParams, body: EmptyBody };

  app.get(
    '/api/admin/users',
    {
      config: asAdmin,
      schema: { querystring: AdminUserListQuery, response: { 200: AdminUserList, ...lookupErrors } },
    },
    async (request) => {
      const page = await users.list(request.query);
      return { ...page, users: page.users.map(toAdminUser) };
    },
  );

  app.post(
    '/api/admin/users',
    {
      config: asAdmin,
      schema: { body: AdminUserCreate, response: { 201: AdminUserCreated, ...lookupErrors } },
    },
    async (request, reply) => {
      const { user, enrolment } = await users.create(adminCall(request), request.body);
      // Through the API a user never gets a password from an admin: there is always a link.
      if (!enrolment) throw new Error('a user created without a password has an enrolment link');
      return reply.status(201).send({
        user: toAdminUser(user),
        enrolment: { url: enrolment.url, expiresAt: iso(enrolment.expiresAt) },
      });
    },
  );

  registerRecordRoutes(
    app,
    '/api/admin/users',
    { item: AdminUser, update: AdminUserUpdate },
    { get: users.get, update: users.update },
    toAdminUser,
  );

  app.post(
    '/api/admin/users/:id/reset-mfa',
    { config: asAdmin, schema: { ...userAction, response: { 200: AdminUserMfaReset, ...lookupErrors } } },
    async (request) => {
      const { user, enrolment } = await users.resetMfa(adminCall(request), request.params.id);
      return {
        user: toAdminUser(user),
        enrolment: { url: enrolment.url, expiresAt: iso(enrolment.expiresAt) },
      };
    },
  );

  app.post(
    '/api/admin/users/:id/unlock',
    { config: asAdmin, schema: { ...userAction, response: { 200: AdminUser, ...lookupErrors } } },
    async (request) => toAdminUser(await users.unlock(adminCall(request), request.params.id)),
  );

  app.post(
    '/api/admin/users/:id/enrolment-link',
    { config: asAdmin, schema: { ...userAction, response: { 200: EnrolmentLink, ...lookupErrors } } },
    async (request) => {
      const link = await users.regenerateEnrolmentLink(adminCall(request), request.params.id);
      return { url: link.url, expiresAt: iso(link.expiresAt) };
    },
  );
}
