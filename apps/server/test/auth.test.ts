import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { Browser, GOOD_PASSWORD, codeFor, createEnrolledUser, createTestApp } from './support';
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

async function signIn(username: string, secret: string, browser = new Browser(t.app)) {
  const login = await browser.post('/api/auth/login', { username, password: GOOD_PASSWORD });
  expect(login.statusCode, login.body).toBe(200);
  expect(login.json()).toEqual({ stage: 'totp' });
  const totp = await browser.post('/api/auth/totp', { code: await codeFor(t, secret) });
  expect(totp.statusCode, totp.body).toBe(200);
  return browser;
}

function withoutRequestId(body: string): unknown {
  const { requestId: _ignored, ...rest } = JSON.parse(body) as Record<string, unknown>;
  return rest;
}

async function auditActions(userId: string): Promise<string[]> {
  const rows = await t.db.prisma.auditEvent.findMany({
    where: { targetUserId: userId },
    orderBy: { id: 'asc' },
  });
  return rows.map((r) => `${r.action}:${r.outcome}`);
}

describe('first-run setup', () => {
  it('creates the first admin once through a single-use token, then enrolment is the only step', async () => {
    expect((await new Browser(t.app).get('/api/setup/status')).json()).toEqual({ needsSetup: true });
    const setup = await t.ctx.services.identity.createSetupTokenIfNeeded();
    expect(setup).not.toBeNull();
    const browser = new Browser(t.app);
    const body = {
      token: setup!.token,
      username: 'Root.Admin',
      displayName: 'Root Admin',
      password: GOOD_PASSWORD,
    };

    const wrong = await browser.post('/api/setup', { ...body, token: 'x'.repeat(43) });
    expect(wrong.statusCode).toBe(410);

    const weak = await browser.post('/api/setup', { ...body, password: 'password1' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().fields).toContainEqual({
      field: 'password',
      reason: expect.stringContaining('too common'),
    });

    const ok = await browser.post('/api/setup', body);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toEqual({ stage: 'enroll' });

    const again = await new Browser(t.app).post('/api/setup', { ...body, username: 'second' });
    expect(again.statusCode).toBe(410);
    expect((await new Browser(t.app).get('/api/setup/status')).json()).toEqual({ needsSetup: false });
    expect(await t.ctx.services.identity.createSetupTokenIfNeeded()).toBeNull();

    // Until TOTP is enrolled the session reaches nothing else.
    const me = await browser.get('/api/me/sessions');
    expect(me.statusCode).toBe(401);
    expect(me.json().error).toBe('mfa_required');
    const totpStep = await browser.post('/api/auth/totp', { code: '123456' });
    expect(totpStep.statusCode).toBe(401);

    const start = await browser.post('/api/auth/enrol/start');
    expect(start.statusCode).toBe(200);
    const { secret, otpauthUri, qrCodeDataUrl } = start.json();
    expect(otpauthUri).toMatch(/^otpauth:\/\/totp\/Gatehouse:root\.admin\?/);
    expect(qrCodeDataUrl).toMatch(/^data:image\/png;base64,/);
    const confirm = await browser.post('/api/auth/enrol/confirm', { code: await codeFor(t, secret) });
    expect(confirm.statusCode, confirm.body).toBe(200);
    expect(confirm.json().recoveryCodes).toHaveLength(10);
    expect(confirm.json().user).toMatchObject({ username: 'root.admin', isAdmin: true, mfaEnrolled: true });
    expect((await browser.get('/api/me/sessions')).statusCode).toBe(200);
  });
});

describe('secrets at rest', () => {
  it('stores the TOTP secret as AES-GCM ciphertext and recovery codes hashed', async () => {
    const u = await createEnrolledUser(t, 'rest-check');
    const raw = await t.db.pool.query('SELECT totp_secret_enc FROM users WHERE id = $1', [u.userId]);
    const stored: Buffer = raw.rows[0].totp_secret_enc;
    expect(stored.length).toBeGreaterThan(28 + u.secret.length - 1);
    expect(stored.includes(Buffer.from(u.secret))).toBe(false);
    expect(stored.toString('latin1')).not.toContain(u.secret);
    const codes = await t.db.pool.query('SELECT code_hash FROM recovery_codes WHERE user_id = $1', [
      u.userId,
    ]);
    expect(codes.rows).toHaveLength(10);
    for (const code of u.recoveryCodes) {
      const compact = code.replace('-', '');
      expect(codes.rows.some((r: { code_hash: string }) => r.code_hash.includes(compact))).toBe(false);
    }
  });
});

describe('sign-in', () => {
  it('gives unknown users and wrong passwords identical answers', async () => {
    await createEnrolledUser(t, 'enum-victim');
    const unknown = await new Browser(t.app).post('/api/auth/login', {
      username: 'nobody-here',
      password: 'whatever-123',
    });
    const wrong = await new Browser(t.app).post('/api/auth/login', {
      username: 'enum-victim',
      password: 'whatever-123',
    });
    expect(unknown.statusCode).toBe(401);
    expect(wrong.statusCode).toBe(401);
    expect(withoutRequestId(unknown.body)).toEqual(withoutRequestId(wrong.body));
    expect(unknown.headers['set-cookie']).toBeUndefined();
    expect(wrong.headers['set-cookie']).toBeUndefined();
  });

  it('locks an account after 5 wrong passwords, leaving other accounts alone', async () => {
    const victim = await createEnrolledUser(t, 'lock-victim');
    const bystander = await createEnrolledUser(t, 'lock-bystander');
    for (let i = 0; i < 5; i++) {
      const res = await new Browser(t.app).post('/api/auth/login', {
        username: 'lock-victim',
        password: `wrong-password-${i}`,
      });
      expect(res.statusCode).toBe(401);
    }
    const locked = await new Browser(t.app).post('/api/auth/login', {
      username: 'lock-victim',
      password: GOOD_PASSWORD,
    });
    expect(locked.statusCode).toBe(423);
    expect(locked.json().message).toMatch(/locked for 15 minutes/);
    expect(locked.headers['retry-after']).toBeDefined();
    nextWindow();
    await signIn('lock-bystander', bystander.secret);
    const row = await t.db.prisma.user.findUniqueOrThrow({ where: { id: victim.userId } });
    expect(row.lockedUntil).not.toBeNull();
    expect(await auditActions(victim.userId)).toContain('auth.lockout:success');

    // The lock is temporary: once it has passed, the right password works again.
    t.clock.offsetMs += 16 * 60_000;
    await signIn('lock-victim', victim.secret);
  });

  it('locks unknown usernames the same way, so a lock reveals nothing', async () => {
    const answers: number[] = [];
    for (let i = 0; i < 6; i++) {
      answers.push(
        (
          await new Browser(t.app).post('/api/auth/login', {
            username: 'ghost-user',
            password: `nope-${i}-xx`,
          })
        ).statusCode,
      );
    }
    expect(answers).toEqual([401, 401, 401, 401, 401, 423]);
  });

  it('locks after 5 wrong TOTP codes and ends the half-signed-in session', async () => {
    nextWindow();
    const u = await createEnrolledUser(t, 'totp-locker');
    const browser = new Browser(t.app);
    await browser.post('/api/auth/login', { username: 'totp-locker', password: GOOD_PASSWORD });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++)
      statuses.push((await browser.post('/api/auth/totp', { code: '000000' })).statusCode);
    expect(statuses.slice(0, 4)).toEqual([401, 401, 401, 401]);
    expect(statuses[4]).toBe(423);
    const fresh = await new Browser(t.app).post('/api/auth/login', {
      username: 'totp-locker',
      password: GOOD_PASSWORD,
    });
    expect(fresh.statusCode).toBe(423);
    expect(await auditActions(u.userId)).toEqual(
      expect.arrayContaining(['auth.totp:failure', 'auth.lockout:success']),
    );
  });

  it('never promotes a cookie planted before login, and rotates the id after MFA', async () => {
    nextWindow();
    const u = await createEnrolledUser(t, 'fixation');
    const attacker = new Browser(t.app);
    await attacker.post('/api/auth/login', { username: 'fixation', password: GOOD_PASSWORD });
    const planted = attacker.cookie!;

    const victim = new Browser(t.app);
    victim.cookie = planted;
    const login = await victim.post('/api/auth/login', { username: 'fixation', password: GOOD_PASSWORD });
    expect(login.statusCode).toBe(200);
    expect(victim.cookie).not.toEqual(planted);
    const preMfa = victim.cookie!;
    await victim.post('/api/auth/totp', { code: await codeFor(t, u.secret) });
    expect(victim.cookie).not.toEqual(preMfa);
    expect((await victim.get('/api/me/sessions')).statusCode).toBe(200);

    // Neither the planted cookie nor the pre-MFA one is a session any more.
    for (const old of [planted, preMfa]) {
      const b = new Browser(t.app);
      b.cookie = old;
      const state = await b.get('/api/auth/session');
      expect(state.statusCode).toBe(200);
      expect(state.json()).toEqual({ stage: 'signed_out' });
    }
  });

  it('logout deletes the session: replaying the old cookie gets 401', async () => {
    nextWindow();
    const u = await createEnrolledUser(t, 'leaver');
    const browser = await signIn('leaver', u.secret);
    const cookie = browser.cookie!;
    const out = await browser.post('/api/auth/logout');
    expect(out.statusCode).toBe(200);
    expect(out.headers['set-cookie']).toMatch(/gatehouse_session=;/);
    const replay = new Browser(t.app);
    replay.cookie = cookie;
    expect((await replay.get('/api/me/sessions')).statusCode).toBe(401);
    expect(await auditActions(u.userId)).toContain('auth.logout:success');
  });

  it('ends sessions after 30 idle minutes and after 12 hours whatever the activity', async () => {
    nextWindow();
    const u = await createEnrolledUser(t, 'sleeper');
    const idle = await signIn('sleeper', u.secret);
    t.clock.offsetMs += 29 * 60_000;
    expect((await idle.get('/api/me/sessions')).statusCode).toBe(200);
    t.clock.offsetMs += 31 * 60_000;
    expect((await idle.get('/api/me/sessions')).statusCode).toBe(401);

    nextWindow();
    const busy = await signIn('sleeper', u.secret);
    // Active every 25 minutes, so never idle: 28 steps (700 min) still in, the 29th (725) out.
    for (let step = 1; step <= 28; step++) {
      t.clock.offsetMs += 25 * 60_000;
      expect((await busy.get('/api/me/sessions')).statusCode, `after ${step * 25} minutes`).toBe(200);
    }
    t.clock.offsetMs += 25 * 60_000;
    expect((await busy.get('/api/me/sessions')).statusCode).toBe(401);
  });

  it('disabling a user ends all their sessions at once', async () => {
    nextWindow();
    const u = await createEnrolledUser(t, 'to-disable');
    const a = await signIn('to-disable', u.secret);
    expect((await a.get('/api/me/sessions')).statusCode).toBe(200);
    await t.ctx.services.admin.users.update(
      { actor: { id: null, username: 'op' }, ctx: { ip: 'l', userAgent: 'l', requestId: 'r' } },
      u.userId,
      { disabled: true },
    );
    // A change made outside a request of this server: wait until this process has heard of it.
    await t.ctx.changes.sync();
    expect((await a.get('/api/me/sessions')).statusCode).toBe(401);
    expect((await u.browser.get('/api/me/sessions')).statusCode).toBe(401);
    expect(await t.db.prisma.session.count({ where: { userId: u.userId } })).toBe(0);
  });
});

