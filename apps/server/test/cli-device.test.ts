/**
 * `gatehouse login` at the API level: device authorisation (RFC 8628 behaviour), CLI tokens as
 * bearer credentials and what they may reach, listing and revocation. Real Postgres, real app.
 */
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REDACT_PATHS } from '../src/app';
import { loadConfig } from '../src/config';
import { Browser, GOOD_PASSWORD, codeFor, createEnrolledUser, createTestApp } from './support';
import type { TestApp } from './support';

let t: TestApp;
const logLines: string[] = [];
const DEVICE_IP = '10.9.8.7';

beforeAll(async () => {
  const stream = new Writable({
    write(chunk, _enc, done) {
      logLines.push(String(chunk));
      done();
    },
  });
  t = await createTestApp(
    {},
    { logger: { level: 'trace', stream, redact: { paths: REDACT_PATHS, censor: '[redacted]' } } },
  );
});
afterAll(async () => {
  await t?.close();
});

type User = Awaited<ReturnType<typeof createEnrolledUser>>;

/** A TOTP code no earlier request has used: the service clock moves past the last steps first. */
async function freshCode(user: User): Promise<string> {
  t.clock.offsetMs += 90_000;
  await user.browser.get('/api/me/access'); // keep the browser session from going idle
  return codeFor(t, user.secret);
}

async function startDevice(ip = DEVICE_IP) {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/cli/device',
    remoteAddress: ip,
    headers: { 'content-type': 'application/json', 'user-agent': 'gatehouse-cli/0.1.0 (node; linux)' },
    payload: JSON.stringify({ client_name: 'gatehouse-cli/0.1.0 (linux)', hostname: 'laptop-7\u0007' }),
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as {
    device_code: string;
    user_code: string;
    verification_uri: string;
    verification_uri_complete: string;
    expires_in: number;
    interval: number;
  };
}

function poll(deviceCode: string, ip = DEVICE_IP) {
  return t.app.inject({
    method: 'POST',
    url: '/api/cli/token',
    remoteAddress: ip,
    headers: { 'content-type': 'application/json' },
    payload: JSON.stringify({
      device_code: deviceCode,
      grant_type: 'urn:ietf:params:oauth:grant-type:device_code',
    }),
  });
}

function bearer(
  token: string,
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  url: string,
  body?: unknown,
  headers: Record<string, string> = {},
) {
  return t.app.inject({
    method,
    url,
    remoteAddress: DEVICE_IP,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...headers,
    },
    ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
  });
}

/** The whole flow: the CLI asks, the user approves with a fresh code, the CLI redeems. */
async function cliLogin(user: User): Promise<{ token: string; tokenId: string }> {
  const device = await startDevice();
  const approve = await user.browser.post('/api/cli/device/approve', {
    userCode: device.user_code,
    totpCode: await freshCode(user),
  });
  expect(approve.statusCode, approve.body).toBe(200);
  const res = await poll(device.device_code);
  expect(res.statusCode, res.body).toBe(200);
  return { token: res.json().access_token, tokenId: res.json().token_id };
}

async function auditFor(userId: string) {
  return t.db.prisma.auditEvent.findMany({ where: { targetUserId: userId }, orderBy: { id: 'asc' } });
}

