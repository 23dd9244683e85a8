/**
 * `gatehouse login` (RFC 8628 device authorisation) and the CLI's token: starting and polling a
 * login (public), approving it in the portal, and what a CLI token itself may call.
 */
import {
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
  EmptyBody,
  Ok,
  UserCodeParams,
} from '@gatehouse/contracts';
import type { CliTokenRecord } from '@gatehouse/core';
import { currentCliToken } from '../http/bearer';
import { authOf, requestContext } from '../http/route-options';
import { iso, isoOrNull, lookupErrors, ok, signInLimit } from './route-kit';
import type { App, RouteDeps } from './route-kit';

export function toTokenInfo(t: CliTokenRecord) {
  return {
    id: t.id,
    clientName: t.clientName,
    hostname: t.hostname,
    createdAt: iso(t.createdAt),
    createdIp: t.createdIp,
    expiresAt: iso(t.expiresAt),
    lastUsedAt: isoOrNull(t.lastUsedAt),
    lastUsedIp: t.lastUsedIp,
  };
}

export function register(app: App, { config, services }: RouteDeps): void {
  const { cliAuth } = services;
  const limited = signInLimit(config);

  app.post(
    '/api/cli/device',
    {
      config: { auth: 'none', ...limited },
      schema: { body: DeviceStartRequest, response: { 200: DeviceStartResponse, ...lookupErrors } },
    },
    async (request) => {
      const started = await cliAuth.startDevice(
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
        response: { 200: DeviceTokenResponse, ...lookupErrors, 400: DeviceTokenError },
      },
    },
    async (request, reply) => {
      const outcome = await cliAuth.pollToken(request.body.device_code, requestContext(request));
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
      // The user code is the half of a login the approver types: it stays out of the logs.
      config: { auth: 'active', ...limited, redactParams: ['userCode'] },
      schema: { params: UserCodeParams, response: { 200: DeviceInfo, ...lookupErrors } },
    },
    async (request) => {
      const device = await cliAuth.describeDevice(request.params.userCode);
      return { ...device, createdAt: iso(device.createdAt), expiresAt: iso(device.expiresAt) };
    },
  );

  app.post(
    '/api/cli/device/approve',
    {
      config: { auth: 'active', ...limited },
      schema: { body: DeviceApproveRequest, response: { 200: Ok, ...lookupErrors } },
    },
    async (request) => {
      await cliAuth.approveDevice(authOf(request), request.body, requestContext(request));
      return ok;
    },
  );

  app.post(
    '/api/cli/device/deny',
    {
      config: { auth: 'active', ...limited },
      schema: { body: DeviceDenyRequest, response: { 200: Ok, ...lookupErrors } },
    },
    async (request) => {
      await cliAuth.denyDevice(authOf(request), request.body.userCode, requestContext(request));
      return ok;
    },
  );

  // The two routes only a CLI token calls: `gatehouse whoami` and `gatehouse logout`.
  app.get(
    '/api/cli/session',
    {
      config: { auth: 'active', cliToken: true },
      schema: { response: { 200: CliSession, ...lookupErrors } },
    },
    async (request) => {
      const token = currentCliToken(request);
      const { user } = authOf(request);
      return {
        user: { id: user.id, username: user.username, displayName: user.displayName },
        token: toTokenInfo(token),
      };
    },
  );

  app.post(
    '/api/cli/logout',
    {
      config: { auth: 'active', cliToken: true },
      schema: { body: EmptyBody, response: { 200: Ok, ...lookupErrors } },
    },
    async (request) => {
      const token = currentCliToken(request);
      await cliAuth.revokeOwnToken(authOf(request), token.id, requestContext(request), 'logout');
      return ok;
    },
  );

  app.get(
    '/api/me/cli-tokens',
    { config: { auth: 'active' }, schema: { response: { 200: CliTokenList, ...lookupErrors } } },
    async (request) => ({ tokens: (await cliAuth.listOwnTokens(authOf(request))).map(toTokenInfo) }),
  );

  app.delete(
    '/api/me/cli-tokens/:id',
    {
      config: { auth: 'active' },
      schema: { params: CliTokenIdParams, response: { 200: Ok, ...lookupErrors } },
    },
    async (request) => {
      await cliAuth.revokeOwnToken(authOf(request), request.params.id, requestContext(request));
      return ok;
    },
  );
}
