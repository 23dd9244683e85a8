/**
 * What an issuance tells AWS and the audit log about where it came from (issue 13): the
 * gatehouse:login tag and loginId for a CLI login, none for the portal, the identifying tags
 * transitive; and the live-issuance query finding those sessions from the rows the broker wrote.
 * The real app and STS adapter against moto, with a recorder in front of moto to read the wire
 * (moto keeps no tags).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStsAdapter } from '@gatehouse/aws';
import { MOTO_ACCOUNT, createMotoRoles, startHttpDouble, startMotoServer } from '@gatehouse/aws/testing';
import type { HttpDouble, MotoServer } from '@gatehouse/aws/testing';
import { createLiveIssuanceQuery } from '@gatehouse/db';
import { codeFor, createEnrolledUser, createTestApp } from './support';
import type { TestApp } from './support';

let moto: MotoServer;
let recorder: HttpDouble;
let t: TestApp;

beforeAll(async () => {
  moto = await startMotoServer();
  recorder = await startHttpDouble({ upstream: moto.endpoint });
  process.env['AWS_ENDPOINT_URL'] = recorder.url;
  t = await createTestApp({}, { sts: createStsAdapter() });
}, 60_000);

afterAll(async () => {
  await t?.close();
  await recorder?.close();
  await moto?.stop();
});

type User = Awaited<ReturnType<typeof createEnrolledUser>>;

/** An account, a role in moto and in Gatehouse, and a direct grant of it to `userId`. */
async function seed(userId: string): Promise<{ roleId: string; grantId: string }> {
  const [arn] = await createMotoRoles(moto.endpoint, [{ roleName: 'Tagged', maxSessionDuration: 3600 }]);
  const account = await t.db.prisma.awsAccount.create({
    data: { awsAccountId: MOTO_ACCOUNT, name: 'sandbox', partition: 'aws', defaultRegion: 'eu-west-1' },
  });
  const role = await t.db.prisma.role.create({
    data: { accountId: account.id, roleName: 'Tagged', arn: arn!, displayName: 'Tagged' },
  });
  const grant = await t.db.prisma.grant.create({ data: { roleId: role.id, userId } });
  await t.ctx.changes.sync(); // written straight to the database: wait until the server has heard
  return { roleId: role.id, grantId: grant.id };
}

/** `gatehouse login`: the device asks, the user approves with a fresh code, the device redeems. */
async function cliLogin(user: User): Promise<{ token: string; tokenId: string }> {
  const json = (url: string, body: unknown) =>
    t.app.inject({
      method: 'POST',
      url,
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify(body),
    });
  const started = await json('/api/cli/device', { client_name: 'gatehouse-cli/test', hostname: 'laptop' });
  expect(started.statusCode, started.body).toBe(200);
  const device = started.json();
  t.clock.offsetMs += 90_000; // past the steps earlier requests used
  await user.browser.get('/api/me/access'); // keeps the browser session from going idle
  const approve = await user.browser.post('/api/cli/device/approve', {
    userCode: device.user_code,
    totpCode: await codeFor(t, user.secret),
  });
  expect(approve.statusCode, approve.body).toBe(200);
  const res = await json('/api/cli/token', {
    device_code: device.device_code,
    grant_type: 'urn:ietf:params:oauth:grant-type:device_code',
  });
  expect(res.statusCode, res.body).toBe(200);
  return { token: res.json().access_token, tokenId: res.json().token_id };
}

/** The AssumeRole calls that reached the recorder between two counts of its requests, as form fields. */
function assumeRoleCalls(from: number, to?: number): Record<string, string>[] {
  return recorder.requests
    .slice(from, to)
    .map((r) => Object.fromEntries(new URLSearchParams(r.body)))
    .filter((form) => form['Action'] === 'AssumeRole');
}

function tagsOf(form: Record<string, string>): Record<string, string> {
  const tags: Record<string, string> = {};
  for (let i = 1; form[`Tags.member.${i}.Key`] !== undefined; i++) {
    tags[form[`Tags.member.${i}.Key`]!] = form[`Tags.member.${i}.Value`]!;
  }
  return tags;
}

function transitiveOf(form: Record<string, string>): string[] {
  const keys: string[] = [];
  for (let i = 1; form[`TransitiveTagKeys.member.${i}`] !== undefined; i++) {
    keys.push(form[`TransitiveTagKeys.member.${i}`]!);
  }
  return keys;
}

async function issuanceRows(userId: string) {
  const rows = await t.db.prisma.auditEvent.findMany({
    where: { action: 'access.credentials', targetUserId: userId },
    orderBy: { id: 'asc' },
  });
  return rows.map((r) => ({ outcome: r.outcome, details: r.details as Record<string, unknown> }));
}

describe('where an issuance came from', () => {
  it('tags and records the CLI login, not for the portal, with the identifying tags transitive', async () => {
    const ivy = await createEnrolledUser(t, 'ivy');
    const { roleId, grantId } = await seed(ivy.userId);

    const before = recorder.requests.length;
    const portal = await ivy.browser.post('/api/access/credentials', { grantId });
    expect(portal.statusCode, portal.body).toBe(200);
    const { token, tokenId } = await cliLogin(ivy);
    const middle = recorder.requests.length;
    const cli = await t.app.inject({
      method: 'POST',
      url: '/api/access/credentials',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      payload: JSON.stringify({ grantId }),
    });
    expect(cli.statusCode, cli.body).toBe(200);

    const portalCalls = assumeRoleCalls(before, middle);
    const cliCalls = assumeRoleCalls(middle);
    expect([portalCalls.length, cliCalls.length]).toEqual([1, 1]);
    const [fromPortal] = portalCalls;
    const [fromCli] = cliCalls;
    const identifying = { 'gatehouse:user-id': ivy.userId, 'gatehouse:grant': grantId };
    expect(tagsOf(fromPortal!)).toEqual({
      'gatehouse:user': 'ivy',
      'gatehouse:mfa': 'true',
      'gatehouse:via': 'cli',
      ...identifying,
    });
    expect(transitiveOf(fromPortal!)).toEqual(['gatehouse:user-id', 'gatehouse:grant']);
    expect(tagsOf(fromCli!)).toEqual({
      'gatehouse:user': 'ivy',
      'gatehouse:mfa': 'true',
      'gatehouse:via': 'cli',
      'gatehouse:login': tokenId,
      ...identifying,
    });
    expect(transitiveOf(fromCli!)).toEqual(['gatehouse:user-id', 'gatehouse:grant', 'gatehouse:login']);

    const rows = await issuanceRows(ivy.userId);
    expect(rows.map((r) => [r.outcome, r.details['loginId']])).toEqual([
      ['pending', null],
      ['issued', null],
      ['pending', tokenId],
      ['issued', tokenId],
    ]);

    // The query revocation uses reads these very rows back.
    const live = createLiveIssuanceQuery(t.db.prisma, t.db.pool);
    const byLogin = await live.list({ loginId: tokenId }, new Date());
    expect(byLogin).toEqual([
      expect.objectContaining({ userId: ivy.userId, username: 'ivy', roleId, grantId, loginId: tokenId }),
    ]);
    expect(byLogin[0]!.expiresAt.toISOString()).toBe(cli.json().expiration);
    const byUser = await live.list({ userId: ivy.userId }, new Date());
    expect(byUser.map((s) => s.loginId)).toEqual([null, tokenId]);
  });
});