describe('device authorisation', () => {
  it('runs the RFC 8628 flow: pending, slow_down, approval with a fresh code, one token, single use', async () => {
    const alice = await createEnrolledUser(t, 'alice');
    const device = await startDevice();
    expect(device.device_code).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(device.user_code).toMatch(/^[BCDFGHJKLMNPQRSTVWXZ]{4}-[BCDFGHJKLMNPQRSTVWXZ]{4}$/);
    expect(device).toMatchObject({
      verification_uri: `${t.config.publicUrl.origin}/device`,
      verification_uri_complete: `${t.config.publicUrl.origin}/device?code=${device.user_code}`,
      expires_in: 600,
      interval: 5,
    });

    // Only hashes are stored.
    const row = await t.db.prisma.cliDeviceAuthorization.findFirstOrThrow({ orderBy: { createdAt: 'desc' } });
    const stored = JSON.stringify(row);
    expect(stored).not.toContain(device.device_code);
    expect(stored).not.toContain(device.user_code.replace('-', ''));
    expect(stored).not.toContain(device.user_code);

    const first = await poll(device.device_code);
    expect(first.statusCode).toBe(400);
    expect(first.json()).toMatchObject({ error: 'authorization_pending', interval: 5 });
    const tooFast = await poll(device.device_code);
    expect(tooFast.json()).toMatchObject({ error: 'slow_down', interval: 10 });
    t.clock.offsetMs += 10_000;
    expect((await poll(device.device_code)).json()).toMatchObject({
      error: 'authorization_pending',
      interval: 10,
    });

    // The approver sees which client, which machine and where the request came from.
    expect((await new Browser(t.app).get(`/api/cli/device/${device.user_code}`)).statusCode).toBe(401);
    const info = await alice.browser.get(
      `/api/cli/device/${device.user_code.toLowerCase().replace('-', ' ')}`,
    );
    expect(info.statusCode, info.body).toBe(200);
    expect(info.json()).toMatchObject({
      userCode: device.user_code,
      clientName: 'gatehouse-cli/0.1.0 (linux)',
      hostname: 'laptop-7?',
      ip: DEVICE_IP,
      userAgent: 'gatehouse-cli/0.1.0 (node; linux)',
    });

    // A wrong code approves nothing (and counts as a failed TOTP attempt); a mistyped user code
    // is refused before any TOTP code is spent.
    const wrong = await alice.browser.post('/api/cli/device/approve', {
      userCode: device.user_code,
      totpCode: '000000',
    });
    expect(wrong.statusCode).toBe(400);
    expect((await poll(device.device_code)).json().error).toBe('slow_down');
    const code = await freshCode(alice);
    const unknown = await alice.browser.post('/api/cli/device/approve', {
      userCode: 'BBBB-BBBB',
      totpCode: code,
    });
    expect(unknown.statusCode).toBe(404);
    const approve = await alice.browser.post('/api/cli/device/approve', {
      userCode: device.user_code,
      totpCode: code,
    });
    expect(approve.statusCode, approve.body).toBe(200);
    const again = await alice.browser.post('/api/cli/device/approve', {
      userCode: device.user_code,
      totpCode: await freshCode(alice),
    });
    expect(again.statusCode).toBe(404);

    const redeemed = await poll(device.device_code, '10.9.8.8');
    expect(redeemed.statusCode, redeemed.body).toBe(200);
    const body = redeemed.json();
    expect(body).toMatchObject({
      token_type: 'Bearer',
      expires_in: 12 * 3600,
      user: { id: alice.userId, username: 'alice', displayName: 'alice' },
    });
    expect(body.access_token).toMatch(/^ghcli_[A-Za-z0-9_-]{43}$/);
    expect(redeemed.headers['cache-control']).toBe('no-store');
    expect((await poll(device.device_code)).json().error).toBe('invalid_grant');

    const token = await t.db.prisma.cliToken.findUniqueOrThrow({ where: { id: body.token_id } });
    expect(JSON.stringify(token)).not.toContain(body.access_token);
    expect(token).toMatchObject({ userId: alice.userId, createdIp: '10.9.8.8', hostname: 'laptop-7?' });

    const actions = (await auditFor(alice.userId)).map((r) => `${r.action}:${r.outcome}`);
    expect(actions).toEqual(
      expect.arrayContaining([
        'auth.step_up:failure',
        'cli.device_approve:success',
        'cli.token_issue:success',
      ]),
    );
    const issue = (await auditFor(alice.userId)).find((r) => r.action === 'cli.token_issue');
    expect(issue?.details).toMatchObject({
      tokenId: body.token_id,
      deviceIp: DEVICE_IP,
      hostname: 'laptop-7?',
    });
    expect(issue?.ip).toBe('10.9.8.8');
  });

  it('answers expired_token after 10 minutes, access_denied after a denial, invalid_grant for nonsense', async () => {
    const bob = await createEnrolledUser(t, 'bob');
    const late = await startDevice();
    t.clock.offsetMs += 10 * 60_000 + 1_000;
    expect((await poll(late.device_code)).json().error).toBe('expired_token');
    const tooLate = await bob.browser.post('/api/cli/device/approve', {
      userCode: late.user_code,
      totpCode: await freshCode(bob),
    });
    expect(tooLate.statusCode).toBe(404);

    const denied = await startDevice();
    const deny = await bob.browser.post('/api/cli/device/deny', { userCode: denied.user_code });
    expect(deny.statusCode, deny.body).toBe(200);
    expect((await poll(denied.device_code)).json()).toMatchObject({ error: 'access_denied' });
    expect((await auditFor(bob.userId)).map((r) => r.action)).toContain('cli.device_deny');

    expect((await poll('x'.repeat(43))).json().error).toBe('invalid_grant');
    const malformed = await poll('');
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error).toBe('validation');
  });

  it('allows a bounded number of polls', async () => {
    const device = await startDevice();
    let last = '';
    for (let i = 0; i < 151; i++) {
      t.clock.offsetMs += 1_000; // too fast: every answer is slow_down, and each one counts
      last = (await poll(device.device_code)).json().error;
    }
    expect(last).toBe('expired_token');
  });
});

