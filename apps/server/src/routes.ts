/**
 * Every route of the server, registered here and nowhere else, so the whole attack surface
 * reads in one file. Each declares its schemas and its `auth` requirement.
 */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import QRCode from 'qrcode';
import { publicSessionId } from '@gatehouse/core';
import { migrationStatus } from '@gatehouse/db';
import {
  ChangePasswordRequest,
  CodeRequest,
  EmptyBody,
  EnrolmentDone,
  EnrolmentStart,
  ErrorBody,
  Health,
  LoginRequest,
  Ok,
  Readiness,
  ReauthRequest,
  RecoveryCodes,
  RecoveryLoginResponse,
  SessionIdParams,
  SessionList,
  SetupRequest,
  SetupStatus,
  StageResponse,
} from '@gatehouse/contracts';
import type { AppContext } from './context';
import {
  authOf,
  clearSessionCookie,
  requestContext,
  setSessionCookie,
  stageOf,
  toSessionUser,
} from './session';

const errors = {
  400: ErrorBody,
  401: ErrorBody,
  403: ErrorBody,
  409: ErrorBody,
  415: ErrorBody,
  423: ErrorBody,
  429: ErrorBody,
};

export function registerRoutes(root: FastifyInstance, ctx: AppContext): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const { config } = ctx;
  const sensitive = { rateLimit: { max: config.loginRateLimitPerMinute, timeWindow: 60_000 } };

  app.get('/healthz', { config: { auth: 'none' }, schema: { response: { 200: Health } } }, async () => ({
    status: 'ok' as const,
  }));

  // Applied migrations never become pending while we run: check until they are all in.
  let migrationsApplied = false;
  app.get(
    '/readyz',
    { config: { auth: 'none' }, schema: { response: { 200: Readiness, 503: Readiness } } },
    async (_request, reply) => {
      let database: 'ok' | 'unreachable' = 'ok';
      let migrations: 'ok' | 'pending' | 'unknown' = 'unknown';
      let pending: string[] = [];
      try {
        await ctx.db.pool.query('SELECT 1');
        if (!migrationsApplied) {
          pending = (
            await migrationStatus({
              connectionString: ctx.db.connectionString,
              migrationsDir: ctx.migrationsDir,
            })
          ).pending;
          migrationsApplied = pending.length === 0;
        }
        migrations = migrationsApplied ? 'ok' : 'pending';
      } catch {
        database = 'unreachable';
      }
      const ready = database === 'ok' && migrations === 'ok';
      return reply.status(ready ? 200 : 503).send({
        status: ready ? 'ready' : 'not_ready',
        checks: { database, migrations },
        ...(pending.length > 0 ? { pendingMigrations: pending } : {}),
      });
    },
  );

  // --- first-run setup -------------------------------------------------------------------
  app.get('/api/setup/status', { config: { auth: 'none' }, schema: { response: { 200: SetupStatus } } }, () =>
    ctx.auth.setupStatus(),
  );

  app.post(
    '/api/setup',
    {
      config: { auth: 'none', ...sensitive },
      schema: { body: SetupRequest, response: { 200: StageResponse, 410: ErrorBody, ...errors } },
    },
    async (request, reply) => {
      const issued = await ctx.auth.completeSetup(request.body, requestContext(request));
      setSessionCookie(reply, config, issued);
      return { stage: stageOf(issued.session.stage) };
    },
  );

  // --- sign-in ---------------------------------------------------------------------------
  app.post(
    '/api/auth/login',
    {
      config: { auth: 'none', ...sensitive },
      schema: { body: LoginRequest, response: { 200: StageResponse, ...errors } },
    },
    async (request, reply) => {
      const issued = await ctx.auth.login(request.body, requestContext(request));
      // A cookie presented before login (planted or stale) is never promoted: drop its row.
      if (request.auth) await ctx.sessions.delete(request.auth.session.id);
      setSessionCookie(reply, config, issued);
      return { stage: stageOf(issued.stage) };
    },
  );

  app.post(
    '/api/auth/totp',
    {
      config: { auth: 'totp', ...sensitive },
      schema: { body: CodeRequest, response: { 200: StageResponse, ...errors } },
    },
    async (request, reply) => {
      const issued = await ctx.auth.verifyTotp(authOf(request), request.body.code, requestContext(request));
      setSessionCookie(reply, config, issued);
      return { stage: 'active' as const, user: toSessionUser(authOf(request).user) };
    },
  );

  app.post(
    '/api/auth/recovery',
    {
      config: { auth: 'totp', ...sensitive },
      schema: { body: CodeRequest, response: { 200: RecoveryLoginResponse, ...errors } },
    },
    async (request, reply) => {
      const issued = await ctx.auth.useRecoveryCode(
        authOf(request),
        request.body.code,
        requestContext(request),
      );
      setSessionCookie(reply, config, issued);
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
      const started = await ctx.auth.beginEnrolment(authOf(request));
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
      config: { auth: 'enroll', ...sensitive },
      schema: { body: CodeRequest, response: { 200: EnrolmentDone, ...errors } },
    },
    async (request, reply) => {
      const auth = authOf(request);
      const done = await ctx.auth.confirmEnrolment(auth, request.body.code, requestContext(request));
      setSessionCookie(reply, config, done);
      return {
        stage: 'active' as const,
        user: { ...toSessionUser(auth.user), mfaEnrolled: true },
        recoveryCodes: done.recoveryCodes,
      };
    },
  );

  app.get(
    '/api/auth/session',
    { config: { auth: 'none' }, schema: { response: { 200: StageResponse, 401: ErrorBody } } },
    async (request) => {
      const auth = authOf(request);
      const stage = stageOf(auth.session.stage);
      return stage === 'active' ? { stage, user: toSessionUser(auth.user) } : { stage };
    },
  );

  app.post(
    '/api/auth/logout',
    { config: { auth: 'none' }, schema: { body: EmptyBody, response: { 200: Ok, ...errors } } },
    async (request, reply) => {
      if (request.auth) await ctx.auth.logout(request.auth, requestContext(request));
      clearSessionCookie(reply, config);
      return { ok: true as const };
    },
  );

  // --- own account -----------------------------------------------------------------------
  app.post(
    '/api/me/password',
    {
      config: { auth: 'active', ...sensitive },
      schema: { body: ChangePasswordRequest, response: { 200: Ok, ...errors } },
    },
    async (request) => {
      await ctx.auth.changePassword(authOf(request), request.body, requestContext(request));
      return { ok: true as const };
    },
  );

  app.post(
    '/api/me/mfa/reset',
    {
      config: { auth: 'active', ...sensitive },
      schema: { body: ReauthRequest, response: { 200: StageResponse, ...errors } },
    },
    async (request, reply) => {
      const issued = await ctx.auth.resetOwnMfa(authOf(request), request.body, requestContext(request));
      setSessionCookie(reply, config, issued);
      return { stage: 'enroll' as const };
    },
  );

  app.post(
    '/api/me/recovery-codes',
    {
      config: { auth: 'active', ...sensitive },
      schema: { body: ReauthRequest, response: { 200: RecoveryCodes, ...errors } },
    },
    async (request) => ({
      recoveryCodes: await ctx.auth.regenerateRecoveryCodes(
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
      const list = await ctx.auth.listSessions(authOf(request));
      return {
        sessions: list.map((s) => ({
          id: publicSessionId(s.id),
          current: s.current,
          createdAt: s.createdAt.toISOString(),
          lastSeenAt: s.lastSeenAt.toISOString(),
          expiresAt: s.expiresAt.toISOString(),
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
      await ctx.auth.endSession(authOf(request), request.params.id, requestContext(request));
      return { ok: true as const };
    },
  );
}
