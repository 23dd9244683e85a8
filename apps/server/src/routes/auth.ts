/** Signing in (password, then TOTP or a recovery code), TOTP enrolment, the session, signing out. */
import QRCode from 'qrcode';
import {
  CodeRequest,
  EmptyBody,
  EnrolmentDone,
  EnrolmentStart,
  LoginRequest,
  Ok,
  RecoveryLoginResponse,
  SessionState,
  StageResponse,
} from '@gatehouse/contracts';
import type { AuthStage, SessionUser } from '@gatehouse/contracts';
import type { SessionStage, UserRecord } from '@gatehouse/core';
import { authOf, requestContext } from '../http/route-options';
import { adoptSession, endSession } from '../http/sessions';
import { errors, ok, signInLimit } from './route-kit';
import type { App, RouteDeps } from './route-kit';

export function stageOf(stage: SessionStage): AuthStage {
  return stage === 'active' ? 'active' : stage === 'enrolling' ? 'enroll' : 'totp';
}

export function toSessionUser(user: UserRecord): SessionUser {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    email: user.email,
    isAdmin: user.isAdmin,
    mfaEnrolled: user.totpEnabledAt !== null,
  };
}

export function register(app: App, { config, services }: RouteDeps): void {
  const { identity } = services;
  const limited = signInLimit(config);

  app.post(
    '/api/auth/login',
    {
      config: { auth: 'none', ...limited },
      schema: { body: LoginRequest, response: { 200: StageResponse, ...errors } },
    },
    async (request) => {
      // A cookie presented before login (planted or stale) is never promoted: its row goes.
      const issued = await identity.login(
        request.body,
        requestContext(request),
        request.auth?.session.id ?? null,
      );
      await adoptSession(request, issued);
      return { stage: stageOf(issued.stage) };
    },
  );

  app.post(
    '/api/auth/totp',
    {
      config: { auth: 'totp', ...limited },
      schema: { body: CodeRequest, response: { 200: StageResponse, ...errors } },
    },
    async (request) => {
      const issued = await identity.verifyTotp(authOf(request), request.body.code, requestContext(request));
      await adoptSession(request, issued);
      return { stage: 'active' as const, user: toSessionUser(authOf(request).user) };
    },
  );

  app.post(
    '/api/auth/recovery',
    {
      config: { auth: 'totp', ...limited },
      schema: { body: CodeRequest, response: { 200: RecoveryLoginResponse, ...errors } },
    },
    async (request) => {
      const issued = await identity.useRecoveryCode(
        authOf(request),
        request.body.code,
        requestContext(request),
      );
      await adoptSession(request, issued);
      return {
        stage: 'active' as const,
        user: toSessionUser(authOf(request).user),
        remainingRecoveryCodes: issued.remaining,
      };
    },
  );

  app.post(
    '/api/auth/enrol/start',
    { config: { auth: 'enroll' }, schema: { body: EmptyBody, response: { 200: EnrolmentStart, ...errors } } },
    async (request) => {
      const started = await identity.beginEnrolment(authOf(request));
      const qrCodeDataUrl = await QRCode.toDataURL(started.otpauthUri, {
        errorCorrectionLevel: 'M',
        margin: 2,
        width: 256,
      });
      return { ...started, qrCodeDataUrl };
    },
  );

  app.post(
    '/api/auth/enrol/confirm',
    {
      config: { auth: 'enroll', ...limited },
      schema: { body: CodeRequest, response: { 200: EnrolmentDone, ...errors } },
    },
    async (request) => {
      const auth = authOf(request);
      const done = await identity.confirmEnrolment(auth, request.body.code, requestContext(request));
      await adoptSession(request, done);
      return {
        stage: 'active' as const,
        user: { ...toSessionUser(auth.user), mfaEnrolled: true },
        recoveryCodes: done.recoveryCodes,
      };
    },
  );

  app.get(
    '/api/auth/session',
    { config: { auth: 'none' }, schema: { response: { 200: SessionState } } },
    async (request) => {
      const auth = request.auth;
      if (!auth) return { stage: 'signed_out' as const };
      const stage = stageOf(auth.session.stage);
      return stage === 'active' ? { stage, user: toSessionUser(auth.user) } : { stage };
    },
  );

  app.post(
    '/api/auth/logout',
    { config: { auth: 'none' }, schema: { body: EmptyBody, response: { 200: Ok, ...errors } } },
    async (request, reply) => {
      if (request.auth) await identity.logout(request.auth, requestContext(request));
      await endSession(request, reply, config);
      return ok;
    },
  );
}
