import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, createTestApp } from './support';
import type { TestApp } from './support';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ GATEHOUSE_LOGIN_RATE_LIMIT: '3' });
});
afterAll(async () => {
  await t?.close();
});

describe('per-IP rate limit on sign-in', () => {
  it('answers 429 with Retry-After past the limit, for that address only', async () => {
    const attempt = (ip: string, username: string) =>
      new Browser(t.app, ip).post('/api/auth/login', { username, password: 'not-the-password' });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await attempt('198.51.100.7', `someone${i}`)).statusCode);
    expect(statuses).toEqual([401, 401, 401, 429]);
    const limited = await attempt('198.51.100.7', 'someone-else');
    expect(limited.json()).toMatchObject({ statusCode: 429, error: 'rate_limited' });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // Another address is not affected.
    expect((await attempt('198.51.100.8', 'someone0')).statusCode).toBe(401);
  });

  it('does not trust X-Forwarded-For unless configured', async () => {
    const spoofed = await new Browser(t.app, '198.51.100.7').post(
      '/api/auth/login',
      { username: 'x-user', password: 'not-the-password' },
      { 'x-forwarded-for': '203.0.113.99' },
    );
    expect(spoofed.statusCode).toBe(429);
  });
});
