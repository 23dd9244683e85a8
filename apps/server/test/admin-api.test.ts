import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { Browser, GOOD_PASSWORD, codeFor, createEnrolledUser, createTestApp } from './support';
import type { TestApp } from './support';

let t: TestApp;
let admin: Browser;
let adminId: string;
let member: Browser;
let memberId: string;

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

/** `inject` with the browser's cookie; PATCH included, which the shared Browser does not send. */
async function send(
  browser: Browser,
  method: Method,
  url: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<LightMyRequestResponse> {
  return t.app.inject({
    method,
    url,
    remoteAddress: browser.ip,
    headers: {
      'user-agent': 'admin-api-test',
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(browser.cookie ? { cookie: browser.cookie } : {}),
      ...headers,
    },
    ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
  });
}

const get = (url: string, as = admin) => send(as, 'GET', url);
const post = (url: string, body: unknown = {}, as = admin) => send(as, 'POST', url, body);
const patch = (url: string, body: unknown, as = admin) => send(as, 'PATCH', url, body);
const del = (url: string, as = admin) => send(as, 'DELETE', url);

function expectStatus(res: LightMyRequestResponse, status: number): void {
  expect(res.statusCode, res.body).toBe(status);
}

function expectField(
  res: LightMyRequestResponse,
  status: number,
  field: string,
  reason?: string | RegExp,
): void {
  expectStatus(res, status);
  const fields = (res.json() as { fields?: Array<{ field: string; reason: string }> }).fields ?? [];
  const hit = fields.find((f) => f.field === field);
  expect(hit, `expected field ${field} in ${res.body}`).toBeDefined();
  if (reason instanceof RegExp) expect(hit?.reason).toMatch(reason);
  else if (reason !== undefined) expect(hit?.reason).toBe(reason);
}

async function auditRowsOf(res: LightMyRequestResponse) {
  const requestId = res.headers['x-request-id'];
  expect(typeof requestId).toBe('string');
  return t.db.prisma.auditEvent.findMany({
    where: { requestId: requestId as string },
    orderBy: { id: 'asc' },
  });
}

let accountSeq = 100_000_000_000;
function nextAwsAccountId(): string {
  accountSeq += 1;
  return String(accountSeq);
}

async function createAccount(overrides: Record<string, unknown> = {}) {
  const res = await post('/api/admin/accounts', {
    awsAccountId: nextAwsAccountId(),
    name: `acct-${accountSeq}`,
    ...overrides,
  });
  expectStatus(res, 201);
  return res.json() as { id: string; awsAccountId: string; partition: string; name: string };
}

async function createRole(accountId: string, role: string, overrides: Record<string, unknown> = {}) {
  const res = await post('/api/admin/roles', { accountId, role, ...overrides });
  expectStatus(res, 201);
  return res.json() as { id: string; arn: string; accountId: string };
}

async function createUser(username: string, overrides: Record<string, unknown> = {}) {
  const res = await post('/api/admin/users', { username, displayName: username, ...overrides });
  expectStatus(res, 201);
  return res.json() as {
    user: { id: string; username: string };
    enrolment: { url: string; expiresAt: string };
  };
}

function tokenOf(url: string): string {
  const token = new URL(url).hash.replace(/^#token=/, '');
  expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  return token;
}

beforeAll(async () => {
  t = await createTestApp({ GATEHOUSE_PUBLIC_URL: 'https://gatehouse.example.test' });
  const a = await createEnrolledUser(t, 'root-admin', { isAdmin: true });
  admin = a.browser;
  adminId = a.userId;
  const m = await createEnrolledUser(t, 'plain-member');
  member = m.browser;
  memberId = m.userId;
});
afterAll(async () => {
  await t?.close();
});

describe('admin API access control', () => {
  it('refuses every admin route to a signed-in non-admin (403) and to strangers (401)', async () => {
    const account = await createAccount();
    const role = await createRole(account.id, 'AccessCheck');
    const group = (await post('/api/admin/groups', { name: 'access-check' })).json() as { id: string };
    const grant = (
      await post('/api/admin/grants', {
        roleId: role.id,
        userIds: [memberId],
        allowConsole: true,
        allowCli: true,
      })
    ).json() as { grants: Array<{ id: string }> };
    const grantId = grant.grants[0]!.id;
    const routes: Array<[Method, string, unknown?]> = [
      ['GET', '/api/admin/users'],
      ['POST', '/api/admin/users', { username: 'sneaky', displayName: 'Sneaky' }],
      ['GET', `/api/admin/users/${memberId}`],
      ['PATCH', `/api/admin/users/${memberId}`, { isAdmin: true }],
      ['POST', `/api/admin/users/${memberId}/reset-mfa`, {}],
      ['POST', `/api/admin/users/${memberId}/unlock`, {}],
      ['POST', `/api/admin/users/${memberId}/enrolment-link`, {}],
      ['GET', '/api/admin/groups'],
      ['POST', '/api/admin/groups', { name: 'sneaky' }],
      ['GET', `/api/admin/groups/${group.id}`],
      ['PATCH', `/api/admin/groups/${group.id}`, { name: 'renamed' }],
      ['DELETE', `/api/admin/groups/${group.id}`],
      ['GET', `/api/admin/groups/${group.id}/members`],
      ['POST', `/api/admin/groups/${group.id}/members`, { userId: memberId }],
      ['DELETE', `/api/admin/groups/${group.id}/members/${memberId}`],
      ['GET', '/api/admin/accounts'],
      ['POST', '/api/admin/accounts', { awsAccountId: '999999999999', name: 'sneaky' }],
      ['GET', `/api/admin/accounts/${account.id}`],
      ['PATCH', `/api/admin/accounts/${account.id}`, { disabled: true }],
      ['DELETE', `/api/admin/accounts/${account.id}`],
      ['GET', '/api/admin/roles'],
      ['POST', '/api/admin/roles', { accountId: account.id, role: 'Sneaky' }],
      ['GET', `/api/admin/roles/${role.id}`],
      ['PATCH', `/api/admin/roles/${role.id}`, { maxSessionSeconds: 43200 }],
      ['DELETE', `/api/admin/roles/${role.id}`],
      ['GET', '/api/admin/grants'],
      [
        'POST',
        '/api/admin/grants',
        { roleId: role.id, userIds: [memberId], allowConsole: true, allowCli: true },
      ],
      ['GET', `/api/admin/grants/${grantId}`],
      ['PATCH', `/api/admin/grants/${grantId}`, { allowCli: false }],
      ['DELETE', `/api/admin/grants/${grantId}`],
      ['GET', '/api/admin/audit'],
      ['GET', '/api/admin/audit/export?format=csv'],
      ['GET', '/api/admin/audit/verify'],
    ];
    const auditBefore = await t.db.prisma.auditEvent.count();
    const stranger = new Browser(t.app);
    for (const [method, url, body] of routes) {
      const res = await send(member, method, url, body);
      expect(res.statusCode, `${method} ${url}: ${res.body}`).toBe(403);
      const anon = await send(stranger, method, url, body);
      expect(anon.statusCode, `${method} ${url} (anonymous): ${anon.body}`).toBe(401);
    }
    expect(await t.db.prisma.auditEvent.count()).toBe(auditBefore);
    // Nothing changed.
    expect((await get(`/api/admin/grants/${grantId}`)).json()).toMatchObject({ allowCli: true });
    expect((await get(`/api/admin/users/${memberId}`)).json()).toMatchObject({ isAdmin: false });
  });
});

describe('users', () => {
  it('creates a user with a one-time enrolment link and never returns secrets', async () => {
    const res = await post('/api/admin/users', {
      username: 'New.Person',
      displayName: 'New Person',
      email: 'new.person@example.test',
    });
    expectStatus(res, 201);
    const body = res.json();
    expect(body.user).toMatchObject({
      username: 'new.person',
      displayName: 'New Person',
      email: 'new.person@example.test',
      isAdmin: false,
      disabled: false,
      mfaEnrolled: false,
      hasPassword: false,
    });
    expect(body.enrolment.url).toMatch(/^https:\/\/gatehouse\.example\.test\/enrol#token=[A-Za-z0-9_-]{43}$/);
    const ttl = new Date(body.enrolment.expiresAt).getTime() - Date.now();
    expect(ttl).toBeGreaterThan(7 * 86_400_000 - 60_000);
    expect(ttl).toBeLessThanOrEqual(7 * 86_400_000 + 1_000);

    // Only the token's hash is stored, bound to the user, for enrolment.
    const token = tokenOf(body.enrolment.url);
    const stored = await t.db.prisma.setupToken.findMany({ where: { userId: body.user.id } });
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ purpose: 'enrolment', usedAt: null });
    expect(stored[0]!.id).not.toContain(token);

    const [row] = await auditRowsOf(res);
    expect(row).toMatchObject({
      action: 'admin.user_create',
      outcome: 'success',
      actorId: adminId,
      actorUsername: 'root-admin',
      targetUserId: body.user.id,
      ip: '127.0.0.1',
      userAgent: 'admin-api-test',
    });
    expect(row!.details).toMatchObject({ before: null, after: { username: 'new.person', isAdmin: false } });
    expect(JSON.stringify(row!.details)).not.toContain(token);

    const fetched = await get(`/api/admin/users/${body.user.id}`);
    expectStatus(fetched, 200);
    // The enrolled member has a password hash and TOTP secret; neither leaves the server.
    const memberView = await get(`/api/admin/users/${memberId}`);
    expect(memberView.json()).toMatchObject({ hasPassword: true, mfaEnrolled: true });
    for (const secretKey of ['passwordHash', 'totpSecretEnc', 'lastTotpStep', 'codeHash', 'recoveryCodes']) {
      expect(memberView.body).not.toContain(secretKey);
      expect((await get('/api/admin/users')).body).not.toContain(secretKey);
    }
  });

  it('does not accept a password over the admin API', async () => {
    const res = await post('/api/admin/users', {
      username: 'with-password',
      displayName: 'With Password',
      password: GOOD_PASSWORD,
    });
    expectField(res, 400, 'password');
    expect(await t.db.prisma.user.count({ where: { username: 'with-password' } })).toBe(0);
  });

  it('lists with search and pagination', async () => {
    for (const name of ['page-a', 'page-b', 'page-c']) await createUser(name, { email: `${name}@list.test` });
    const first = await get('/api/admin/users?search=PAGE-&limit=2');
    expectStatus(first, 200);
    expect(first.json()).toMatchObject({ total: 3, limit: 2, offset: 0 });
    expect(first.json().users.map((u: { username: string }) => u.username)).toEqual(['page-a', 'page-b']);
    const second = await get('/api/admin/users?search=page-&limit=2&offset=2');
    expect(second.json().users.map((u: { username: string }) => u.username)).toEqual(['page-c']);
    expect((await get('/api/admin/users?search=list.test')).json().total).toBe(3);
    expectField(await get('/api/admin/users?limit=0'), 400, 'limit');
  });

  it('rejects bad and duplicate usernames, and unknown ids', async () => {
    await createUser('dupe-user');
    expectField(await post('/api/admin/users', { username: 'Dupe-User', displayName: 'x' }), 409, 'username');
    expectField(await post('/api/admin/users', { username: 'a b', displayName: 'x' }), 400, 'username');
    expectField(
      await post('/api/admin/users', { username: 'okname', displayName: '   ' }),
      400,
      'displayName',
    );
    expectField(
      await post('/api/admin/users', { username: 'okname', displayName: 'x', email: 'nope' }),
      400,
      'email',
    );
    const unknown = '00000000-0000-4000-8000-000000000000';
    expectStatus(await get(`/api/admin/users/${unknown}`), 404);
    expectStatus(await patch(`/api/admin/users/${unknown}`, { displayName: 'x' }), 404);
    expectStatus(await post(`/api/admin/users/${unknown}/unlock`), 404);
    expectStatus(await post(`/api/admin/users/${unknown}/reset-mfa`), 404);
    expectStatus(await post(`/api/admin/users/${unknown}/enrolment-link`), 404);
    expectField(await get('/api/admin/users/not-a-uuid'), 400, 'id');
  });

  it('takes a new user from the link to a password, TOTP enrolment and an active session', async () => {
    const created = await createUser('enrol-me');
    const token = tokenOf(created.enrolment.url);
    const browser = new Browser(t.app);

    // A rejected password does not spend the link.
    const weak = await browser.post('/api/enrol', { token, password: 'password1' });
    expectField(weak, 400, 'password', /too common/);
    expectStatus(await browser.post('/api/enrol', { token: 'x'.repeat(43), password: GOOD_PASSWORD }), 410);

    const ok = await browser.post('/api/enrol', { token, password: GOOD_PASSWORD });
    expectStatus(ok, 200);
    expect(ok.json()).toEqual({ stage: 'enroll' });
    expect(browser.cookie).toBeDefined();
    // An enrolling session reaches nothing but enrolment.
    expectStatus(await browser.get('/api/me/sessions'), 401);

    const start = await browser.post('/api/auth/enrol/start');
    expectStatus(start, 200);
    const confirm = await browser.post('/api/auth/enrol/confirm', {
      code: await codeFor(t, start.json().secret),
    });
    expectStatus(confirm, 200);
    expect(confirm.json()).toMatchObject({
      stage: 'active',
      user: { username: 'enrol-me', mfaEnrolled: true },
    });
    expectStatus(await browser.get('/api/me/sessions'), 200);
    expect((await get(`/api/admin/users/${created.user.id}`)).json()).toMatchObject({
      hasPassword: true,
      mfaEnrolled: true,
    });

    // Single use.
    const again = await new Browser(t.app).post('/api/enrol', {
      token,
      password: 'another good passphrase 7',
    });
    expectStatus(again, 410);
    const login = await new Browser(t.app).post('/api/auth/login', {
      username: 'enrol-me',
      password: GOOD_PASSWORD,
    });
    expect(login.json()).toEqual({ stage: 'totp' });
  });

  it('expires links after 7 days, and a regenerated link voids the previous one', async () => {
    const created = await createUser('late-enroller');
    const oldToken = tokenOf(created.enrolment.url);
    const regenerated = await post(`/api/admin/users/${created.user.id}/enrolment-link`);
    expectStatus(regenerated, 200);
    const newToken = tokenOf(regenerated.json().url);
    expect(newToken).not.toBe(oldToken);
    const [row] = await auditRowsOf(regenerated);
    expect(row).toMatchObject({ action: 'admin.user_enrolment_link', targetUserId: created.user.id });
    expect(JSON.stringify(row!.details)).not.toContain(newToken);

    expectStatus(
      await new Browser(t.app).post('/api/enrol', { token: oldToken, password: GOOD_PASSWORD }),
      410,
    );

    const saved = t.clock.offsetMs;
    t.clock.offsetMs = saved + 7 * 86_400_000 + 60_000;
    try {
      const late = await new Browser(t.app).post('/api/enrol', { token: newToken, password: GOOD_PASSWORD });
      expectStatus(late, 410);
    } finally {
      t.clock.offsetMs = saved;
    }
    // Not spent by the failed attempts: still usable within its lifetime.
    expectStatus(
      await new Browser(t.app).post('/api/enrol', { token: newToken, password: GOOD_PASSWORD }),
      200,
    );
  });

  it('updates profile fields and audits before and after', async () => {
    const created = await createUser('edit-me');
    const res = await patch(`/api/admin/users/${created.user.id}`, {
      displayName: 'Edited Name',
      email: 'edited@example.test',
    });
    expectStatus(res, 200);
    expect(res.json()).toMatchObject({ displayName: 'Edited Name', email: 'edited@example.test' });
    const [row] = await auditRowsOf(res);
    expect(row).toMatchObject({
      action: 'admin.user_update',
      targetUserId: created.user.id,
      actorId: adminId,
    });
    expect(row!.details).toMatchObject({
      changed: ['displayName', 'email'],
      before: { displayName: 'edit-me', email: null },
      after: { displayName: 'Edited Name', email: 'edited@example.test' },
    });
    const cleared = await patch(`/api/admin/users/${created.user.id}`, { email: null });
    expect(cleared.json().email).toBeNull();
  });

  it('disabling ends every session of the user at once; enabling lets them sign in again', async () => {
    const victim = await createEnrolledUser(t, 'to-disable');
    expectStatus(await victim.browser.get('/api/me/sessions'), 200);
    const res = await patch(`/api/admin/users/${victim.userId}`, { disabled: true });
    expectStatus(res, 200);
    expect(res.json().disabled).toBe(true);
    expect(await t.db.prisma.session.count({ where: { userId: victim.userId } })).toBe(0);
    expectStatus(await victim.browser.get('/api/me/sessions'), 401);
    const [row] = await auditRowsOf(res);
    expect(row!.details).toMatchObject({
      before: { disabled: false },
      after: { disabled: true },
      sessionsEnded: 1,
    });

    const login = await new Browser(t.app).post('/api/auth/login', {
      username: 'to-disable',
      password: GOOD_PASSWORD,
    });
    expectStatus(login, 401);
    expectStatus(await patch(`/api/admin/users/${victim.userId}`, { disabled: false }), 200);
    const back = await new Browser(t.app).post('/api/auth/login', {
      username: 'to-disable',
      password: GOOD_PASSWORD,
    });
    expectStatus(back, 200);
  });

  it('keeps an admin from demoting or disabling themselves, and keeps one admin', async () => {
    expectField(await patch(`/api/admin/users/${adminId}`, { isAdmin: false }), 400, 'isAdmin');
    expectField(await patch(`/api/admin/users/${adminId}`, { disabled: true }), 400, 'disabled');
    expectField(await post(`/api/admin/users/${adminId}/reset-mfa`), 400, 'id');
    expectField(await post(`/api/admin/users/${adminId}/enrolment-link`), 400, 'id');
    expect((await get(`/api/admin/users/${adminId}`)).json()).toMatchObject({
      isAdmin: true,
      disabled: false,
    });

    const second = await createUser('second-admin', { isAdmin: true });
    expect(second.user).toMatchObject({ isAdmin: true });
    expectStatus(await patch(`/api/admin/users/${second.user.id}`, { isAdmin: false }), 200);

    // An operator (no signed-in actor) could otherwise remove the last enabled admin.
    const enabledAdmins = await t.db.prisma.user.count({ where: { isAdmin: true, disabled: false } });
    expect(enabledAdmins).toBe(1);
    const operator = {
      actor: { id: null, username: 'os:test' },
      ctx: { ip: 'local', userAgent: 'test', requestId: 'last-admin' },
    };
    await expect(
      t.ctx.services.admin.users.update(operator, adminId, { isAdmin: false }),
    ).rejects.toMatchObject({
      code: 'conflict',
      fields: [{ field: 'isAdmin', reason: 'last administrator' }],
    });
    await expect(
      t.ctx.services.admin.users.update(operator, adminId, { disabled: true }),
    ).rejects.toMatchObject({
      code: 'conflict',
    });
    expect(await t.db.prisma.auditEvent.count({ where: { requestId: 'last-admin' } })).toBe(0);
  });

  it('resets MFA (ending sessions) and unlocks a locked user', async () => {
    const u = await createEnrolledUser(t, 'mfa-and-lock');
    const reset = await post(`/api/admin/users/${u.userId}/reset-mfa`);
    expectStatus(reset, 200);
    expect(reset.json().user).toMatchObject({ mfaEnrolled: false, enrolmentLinkRequired: true });
    const linkToken = tokenOf(reset.json().enrolment.url);
    expectStatus(await u.browser.get('/api/me/sessions'), 401);
    expect(await t.db.prisma.recoveryCode.count({ where: { userId: u.userId } })).toBe(0);
    const [resetRow] = await auditRowsOf(reset);
    expect(resetRow).toMatchObject({ action: 'admin.user_reset_mfa', targetUserId: u.userId });
    expect(resetRow!.details).toMatchObject({ before: { mfaEnrolled: true }, after: { mfaEnrolled: false } });

    for (let i = 0; i < 5; i++) {
      await new Browser(t.app).post('/api/auth/login', {
        username: 'mfa-and-lock',
        password: 'wrong password 123',
      });
    }
    const locked = await get(`/api/admin/users/${u.userId}`);
    expect(locked.json().lockedUntil).not.toBeNull();
    expectStatus(
      await new Browser(t.app).post('/api/auth/login', { username: 'mfa-and-lock', password: GOOD_PASSWORD }),
      423,
    );
    const unlock = await post(`/api/admin/users/${u.userId}/unlock`);
    expectStatus(unlock, 200);
    expect(unlock.json().lockedUntil).toBeNull();
    const [unlockRow] = await auditRowsOf(unlock);
    expect(unlockRow!.details).toMatchObject({ after: { lockedUntil: null } });
    expect((unlockRow!.details as { before: { lockedUntil: string } }).before.lockedUntil).toMatch(/^\d{4}-/);
    // The password alone no longer opens enrolment: whoever knew it would own the account.
    const passwordOnly = new Browser(t.app);
    const login = await passwordOnly.post('/api/auth/login', {
      username: 'mfa-and-lock',
      password: GOOD_PASSWORD,
    });
    expectStatus(login, 403);
    expect(login.json()).toMatchObject({ error: 'enrolment_link_required' });
    expect(login.json().message).toMatch(/ask an administrator for an enrolment link/i);
    expect(login.headers['set-cookie']).toBeUndefined();
    expectStatus(await passwordOnly.post('/api/auth/enrol/start', {}), 401);
    const denied = await t.db.prisma.auditEvent.findFirst({
      where: { action: 'auth.password', actorId: u.userId },
      orderBy: { id: 'desc' },
    });
    expect(denied).toMatchObject({ outcome: 'denied', details: { reason: 'enrolment_link_required' } });

    // The link the reset produced sets a new password and opens enrolment, once.
    const holder = new Browser(t.app);
    const enrol = await holder.post('/api/enrol', { token: linkToken, password: `${GOOD_PASSWORD} anew` });
    expectStatus(enrol, 200);
    expect(enrol.json()).toEqual({ stage: 'enroll' });
    expectStatus(await holder.post('/api/auth/enrol/start', {}), 200);
    expect((await get(`/api/admin/users/${u.userId}`)).json()).toMatchObject({
      enrolmentLinkRequired: false,
    });
    expectStatus(
      await new Browser(t.app).post('/api/enrol', { token: linkToken, password: `${GOOD_PASSWORD} again` }),
      410,
    );
    // The old password is gone with the link; the new one continues an unfinished enrolment.
    expectStatus(
      await new Browser(t.app).post('/api/auth/login', { username: 'mfa-and-lock', password: GOOD_PASSWORD }),
      401,
    );
    const resumed = await new Browser(t.app).post('/api/auth/login', {
      username: 'mfa-and-lock',
      password: `${GOOD_PASSWORD} anew`,
    });
    expect(resumed.json()).toEqual({ stage: 'enroll' });
  });
});

describe('groups', () => {
  it('creates, lists with member counts, renames and deletes; manages members', async () => {
    const created = await post('/api/admin/groups', { name: 'Platform', description: 'Platform team' });
    expectStatus(created, 201);
    const group = created.json();
    expect(group).toMatchObject({ name: 'Platform', description: 'Platform team', memberCount: 0 });
    expect((await auditRowsOf(created))[0]).toMatchObject({ action: 'admin.group_create' });

    expectField(await post('/api/admin/groups', { name: 'Platform' }), 409, 'name');
    expectField(await post('/api/admin/groups', { name: '  ' }), 400, 'name');

    const add = await post(`/api/admin/groups/${group.id}/members`, { userId: memberId });
    expectStatus(add, 200);
    const [addRow] = await auditRowsOf(add);
    expect(addRow).toMatchObject({ action: 'admin.group_member_add', targetUserId: memberId });
    expect(addRow!.details).toMatchObject({ before: null, after: { groupId: group.id, userId: memberId } });
    expectField(await post(`/api/admin/groups/${group.id}/members`, { userId: memberId }), 409, 'userId');
    expectField(
      await post(`/api/admin/groups/${group.id}/members`, { userId: '00000000-0000-4000-8000-000000000001' }),
      404,
      'userId',
    );

    const list = await get('/api/admin/groups');
    expect(list.json().groups.find((g: { id: string }) => g.id === group.id)).toMatchObject({
      memberCount: 1,
    });
    const members = await get(`/api/admin/groups/${group.id}/members`);
    expect(members.json().members).toEqual([
      expect.objectContaining({ userId: memberId, username: 'plain-member' }),
    ]);
    expect((await get(`/api/admin/users/${memberId}`)).json().groups).toEqual([
      { id: group.id, name: 'Platform' },
    ]);

    const renamed = await patch(`/api/admin/groups/${group.id}`, { name: 'Platform Eng' });
    expectStatus(renamed, 200);
    expect((await auditRowsOf(renamed))[0]!.details).toMatchObject({
      before: { name: 'Platform' },
      after: { name: 'Platform Eng' },
    });

    const removed = await del(`/api/admin/groups/${group.id}/members/${memberId}`);
    expectStatus(removed, 200);
    expect((await auditRowsOf(removed))[0]).toMatchObject({
      action: 'admin.group_member_remove',
      targetUserId: memberId,
    });
    expectStatus(await del(`/api/admin/groups/${group.id}/members/${memberId}`), 404);

    const deleted = await del(`/api/admin/groups/${group.id}`);
    expectStatus(deleted, 200);
    expect((await auditRowsOf(deleted))[0]!.details).toMatchObject({
      before: { name: 'Platform Eng' },
      after: null,
    });
    expectStatus(await get(`/api/admin/groups/${group.id}`), 404);
    expectStatus(await del(`/api/admin/groups/${group.id}`), 404);
    expectStatus(await get(`/api/admin/groups/${group.id}/members`), 404);
  });
});

describe('AWS accounts', () => {
  it('creates, reads, updates and deletes, auditing each change with the account column', async () => {
    const awsAccountId = nextAwsAccountId();
    const created = await post('/api/admin/accounts', {
      awsAccountId,
      name: 'Production',
      partition: 'aws',
      colour: '#AA00FF',
      description: 'prod',
      defaultRegion: 'eu-west-1',
    });
    expectStatus(created, 201);
    const account = created.json();
    expect(account).toMatchObject({
      awsAccountId,
      name: 'Production',
      partition: 'aws',
      colour: '#aa00ff',
      defaultRegion: 'eu-west-1',
      disabled: false,
      roleCount: 0,
    });
    const [row] = await auditRowsOf(created);
    expect(row).toMatchObject({ action: 'admin.account_create', accountId: account.id });

    expectStatus(await get(`/api/admin/accounts/${account.id}`), 200);
    expect((await get('/api/admin/accounts')).json().accounts.map((a: { id: string }) => a.id)).toContain(
      account.id,
    );

    const updated = await patch(`/api/admin/accounts/${account.id}`, { disabled: true, defaultRegion: null });
    expectStatus(updated, 200);
    expect(updated.json()).toMatchObject({ disabled: true, defaultRegion: null });
    expect((await auditRowsOf(updated))[0]).toMatchObject({
      action: 'admin.account_update',
      accountId: account.id,
      details: expect.objectContaining({
        before: expect.objectContaining({ disabled: false, defaultRegion: 'eu-west-1' }),
        after: expect.objectContaining({ disabled: true, defaultRegion: null }),
      }),
    });

    const deleted = await del(`/api/admin/accounts/${account.id}`);
    expectStatus(deleted, 200);
    expect((await auditRowsOf(deleted))[0]).toMatchObject({
      action: 'admin.account_delete',
      accountId: account.id,
    });
    expectStatus(await get(`/api/admin/accounts/${account.id}`), 404);
  });

  it('validates every field and names it', async () => {
    const base = { awsAccountId: nextAwsAccountId(), name: 'valid-name' };
    expectField(await post('/api/admin/accounts', { ...base, awsAccountId: '12345' }), 400, 'awsAccountId');
    expectField(
      await post('/api/admin/accounts', { ...base, awsAccountId: '12345678901a' }),
      400,
      'awsAccountId',
    );
    expectField(await post('/api/admin/accounts', { ...base, colour: 'red' }), 400, 'colour');
    expectField(await post('/api/admin/accounts', { ...base, colour: '#12345' }), 400, 'colour');
    expectField(
      await post('/api/admin/accounts', { ...base, defaultRegion: 'mars-north-1x' }),
      400,
      'defaultRegion',
    );
    expectField(
      await post('/api/admin/accounts', { ...base, partition: 'aws-cn', defaultRegion: 'eu-west-1' }),
      400,
      'defaultRegion',
      /partition aws-cn/,
    );
    expectField(await post('/api/admin/accounts', { ...base, partition: 'aws-mars' }), 400, 'partition');
    expectField(await post('/api/admin/accounts', { ...base, name: '' }), 400, 'name');
    // Several problems at once are all reported.
    const many = await post('/api/admin/accounts', { awsAccountId: 'x', name: 'ok', colour: 'y' });
    expectField(many, 400, 'awsAccountId');
    expectField(many, 400, 'colour');
    const cn = await createAccount({ partition: 'aws-cn', defaultRegion: 'cn-north-1' });
    expectField(
      await patch(`/api/admin/accounts/${cn.id}`, { defaultRegion: 'us-east-1' }),
      400,
      'defaultRegion',
    );
    expectField(await patch(`/api/admin/accounts/${cn.id}`, { partition: 'aws' }), 400, 'defaultRegion');
  });

  it('answers duplicates with 409, unknown ids with 404, and keeps accounts with roles', async () => {
    const account = await createAccount({ name: 'Unique Name' });
    expectField(
      await post('/api/admin/accounts', { awsAccountId: account.awsAccountId, name: 'other' }),
      409,
      'awsAccountId',
    );
    expectField(
      await post('/api/admin/accounts', { awsAccountId: nextAwsAccountId(), name: 'Unique Name' }),
      409,
      'name',
    );
    const other = await createAccount();
    expectField(await patch(`/api/admin/accounts/${other.id}`, { name: 'Unique Name' }), 409, 'name');

    const unknown = '00000000-0000-4000-8000-000000000002';
    expectStatus(await get(`/api/admin/accounts/${unknown}`), 404);
    expectStatus(await patch(`/api/admin/accounts/${unknown}`, { name: 'x' }), 404);
    expectStatus(await del(`/api/admin/accounts/${unknown}`), 404);

    await createRole(account.id, 'Keeper');
    expectField(await del(`/api/admin/accounts/${account.id}`), 409, 'id');
    expectField(
      await patch(`/api/admin/accounts/${account.id}`, { partition: 'aws-us-gov' }),
      409,
      'partition',
    );
    expectField(
      await patch(`/api/admin/accounts/${account.id}`, { awsAccountId: nextAwsAccountId() }),
      409,
      'awsAccountId',
    );
    expectStatus(await get(`/api/admin/accounts/${account.id}`), 200);
  });
});

describe('roles', () => {
  it('accepts a name, a path and name, or an ARN, and stores the ARN', async () => {
    const account = await createAccount();
    const byName = await createRole(account.id, 'ReadOnly');
    expect(byName.arn).toBe(`arn:aws:iam::${account.awsAccountId}:role/ReadOnly`);
    const byPath = await createRole(account.id, '/teams/ops/Operator', { displayName: 'Ops' });
    expect(byPath).toMatchObject({
      arn: `arn:aws:iam::${account.awsAccountId}:role/teams/ops/Operator`,
      roleName: 'Operator',
      rolePath: '/teams/ops/',
      displayName: 'Ops',
    });
    const byArn = await createRole(account.id, `arn:aws:iam::${account.awsAccountId}:role/Admin`, {
      maxSessionSeconds: 43200,
      requiresStepUp: true,
    });
    expect(byArn).toMatchObject({
      roleName: 'Admin',
      displayName: 'Admin',
      maxSessionSeconds: 43200,
      requiresStepUp: true,
    });

    const gov = await createAccount({ partition: 'aws-us-gov' });
    const govRole = await createRole(gov.id, 'GovRole');
    expect(govRole.arn).toBe(`arn:aws-us-gov:iam::${gov.awsAccountId}:role/GovRole`);

    const listed = await get(`/api/admin/roles?accountId=${account.id}`);
    expect(
      listed
        .json()
        .roles.map((r: { roleName: string }) => r.roleName)
        .sort(),
    ).toEqual(['Admin', 'Operator', 'ReadOnly']);
    expect((await get(`/api/admin/accounts/${account.id}`)).json().roleCount).toBe(3);
  });

  it('validates the role reference, duration and session policy', async () => {
    const account = await createAccount();
    const role = (value: string, extra: Record<string, unknown> = {}) =>
      post('/api/admin/roles', { accountId: account.id, role: value, ...extra });
    expectField(await role('arn:aws:iam::210987654321:role/Other'), 400, 'role', /account 210987654321/);
    expectField(
      await role(`arn:aws-cn:iam::${account.awsAccountId}:role/Other`),
      400,
      'role',
      /partition aws-cn/,
    );
    expectField(await role('bad name!'), 400, 'role');
    expectField(await role('role/NoLeadingSlash'), 400, 'role');
    expectField(await role('Short', { maxSessionSeconds: 899 }), 400, 'maxSessionSeconds');
    expectField(await role('Long', { maxSessionSeconds: 43201 }), 400, 'maxSessionSeconds');
    expectField(await role('Bad', { sessionPolicy: '{not json' }), 400, 'sessionPolicy');
    const huge = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: 's3:GetObject',
          Resource: Array.from({ length: 100 }, (_, i) => `arn:aws:s3:::bucket-${i}/*`),
        },
      ],
    });
    expect(huge.length).toBeGreaterThan(2048);
    expectField(await role('TooLong', { sessionPolicy: huge }), 400, 'sessionPolicy');
    expectField(
      await post('/api/admin/roles', { accountId: '00000000-0000-4000-8000-000000000003', role: 'X' }),
      404,
      'accountId',
    );
    expect(await t.db.prisma.role.count({ where: { accountId: account.id } })).toBe(0);
  });

  it('stores session policies minified, updates, clears, rejects duplicates and deletes', async () => {
    const account = await createAccount();
    const policy = `{
      "Version": "2012-10-17",
      "Statement": [ { "Effect": "Allow", "Action": "s3:ListAllMyBuckets", "Resource": "*" } ]
    }`;
    const created = await createRole(account.id, 'Scoped', { sessionPolicy: policy });
    const stored = (await get(`/api/admin/roles/${created.id}`)).json();
    expect(stored.sessionPolicy).toBe(JSON.stringify(JSON.parse(policy)));

    expectField(await post('/api/admin/roles', { accountId: account.id, role: 'Scoped' }), 409, 'role');
    expectField(
      await post('/api/admin/roles', {
        accountId: account.id,
        role: `arn:aws:iam::${account.awsAccountId}:role/Scoped`,
      }),
      409,
      'role',
    );

    const updated = await patch(`/api/admin/roles/${created.id}`, {
      sessionPolicy: null,
      maxSessionSeconds: 7200,
      displayName: 'Scoped access',
    });
    expectStatus(updated, 200);
    expect(updated.json()).toMatchObject({
      sessionPolicy: null,
      maxSessionSeconds: 7200,
      displayName: 'Scoped access',
    });
    const [row] = await auditRowsOf(updated);
    expect(row).toMatchObject({ action: 'admin.role_update', accountId: account.id, roleId: created.id });
    expect(row!.details).toMatchObject({
      before: { sessionPolicy: stored.sessionPolicy, maxSessionSeconds: 3600 },
      after: { sessionPolicy: null, maxSessionSeconds: 7200 },
    });
    expectField(
      await patch(`/api/admin/roles/${created.id}`, { maxSessionSeconds: 899 }),
      400,
      'maxSessionSeconds',
    );
    expectField(
      await patch(`/api/admin/roles/${created.id}`, { role: 'arn:aws:iam::000000000000:role/Scoped' }),
      400,
      'role',
    );

    const deleted = await del(`/api/admin/roles/${created.id}`);
    expectStatus(deleted, 200);
    expect((await auditRowsOf(deleted))[0]).toMatchObject({
      action: 'admin.role_delete',
      roleId: created.id,
    });
    expectStatus(await get(`/api/admin/roles/${created.id}`), 404);
    expectStatus(await patch(`/api/admin/roles/${created.id}`, { displayName: 'x' }), 404);
  });
});