describe('TOTP', () => {
  it('accepts a step once: the same code fails at the next sign-in', async () => {
    nextWindow();
    const u = await createEnrolledUser(t, 'replayer');
    const code = await codeFor(t, u.secret);
    const first = new Browser(t.app);
    await first.post('/api/auth/login', { username: 'replayer', password: GOOD_PASSWORD });
    expect((await first.post('/api/auth/totp', { code })).statusCode).toBe(200);
    await first.post('/api/auth/logout');

    const second = new Browser(t.app);
    await second.post('/api/auth/login', { username: 'replayer', password: GOOD_PASSWORD });
    const replay = await second.post('/api/auth/totp', { code });
    expect(replay.statusCode).toBe(401);
    expect(await auditActions(u.userId)).toContain('auth.totp:denied');
    // Normalised variants of the used code are the same code, and just as used.
    for (const variant of [
      ` ${code}`,
      `${code.slice(0, 3)} ${code.slice(3)}`,
      String.fromCharCode(...[...code].map((d) => 0xff10 + Number(d))),
    ]) {
      expect((await second.post('/api/auth/totp', { code: variant })).statusCode).toBe(401);
    }
  });

  it('20 parallel submissions of one code yield exactly one success', async () => {
    nextWindow();
    const u = await createEnrolledUser(t, 'racer');
    const browsers = await Promise.all(
      Array.from({ length: 20 }, async () => {
        const b = new Browser(t.app);
        const res = await b.post('/api/auth/login', { username: 'racer', password: GOOD_PASSWORD });
        expect(res.statusCode).toBe(200);
        return b;
      }),
    );
    const code = await codeFor(t, u.secret);
    const results = await Promise.all(browsers.map((b) => b.post('/api/auth/totp', { code })));
    expect(results.filter((r) => r.statusCode === 200)).toHaveLength(1);
    expect(results.filter((r) => r.statusCode === 401)).toHaveLength(19);
  });

  it('accepts fullwidth digits and spaces in a fresh code', async () => {
    nextWindow();
    const u = await createEnrolledUser(t, 'wide-digits');
    const code = await codeFor(t, u.secret);
    const wide = ` ${String.fromCharCode(...[...code].map((d) => 0xff10 + Number(d)))} `;
    const b = new Browser(t.app);
    await b.post('/api/auth/login', { username: 'wide-digits', password: GOOD_PASSWORD });
    expect((await b.post('/api/auth/totp', { code: wide })).statusCode).toBe(200);
  });

  it('signs in with a recovery code exactly once', async () => {
    nextWindow();
    const u = await createEnrolledUser(t, 'recoverer');
    const b = new Browser(t.app);
    await b.post('/api/auth/login', { username: 'recoverer', password: GOOD_PASSWORD });
    const used = await b.post('/api/auth/recovery', { code: u.recoveryCodes[0]!.toLowerCase() });
    expect(used.statusCode, used.body).toBe(200);
    expect(used.json().remainingRecoveryCodes).toBe(9);
    const again = new Browser(t.app);
    await again.post('/api/auth/login', { username: 'recoverer', password: GOOD_PASSWORD });
    expect((await again.post('/api/auth/recovery', { code: u.recoveryCodes[0] })).statusCode).toBe(401);
    expect(await auditActions(u.userId)).toContain('auth.recovery_code:success');
  });
});