describe('CLI tokens as bearer credentials', () => {
  it('reach the CLI routes as an active session and nothing else', async () => {
    const root = await createEnrolledUser(t, 'root', { isAdmin: true });
    const { token, tokenId } = await cliLogin(root);

    const access = await bearer(token, 'GET', '/api/me/access');
    expect(access.statusCode, access.body).toBe(200);
    const me = await bearer(token, 'GET', '/api/cli/session');
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({
      user: { username: 'root' },
      token: { id: tokenId, lastUsedIp: DEVICE_IP },
    });

    // Not admin routes (even for an admin), not account, MFA, session or token management.
    for (const [method, url, body] of [
      ['GET', '/api/admin/users', undefined],
      ['GET', '/api/admin/cli-tokens', undefined],
      [
        'POST',
        '/api/me/password',
        { currentPassword: GOOD_PASSWORD, totpCode: '123456', newPassword: 'x'.repeat(20) },
      ],
      ['POST', '/api/me/mfa/reset', { password: GOOD_PASSWORD, totpCode: '123456' }],
      ['GET', '/api/me/sessions', undefined],
      ['GET', '/api/me/cli-tokens', undefined],
      ['DELETE', `/api/me/cli-tokens/${tokenId}`, undefined],
      ['POST', '/api/auth/step-up', { code: '123456' }],
      ['POST', '/api/cli/device/approve', { userCode: 'BCDF-GHJK', totpCode: '123456' }],
      ['PUT', `/api/me/favourites/${tokenId}`, {}],
    ] as const) {
      const res = await bearer(token, method, url, body);
      expect(res.statusCode, `${method} ${url}: ${res.body}`).toBe(403);
    }
    // Public routes ignore the token; it never turns into a browser session.
    // Public routes ignore the token: to the browser-session endpoint a CLI token is nobody.
    expect((await bearer(token, 'GET', '/api/auth/session')).json()).toEqual({ stage: 'signed_out' });
    // JSON only, as for browsers.
    const form = await t.app.inject({
      method: 'POST',
      url: '/api/access/credentials',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'grantId=x',
    });
    expect(form.statusCode).toBe(415);

    // A bad token is refused even when a valid cookie comes with it: no fallback.
    const both = await bearer(`ghcli_${'A'.repeat(43)}`, 'GET', '/api/me/access', undefined, {
      cookie: root.browser.cookie!,
    });
    expect(both.statusCode).toBe(401);
    expect(both.json().message).toMatch(/gatehouse login/);
    expect((await bearer('nonsense', 'GET', '/api/me/access')).statusCode).toBe(401);

    const uses = (await auditFor(root.userId)).filter((r) => r.action === 'cli.token_use');
    expect(uses.length).toBe(2);
    expect(uses[0]?.details).toMatchObject({ tokenId, use: 'GET /api/me/access' });
  });

  it('are listed to their owner and revocable by the owner, by logout and by admins, effective at once', async () => {
    const carol = await createEnrolledUser(t, 'carol');
    const admin = await createEnrolledUser(t, 'admin2', { isAdmin: true });
    const mine = await cliLogin(carol);
    const second = await cliLogin(carol);
    const third = await cliLogin(carol);
    expect((await bearer(mine.token, 'GET', '/api/me/access')).statusCode).toBe(200);

    const list = await carol.browser.get('/api/me/cli-tokens');
    expect(list.statusCode).toBe(200);
    const tokens = list.json().tokens as Array<{ id: string; lastUsedAt: string | null; hostname: string }>;
    expect(tokens.map((x) => x.id).sort()).toEqual([mine.tokenId, second.tokenId, third.tokenId].sort());
    expect(tokens.find((x) => x.id === mine.tokenId)?.lastUsedAt).not.toBeNull();
    expect(list.body).not.toContain(mine.token);

    // Someone else cannot revoke it; its owner can.
    expect((await admin.browser.request('DELETE', `/api/me/cli-tokens/${mine.tokenId}`)).statusCode).toBe(
      404,
    );
    expect((await carol.browser.request('DELETE', `/api/me/cli-tokens/${mine.tokenId}`)).statusCode).toBe(
      200,
    );
    const revoked = await bearer(mine.token, 'GET', '/api/me/access');
    expect(revoked.statusCode).toBe(401);
    expect((await carol.browser.request('DELETE', `/api/me/cli-tokens/${mine.tokenId}`)).statusCode).toBe(
      404,
    );

    // `gatehouse logout` revokes its own token.
    expect((await bearer(second.token, 'POST', '/api/cli/logout', {})).statusCode).toBe(200);
    expect((await bearer(second.token, 'GET', '/api/cli/session')).statusCode).toBe(401);
    // ...and the session-only routes say so to a browser.
    expect((await carol.browser.post('/api/cli/logout', {})).statusCode).toBe(400);

    // Admins list and revoke.
    expect((await carol.browser.get('/api/admin/cli-tokens')).statusCode).toBe(403);
    const adminList = await admin.browser.get(
      `/api/admin/cli-tokens?userId=${carol.userId}&includeInactive=true`,
    );
    expect(adminList.statusCode, adminList.body).toBe(200);
    const reasons = Object.fromEntries(
      (adminList.json().tokens as Array<{ id: string; revokeReason: string | null }>).map((x) => [
        x.id,
        x.revokeReason,
      ]),
    );
    expect(reasons).toEqual({ [mine.tokenId]: 'user', [second.tokenId]: 'logout', [third.tokenId]: null });
    expect((await admin.browser.request('DELETE', `/api/admin/cli-tokens/${third.tokenId}`)).statusCode).toBe(
      200,
    );
    expect((await bearer(third.token, 'GET', '/api/me/access')).statusCode).toBe(401);
    expect((await admin.browser.request('DELETE', `/api/admin/cli-tokens/${third.tokenId}`)).statusCode).toBe(
      404,
    );

    const actions = (await auditFor(carol.userId)).map(
      (r) => `${r.action}:${r.outcome}:${(r.details as { reason?: string }).reason ?? ''}`,
    );
    expect(actions).toEqual(
      expect.arrayContaining([
        'cli.token_revoke:success:user',
        'cli.token_revoke:success:logout',
        'cli.token_revoke:success:admin',
        'cli.token_use:denied:revoked:user',
      ]),
    );

    // Revoke-all needs a user or an explicit all=true.
    const fourth = await cliLogin(carol);
    expect((await admin.browser.request('DELETE', '/api/admin/cli-tokens')).statusCode).toBe(400);
    const all = await admin.browser.request('DELETE', `/api/admin/cli-tokens?userId=${carol.userId}`);
    expect(all.json()).toEqual({ revoked: 1 });
    expect((await bearer(fourth.token, 'GET', '/api/me/access')).statusCode).toBe(401);
  });

  it('die with a disabled account, an MFA reset or a password change, and expire after 12 hours', async () => {
    const dave = await createEnrolledUser(t, 'dave');
    const admin = await createEnrolledUser(t, 'admin3', { isAdmin: true });
    const reason = async (tokenId: string) =>
      (await t.db.prisma.cliToken.findUniqueOrThrow({ where: { id: tokenId } })).revokeReason;

    const a = await cliLogin(dave);
    const disable = await admin.browser.request('PATCH', `/api/admin/users/${dave.userId}`, {
      disabled: true,
    });
    expect(disable.statusCode, disable.body).toBe(200);
    expect((await bearer(a.token, 'GET', '/api/me/access')).statusCode).toBe(401);
    expect(await reason(a.tokenId)).toBe('user_disabled');
    await admin.browser.request('PATCH', `/api/admin/users/${dave.userId}`, { disabled: false });
    expect((await bearer(a.token, 'GET', '/api/me/access')).statusCode).toBe(401); // enabling revives nothing

    const erin = await createEnrolledUser(t, 'erin');
    const b = await cliLogin(erin);
    const change = await erin.browser.post('/api/me/password', {
      currentPassword: GOOD_PASSWORD,
      totpCode: await freshCode(erin),
      newPassword: 'another long passphrase 77',
    });
    expect(change.statusCode, change.body).toBe(200);
    expect((await bearer(b.token, 'GET', '/api/me/access')).statusCode).toBe(401);
    expect(await reason(b.tokenId)).toBe('password_changed');

    const c = await cliLogin(erin);
    expect((await admin.browser.post(`/api/admin/users/${erin.userId}/reset-mfa`, {})).statusCode).toBe(200);
    expect((await bearer(c.token, 'GET', '/api/me/access')).statusCode).toBe(401);
    expect(await reason(c.tokenId)).toBe('mfa_changed');

    const frank = await createEnrolledUser(t, 'frank');
    const d = await cliLogin(frank);
    t.clock.offsetMs += 12 * 3_600_000 - 60_000;
    expect((await bearer(d.token, 'GET', '/api/me/access')).statusCode).toBe(200);
    t.clock.offsetMs += 61_000;
    expect((await bearer(d.token, 'GET', '/api/me/access')).statusCode).toBe(401);
  });

  it('re-check grants and step-up on every call', async () => {
    const gina = await createEnrolledUser(t, 'gina');
    const account = await t.db.prisma.awsAccount.create({
      data: { awsAccountId: '123456789012', name: 'sandbox' },
    });
    const plain = await t.db.prisma.role.create({
      data: {
        accountId: account.id,
        roleName: 'Plain',
        arn: 'arn:aws:iam::123456789012:role/Plain',
        displayName: 'Plain',
      },
    });
    const guarded = await t.db.prisma.role.create({
      data: {
        accountId: account.id,
        roleName: 'Guarded',
        arn: 'arn:aws:iam::123456789012:role/Guarded',
        displayName: 'Guarded',
        requiresStepUp: true,
      },
    });
    const team = await t.db.prisma.group.create({ data: { name: 'gina-team' } });
    await t.db.prisma.groupMembership.create({ data: { groupId: team.id, userId: gina.userId } });
    const g1 = await t.db.prisma.grant.create({ data: { roleId: plain.id, groupId: team.id } });
    const g2 = await t.db.prisma.grant.create({ data: { roleId: guarded.id, userId: gina.userId } });
    await t.ctx.changes.sync(); // written straight to the database: wait until the server has heard
    const { token } = await cliLogin(gina);
    const roles = (await bearer(token, 'GET', '/api/me/access')).json().accounts[0].roles;
    expect(roles.map((r: { roleName: string }) => r.roleName).sort()).toEqual(['Guarded', 'Plain']);

    // Leaving the group takes the role away on the very next call.
    await t.db.prisma.groupMembership.deleteMany({ where: { groupId: team.id } });
    await t.ctx.changes.sync();
    const gone = await bearer(token, 'POST', '/api/access/credentials', { grantId: g1.id });
    expect(gone.statusCode, gone.body).toBe(403);
    expect(gone.json().message).toMatch(/do not have access/);
    const after = (await bearer(token, 'GET', '/api/me/access')).json().accounts[0].roles;
    expect(after.map((r: { roleName: string }) => r.roleName)).toEqual(['Guarded']);

    // The approval's code counts as the step-up for 5 minutes; after that the role asks again.
    t.clock.offsetMs += 6 * 60_000;
    const stale = await bearer(token, 'POST', '/api/access/console', { grantId: g2.id });
    expect(stale.statusCode).toBe(403);
    expect(stale.json().fields).toEqual([{ field: 'stepUp', reason: 'required' }]);
  });
});

