/** The API's OpenAPI document (from the route schemas) at /api/openapi.json, and its docs pages. */
import type { FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { Config } from '../config';
import { cookieName } from './sessions';

export const API_DOCS_PREFIX = '/api/docs';

export async function registerOpenApi(app: FastifyInstance, config: Config): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Gatehouse API',
        version: '0.1.0',
        description:
          'Sign in with password + TOTP, list the AWS roles you may enter, get console sign-in URLs and CLI credentials. ' +
          'State-changing requests need Content-Type: application/json and a same-origin browser context. ' +
          'Bodies must match their schema exactly: unknown fields and values of the wrong type get one 400 listing ' +
          'every problem by its path; query strings and path parameters are converted to their declared types. ' +
          'A 503 (the database or AWS unavailable) carries Retry-After.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: cookieName(config) },
          cliToken: {
            type: 'http',
            scheme: 'bearer',
            description: 'A CLI token from `gatehouse login` (ghcli_…); accepted only where listed.',
          },
        },
      },
      security: [{ session: [] }],
    },
    // Each operation says how it may be called: public, the portal's session, or also a CLI token.
    transform: ({ schema, url, route }) => {
      const config = route.config as { auth?: string; cliToken?: true } | undefined;
      const security: Array<Record<string, string[]>> | undefined =
        config?.auth === 'none' ? [] : config?.cliToken ? [{ session: [] }, { cliToken: [] }] : undefined;
      return { schema: security === undefined ? schema : { ...schema, security }, url };
    },
  });
  await app.register(swaggerUi, {
    routePrefix: API_DOCS_PREFIX,
    staticCSP: true,
    // Its own CSP replaces ours on the docs pages; they must not be framed either.
    transformStaticCSP: (header) => `${header.replace(/;\s*$/, '')}; frame-ancestors 'none'`,
    uiConfig: { deepLinking: false },
  });
}
