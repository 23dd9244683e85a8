/**
 * F6: the session store (Postgres) unreachable. Authenticated routes answer 503; no request is
 * ever served as if signed in, and the same session works again once Postgres is back.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFederationStandIn, startMotoServer } from '@gatehouse/aws/testing';
import type { FederationStandIn, MotoServer } from '@gatehouse/aws/testing';
import { startEmbeddedPostgres } from '@gatehouse/db';
import type { EmbeddedPostgres } from '@gatehouse/db';
import { INTERNALS_PATTERN, call, newSecretKey, seedIssuers, signIn, startServerProcess } from './harness';
import type { Issuer, ServerChild } from './harness';

const secretKey = newSecretKey();
const dataDir = mkdtempSync(join(tmpdir(), 'gh-f6-pg-'));
const pgLog = (m: string) => void m;
let postgres: EmbeddedPostgres;
let moto: MotoServer;
let standIn: FederationStandIn;
let server: ServerChild;
let user: Issuer;
let admin: Issuer;
let cookie: string;
let adminCookie: string;

beforeAll(async () => {
  postgres = await startEmbeddedPostgres({ dataDir, log: pgLog });
  moto = await startMotoServer();
  standIn = await startFederationStandIn({ stsEndpoint: moto.endpoint });
  server = await startServerProcess({
    DATABASE_URL: postgres.connectionString,
    GATEHOUSE_SECRET_KEY: secretKey.toString('base64'),
    GATEHOUSE_FEDERATION_URL: standIn.url,
    AWS_ENDPOINT_URL: moto.endpoint,
  });
  const common = { dbUrl: postgres.connectionString, secretKey, motoEndpoint: moto.endpoint, count: 1 };
  [user] = (await seedIssuers({ ...common, prefix: 'f6-user' })) as [Issuer];
  [admin] = (await seedIssuers({ ...common, prefix: 'f6-admin', admin: true })) as [Issuer];
  cookie = await signIn(server.url, user);
  adminCookie = await signIn(server.url, admin);
}, 90_000);

afterAll(async () => {
  await server?.stop();
  await standIn?.close();
  await moto?.stop();
  await postgres?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

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

    await postgres.stop();
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
      postgres = await startEmbeddedPostgres({ dataDir, log: pgLog });
    }

    // The logout attempted during the outage did not happen: the session is intact.
    const back = await call(server.url, 'GET', '/api/auth/session', { cookie });
    expect(back.status, back.text).toBe(200);
    expect(JSON.parse(back.text)).toMatchObject({ stage: 'active', user: { username: user.username } });
    expect(server.alive()).toBe(true);
  }, 60_000);
});
