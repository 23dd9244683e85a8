/** The user's roles, favourites, step-up, and issuing console sign-ins and CLI credentials. */
import type { FastifyReply } from 'fastify';
import {
  CodeRequest,
  ConsoleRequest,
  ConsoleResponse,
  CredentialsRequest,
  CredentialsResponse,
  EmptyBody,
  ErrorBody,
  MyAccess,
  Ok,
  RoleIdParams,
  StepUpResponse,
} from '@gatehouse/contracts';
import { STEP_UP_WINDOW_MS } from '@gatehouse/core';
import { acceptsGzip } from '../http/caches';
import { authOf, requestContext } from '../http/route-options';
import { adoptSession } from '../http/sessions';
import { awsErrors, errors, iso, ok, signInLimit } from './route-kit';
import type { App, RouteDeps } from './route-kit';

export function register(app: App, { config, services, caches }: RouteDeps): void {
  const { broker, brokerIdentity, identity } = services;

  app.get(
    '/api/me/access',
    {
      config: { auth: 'active', cliToken: true },
      schema: { response: { 200: MyAccess, 401: ErrorBody, 503: ErrorBody } },
    },
    async (request, reply) => {
      const auth = authOf(request);
      const encoding = acceptsGzip(request.headers['accept-encoding']) ? 'gzip' : 'identity';
      const body = await caches.access(
        {
          userId: auth.user.id,
          roleChaining: brokerIdentity.peek().identity?.isRoleSession ?? false,
          stepUpValidUntil: broker.stepUpValidUntil(auth),
          encoding,
        },
        () => broker.accessView(auth.user.id),
      );
      // A finished body (kept between requests, see http/caches.ts); the schema above documents it.
      const sent = (reply as FastifyReply)
        .type('application/json; charset=utf-8')
        .header('vary', 'accept-encoding');
      if (encoding === 'gzip') sent.header('content-encoding', 'gzip');
      return sent.send(body);
    },
  );

  app.put(
    '/api/me/favourites/:roleId',
    {
      config: { auth: 'active' },
      schema: { params: RoleIdParams, body: EmptyBody, response: { 200: Ok, 404: ErrorBody, ...errors } },
    },
    async (request) => {
      await broker.setFavourite(authOf(request), request.params.roleId, true);
      return ok;
    },
  );

  app.delete(
    '/api/me/favourites/:roleId',
    { config: { auth: 'active' }, schema: { params: RoleIdParams, response: { 200: Ok, ...errors } } },
    async (request) => {
      await broker.setFavourite(authOf(request), request.params.roleId, false);
      return ok;
    },
  );

  app.post(
    '/api/auth/step-up',
    {
      config: { auth: 'active', ...signInLimit(config) },
      schema: { body: CodeRequest, response: { 200: StepUpResponse, ...errors } },
    },
    async (request) => {
      const issued = await identity.stepUp(authOf(request), request.body.code, requestContext(request));
      await adoptSession(request, issued);
      return { stepUpValidUntil: iso(new Date(issued.mfaAt.getTime() + STEP_UP_WINDOW_MS)) };
    },
  );

  app.post(
    '/api/access/console',
    {
      // Issuance writes only audit rows, which nothing in memory holds (see app.ts, http/caches.ts).
      config: { auth: 'active', cliToken: true, changesCachedState: false },
      schema: { body: ConsoleRequest, response: { 200: ConsoleResponse, ...awsErrors } },
    },
    async (request) => {
      const issued = await broker.issueConsole(authOf(request), request.body, requestContext(request));
      return { ...issued, expiresAt: iso(issued.expiresAt) };
    },
  );

  app.post(
    '/api/access/credentials',
    {
      config: { auth: 'active', cliToken: true, changesCachedState: false },
      schema: { body: CredentialsRequest, response: { 200: CredentialsResponse, ...awsErrors } },
    },
    async (request) => {
      const { credentials, ...issued } = await broker.issueCredentials(
        authOf(request),
        request.body,
        requestContext(request),
      );
      return {
        accessKeyId: credentials.accessKeyId,
        secretAccessKey: credentials.secretAccessKey,
        sessionToken: credentials.sessionToken,
        expiration: iso(credentials.expiration),
        ...issued,
      };
    },
  );
}