describe('secrets', () => {
  it('never reach the logs or the audit log', async () => {
    const hank = await createEnrolledUser(t, 'hank');
    const device = await startDevice();
    await hank.browser.post('/api/cli/device/approve', {
      userCode: device.user_code,
      totpCode: await freshCode(hank),
    });
    const res = await poll(device.device_code);
    const token = res.json().access_token as string;
    await bearer(token, 'GET', '/api/me/access');
    const logs = logLines.join('');
    expect(logs.length).toBeGreaterThan(0);
    expect(logs).toContain('/api/cli/token');
    for (const secret of [device.device_code, token]) {
      expect(logs).not.toContain(secret);
      const audit = JSON.stringify(
        await t.db.prisma.auditEvent.findMany({ select: { details: true, userAgent: true } }),
      );
      expect(audit).not.toContain(secret);
    }
  });

  it('keep the user code out of the access log of an approval, in every spelling', async () => {
    const ivy = await createEnrolledUser(t, 'ivy');
    const device = await startDevice();
    const from = logLines.length;
    // As the portal sends it (normalised), and as a person might type it into the address bar.
    const spellings = [device.user_code, device.user_code.replace('-', ''), device.user_code.toLowerCase()];
    for (const code of spellings) {
      // The CLI's link opens the approval page, which asks the API about the code.
      await ivy.browser.get(`/device?code=${encodeURIComponent(code)}`);
      const shown = await ivy.browser.get(`/api/cli/device/${encodeURIComponent(code)}`);
      expect(shown.statusCode, shown.body).toBe(200);
    }
    const approve = await ivy.browser.post('/api/cli/device/approve', {
      userCode: device.user_code,
      totpCode: await freshCode(ivy),
    });
    expect(approve.statusCode, approve.body).toBe(200);
    const logs = logLines.slice(from).join('');
    expect(logs).toContain('"url":"/device?code=[redacted]"');
    expect(logs).toContain('"url":"/api/cli/device/[redacted]"');
    expect(logs).toContain('"url":"/api/cli/device/approve"');
    for (const code of spellings) expect(logs).not.toContain(code);
  });
});

describe('configuration', () => {
  it('reads GATEHOUSE_CLI_TOKEN_HOURS (default 12, 1..720)', () => {
    expect(loadConfig({}).cliTokenHours).toBe(12);
    expect(loadConfig({ GATEHOUSE_CLI_TOKEN_HOURS: '2' }).cliTokenHours).toBe(2);
    expect(() => loadConfig({ GATEHOUSE_CLI_TOKEN_HOURS: '0' })).toThrow(/GATEHOUSE_CLI_TOKEN_HOURS/);
    expect(() => loadConfig({ GATEHOUSE_CLI_TOKEN_HOURS: '721' })).toThrow(/GATEHOUSE_CLI_TOKEN_HOURS/);
  });
});
