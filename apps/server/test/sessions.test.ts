/**
 * Sessions through @fastify/session, and privilege changes: a step-up rotates the session id, a
 * change of administrator rights ends every session of the user.
 */
import { createHash, createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  Browser,
  GOOD_PASSWORD,
  codeFor,
  createEnrolledUser,
  createTestApp,
  sessionTokenOf,
} from './support';
import type { TestApp } from './support';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

/** Moves the service clock past every TOTP step used so far. */
function nextWindow(): void {
  t.clock.offsetMs += 120_000;
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** A second browser holding the cookie `browser` holds now. */
function copyOf(browser: Browser): Browser {
  const copy = new Browser(t.app);
  copy.cookie = browser.cookie;
  return copy;
}

describe('sessions through @fastify/session', () => {
  it('signs the cookie, stores only the hash of its token, and refuses a forged signature or an expired session', async () => {
    expect(t.app.hasPlugin('@fastify/session')).toBe(true);
    const { browser, userId } = await createEnrolledUser(t, 'cookie-owner');
    const value = decodeURIComponent(browser.cookie!.split('=')[1]!);
    const token = sessionTokenOf(browser);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const signature = createHmac('sha256', t.ctx.sessionSecret)
      .update(token)
      .digest('base64')
      .replace(/=/g, '');
    expect(value).toBe(`${token}.${signature}`);

    const rows = await t.db.prisma.session.findMany({ where: { userId } });
    expect(rows.map((r) => r.id)).toEqual([sha256(token)]);
    expect((await browser.get('/api/auth/session')).json()).toMatchObject({ stage: 'active' });

    // The right token under a wrong signature is nobody's session.
    const forged = new Browser(t.app);
    forged.cookie = `gatehouse_session=${encodeURIComponent(`${token}.${'A'.repeat(signature.length)}`)}`;
    expect((await forged.get('/api/auth/session')).json()).toEqual({ stage: 'signed_out' });
    expect((await forged.post('/api/me/favourites/00000000-0000-4000-8000-000000000000')).statusCode).toBe(
      401,
    );
    // An unsigned token (a cookie from before sessions were signed) is refused the same way.
    const unsigned = new Browser(t.app);
    unsigned.cookie = `gatehouse_session=${token}`;
    expect((await unsigned.get('/api/auth/session')).json()).toEqual({ stage: 'signed_out' });
    expect(await t.db.prisma.session.count({ where: { userId } })).toBe(1);

    // Expired in the store: refused whatever the cookie claims, and the row goes.
    await t.db.prisma.session.updateMany({
      where: { userId },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect((await browser.post('/api/me/favourites/00000000-0000-4000-8000-000000000000')).statusCode).toBe(
      401,
    );
    expect(await t.db.prisma.session.count({ where: { userId } })).toBe(0);
  });
});

describe('the cookie behind an https public URL', () => {
  it('is __Host-, Secure, HttpOnly and SameSite=Lax even when the TLS proxy is not trusted', async () => {
    const https = await createTestApp({ GATEHOUSE_PUBLIC_URL: 'https://gatehouse.example.test' });
    try {
      // The request reaches the server over plain http, as from a TLS proxy not in GATEHOUSE_TRUST_PROXY.
      const { browser } = await createEnrolledUser(https, 'behind-a-proxy');
      const login = await new Browser(https.app).post('/api/auth/login', {
        username: 'behind-a-proxy',
        password: GOOD_PASSWORD,
      });
      const line = String(login.headers['set-cookie']);
      expect(line).toMatch(/^__Host-gatehouse=[^;]+; /);
      const attributes = line.split('; ').slice(1);
      expect(attributes).toEqual(expect.arrayContaining(['Path=/', 'HttpOnly', 'Secure', 'SameSite=Lax']));
      expect(attributes.some((a) => a.startsWith('Domain='))).toBe(false);
      expect(attributes.some((a) => a.startsWith('Expires='))).toBe(true);
      expect((await browser.get('/api/auth/session')).json()).toMatchObject({ stage: 'active' });
    } finally {
      await https.close();
    }
  });
});

describe('privilege changes', () => {
  it('a step-up gives the session a new id: the cookie from before it opens nothing', async () => {
    const { browser, secret, userId } = await createEnrolledUser(t, 'stepping-up');
    // Past the step-up window that signing in opened; read once, so the session is in memory too.
    t.clock.offsetMs += 6 * 60_000;
    expect((await browser.get('/api/me/access')).json()).toMatchObject({ stepUpValidUntil: null });
    const before = copyOf(browser);
    const [old] = await t.db.prisma.session.findMany({ where: { userId } });

    nextWindow();
    const stepUp = await browser.post('/api/auth/step-up', { code: await codeFor(t, secret) });
    expect(stepUp.statusCode, stepUp.body).toBe(200);
    // One line for the cookie: a browser must not first be told to forget it.
    expect([stepUp.headers['set-cookie']].flat()).toHaveLength(1);
    expect(browser.cookie).not.toBe(before.cookie);

    expect((await before.get('/api/me/access')).statusCode).toBe(401);
    expect((await before.get('/api/me/sessions')).statusCode).toBe(401);
    const access = (await browser.get('/api/me/access')).json() as { stepUpValidUntil: string | null };
    expect(access.stepUpValidUntil).toBe(stepUp.json().stepUpValidUntil);

    // The same session under a new id: one row, same start and absolute expiry, the new proof.
    const rows = await t.db.prisma.session.findMany({ where: { userId } });
    expect(rows).toHaveLength(1);
    expect(rows[0]!.id).toBe(sha256(sessionTokenOf(browser)));
    expect(rows[0]!.id).not.toBe(old!.id);
    expect(rows[0]).toMatchObject({ stage: 'active', createdAt: old!.createdAt, expiresAt: old!.expiresAt });
    expect(rows[0]!.mfaAt!.getTime()).toBeGreaterThan(old!.mfaAt!.getTime());
    const audit = await t.db.prisma.auditEvent.findFirst({
      where: { action: 'auth.step_up', actorId: userId },
      orderBy: { id: 'desc' },
    });
    expect(audit).toMatchObject({ outcome: 'success' });
  });

  it('making a user an administrator, or no longer one, ends every session of theirs', async () => {
    const admin = await createEnrolledUser(t, 'rights-admin', { isAdmin: true });
    const user = await createEnrolledUser(t, 'rights-user');
    const elsewhere = new Browser(t.app);
    nextWindow();
    await elsewhere.post('/api/auth/login', { username: 'rights-user', password: GOOD_PASSWORD });
    await elsewhere.post('/api/auth/totp', { code: await codeFor(t, user.secret) });
    expect((await elsewhere.get('/api/auth/session')).json()).toMatchObject({ stage: 'active' });

    const promote = await admin.browser.request('PATCH', `/api/admin/users/${user.userId}`, {
      isAdmin: true,
    });
    expect(promote.statusCode, promote.body).toBe(200);
    for (const b of [user.browser, elsewhere]) {
      expect((await b.get('/api/admin/users')).statusCode).toBe(401);
      expect((await b.get('/api/me/sessions')).statusCode).toBe(401);
    }
    const promoted = await t.db.prisma.auditEvent.findFirst({
      where: { action: 'admin.user_update', targetUserId: user.userId },
      orderBy: { id: 'desc' },
    });
    expect(promoted!.details).toMatchObject({ after: { isAdmin: true }, sessionsEnded: 2 });

    // Signed in again, the user has the new rights; taking them away ends that session too.
    nextWindow();
    const again = new Browser(t.app);
    await again.post('/api/auth/login', { username: 'rights-user', password: GOOD_PASSWORD });
    await again.post('/api/auth/totp', { code: await codeFor(t, user.secret) });
    expect((await again.get('/api/admin/users')).statusCode).toBe(200);
    const demote = await admin.browser.request('PATCH', `/api/admin/users/${user.userId}`, {
      isAdmin: false,
    });
    expect(demote.statusCode, demote.body).toBe(200);
    expect((await again.get('/api/me/sessions')).statusCode).toBe(401);
    expect(await t.db.prisma.session.count({ where: { userId: user.userId } })).toBe(0);

    // A change that is no privilege change leaves sessions alone.
    nextWindow();
    const kept = new Browser(t.app);
    await kept.post('/api/auth/login', { username: 'rights-user', password: GOOD_PASSWORD });
    await kept.post('/api/auth/totp', { code: await codeFor(t, user.secret) });
    const rename = await admin.browser.request('PATCH', `/api/admin/users/${user.userId}`, {
      displayName: 'Rights User',
      isAdmin: false,
    });
    expect(rename.statusCode, rename.body).toBe(200);
    expect((await kept.get('/api/me/sessions')).statusCode).toBe(200);
  });
});
