import { randomUUID } from 'node:crypto';
import Fastify, { LogController } from 'fastify';
import type { FastifyInstance, FastifyReply, FastifyRequest, FastifyServerOptions } from 'fastify';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { AppError, isWellFormedToken, tokenId } from '@gatehouse/core';
import type { AppContext } from './context';
import { registerErrorHandler } from './errors';
import { registerRoutes } from './routes';
import { registerSecurity } from './security';
import { CLI_TOKEN_ROUTES, authenticateBearer, bearerTokenOf } from './bearer';
import { assertAuth, cookieName } from './session';
import { registerWebFiles, webDistDir } from './web';

/** Everything that must never reach a log line, wherever it appears in a logged object. */
export const REDACT_PATHS = [
  'req.headers.cookie',
  'req.headers.authorization',
  'res.headers["set-cookie"]',
  '*.password',
  '*.currentPassword',
  '*.newPassword',
  '*.code',
  '*.totpCode',
  '*.token',
  '*.secret',
  '*.secretAccessKey',
  '*.sessionToken',
  '*.SigninToken',
  '*.recoveryCodes',
  '*.device_code',
  '*.deviceCode',
  '*.access_token',
  '*.accessToken',
];

export const API_DOCS_PREFIX = '/api/docs';

const SAFE_METHODS = new Set(['GET', 'HEAD']);

/** One flat line per request, when it is answered, instead of Fastify's two (received, completed). */
class AccessLog extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(error: Error | null, request: FastifyRequest, reply: FastifyReply): void {
    const line = {
      method: request.method,
      url: request.url,
      statusCode: reply.statusCode,
      ip: request.ip,
      responseTime: Math.round(reply.elapsedTime * 10) / 10,
    };
    if (error) reply.log.error({ ...line, err: error }, 'request errored');
    else reply.log.info(line, 'request completed');
  }
}

export interface BuildAppOptions {
  /** Tests pass false or a stream; production passes pino options derived from config. */
  logger?: FastifyServerOptions['logger'];
  /** Where the built web portal is; default apps/web/dist. */
  webDist?: string;
}

export async function buildApp(ctx: AppContext, options: BuildAppOptions = {}): Promise<FastifyInstance> {
  const { config } = ctx;
  const serverOptions: FastifyServerOptions = {
    logger: options.logger ?? {
      level: config.logLevel,
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    },
    // Only explicit configuration makes X-Forwarded-For believable. Fastify accepts a hop
    // count at run time although its types omit it.
    trustProxy: config.trustProxy as boolean | string[],
    genReqId: () => randomUUID(),
    requestIdHeader: false,
    bodyLimit: 64 * 1024,
    logController: new AccessLog(),
  };
  const app = Fastify(serverOptions);
  app.addHook('onClose', async () => ctx.changes.close());
  ctx.changes.onStateChange((healthy, err) => {
    if (healthy) app.log.info('listening for changes in PostgreSQL: in-memory caches on');
    else if (!err) app.log.info('change feed closed: in-memory caches off');
    else app.log.warn({ err }, 'lost the change feed from PostgreSQL: in-memory caches off until it is back');
  });
  await ctx.changes.start();

  app.decorateRequest('auth', null);
  app.decorateRequest('cliToken', null);

  // Every route states who may call it; a route without `auth` is a bug, caught at start-up.
  // The interactive API docs (static pages of @fastify/swagger-ui) are the one public exception.
  app.addHook('onRoute', (route) => {
    if (route.config?.auth) return;
    if (route.url.startsWith(API_DOCS_PREFIX)) {
      route.config = { ...route.config, auth: 'none' };
      return;
    }
    if (!(route.method === 'HEAD' || route.url === '*')) {
      throw new Error(`route ${String(route.method)} ${route.url} declares no auth requirement`);
    }
  });

  registerErrorHandler(app);
  registerSecurity(app, config);
  await app.register(cookie);
  await app.register(rateLimit, {
    global: false,
    keyGenerator: (request) => request.ip,
    errorResponseBuilder: (_request, context) =>
      new AppError(
        'rate_limited',
        `Too many attempts from your network. Try again in ${Math.ceil(context.ttl / 1000)} seconds.`,
        {
          retryAfterSeconds: Math.ceil(context.ttl / 1000),
        },
      ),
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Gatehouse API',
        version: '0.1.0',
        description:
          'Sign in with password + TOTP, list the AWS roles you may enter, get console sign-in URLs and CLI credentials. ' +
          'State-changing requests need Content-Type: application/json and a same-origin browser context.',
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
      const methods = Array.isArray(route.method) ? route.method : [route.method];
      const auth = (route.config as { auth?: string } | undefined)?.auth;
      const security: Array<Record<string, string[]>> | undefined =
        auth === 'none'
          ? []
          : methods.some((m) => CLI_TOKEN_ROUTES.has(`${m} ${url}`))
            ? [{ session: [] }, { cliToken: [] }]
            : undefined;
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

  app.addHook('onRequest', async (request) => {
    // A CLI token (see bearer.ts) never falls back to the cookie.
    const bearer = bearerTokenOf(request);
    if (bearer !== undefined) {
      request.auth = await authenticateBearer(request, ctx, bearer);
      return;
    }
    const token = request.cookies[cookieName(config)];
    if (!token) return;
    // Reads may use a session read from PostgreSQL moments ago (caches.ts); anything that
    // changes state or issues AWS access reads it afresh.
    request.auth =
      SAFE_METHODS.has(request.method) && isWellFormedToken(token)
        ? await ctx.caches.session(tokenId(token), () => ctx.auth.authenticate(token))
        : await ctx.auth.authenticate(token);
  });
  // A change made by this request must be forgotten by this process's caches before the
  // caller can look again: wait for PostgreSQL's notification of it (one round trip).
  app.addHook('onSend', async (request, _reply, payload) => {
    if (!SAFE_METHODS.has(request.method) && request.routeOptions.config.changesCachedState !== false)
      await ctx.changes.sync();
    return payload;
  });
  // Before validation: an anonymous or unprivileged caller learns nothing from a schema error.
  app.addHook('preValidation', async (request) => {
    assertAuth(request, request.routeOptions.config.auth ?? 'active');
  });

  const webDist = options.webDist ?? webDistDir();
  await registerWebFiles(app, webDist);
  registerRoutes(app, ctx, { webDist });
  return app;
}
