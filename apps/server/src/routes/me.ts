/** The signed-in user's own account: password, authenticator, recovery codes, sessions. */
import {
  ChangePasswordRequest,
  ErrorBody,
  Ok,
  ReauthRequest,
  RecoveryCodes,
  SessionIdParams,
  SessionList,
  SignOutEverywhereResponse,
  StageResponse,
  EmptyBody,
} from '@gatehouse/contracts';
import { publicSessionId } from '@gatehouse/core';
import { authOf, requestContext } from '../http/route-options';
import { adoptSession, endSession } from '../http/sessions';
import { errors, iso, ok, signInLimit } from './route-kit';
import type { App, RouteDeps } from './route-kit';

export function register(app: App, { config, services }: RouteDeps): void {
  const { identity, cliAuth } = services;
  const limited = signInLimit(config);

  // Every portal session (this one too), every CLI login, and the AWS sessions at AWS.
  app.post(
    '/api/me/sign-out-everywhere',
    {
      config: { auth: 'active' },
      schema: { body: EmptyBody, response: { 200: SignOutEverywhereResponse, ...errors } },
    },
    async (request, reply) => {
      const done = await cliAuth.signOutEverywhere(authOf(request), requestContext(request));
      await endSession(request, reply, config);
      return done;
    },
  );

  app.post(
    '/api/me/password',
    {
      config: { auth: 'active', ...limited },
      schema: { body: ChangePasswordRequest, response: { 200: Ok, ...errors } },
    },
    async (request) => {
      await identity.changePassword(authOf(request), request.body, requestContext(request));
      return ok;
    },
  );

  app.post(
    '/api/me/mfa/reset',
    {
      config: { auth: 'active', ...limited },
      schema: { body: ReauthRequest, response: { 200: StageResponse, ...errors } },
    },
    async (request) => {
      const issued = await identity.resetOwnMfa(authOf(request), request.body, requestContext(request));
      await adoptSession(request, issued);
      return { stage: 'enroll' as const };
    },
  );

  app.post(
    '/api/me/recovery-codes',
    {
      config: { auth: 'active', ...limited },
      schema: { body: ReauthRequest, response: { 200: RecoveryCodes, ...errors } },
    },
    async (request) => ({
      recoveryCodes: await identity.regenerateRecoveryCodes(
        authOf(request),
        request.body,
        requestContext(request),
      ),
    }),
  );

  app.get(
    '/api/me/sessions',
    { config: { auth: 'active' }, schema: { response: { 200: SessionList, 401: ErrorBody } } },
    async (request) => {
      const list = await identity.listSessions(authOf(request));
      return {
        sessions: list.map((s) => ({
          id: publicSessionId(s.id),
          current: s.current,
          createdAt: iso(s.createdAt),
          lastSeenAt: iso(s.lastSeenAt),
          expiresAt: iso(s.expiresAt),
          ip: s.ip,
          userAgent: s.userAgent,
        })),
      };
    },
  );

  app.delete(
    '/api/me/sessions/:id',
    {
      config: { auth: 'active' },
      schema: { params: SessionIdParams, response: { 200: Ok, 404: ErrorBody, ...errors } },
    },
    async (request) => {
      await identity.endSession(authOf(request), request.params.id, requestContext(request));
      return ok;
    },
  );
}
