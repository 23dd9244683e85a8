/** Liveness, readiness and the OpenAPI document: public, for load balancers and tooling. */
import { Health, Readiness } from '@gatehouse/contracts';
import type { App, RouteDeps } from './route-kit';

export function register(app: App, { services }: RouteDeps): void {
  app.get('/healthz', { config: { auth: 'none' }, schema: { response: { 200: Health } } }, async () => ({
    status: 'ok' as const,
  }));

  app.get(
    '/readyz',
    { config: { auth: 'none' }, schema: { response: { 200: Readiness, 503: Readiness } } },
    async (_request, reply) => {
      const { ready, checks, pendingMigrations, revocationProblems } = await services.readiness.check();
      return reply.status(ready ? 200 : 503).send({
        status: ready ? 'ready' : 'not_ready',
        checks,
        ...(pendingMigrations.length > 0 ? { pendingMigrations } : {}),
        ...(revocationProblems ? { revocationProblems } : {}),
      });
    },
  );

  app.get('/api/openapi.json', { config: { auth: 'none' }, schema: { hide: true } }, () => app.swagger());
}
