/**
 * CLI tokens (`Authorization: Bearer ghcli_…`, from `gatehouse login`). A bearer request is an
 * `active` session of the token's user for the routes that declare `cliToken: true` and nothing
 * else: no admin routes, no password, MFA, session or token management. It never falls back to
 * a cookie.
 *
 * CSRF: a browser cannot attach an Authorization header to a cross-site request without a CORS
 * preflight, which this server never grants, so the Origin rule in security.ts has nothing to
 * add here (the CLI sends no Origin or Sec-Fetch-Site, so that rule lets it through); bodies
 * must still be JSON.
 */
import type { FastifyRequest } from 'fastify';
import { AppError } from '@gatehouse/core';
import type { Authenticated, CliAuthService, CliTokenRecord } from '@gatehouse/core';
import { requestContext } from './route-options';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set when the request authenticated with a CLI token. */
    cliToken: CliTokenRecord | null;
  }
}

/** The token of an `Authorization: Bearer` header; undefined when another scheme (or none) is used. */
export function bearerTokenOf(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (typeof header !== 'string') return undefined;
  const match = /^Bearer[ \t]+(\S*)[ \t]*$/i.exec(header);
  return match ? (match[1] ?? '') : undefined;
}

/** Resolves a bearer request's user, or refuses it; null leaves the request anonymous. */
export async function authenticateBearer(
  request: FastifyRequest,
  cliAuth: Pick<CliAuthService, 'authenticate'>,
  token: string,
): Promise<Authenticated | null> {
  const route = request.routeOptions.url;
  const { auth: requirement, cliToken } = request.routeOptions.config ?? {};
  // Unknown paths and public routes (health, sign-in pages) ignore the token.
  if (route === undefined || requirement === undefined || requirement === 'none') return null;
  if (cliToken !== true) {
    throw new AppError(
      'forbidden',
      'A CLI token cannot be used for this request; sign in to the portal instead.',
    );
  }
  const use = `${request.method} ${route}`;
  const auth = await cliAuth.authenticate(token, requestContext(request), use);
  if (!auth) {
    throw new AppError(
      'unauthorized',
      'This CLI login has expired or was revoked. Run `gatehouse login` again.',
    );
  }
  request.cliToken = auth.cliToken;
  request.log = request.log.child({ cliTokenId: auth.cliToken.id });
  return { session: auth.session, user: auth.user };
}

/** The CLI token a request authenticated with; for the routes only a CLI token calls. */
export function currentCliToken(request: FastifyRequest): CliTokenRecord {
  if (!request.cliToken) throw new AppError('bad_request', 'Only a CLI token can make this request.');
  return request.cliToken;
}