describe('own account changes re-authenticate', () => {
  it('changes the password only with the current password and a fresh code, ending other sessions', async () => {
    nextWindow();
    const u = await createEnrolledUser(t, 'changer');
    const other = u.browser;
    nextWindow();
    const b = await signIn('changer', u.secret);
    const noCode = await b.post('/api/me/password', {
      currentPassword: GOOD_PASSWORD,
      totpCode: '000000',
      newPassword: 'another long passphrase',
    });
    expect(noCode.statusCode).toBe(403);
    const ok = await b.post('/api/me/password', {
      currentPassword: GOOD_PASSWORD,
      totpCode: await codeFor(t, u.secret, 1),
      newPassword: 'another long passphrase',
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await other.get('/api/me/sessions')).statusCode).toBe(401);
    expect((await b.get('/api/me/sessions')).statusCode).toBe(200);
    const oldPw = await new Browser(t.app).post('/api/auth/login', {
      username: 'changer',
      password: GOOD_PASSWORD,
    });
    expect(oldPw.statusCode).toBe(401);
  });

  it('resets own MFA after re-authentication and must enrol again', async () => {
    nextWindow();
    const u = await createEnrolledUser(t, 'resetter');
    nextWindow();
    const b = await signIn('resetter', u.secret);
    const res = await b.post('/api/me/mfa/reset', {
      password: GOOD_PASSWORD,
      totpCode: await codeFor(t, u.secret, 1),
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ stage: 'enroll' });
    expect((await b.get('/api/me/sessions')).statusCode).toBe(401);
    expect((await b.post('/api/auth/enrol/start')).statusCode).toBe(200);
  });

  it('lists own sessions and ends one', async () => {
    nextWindow();
    const u = await createEnrolledUser(t, 'multi');
    nextWindow();
    const second = await signIn('multi', u.secret);
    const list = (await second.get('/api/me/sessions')).json().sessions as Array<{
      id: string;
      current: boolean;
    }>;
    expect(list).toHaveLength(2);
    const other = list.find((s) => !s.current)!;
    expect((await second.request('DELETE', `/api/me/sessions/${other.id}`)).statusCode).toBe(200);
    expect((await u.browser.get('/api/me/sessions')).statusCode).toBe(401);
  });
});

