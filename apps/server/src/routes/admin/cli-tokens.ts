/** Administrators' view of every CLI token, and revoking them (one, one user's, or all). */
import {
  AdminCliTokenList,
  AdminCliTokenListQuery,
  AdminCliTokenRevokeAllQuery,
  AdminRevokedCount,
  CliTokenIdParams,
  Ok,
} from '@gatehouse/contracts';
import type { CliTokenWithUser } from '@gatehouse/core';
import { authOf, requestContext } from '../../http/route-options';
import { toTokenInfo } from '../cli';
import { isoOrNull, lookupErrors, ok } from '../route-kit';
import type { App, RouteDeps } from '../route-kit';

function toAdminToken(t: CliTokenWithUser) {
  return {
    ...toTokenInfo(t),
    userId: t.userId,
    username: t.username,
    revokedAt: isoOrNull(t.revokedAt),
    revokeReason: t.revokeReason,
  };
}

export function register(app: App, { services }: RouteDeps): void {
  const { cliAuth } = services;

  app.get(
    '/api/admin/cli-tokens',
    {
      config: { auth: 'admin' },
      schema: { querystring: AdminCliTokenListQuery, response: { 200: AdminCliTokenList, ...lookupErrors } },
    },
    async (request) => ({ tokens: (await cliAuth.adminListTokens(request.query)).map(toAdminToken) }),
  );

  app.delete(
    '/api/admin/cli-tokens/:id',
    {
      config: { auth: 'admin' },
      schema: { params: CliTokenIdParams, response: { 200: Ok, ...lookupErrors } },
    },
    async (request) => {
      await cliAuth.adminRevokeToken(authOf(request).user, request.params.id, requestContext(request));
      return ok;
    },
  );

  app.delete(
    '/api/admin/cli-tokens',
    {
      config: { auth: 'admin' },
      schema: {
        querystring: AdminCliTokenRevokeAllQuery,
        response: { 200: AdminRevokedCount, ...lookupErrors },
      },
    },
    async (request) => ({
      revoked: await cliAuth.adminRevokeAll(authOf(request).user, request.query, requestContext(request)),
    }),
  );
}
