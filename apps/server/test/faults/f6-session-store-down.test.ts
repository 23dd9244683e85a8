/**
 * F6: the session store (Postgres) unreachable. Authenticated routes answer 503; no request is
 * ever served as if signed in, and the same session works again once Postgres is back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INTERNALS_PATTERN, call, signIn, startFaultStack } from './harness';
import type { EmbeddedDatabase, FaultStack, Issuer, ServerChild } from './harness';

let stack: FaultStack<EmbeddedDatabase, undefined>;
let server: ServerChild;
let user: Issuer;
let admin: Issuer;
let cookie: string;
let adminCookie: string;

beforeAll(async () => {
  stack = await startFaultStack({ name: 'f6', postgres: 'embedded' });
  server = await stack.startServer();
  [user] = (await stack.seed({ count: 1, prefix: 'f6-user' })) as [Issuer];
  [admin] = (await stack.seed({ count: 1, prefix: 'f6-admin', admin: true })) as [Issuer];
  cookie = await signIn(server.url, user);
  adminCookie = await signIn(server.url, admin);
}, 90_000);

afterAll(() => stack?.close());

const signedInRoutes = (): Array<{
  method: 'GET' | 'POST';
  path: string;
  cookie: string;
  body?: unknown;
}> => [
  { method: 'GET', path: '/api/auth/session', cookie },
  { method: 'GET', path: '/api/me/access', cookie },
  { method: 'GET', path: '/api/me/sessions', cookie },
  { method: 'GET', path: '/api/me/cli-tokens', cookie },
  { method: 'POST', path: '/api/access/credentials', cookie, body: { grantId: user.grantId } },
  { method: 'POST', path: '/api/access/console', cookie, body: { grantId: user.grantId } },
  { method: 'POST', path: '/api/auth/logout', cookie, body: {} },
  { method: 'GET', path: '/api/admin/users', cookie: adminCookie },
  { method: 'GET', path: '/api/admin/audit', cookie: adminCookie },
];

describe('F6: session store down', () => {
  it('answers 503 on authenticated routes, never as signed in, and the session works again afterwards', async () => {
    for (const route of signedInRoutes().filter((r) => r.method === 'GET')) {
      const ok = await call(server.url, route.method, route.path, { cookie: route.cookie });
      expect(ok.status, `${route.path} before the outage: ${ok.text}`).toBe(200);
    }

    await stack.database.stop();
    try {
      for (const route of signedInRoutes()) {
        const reply = await call(server.url, route.method, route.path, {
          cookie: route.cookie,
          ...(route.body === undefined ? {} : { body: route.body }),
          timeoutMs: 15_000,
        });
        const where = `${route.method} ${route.path}: ${reply.text}`;
        expect(reply.status, where).toBe(503);
        expect(JSON.parse(reply.text), where).toMatchObject({ statusCode: 503, error: 'unavailable' });
        // Nothing of the signed-in user: not their name, not their roles, not a new cookie.
        expect(reply.text, where).not.toContain(user.username);
        expect(reply.text, where).not.toContain(admin.username);
        expect(reply.text, where).not.toMatch(INTERNALS_PATTERN);
        expect(reply.cookie, where).toBeUndefined();
        expect(reply.receivedAt - reply.sentAt, where).toBeLessThan(6_000);
      }
      // Without a session there is nothing to look up: the usual 401, and liveness is unaffected.
      expect((await call(server.url, 'GET', '/api/me/access')).status).toBe(401);
      expect((await call(server.url, 'GET', '/healthz')).status).toBe(200);
      const ready = await call(server.url, 'GET', '/readyz');
      expect(ready.status).toBe(503);
      expect(JSON.parse(ready.text)).toMatchObject({ checks: { database: 'unreachable' } });
    } finally {
      await stack.database.start();
    }

    // The logout attempted during the outage did not happen: the session is intact.
    const back = await call(server.url, 'GET', '/api/auth/session', { cookie });
    expect(back.status, back.text).toBe(200);
    expect(JSON.parse(back.text)).toMatchObject({ stage: 'active', user: { username: user.username } });
    expect(server.alive()).toBe(true);
  }, 60_000);
});
