import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from './support';
import type { TestApp } from './support';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

describe('OpenAPI', () => {
  it('describes every API route from the route schemas', async () => {
    const res = await t.app.inject('/api/openapi.json');
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    const routes = t.app.printRoutes({ commonPrefix: false });
    for (const path of [
      '/api/auth/login',
      '/api/me/access',
      '/api/access/console',
      '/api/access/credentials',
    ]) {
      expect(doc.paths, path).toHaveProperty([path]);
      expect(routes).toContain(path.split('/').pop());
    }
    const console = doc.paths['/api/access/console'].post;
    expect(console.requestBody.content['application/json'].schema.required).toContain('grantId');
    expect(Object.keys(console.responses)).toEqual(expect.arrayContaining(['200', '403', '502', '503']));
    // The response schema filters what leaves the server; the document says what that is.
    expect(Object.keys(console.responses['200'].content['application/json'].schema.properties)).toEqual(
      expect.arrayContaining(['url', 'durationSeconds', 'expiresAt']),
    );
  });

  it('says how each operation may be called: public, session, or also a CLI token', async () => {
    const doc = (await t.app.inject('/api/openapi.json')).json();
    expect(doc.components.securitySchemes.cliToken).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(doc.security).toEqual([{ session: [] }]);
    // Public: no credentials at all.
    expect(doc.paths['/api/auth/login'].post.security).toEqual([]);
    // What `gatehouse` calls: the portal session or a CLI token.
    for (const [path, method] of [
      ['/api/me/access', 'get'],
      ['/api/access/credentials', 'post'],
      ['/api/access/console', 'post'],
    ] as const) {
      expect(doc.paths[path][method].security, `${method} ${path}`).toEqual([
        { session: [] },
        { cliToken: [] },
      ]);
    }
    // Everything else: the document-wide default, the session only.
    expect(doc.paths['/api/admin/users'].get.security).toBeUndefined();
    expect(doc.paths['/api/me/sessions'].get.security).toBeUndefined();
  });

  it('serves the interactive docs, unframeable', async () => {
    const page = await t.app.inject('/api/docs/');
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(page.headers['x-frame-options']).toBe('DENY');
  });
});