describe('request hygiene', () => {
  it('refuses text/plain and form bodies on state-changing routes', async () => {
    for (const contentType of [
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
    ]) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: { 'content-type': contentType },
        payload: 'username=a&password=b',
      });
      expect(res.statusCode, contentType).toBe(415);
      expect(res.json()).toMatchObject({ statusCode: 415, error: 'unsupported_media_type' });
    }
  });

  it('refuses cross-site requests by Origin and Sec-Fetch-Site', async () => {
    const evil = await new Browser(t.app).post(
      '/api/auth/login',
      { username: 'a', password: 'b' },
      { origin: 'https://evil.example' },
    );
    expect(evil.statusCode).toBe(403);
    const site = await new Browser(t.app).post(
      '/api/auth/login',
      { username: 'a', password: 'b' },
      { 'sec-fetch-site': 'cross-site' },
    );
    expect(site.statusCode).toBe(403);
    const same = await new Browser(t.app).post(
      '/api/auth/login',
      { username: 'a', password: 'b' },
      { origin: t.config.publicUrl.origin, 'sec-fetch-site': 'same-origin' },
    );
    expect(same.statusCode).toBe(401);
  });

  it('answers with the error body shape and security headers', async () => {
    const res = await new Browser(t.app).get('/api/me/sessions');
    expect(res.statusCode).toBe(401);
    expect(Object.keys(res.json()).sort()).toEqual(['error', 'message', 'requestId', 'statusCode']);
    expect(res.json().requestId).toBe(res.headers['x-request-id']);
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['cross-origin-opener-policy']).toBe('same-origin');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['strict-transport-security']).toBeUndefined();
  });

  it('validates bodies with field-level reasons', async () => {
    const res = await new Browser(t.app).post('/api/auth/login', { username: 'a' });
    expect(res.statusCode).toBe(400);
    expect(res.json().fields).toContainEqual({ field: 'password', reason: expect.any(String) });
  });

  it('reports health and readiness', async () => {
    expect((await t.app.inject('/healthz')).json()).toEqual({ status: 'ok' });
    const ready = await t.app.inject('/readyz');
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toMatchObject({ status: 'ready', checks: { database: 'ok', migrations: 'ok' } });
  });
});

