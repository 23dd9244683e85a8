/**
 * Every route of the server, registered here and nowhere else, so the whole attack surface
 * reads in one file. Each declares its schemas and its `auth` requirement.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { acceptsGzip } from './caches';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import QRCode from 'qrcode';
import { STEP_UP_WINDOW_MS, publicSessionId } from '@gatehouse/core';
import { migrationStatus } from '@gatehouse/db';
import {
  ChangePasswordRequest,
  CodeRequest,
  ConsoleRequest,
  ConsoleResponse,
  CredentialsRequest,
  CredentialsResponse,
  MyAccess,
  RoleIdParams,
  StepUpResponse,
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
  SessionState,
  SetupRequest,
  SetupStatus,
  StageResponse,
} from '@gatehouse/contracts';
import {
  AdminAccount,
  AdminAccountCreate,
  AdminAccountList,
  AdminAccountUpdate,
  AdminGrant,
  AdminGrantCreate,
  AdminGrantCreated,
  AdminGrantList,
  AdminGrantListQuery,
  AdminGrantUpdate,
  AdminGroup,
  AdminGroupCreate,
  AdminGroupList,
  AdminGroupUpdate,
  AdminIdParams,
  AdminRole,
  AdminRoleCreate,
  AdminRoleList,
  AdminRoleListQuery,
  AdminRoleUpdate,
  AdminUser,
  AdminUserCreate,
  AdminUserCreated,
  AdminUserList,
  AdminUserListQuery,
  AdminUserUpdate,
  AuditExportBody,
  AuditExportQuery,
  AuditListQuery,
  AuditPage,
  AuditVerifyResult,
  EnrolRequest,
  EnrolmentLink,
  GroupMemberAdd,
  GroupMemberList,
  GroupMemberParams,
} from '@gatehouse/contracts';
import {
  AdminCliTokenList,
  AdminCliTokenListQuery,
  AdminCliTokenRevokeAllQuery,
  AdminRevokedCount,
  CliSession,
  CliTokenIdParams,
  CliTokenList,
  DeviceApproveRequest,
  DeviceDenyRequest,
  DeviceInfo,
  DeviceStartRequest,
  DeviceStartResponse,
  DeviceTokenError,
  DeviceTokenRequest,
  DeviceTokenResponse,
  UserCodeParams,
} from '@gatehouse/contracts';
import type { CliTokenRecord, CliTokenWithUser } from '@gatehouse/core';
import {
  PolicyEvaluateRequest,
  PolicyEvaluateResponse,
  PolicyLintRequest,
  PolicyLintResponse,
  RevocationResultSchema,
  RevokeSessionsRequest,
  RevokeUserSessionsResponse,
  RoleDiscovery,
  RoleHealthEntry,
  RoleHealthList,
  RoleHealthRefreshRequest,
  RoleImportRequest,
  RoleImportResponse,
  TrustPolicyRequest,
  TrustPolicyResponse,
} from '@gatehouse/contracts';
import type { ManagedRole, StoredRoleHealth } from '@gatehouse/core';
import { adminCall, createAdminHandlers } from './admin-handlers';
import { currentCliToken } from './bearer';
import type { AppContext } from './context';
import { hasWebBuild, sendAsset, sendIndex } from './web';
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

export function registerRoutes(root: FastifyInstance, ctx: AppContext, web: { webDist: string }): void {
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
      // Never wait on AWS here: report the last known state and refresh it in the background.
      const known = ctx.brokerIdentity.peek();
      const aws = known.identity && !known.error ? 'ok' : known.checkedAt ? 'unavailable' : 'unknown';
      void ctx.brokerIdentity.get().catch(() => undefined);
      const ready = database === 'ok' && migrations === 'ok';
      return reply.status(ready ? 200 : 503).send({
        status: ready ? 'ready' : 'not_ready',
        checks: { database, migrations, aws },
        ...(pending.length > 0 ? { pendingMigrations: pending } : {}),
      });
    },
  );

  app.get('/api/openapi.json', { config: { auth: 'none' }, schema: { hide: true } }, () => root.swagger());

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

  // --- admin: users, groups, accounts, roles, grants, audit -----------------------------
  // (admin block start)
  const admin = createAdminHandlers(ctx);
  const asAdmin = { auth: 'admin' as const };
  const adminErrors = { ...errors, 404: ErrorBody, 503: ErrorBody };

  app.get(
    '/api/admin/users',
    {
      config: asAdmin,
      schema: { querystring: AdminUserListQuery, response: { 200: AdminUserList, ...adminErrors } },
    },
    (request) => admin.listUsers(request.query),
  );
  app.post(
    '/api/admin/users',
    {
      config: asAdmin,
      schema: { body: AdminUserCreate, response: { 201: AdminUserCreated, ...adminErrors } },
    },
    async (request, reply) =>
      reply.status(201).send(await admin.createUser(adminCall(request), request.body)),
  );
  app.get(
    '/api/admin/users/:id',
    { config: asAdmin, schema: { params: AdminIdParams, response: { 200: AdminUser, ...adminErrors } } },
    (request) => admin.getUser(request.params.id),
  );
  app.patch(
    '/api/admin/users/:id',
    {
      config: asAdmin,
      schema: { params: AdminIdParams, body: AdminUserUpdate, response: { 200: AdminUser, ...adminErrors } },
    },
    (request) => admin.updateUser(adminCall(request), request.params.id, request.body),
  );
  app.post(
    '/api/admin/users/:id/reset-mfa',
    {
      config: asAdmin,
      schema: { params: AdminIdParams, body: EmptyBody, response: { 200: AdminUser, ...adminErrors } },
    },
    (request) => admin.resetMfa(adminCall(request), request.params.id),
  );
  app.post(
    '/api/admin/users/:id/unlock',
    {
      config: asAdmin,
      schema: { params: AdminIdParams, body: EmptyBody, response: { 200: AdminUser, ...adminErrors } },
    },
    (request) => admin.unlock(adminCall(request), request.params.id),
  );
  app.post(
    '/api/admin/users/:id/enrolment-link',
    {
      config: asAdmin,
      schema: { params: AdminIdParams, body: EmptyBody, response: { 200: EnrolmentLink, ...adminErrors } },
    },
    (request) => admin.enrolmentLink(adminCall(request), request.params.id),
  );

  app.get(
    '/api/admin/groups',
    { config: asAdmin, schema: { response: { 200: AdminGroupList, ...adminErrors } } },
    () => admin.listGroups(),
  );
  app.post(
    '/api/admin/groups',
    { config: asAdmin, schema: { body: AdminGroupCreate, response: { 201: AdminGroup, ...adminErrors } } },
    async (request, reply) =>
      reply.status(201).send(await admin.createGroup(adminCall(request), request.body)),
  );
  app.get(
    '/api/admin/groups/:id',
    { config: asAdmin, schema: { params: AdminIdParams, response: { 200: AdminGroup, ...adminErrors } } },
    (request) => admin.getGroup(request.params.id),
  );
  app.patch(
    '/api/admin/groups/:id',
    {
      config: asAdmin,
      schema: {
        params: AdminIdParams,
        body: AdminGroupUpdate,
        response: { 200: AdminGroup, ...adminErrors },
      },
    },
    (request) => admin.updateGroup(adminCall(request), request.params.id, request.body),
  );
  app.delete(
    '/api/admin/groups/:id',
    { config: asAdmin, schema: { params: AdminIdParams, response: { 200: Ok, ...adminErrors } } },
    (request) => admin.deleteGroup(adminCall(request), request.params.id),
  );
  app.get(
    '/api/admin/groups/:id/members',
    {
      config: asAdmin,
      schema: { params: AdminIdParams, response: { 200: GroupMemberList, ...adminErrors } },
    },
    (request) => admin.listMembers(request.params.id),
  );
  app.post(
    '/api/admin/groups/:id/members',
    {
      config: asAdmin,
      schema: { params: AdminIdParams, body: GroupMemberAdd, response: { 200: Ok, ...adminErrors } },
    },
    (request) => admin.addMember(adminCall(request), request.params.id, request.body.userId),
  );
  app.delete(
    '/api/admin/groups/:id/members/:userId',
    { config: asAdmin, schema: { params: GroupMemberParams, response: { 200: Ok, ...adminErrors } } },
    (request) => admin.removeMember(adminCall(request), request.params.id, request.params.userId),
  );

  app.get(
    '/api/admin/accounts',
    { config: asAdmin, schema: { response: { 200: AdminAccountList, ...adminErrors } } },
    () => admin.listAccounts(),
  );
  app.post(
    '/api/admin/accounts',
    {
      config: asAdmin,
      schema: { body: AdminAccountCreate, response: { 201: AdminAccount, ...adminErrors } },
    },
    async (request, reply) =>
      reply.status(201).send(await admin.createAccount(adminCall(request), request.body)),
  );
  app.get(
    '/api/admin/accounts/:id',
    { config: asAdmin, schema: { params: AdminIdParams, response: { 200: AdminAccount, ...adminErrors } } },
    (request) => admin.getAccount(request.params.id),
  );
  app.patch(
    '/api/admin/accounts/:id',
    {
      config: asAdmin,
      schema: {
        params: AdminIdParams,
        body: AdminAccountUpdate,
        response: { 200: AdminAccount, ...adminErrors },
      },
    },
    (request) => admin.updateAccount(adminCall(request), request.params.id, request.body),
  );
  app.delete(
    '/api/admin/accounts/:id',
    { config: asAdmin, schema: { params: AdminIdParams, response: { 200: Ok, ...adminErrors } } },
    (request) => admin.deleteAccount(adminCall(request), request.params.id),
  );

  app.get(
    '/api/admin/roles',
    {
      config: asAdmin,
      schema: { querystring: AdminRoleListQuery, response: { 200: AdminRoleList, ...adminErrors } },
    },
    (request) => admin.listRoles(request.query),
  );
  app.post(
    '/api/admin/roles',
    { config: asAdmin, schema: { body: AdminRoleCreate, response: { 201: AdminRole, ...adminErrors } } },
    async (request, reply) =>
      reply.status(201).send(await admin.createRole(adminCall(request), request.body)),
  );
  app.get(
    '/api/admin/roles/:id',
    { config: asAdmin, schema: { params: AdminIdParams, response: { 200: AdminRole, ...adminErrors } } },
    (request) => admin.getRole(request.params.id),
  );
  app.patch(
    '/api/admin/roles/:id',
    {
      config: asAdmin,
      schema: { params: AdminIdParams, body: AdminRoleUpdate, response: { 200: AdminRole, ...adminErrors } },
    },
    (request) => admin.updateRole(adminCall(request), request.params.id, request.body),
  );
  app.delete(
    '/api/admin/roles/:id',
    { config: asAdmin, schema: { params: AdminIdParams, response: { 200: Ok, ...adminErrors } } },
    (request) => admin.deleteRole(adminCall(request), request.params.id),
  );

  app.get(
    '/api/admin/grants',
    {
      config: asAdmin,
      schema: { querystring: AdminGrantListQuery, response: { 200: AdminGrantList, ...adminErrors } },
    },
    (request) => admin.listGrants(request.query),
  );
  app.post(
    '/api/admin/grants',
    {
      config: asAdmin,
      schema: { body: AdminGrantCreate, response: { 201: AdminGrantCreated, ...adminErrors } },
    },
    async (request, reply) =>
      reply.status(201).send(await admin.createGrants(adminCall(request), request.body)),
  );
  app.get(
    '/api/admin/grants/:id',
    { config: asAdmin, schema: { params: AdminIdParams, response: { 200: AdminGrant, ...adminErrors } } },
    (request) => admin.getGrant(request.params.id),
  );
  app.patch(
    '/api/admin/grants/:id',
    {
      config: asAdmin,
      schema: {
        params: AdminIdParams,
        body: AdminGrantUpdate,
        response: { 200: AdminGrant, ...adminErrors },
      },
    },
    (request) => admin.updateGrant(adminCall(request), request.params.id, request.body),
  );
  app.delete(
    '/api/admin/grants/:id',
    { config: asAdmin, schema: { params: AdminIdParams, response: { 200: Ok, ...adminErrors } } },
    (request) => admin.deleteGrant(adminCall(request), request.params.id),
  );

  app.get(
    '/api/admin/audit',
    {
      config: asAdmin,
      schema: { querystring: AuditListQuery, response: { 200: AuditPage, ...adminErrors } },
    },
    (request) => admin.listAudit(request.query),
  );
  app.get(
    '/api/admin/audit/export',
    {
      config: asAdmin,
      schema: { querystring: AuditExportQuery, response: { 200: AuditExportBody, ...adminErrors } },
    },
    (request, reply) => admin.exportAudit(adminCall(request), request.query, reply),
  );
  app.get(
    '/api/admin/audit/verify',
    { config: asAdmin, schema: { response: { 200: AuditVerifyResult, ...adminErrors } } },
    () => admin.verifyAudit(),
  );

  // The public end of an enrolment link: set a password, then enrol TOTP as after a sign-in.
  app.post(
    '/api/enrol',
    {
      config: { auth: 'none', ...sensitive },
      schema: { body: EnrolRequest, response: { 200: StageResponse, 410: ErrorBody, ...errors } },
    },
    async (request, reply) => {
      const issued = await ctx.enrolment.completeEnrolment(request.body, requestContext(request));
      // As at login: a cookie presented before is never promoted; its row goes.
      if (request.auth) await ctx.sessions.delete(request.auth.session.id);
      setSessionCookie(reply, config, issued);
      return { stage: stageOf(issued.stage) };
    },
  );
  // (admin block end)

  // --- access: my roles, favourites, step-up, console and CLI issuance ------------------
  // (access block start)
  app.get(
    '/api/me/access',
    { config: { auth: 'active' }, schema: { response: { 200: MyAccess, 401: ErrorBody, 503: ErrorBody } } },
    async (request, reply) => {
      const auth = authOf(request);
      const encoding = acceptsGzip(request.headers['accept-encoding']) ? 'gzip' : 'identity';
      const body = await ctx.caches.access(
        {
          userId: auth.user.id,
          roleChaining: ctx.brokerIdentity.peek().identity?.isRoleSession ?? false,
          stepUpValidUntil: ctx.broker.stepUpValidUntil(auth),
          encoding,
        },
        () => ctx.broker.accessView(auth.user.id),
      );
      // A finished body (kept between requests, see caches.ts); the schema above documents it.
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
      await ctx.broker.setFavourite(authOf(request), request.params.roleId, true);
      return { ok: true as const };
    },
  );

  app.delete(
    '/api/me/favourites/:roleId',
    { config: { auth: 'active' }, schema: { params: RoleIdParams, response: { 200: Ok, ...errors } } },
    async (request) => {
      await ctx.broker.setFavourite(authOf(request), request.params.roleId, false);
      return { ok: true as const };
    },
  );

  app.post(
    '/api/auth/step-up',
    {
      config: { auth: 'active', ...sensitive },
      schema: { body: CodeRequest, response: { 200: StepUpResponse, ...errors } },
    },
    async (request) => {
      const at = await ctx.auth.stepUp(authOf(request), request.body.code, requestContext(request));
      return { stepUpValidUntil: new Date(at.getTime() + STEP_UP_WINDOW_MS).toISOString() };
    },
  );

  const issuanceErrors = { ...errors, 404: ErrorBody, 502: ErrorBody, 503: ErrorBody, 504: ErrorBody };

  app.post(
    '/api/access/console',
    {
      // Issuance writes only audit rows, which nothing in memory holds (see app.ts, caches.ts).
      config: { auth: 'active', changesCachedState: false },
      schema: { body: ConsoleRequest, response: { 200: ConsoleResponse, ...issuanceErrors } },
    },
    async (request) => {
      const issued = await ctx.broker.issueConsole(authOf(request), request.body, requestContext(request));
      return { ...issued, expiresAt: issued.expiresAt.toISOString() };
    },
  );

  app.post(
    '/api/access/credentials',
    {
      config: { auth: 'active', changesCachedState: false },
      schema: { body: CredentialsRequest, response: { 200: CredentialsResponse, ...issuanceErrors } },
    },
    async (request) => {
      const issued = await ctx.broker.issueCredentials(
        authOf(request),
        request.body,
        requestContext(request),
      );
      return {
        accessKeyId: issued.credentials.accessKeyId,
        secretAccessKey: issued.credentials.secretAccessKey,
        sessionToken: issued.credentials.sessionToken,
        expiration: issued.credentials.expiration.toISOString(),
        assumedRoleArn: issued.assumedRoleArn,
        region: issued.region,
        durationSeconds: issued.durationSeconds,
        maxSessionSeconds: issued.maxSessionSeconds,
        clamped: issued.clamped,
        formatted: issued.formatted,
      };
    },
  );
  // (access block end)

  // --- CLI: device authorisation and tokens ----------------------------------------------
  // (cli block start)
  // `gatehouse login` (RFC 8628 device authorisation), then the CLI's token. Which routes a CLI
  // token reaches is decided in bearer.ts (CLI_TOKEN_ROUTES), not here.
  const cliErrors = { ...errors, 404: ErrorBody, 503: ErrorBody };
  const iso = (d: Date) => d.toISOString();
  const tokenInfo = (t: CliTokenRecord) => ({
    id: t.id,
    clientName: t.clientName,
    hostname: t.hostname,
    createdAt: iso(t.createdAt),
    createdIp: t.createdIp,
    expiresAt: iso(t.expiresAt),
    lastUsedAt: t.lastUsedAt ? iso(t.lastUsedAt) : null,
    lastUsedIp: t.lastUsedIp,
  });

  app.post(
    '/api/cli/device',
    {
      config: { auth: 'none', ...sensitive },
      schema: { body: DeviceStartRequest, response: { 200: DeviceStartResponse, ...cliErrors } },
    },
    async (request) => {
      const started = await ctx.cliAuth.startDevice(
        { clientName: request.body.client_name, hostname: request.body.hostname },
        requestContext(request),
      );
      return {
        device_code: started.deviceCode,
        user_code: started.userCode,
        verification_uri: started.verificationUri,
        verification_uri_complete: started.verificationUriComplete,
        expires_in: started.expiresIn,
        interval: started.interval,
      };
    },
  );

  app.post(
    '/api/cli/token',
    {
      // Polled every few seconds by each login in progress; the device code itself is 256 bits.
      config: {
        auth: 'none',
        rateLimit: { max: Math.max(120, config.loginRateLimitPerMinute * 6), timeWindow: 60_000 },
      },
      schema: {
        body: DeviceTokenRequest,
        response: { 200: DeviceTokenResponse, ...cliErrors, 400: DeviceTokenError },
      },
    },
    async (request, reply) => {
      const outcome = await ctx.cliAuth.pollToken(request.body.device_code, requestContext(request));
      if (!outcome.ok) {
        return reply.status(400).send({
          requestId: request.id,
          statusCode: 400,
          error: outcome.error,
          message: outcome.message,
          ...(outcome.interval !== undefined ? { interval: outcome.interval } : {}),
        });
      }
      const { record, user } = outcome;
      return {
        access_token: outcome.token,
        token_type: 'Bearer' as const,
        expires_in: Math.round((record.expiresAt.getTime() - record.createdAt.getTime()) / 1000),
        expires_at: iso(record.expiresAt),
        token_id: record.id,
        user: { id: user.id, username: user.username, displayName: user.displayName },
      };
    },
  );

  app.get(
    '/api/cli/device/:userCode',
    {
      config: { auth: 'active', ...sensitive },
      schema: { params: UserCodeParams, response: { 200: DeviceInfo, ...cliErrors } },
    },
    async (request) => {
      const device = await ctx.cliAuth.describeDevice(request.params.userCode);
      return { ...device, createdAt: iso(device.createdAt), expiresAt: iso(device.expiresAt) };
    },
  );

  app.post(
    '/api/cli/device/approve',
    {
      config: { auth: 'active', ...sensitive },
      schema: { body: DeviceApproveRequest, response: { 200: Ok, ...cliErrors } },
    },
    async (request) => {
      await ctx.cliAuth.approveDevice(authOf(request), request.body, requestContext(request));
      return { ok: true as const };
    },
  );

  app.post(
    '/api/cli/device/deny',
    {
      config: { auth: 'active', ...sensitive },
      schema: { body: DeviceDenyRequest, response: { 200: Ok, ...cliErrors } },
    },
    async (request) => {
      await ctx.cliAuth.denyDevice(authOf(request), request.body.userCode, requestContext(request));
      return { ok: true as const };
    },
  );

  // The two routes only a CLI token calls: `gatehouse whoami` and `gatehouse logout`.
  app.get(
    '/api/cli/session',
    { config: { auth: 'active' }, schema: { response: { 200: CliSession, ...cliErrors } } },
    async (request) => {
      const token = currentCliToken(request);
      const { user } = authOf(request);
      return {
        user: { id: user.id, username: user.username, displayName: user.displayName },
        token: tokenInfo(token),
      };
    },
  );

  app.post(
    '/api/cli/logout',
    { config: { auth: 'active' }, schema: { body: EmptyBody, response: { 200: Ok, ...cliErrors } } },
    async (request) => {
      const token = currentCliToken(request);
      await ctx.cliAuth.revokeOwnToken(authOf(request), token.id, requestContext(request), 'logout');
      return { ok: true as const };
    },
  );

  app.get(
    '/api/me/cli-tokens',
    { config: { auth: 'active' }, schema: { response: { 200: CliTokenList, ...cliErrors } } },
    async (request) => ({ tokens: (await ctx.cliAuth.listOwnTokens(authOf(request))).map(tokenInfo) }),
  );

  app.delete(
    '/api/me/cli-tokens/:id',
    {
      config: { auth: 'active' },
      schema: { params: CliTokenIdParams, response: { 200: Ok, ...cliErrors } },
    },
    async (request) => {
      await ctx.cliAuth.revokeOwnToken(authOf(request), request.params.id, requestContext(request));
      return { ok: true as const };
    },
  );

  const adminToken = (t: CliTokenWithUser) => ({
    ...tokenInfo(t),
    userId: t.userId,
    username: t.username,
    revokedAt: t.revokedAt ? iso(t.revokedAt) : null,
    revokeReason: t.revokeReason,
  });

  app.get(
    '/api/admin/cli-tokens',
    {
      config: { auth: 'admin' },
      schema: { querystring: AdminCliTokenListQuery, response: { 200: AdminCliTokenList, ...cliErrors } },
    },
    async (request) => ({
      tokens: (await ctx.cliAuth.adminListTokens(request.query)).map(adminToken),
    }),
  );

  app.delete(
    '/api/admin/cli-tokens/:id',
    {
      config: { auth: 'admin' },
      schema: { params: CliTokenIdParams, response: { 200: Ok, ...cliErrors } },
    },
    async (request) => {
      await ctx.cliAuth.adminRevokeToken(authOf(request).user, request.params.id, requestContext(request));
      return { ok: true as const };
    },
  );

  app.delete(
    '/api/admin/cli-tokens',
    {
      config: { auth: 'admin' },
      schema: {
        querystring: AdminCliTokenRevokeAllQuery,
        response: { 200: AdminRevokedCount, ...cliErrors },
      },
    },
    async (request) => {
      const revoked = await ctx.cliAuth.adminRevokeAll(
        authOf(request).user,
        request.query,
        requestContext(request),
      );
      return { revoked };
    },
  );
  // (cli block end)

  // --- role onboarding: trust policies, lint, role health, revocation --------------------
  // (roles block start)
  const onboarding = ctx.roleOnboarding;
  const asRoleAdmin = { auth: 'admin' as const };
  const roleErrors = { ...errors, 404: ErrorBody, 502: ErrorBody, 503: ErrorBody, 504: ErrorBody };
  const healthEntry = ({ role, health }: { role: ManagedRole; health: StoredRoleHealth | null }) => ({
    roleId: role.role.id,
    roleArn: role.role.arn,
    displayName: role.role.displayName,
    accountId: role.account.id,
    accountName: role.account.name,
    awsAccountId: role.account.awsAccountId,
    status: health?.status ?? ('unchecked' as const),
    checkedAt: health?.checkedAt.toISOString() ?? null,
    report: health?.report ?? null,
  });

  app.post(
    '/api/admin/trust-policies',
    {
      config: asRoleAdmin,
      schema: { body: TrustPolicyRequest, response: { 200: TrustPolicyResponse, ...roleErrors } },
    },
    (request) => {
      const { requireSourceIdentity, requireMfaTag, ...target } = request.body;
      return onboarding.generate(target, {
        ...(requireSourceIdentity === undefined ? {} : { requireSourceIdentity }),
        ...(requireMfaTag === undefined ? {} : { requireMfaTag }),
      });
    },
  );

  app.post(
    '/api/admin/policies/lint',
    {
      config: asRoleAdmin,
      schema: { body: PolicyLintRequest, response: { 200: PolicyLintResponse, ...roleErrors } },
    },
    async (request) => {
      const { document, kind, brokerArn } = request.body;
      const result = await onboarding.lint(document, {
        ...(kind ? { kind } : {}),
        // An empty string asks for no broker check at all.
        ...(brokerArn === undefined ? {} : { brokerArn: brokerArn.trim() || null }),
      });
      return {
        ok: result.ok,
        counts: result.counts,
        findings: result.findings,
        brokerArn: result.brokerArn,
        broker: result.broker,
        assumedFixes: result.assumedFixes,
      };
    },
  );

  app.post(
    '/api/admin/policies/evaluate',
    {
      config: asRoleAdmin,
      schema: { body: PolicyEvaluateRequest, response: { 200: PolicyEvaluateResponse, ...roleErrors } },
    },
    (request) => {
      const { document, kind, request: input } = request.body;
      const { lint, results } = onboarding.evaluate(document, input, kind ?? 'trust');
      return { ok: lint.ok, findings: lint.findings, results };
    },
  );

  app.get(
    '/api/admin/role-health',
    { config: asRoleAdmin, schema: { response: { 200: RoleHealthList, ...roleErrors } } },
    async () => ({ roles: (await onboarding.listHealth()).map(healthEntry) }),
  );

  app.get(
    '/api/admin/role-health/:id',
    {
      config: asRoleAdmin,
      schema: { params: AdminIdParams, response: { 200: RoleHealthEntry, ...roleErrors } },
    },
    async (request) => healthEntry(await onboarding.getHealth(request.params.id)),
  );

  app.post(
    '/api/admin/role-health/refresh',
    {
      config: asRoleAdmin,
      schema: { body: RoleHealthRefreshRequest, response: { 200: RoleHealthList, ...roleErrors } },
    },
    async (request) => {
      const checked = await onboarding.refresh(request.body.roleIds);
      const all = await onboarding.listHealth();
      const ids = new Set(checked.map((h) => h.roleId));
      return { roles: all.filter((e) => ids.has(e.role.role.id)).map(healthEntry) };
    },
  );

  app.get(
    '/api/admin/accounts/:id/role-discovery',
    {
      config: asRoleAdmin,
      schema: { params: AdminIdParams, response: { 200: RoleDiscovery, ...roleErrors } },
    },
    async (request) => {
      const found = await onboarding.discover(request.params.id);
      return {
        accountId: request.params.id,
        checkedAs: found.as,
        scanned: found.scanned,
        truncated: found.truncated,
        roles: found.roles,
      };
    },
  );

  app.post(
    '/api/admin/accounts/:id/role-imports',
    {
      config: asRoleAdmin,
      schema: {
        params: AdminIdParams,
        body: RoleImportRequest,
        response: { 200: RoleImportResponse, ...roleErrors },
      },
    },
    async (request) => {
      const results = await onboarding.importRoles(adminCall(request), request.params.id, request.body.arns);
      return { results: results.map((r) => ({ arn: r.arn, roleId: r.role?.id ?? null, error: r.error })) };
    },
  );

  app.post(
    '/api/admin/roles/:id/revoke-sessions',
    {
      config: asRoleAdmin,
      schema: {
        params: AdminIdParams,
        body: RevokeSessionsRequest,
        response: { 200: RevocationResultSchema, ...roleErrors },
      },
    },
    (request) =>
      onboarding.revokeSessions(adminCall(request), request.params.id, {
        userId: request.body.userId ?? null,
      }),
  );

  app.post(
    '/api/admin/users/:id/revoke-sessions',
    {
      config: asRoleAdmin,
      schema: {
        params: AdminIdParams,
        body: EmptyBody,
        response: { 200: RevokeUserSessionsResponse, ...roleErrors },
      },
    },
    (request) => onboarding.revokeUserEverywhere(adminCall(request), request.params.id),
  );
  // (roles block end)

  // --- the web portal (apps/web/dist), when built ----------------------------------------
  app.get('/assets/*', { config: { auth: 'none' }, schema: { hide: true } }, (request, reply) => {
    const path = (request.params as { '*': string })['*'];
    return sendAsset(reply, `assets/${path}`);
  });
  // Every other GET outside the API is a page of the single-page app.
  app.get('/*', { config: { auth: 'none' }, schema: { hide: true } }, (request, reply) => {
    const path = (request.params as { '*': string })['*'];
    if (path.startsWith('api/') || !hasWebBuild(web.webDist)) {
      return reply
        .status(404)
        .send({ requestId: request.id, statusCode: 404, error: 'not_found', message: 'Not found.' });
    }
    return sendIndex(reply);
  });
}
