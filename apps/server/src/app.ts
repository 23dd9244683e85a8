/**
 * Builds the Fastify app for a context: the plugins of http/ in the order they must run, then
 * every route (routes/index.ts). server.ts listens; tests drive the result with `inject`.
 */
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import Fastify from 'fastify';
import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import { AppError } from '@gatehouse/core';
import type { AppContext } from './context';
import { AccessLog, REDACT_PATHS } from './http/access-log';
import { registerErrorHandler } from './http/errors';
import { registerOpenApi } from './http/openapi';
import { CACHEABLE_METHODS, registerRequestAuth } from './http/request-auth';
import { registerSecurity } from './http/security';
import { registerSessions } from './http/sessions';
import { requestValidation } from './http/validation';
import { registerWebFiles } from './http/web-files';
import { registerRoutes } from './routes';
import { trackRoutes } from './routes/route-table';

export { REDACT_PATHS } from './http/access-log';
export { API_DOCS_PREFIX } from './http/openapi';

/** Same relative place from the sources (apps/server/src) and the bundle (apps/server/dist). */
export function webDistDir(): string {
  return fileURLToPath(new URL('../../web/dist/', import.meta.url));
}

export interface BuildAppOptions {
  /** Tests pass false or a stream; production passes pino options derived from config. */
  logger?: FastifyServerOptions['logger'];
  /** Where the built web portal is; default apps/web/dist. */
  webDist?: string;
}

function rateLimitError(_request: unknown, context: { ttl: number }): AppError {
  const seconds = Math.ceil(context.ttl / 1000);
  return new AppError(
    'rate_limited',
    `Too many attempts from your network. Try again in ${seconds} seconds.`,
    {
      retryAfterSeconds: seconds,
    },
  );
}

export async function buildApp(ctx: AppContext, options: BuildAppOptions = {}): Promise<FastifyInstance> {
  const { config, services } = ctx;
  const app = Fastify({
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
    // Bodies exactly as declared; query strings and path parameters converted from text.
    schemaController: requestValidation,
  });
  app.addHook('onClose', async () => ctx.changes.close());
  ctx.changes.onStateChange((healthy, err) => {
    if (healthy) app.log.info('listening for changes in PostgreSQL: in-memory caches on');
    else if (!err) app.log.info('change feed closed: in-memory caches off');
    else app.log.warn({ err }, 'lost the change feed from PostgreSQL: in-memory caches off until it is back');
  });
  await ctx.changes.start();

  // Every route states who may call it (a route without `auth` fails here, at start-up).
  trackRoutes(app);
  registerErrorHandler(app);
  registerSecurity(app, config);
  await app.register(cookie);
  await app.register(rateLimit, {
    global: false,
    keyGenerator: (request) => request.ip,
    errorResponseBuilder: rateLimitError,
  });
  await registerOpenApi(app, config);
  await registerSessions(app, {
    config,
    secret: ctx.sessionSecret,
    identity: services.identity,
    caches: ctx.caches,
  });
  registerRequestAuth(app, { identity: services.identity, cliAuth: services.cliAuth });
  // A change made by this request must be forgotten by this process's caches before the
  // caller can look again: wait for PostgreSQL's notification of it (one round trip).
  app.addHook('onSend', async (request, _reply, payload) => {
    if (!CACHEABLE_METHODS.has(request.method) && request.routeOptions.config.changesCachedState !== false)
      await ctx.changes.sync();
    return payload;
  });

  const webDist = options.webDist ?? webDistDir();
  await registerWebFiles(app, webDist);
  registerRoutes(app, { config, services, caches: ctx.caches, webDist });
  return app;
}
