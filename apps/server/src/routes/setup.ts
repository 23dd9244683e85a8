/** First-run setup (the first administrator) and the public end of an enrolment link. */
import { EnrolRequest, ErrorBody, SetupRequest, SetupStatus, StageResponse } from '@gatehouse/contracts';
import { requestContext } from '../http/route-options';
import { adoptSession } from '../http/sessions';
import { stageOf } from './auth';
import { errors, signInLimit } from './route-kit';
import type { App, RouteDeps } from './route-kit';

export function register(app: App, { config, services }: RouteDeps): void {
  const { identity } = services;

  app.get('/api/setup/status', { config: { auth: 'none' }, schema: { response: { 200: SetupStatus } } }, () =>
    identity.setupStatus(),
  );

  app.post(
    '/api/setup',
    {
      config: { auth: 'none', ...signInLimit(config) },
      schema: { body: SetupRequest, response: { 200: StageResponse, 410: ErrorBody, ...errors } },
    },
    async (request) => {
      const issued = await identity.completeSetup(request.body, requestContext(request));
      await adoptSession(request, issued);
      return { stage: stageOf(issued.session.stage) };
    },
  );

  // Set a password, then enrol TOTP as after a sign-in; a cookie sent along is never promoted.
  app.post(
    '/api/enrol',
    {
      config: { auth: 'none', ...signInLimit(config) },
      schema: { body: EnrolRequest, response: { 200: StageResponse, 410: ErrorBody, ...errors } },
    },
    async (request) => {
      const issued = await identity.completeEnrolmentLink(
        request.body,
        requestContext(request),
        request.auth?.session.id ?? null,
      );
      await adoptSession(request, issued);
      return { stage: stageOf(issued.stage) };
    },
  );
}