describe('grants', () => {
  let account: { id: string; awsAccountId: string };
  let role: { id: string; arn: string };
  let groupId: string;
  let other: { userId: string };

  beforeAll(async () => {
    account = await createAccount();
    role = await createRole(account.id, 'Deployer');
    groupId = (await post('/api/admin/groups', { name: 'deployers' })).json().id;
    const u = await createUser('grant-target');
    other = { userId: u.user.id };
  });

  it('creates one grant per subject in one request, audited per grant', async () => {
    const expiresAt = new Date(Date.now() + 86_400_000).toISOString();
    const res = await post('/api/admin/grants', {
      roleId: role.id,
      userIds: [memberId, other.userId],
      groupIds: [groupId],
      allowConsole: true,
      allowCli: false,
      maxSessionSeconds: 1800,
      sourceCidrs: ['10.1.2.3/8', '2001:DB8::/32', '10.0.0.0/8'],
      expiresAt,
      note: 'ticket OPS-1',
    });
    expectStatus(res, 201);
    const grants = res.json().grants;
    expect(grants).toHaveLength(3);
    expect(grants[0]).toMatchObject({
      roleId: role.id,
      userId: memberId,
      groupId: null,
      subject: { type: 'user', id: memberId, name: 'plain-member' },
      role: { id: role.id, arn: role.arn },
      account: { id: account.id },
      allowConsole: true,
      allowCli: false,
      maxSessionSeconds: 1800,
      sourceCidrs: ['10.0.0.0/8', '2001:db8::/32'],
      expiresAt,
      expired: false,
      note: 'ticket OPS-1',
    });
    expect(grants[2]).toMatchObject({ userId: null, groupId, subject: { type: 'group', name: 'deployers' } });

    const rows = await auditRowsOf(res);
    expect(rows.map((r) => r.action)).toEqual([
      'admin.grant_create',
      'admin.grant_create',
      'admin.grant_create',
    ]);
    expect(rows[0]).toMatchObject({
      accountId: account.id,
      roleId: role.id,
      targetUserId: memberId,
      actorId: adminId,
    });
    expect(rows[2]).toMatchObject({ targetUserId: null, roleId: role.id });
    expect(rows[0]!.details).toMatchObject({
      grantId: grants[0].id,
      before: null,
      after: { allowCli: false },
    });

    expect((await get(`/api/admin/grants?roleId=${role.id}`)).json().grants).toHaveLength(3);
    expect((await get(`/api/admin/grants?userId=${memberId}&roleId=${role.id}`)).json().grants).toHaveLength(
      1,
    );
    expect((await get(`/api/admin/grants?groupId=${groupId}`)).json().grants).toHaveLength(1);
    expect((await get(`/api/admin/roles/${role.id}`)).json().grantCount).toBe(3);

    for (const g of grants) expectStatus(await del(`/api/admin/grants/${g.id}`), 200);
  });

  it('validates every field and names it', async () => {
    const base = { roleId: role.id, userIds: [memberId], allowConsole: true, allowCli: true };
    const grant = (extra: Record<string, unknown>) => post('/api/admin/grants', { ...base, ...extra });
    expectField(await grant({ sourceCidrs: ['10.0.0.0/33'] }), 400, 'sourceCidrs.0');
    expectField(await grant({ sourceCidrs: ['192.168.0.0/16', 'not-an-ip'] }), 400, 'sourceCidrs.1');
    expectField(
      await grant({ expiresAt: new Date(Date.now() - 60_000).toISOString() }),
      400,
      'expiresAt',
      'must be in the future',
    );
    expectField(await grant({ maxSessionSeconds: 899 }), 400, 'maxSessionSeconds');
    expectField(await grant({ maxSessionSeconds: 43201 }), 400, 'maxSessionSeconds');
    expectField(await grant({ allowConsole: false, allowCli: false }), 400, 'allowConsole');
    expectField(await grant({ userIds: [], groupIds: [] }), 400, 'userIds');
    expectField(await grant({ userIds: ['nope'] }), 400, 'userIds.0');
    expectField(await grant({ roleId: '00000000-0000-4000-8000-000000000004' }), 404, 'roleId');
    expectField(
      await grant({ userIds: [memberId, '00000000-0000-4000-8000-000000000005'] }),
      404,
      'userIds.1',
    );
    expectField(
      await grant({ userIds: [], groupIds: ['00000000-0000-4000-8000-000000000006'] }),
      404,
      'groupIds.0',
    );
    expect(await t.db.prisma.grant.count({ where: { roleId: role.id } })).toBe(0);
  });

  it('is all or nothing: a failure half way leaves no grant and no audit row', async () => {
    const auditBefore = await t.db.prisma.auditEvent.count({ where: { action: 'admin.grant_create' } });
    // The second subject repeats the first: the first insert and its audit row are already
    // written in the transaction when the second one fails.
    const res = await post('/api/admin/grants', {
      roleId: role.id,
      userIds: [other.userId, other.userId],
      groupIds: [groupId],
      allowConsole: true,
      allowCli: true,
    });
    expectField(res, 409, 'userIds.1', 'already granted this role');
    expect(await t.db.prisma.grant.count({ where: { roleId: role.id } })).toBe(0);
    expect(await t.db.prisma.auditEvent.count({ where: { action: 'admin.grant_create' } })).toBe(auditBefore);
    expect(await auditRowsOf(res)).toEqual([]);

    // An existing grant makes a later request fail the same way.
    expectStatus(
      await post('/api/admin/grants', {
        roleId: role.id,
        userIds: [memberId],
        allowConsole: true,
        allowCli: true,
      }),
      201,
    );
    const again = await post('/api/admin/grants', {
      roleId: role.id,
      groupIds: [groupId],
      userIds: [other.userId, memberId],
      allowConsole: true,
      allowCli: true,
    });
    expectField(again, 409, 'userIds.1');
    expect(await t.db.prisma.grant.count({ where: { roleId: role.id } })).toBe(1);

    const verify = await get('/api/admin/audit/verify');
    expect(verify.json()).toMatchObject({ intact: true, broken: null });
  });

  it('updates and deletes a grant, auditing before and after', async () => {
    const [existing] = (await get(`/api/admin/grants?roleId=${role.id}&userId=${memberId}`)).json().grants;
    const expiresAt = new Date(Date.now() + 3_600_000).toISOString();
    const res = await patch(`/api/admin/grants/${existing.id}`, {
      allowConsole: false,
      sourceCidrs: ['203.0.113.7'],
      expiresAt,
      maxSessionSeconds: null,
    });
    expectStatus(res, 200);
    expect(res.json()).toMatchObject({
      allowConsole: false,
      allowCli: true,
      sourceCidrs: ['203.0.113.7/32'],
      expiresAt,
    });
    const [row] = await auditRowsOf(res);
    expect(row).toMatchObject({
      action: 'admin.grant_update',
      targetUserId: memberId,
      accountId: account.id,
      roleId: role.id,
      requestId: res.headers['x-request-id'],
    });
    expect(row!.details).toMatchObject({
      grantId: existing.id,
      before: { allowConsole: true, sourceCidrs: [], expiresAt: null },
      after: { allowConsole: false, sourceCidrs: ['203.0.113.7/32'], expiresAt },
    });

    expectField(await patch(`/api/admin/grants/${existing.id}`, { allowCli: false }), 400, 'allowConsole');
    expectField(
      await patch(`/api/admin/grants/${existing.id}`, { expiresAt: '2001-01-01T00:00:00Z' }),
      400,
      'expiresAt',
    );
    expectField(
      await patch(`/api/admin/grants/${existing.id}`, { sourceCidrs: ['1.2.3.4/40'] }),
      400,
      'sourceCidrs.0',
    );
    const cleared = await patch(`/api/admin/grants/${existing.id}`, { expiresAt: null, sourceCidrs: [] });
    expect(cleared.json()).toMatchObject({ expiresAt: null, sourceCidrs: [] });

    const deleted = await del(`/api/admin/grants/${existing.id}`);
    expectStatus(deleted, 200);
    expect((await auditRowsOf(deleted))[0]).toMatchObject({
      action: 'admin.grant_delete',
      targetUserId: memberId,
      details: expect.objectContaining({ after: null, before: expect.objectContaining({ allowCli: true }) }),
    });
    expectStatus(await get(`/api/admin/grants/${existing.id}`), 404);
    expectStatus(await patch(`/api/admin/grants/${existing.id}`, { note: 'x' }), 404);
    expectStatus(await del(`/api/admin/grants/${existing.id}`), 404);
  });

  it('removes grants with their role or group, listing them in the audit row', async () => {
    const r = await createRole(account.id, 'Ephemeral');
    const g = (await post('/api/admin/groups', { name: 'ephemeral-group' })).json();
    const created = await post('/api/admin/grants', {
      roleId: r.id,
      groupIds: [g.id],
      allowConsole: true,
      allowCli: true,
    });
    const grantId = created.json().grants[0].id;
    const res = await del(`/api/admin/groups/${g.id}`);
    expectStatus(res, 200);
    expect((await auditRowsOf(res))[0]!.details).toMatchObject({
      removedGrants: [{ id: grantId, roleId: r.id }],
    });
    expectStatus(await get(`/api/admin/grants/${grantId}`), 404);
  });
});

