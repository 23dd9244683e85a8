/** The web portal (apps/web/dist), when built: hashed assets, and the app's shell for every page. */
import { hasWebBuild, sendAsset, sendIndex } from '../http/web-files';
import type { App, RouteDeps } from './route-kit';

export function register(app: App, { webDist }: RouteDeps): void {
  app.get('/assets/*', { config: { auth: 'none' }, schema: { hide: true } }, (request, reply) => {
    const path = (request.params as { '*': string })['*'];
    return sendAsset(reply, `assets/${path}`);
  });
  // Every other GET outside the API is a page of the single-page app. The CLI's approval link,
  // /device?code=BCDF-GHJK, carries a login's user code: it stays out of the logs.
  app.get(
    '/*',
    { config: { auth: 'none', redactParams: ['code'] }, schema: { hide: true } },
    (request, reply) => {
      const path = (request.params as { '*': string })['*'];
      if (path.startsWith('api/') || !hasWebBuild(webDist)) {
        return reply
          .status(404)
          .send({ requestId: request.id, statusCode: 404, error: 'not_found', message: 'Not found.' });
      }
      return sendIndex(reply);
    },
  );
}
