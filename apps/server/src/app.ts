import { randomUUID } from 'node:crypto';
import Fastify from 'fastify';
import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import { AppError } from '@gatehouse/core';
import type { AppContext } from './context';
import { registerErrorHandler } from './errors';
import { registerRoutes } from './routes';
import { registerSecurity } from './security';
import { assertAuth, cookieName } from './session';

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
];

export interface BuildAppOptions {
  /** Tests pass false or a stream; production passes pino options derived from config. */
  logger?: FastifyServerOptions['logger'];
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
  };
  const app = Fastify(serverOptions);

  app.decorateRequest('auth', null);

  // Every route states who may call it; a route without `auth` is a bug, caught at start-up.
  app.addHook('onRoute', (route) => {
    if (!route.config?.auth && !(route.method === 'HEAD' || route.url === '*')) {
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

  app.addHook('onRequest', async (request) => {
    const token = request.cookies[cookieName(config)];
    if (token) request.auth = await ctx.auth.authenticate(token);
  });
  app.addHook('preHandler', async (request) => {
    assertAuth(request, request.routeOptions.config.auth ?? 'active');
  });

  registerRoutes(app, ctx);
  return app;
}
