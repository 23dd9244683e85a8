import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app';
import { createTestApp } from './support';
import type { TestApp } from './support';

let t: TestApp;
let web: Awaited<ReturnType<typeof buildApp>>;
const dist = mkdtempSync(join(tmpdir(), 'gh-web-'));

beforeAll(async () => {
  mkdirSync(join(dist, 'assets'));
  writeFileSync(join(dist, 'index.html'), '<!doctype html><title>Gatehouse</title><div id="root"></div>');
  writeFileSync(join(dist, 'assets', 'index-abc123.js'), 'console.log(1)');
  t = await createTestApp();
  web = await buildApp(t.ctx, { logger: false, webDist: dist });
});
afterAll(async () => {
  await web?.close();
  await t?.close();
});

describe('web portal files', () => {
  it('serves the app shell for every page URL, never cached, with the security headers', async () => {
    for (const url of ['/', '/login', '/admin/users', '/setup']) {
      const res = await web.inject(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(res.body).toContain('<div id="root">');
    }
  });

  it('serves hashed assets as immutable and refuses to leave the dist folder', async () => {
    const asset = await web.inject('/assets/index-abc123.js');
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect((await web.inject('/assets/missing.js')).statusCode).toBe(404);
    const escape = await web.inject('/assets/..%2f..%2fpackage.json');
    expect([403, 404]).toContain(escape.statusCode);
    expect(escape.body).not.toContain('"workspaces"');
  });

  it('keeps unknown API paths as JSON 404s', async () => {
    const res = await web.inject('/api/nope');
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ statusCode: 404, error: 'not_found' });
  });

  it('answers 404 for pages when the portal is not built', async () => {
    const unbuilt = await buildApp(t.ctx, {
      logger: false,
      webDist: mkdtempSync(join(tmpdir(), 'gh-web-empty-')),
    });
    try {
      const res = await unbuilt.inject('/login');
      expect(res.statusCode).toBe(404);
      expect(res.json()).toMatchObject({ error: 'not_found' });
    } finally {
      await unbuilt.close();
    }
  });
});