describe('audit', () => {
  it('records sign-in events with ip, user agent and request id', async () => {
    nextWindow();
    const u = await createEnrolledUser(t, 'audited');
    const b = new Browser(t.app, '10.1.2.3');
    const res = await b.post(
      '/api/auth/login',
      { username: 'audited', password: GOOD_PASSWORD },
      { 'user-agent': 'audit-test/1.0' },
    );
    const row = await t.db.prisma.auditEvent.findFirstOrThrow({
      where: { targetUserId: u.userId, action: 'auth.password', outcome: 'success' },
      orderBy: { id: 'desc' },
    });
    expect(row).toMatchObject({
      ip: '10.1.2.3',
      userAgent: 'audit-test/1.0',
      requestId: res.headers['x-request-id'],
    });
  });

  it('rejects UPDATE and DELETE on audit rows', async () => {
    const client = new pg.Client({ connectionString: t.dbUrl });
    await client.connect();
    try {
      await expect(client.query("UPDATE audit_events SET action = 'x'")).rejects.toThrow(/append-only/);
      await expect(client.query('DELETE FROM audit_events')).rejects.toThrow(/append-only/);
      await expect(client.query('TRUNCATE audit_events')).rejects.toThrow(/append-only/);
    } finally {
      await client.end();
    }
  });
});
