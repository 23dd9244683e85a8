/**
 * Who is calling: the portal's session (read by @fastify/session, see sessions.ts), or a CLI
 * token (bearer.ts), resolved once per request.
 */
import type { FastifyInstance } from 'fastify';
import type { CliAuthService, IdentityService } from '@gatehouse/core';
import { authenticateBearer, bearerTokenOf } from './bearer';
import { assertAuth } from './route-options';

/** Requests that change nothing: they may use what the caches hold (see caches.ts). */
export const CACHEABLE_METHODS = new Set(['GET', 'HEAD']);

export function registerRequestAuth(
  app: FastifyInstance,
  deps: {
    identity: Pick<IdentityService, 'authenticate'>;
    cliAuth: Pick<CliAuthService, 'authenticate'>;
  },
): void {
  app.decorateRequest('auth', null);
  app.decorateRequest('cliToken', null);
  app.addHook('onRequest', async (request) => {
    // A CLI token never falls back to the cookie.
    const bearer = bearerTokenOf(request);
    if (bearer !== undefined) {
      request.auth = await authenticateBearer(request, deps.cliAuth, bearer);
      return;
    }
    const loaded = request.session?.loaded;
    if (!loaded) return;
    // Reads may use a session read from PostgreSQL moments ago; anything that changes state or
    // issues AWS access reads it afresh.
    request.auth =
      loaded.fromMemory && !CACHEABLE_METHODS.has(request.method)
        ? await deps.identity.authenticate(request.session.sessionId)
        : loaded.auth;
  });
  // Before validation: an anonymous or unprivileged caller learns nothing from a schema error.
  app.addHook('preValidation', async (request) => {
    assertAuth(request, request.routeOptions.config.auth ?? 'active');
  });
}
