/**
 * Who reaches each route, as the routes themselves declare it: auth level, whether a CLI token
 * may call it, its rate limit, and the parameters whose values are kept out of the logs. Collected as routes are added, so a route without `auth` fails at
 * start-up, and rendered for the route-table snapshot test (apps/server/test/route-table.test.ts).
 */
import type { FastifyInstance } from 'fastify';
import { API_DOCS_PREFIX } from '../http/openapi';
import type { AuthRequirement } from '../http/route-options';

export interface RouteExposure {
  method: string;
  url: string;
  auth: AuthRequirement;
  cliToken: boolean;
  /** `max/window`, e.g. `20/60s`; null when the route has no limit of its own. */
  rateLimit: string | null;
  /** Parameters shown as `[redacted]` in every log line (route config `redactParams`). */
  redactParams: string[];
}

const tables = new WeakMap<FastifyInstance, RouteExposure[]>();

function rateLimitOf(config: unknown): string | null {
  const limit = (config as { rateLimit?: { max?: unknown; timeWindow?: unknown } } | undefined)?.rateLimit;
  if (!limit) return null;
  return `${String(limit.max)}/${Number(limit.timeWindow) / 1000}s`;
}

export function trackRoutes(app: FastifyInstance): void {
  const table: RouteExposure[] = [];
  tables.set(app, table);
  app.addHook('onRoute', (route) => {
    const methods = (Array.isArray(route.method) ? route.method : [route.method]).map(String);
    if (!route.config?.auth) {
      // The interactive API docs (static pages of @fastify/swagger-ui) are the one public exception.
      if (route.url.startsWith(API_DOCS_PREFIX)) route.config = { ...route.config, auth: 'none' };
      else if (!methods.every((m) => m === 'HEAD') && route.url !== '*') {
        throw new Error(`route ${methods.join(',')} ${route.url} declares no auth requirement`);
      } else return;
    }
    for (const method of methods) {
      // Fastify adds a HEAD route beside every GET: the same exposure, listed once.
      if (method === 'HEAD') continue;
      table.push({
        method,
        url: route.url,
        auth: route.config?.auth ?? 'active',
        cliToken: route.config?.cliToken === true,
        rateLimit: rateLimitOf(route.config),
        redactParams: [...(route.config?.redactParams ?? [])],
      });
    }
  });
}

/** Every route of the app, by path then method. */
export function routeTable(app: FastifyInstance): RouteExposure[] {
  const table = tables.get(app);
  if (!table) throw new Error('routes were not tracked: build the app with buildApp()');
  const order = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return [...table].sort((a, b) => order(a.url, b.url) || order(a.method, b.method));
}

/** One line per route: `METHOD path  auth=…  cli-token=yes|no  rate-limit=…[  log-redact=…]`. */
export function renderRouteTable(rows: readonly RouteExposure[]): string {
  const width = Math.max(...rows.map((r) => `${r.method} ${r.url}`.length));
  return rows
    .map((r) =>
      [
        `${r.method} ${r.url}`.padEnd(width),
        `auth=${r.auth}`.padEnd(11),
        `cli-token=${r.cliToken ? 'yes' : 'no'}`.padEnd(13),
        `rate-limit=${r.rateLimit ?? 'none'}`,
        ...(r.redactParams.length > 0 ? [`log-redact=${r.redactParams.join(',')}`] : []),
      ].join('  '),
    )
    .join('\n')
    .concat('\n');
}
