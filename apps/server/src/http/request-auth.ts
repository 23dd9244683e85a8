/** Who is calling: the portal's session cookie, or a CLI token (bearer.ts), resolved once per request. */
import type { FastifyInstance } from 'fastify';
import { isWellFormedToken, tokenId } from '@gatehouse/core';
import type { CliAuthService, IdentityService } from '@gatehouse/core';
import type { Config } from '../config';
import { authenticateBearer, bearerTokenOf } from './bearer';
import type { Caches } from './caches';
import { assertAuth } from './route-options';
import { cookieName } from './session-cookie';

/** Requests that change nothing: they may use what the caches hold (see caches.ts). */
export const CACHEABLE_METHODS = new Set(['GET', 'HEAD']);

export function registerRequestAuth(
  app: FastifyInstance,
  deps: {
    config: Config;
    identity: Pick<IdentityService, 'authenticate'>;
    cliAuth: Pick<CliAuthService, 'authenticate'>;
    caches: Pick<Caches, 'session'>;
  },
): void {
  const cookie = cookieName(deps.config);
  app.decorateRequest('auth', null);
  app.decorateRequest('cliToken', null);
  app.addHook('onRequest', async (request) => {
    // A CLI token never falls back to the cookie.
    const bearer = bearerTokenOf(request);
    if (bearer !== undefined) {
      request.auth = await authenticateBearer(request, deps.cliAuth, bearer);
      return;
    }
    const token = request.cookies[cookie];
    if (!token) return;
    // Reads may use a session read from PostgreSQL moments ago; anything that changes state or
    // issues AWS access reads it afresh.
    request.auth =
      CACHEABLE_METHODS.has(request.method) && isWellFormedToken(token)
        ? await deps.caches.session(tokenId(token), () => deps.identity.authenticate(token))
        : await deps.identity.authenticate(token);
  });
  // Before validation: an anonymous or unprivileged caller learns nothing from a schema error.
  app.addHook('preValidation', async (request) => {
    assertAuth(request, request.routeOptions.config.auth ?? 'active');
  });
}