describe('audit log API', () => {
  let account: { id: string };
  let role: { id: string };

  beforeAll(async () => {
    account = await createAccount({ name: 'audited-account' });
    role = await createRole(account.id, 'AuditedRole');
    await patch(`/api/admin/roles/${role.id}`, { description: 'one' });
    await patch(`/api/admin/roles/${role.id}`, { description: 'two' });
    // A hostile user agent, which an export must not turn into a spreadsheet formula.
    await send(
      admin,
      'PATCH',
      `/api/admin/roles/${role.id}`,
      { description: 'three' },
      { 'user-agent': '=HYPERLINK("x")' },
    );
  });

  type Event = {
    id: string;
    action: string;
    outcome: string;
    accountId: string | null;
    roleId: string | null;
    actorId: string | null;
    targetUserId: string | null;
    occurredAt: string;
  };

  async function page(query: string) {
    const res = await get(`/api/admin/audit?${query}`);
    expectStatus(res, 200);
    return res.json() as { events: Event[]; nextCursor: string | null };
  }

  it('filters by account, role, action (exact and prefix), outcome, user and time', async () => {
    const byAccount = await page(`account=${account.id}`);
    expect(byAccount.events.map((e) => e.action)).toEqual([
      'admin.role_update',
      'admin.role_update',
      'admin.role_update',
      'admin.role_create',
      'admin.account_create',
    ]);
    expect(byAccount.events.every((e) => e.accountId === account.id)).toBe(true);
    const ids = byAccount.events.map((e) => BigInt(e.id));
    expect([...ids].sort((a, b) => (a > b ? -1 : 1))).toEqual(ids);

    expect((await page(`role=${role.id}`)).events).toHaveLength(4);
    expect((await page(`role=${role.id}&action=admin.role_create`)).events).toHaveLength(1);
    const prefix = await page('action=admin.role_&limit=500');
    expect(prefix.events).toHaveLength(0);
    const byPrefix = await page('action=admin.role_*&limit=500');
    expect(byPrefix.events.length).toBeGreaterThanOrEqual(4);
    expect(byPrefix.events.every((e) => e.action.startsWith('admin.role_'))).toBe(true);
    const dotted = await page('action=auth.&limit=500');
    expect(dotted.events.length).toBeGreaterThan(0);
    expect(dotted.events.every((e) => e.action.startsWith('auth.'))).toBe(true);

    const failures = await page('outcome=failure&limit=500');
    expect(failures.events.length).toBeGreaterThan(0);
    expect(failures.events.every((e) => e.outcome === 'failure')).toBe(true);

    const byUser = await page(`user=${memberId}&limit=500`);
    expect(byUser.events.length).toBeGreaterThan(0);
    expect(byUser.events.every((e) => e.actorId === memberId || e.targetUserId === memberId)).toBe(true);
    expect(byUser.events.some((e) => e.action === 'admin.group_member_add')).toBe(true);

    const newest = byAccount.events[0]!;
    const oldest = byAccount.events[byAccount.events.length - 1]!;
    const window = await page(`account=${account.id}&from=${oldest.occurredAt}&to=${oldest.occurredAt}`);
    expect(window.events.map((e) => e.id)).toContain(oldest.id);
    expect(window.events.map((e) => e.id)).not.toContain(newest.id);
    expect(
      (await page(`account=${account.id}&from=${new Date(Date.now() + 60_000).toISOString()}`)).events,
    ).toEqual([]);

    expectField(await get('/api/admin/audit?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z'), 400, 'from');
    expectField(await get('/api/admin/audit?outcome=maybe'), 400, 'outcome');
    expectField(await get('/api/admin/audit?user=nope'), 400, 'user');
    expectField(await get('/api/admin/audit?limit=501'), 400, 'limit');
  });

  it('pages newest first with an opaque cursor until the end', async () => {
    const all = await page(`account=${account.id}`);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const next = await page(`account=${account.id}&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(next.events.length).toBeLessThanOrEqual(2);
      seen.push(...next.events.map((e) => e.id));
      cursor = next.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect(seen).toEqual(all.events.map((e) => e.id));
    expect(cursor).toBeNull();
    expectField(await get('/api/admin/audit?cursor=not-a-cursor'), 400, 'cursor');

    const unfiltered = await page('limit=1');
    expect(unfiltered.events).toHaveLength(1);
    expect(unfiltered.nextCursor).not.toBeNull();
  });

  it('exports CSV with a header row, quoting and formula defusing', async () => {
    const res = await get(`/api/admin/audit/export?format=csv&account=${account.id}`);
    expectStatus(res, 200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="gatehouse-audit-[\w-]+\.csv"$/,
    );
    expect(res.headers['cache-control']).toBe('no-store');
    const lines = res.body.split('\r\n').filter(Boolean);
    expect(lines[0]).toBe(
      'id,occurredAt,action,outcome,actorId,actorUsername,targetUserId,accountId,roleId,correlationId,ip,userAgent,requestId,details,prevHash,hash',
    );
    expect(lines).toHaveLength(1 + 5);
    // Oldest first in an export.
    expect(lines[1]).toContain('admin.account_create');
    expect(res.body).toContain(`"'=HYPERLINK(""x"")"`);
    expect(res.body).not.toMatch(/(^|,)=HYPERLINK/m);
    // The details JSON is one quoted cell.
    expect(lines[2]).toMatch(/,"\{""after"":\{/);

    const exportRows = await auditRowsOf(res);
    expect(exportRows[0]).toMatchObject({ action: 'admin.audit_export', actorId: adminId });
  });

  it('exports JSON Lines with the same rows', async () => {
    const res = await get(`/api/admin/audit/export?format=jsonl&role=${role.id}`);
    expectStatus(res, 200);
    expect(res.headers['content-type']).toMatch(/^application\/x-ndjson/);
    expect(res.headers['content-disposition']).toMatch(/\.jsonl"$/);
    const rows = res.body
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { action: string; roleId: string; details: { after?: unknown } });
    expect(rows.map((r) => r.action)).toEqual([
      'admin.role_create',
      'admin.role_update',
      'admin.role_update',
      'admin.role_update',
    ]);
    expect(rows.every((r) => r.roleId === role.id)).toBe(true);
    expect(rows[3]!.details.after).toMatchObject({ description: 'three' });
    expectField(await get('/api/admin/audit/export?format=xml'), 400, 'format');
  });

  it('verifies the hash chain, and reports the first tampered row', async () => {
    const ok = await get('/api/admin/audit/verify');
    expectStatus(ok, 200);
    const total = await t.db.prisma.auditEvent.count();
    expect(ok.json()).toEqual({ intact: true, checked: total, broken: null });

    const victim = (await page(`role=${role.id}&action=admin.role_create`)).events[0]!;
    const original = await t.db.pool.query('SELECT details FROM audit_events WHERE id = $1', [victim.id]);
    // Tampering needs the append-only trigger out of the way, as a database owner could do.
    await t.db.pool.query('ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update_delete');
    try {
      await t.db.pool.query(`UPDATE audit_events SET details = '{"forged": true}' WHERE id = $1`, [
        victim.id,
      ]);
      const broken = await get('/api/admin/audit/verify');
      expectStatus(broken, 200);
      expect(broken.json()).toMatchObject({
        intact: false,
        broken: { id: victim.id, reason: 'hash_mismatch' },
      });
    } finally {
      await t.db.pool.query('UPDATE audit_events SET details = $2::jsonb WHERE id = $1', [
        victim.id,
        JSON.stringify(original.rows[0].details),
      ]);
      await t.db.pool.query('ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_update_delete');
    }
    expect((await get('/api/admin/audit/verify')).json()).toMatchObject({ intact: true });
  });
});
