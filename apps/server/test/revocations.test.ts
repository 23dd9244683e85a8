/**
 * Access taken away in Gatehouse ends at AWS too: each change that takes it away schedules, in its
 * own transaction, a revocation per affected role; the worker writes the deny into IAM (moto).
 * moto enforces nothing, so whether AWS would deny a session is decided by Gatehouse's own policy
 * evaluator over what IAM returns.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CreateAccessKeyCommand,
  CreateRoleCommand,
  CreateUserCommand,
  GetRolePolicyCommand,
  IAMClient,
  ListRolePoliciesCommand,
} from '@aws-sdk/client-iam';
import { evaluatePolicy, readPolicy, sourceIdentityFor } from '@gatehouse/core';
import { createStsAdapter } from '@gatehouse/aws';
import { startMotoServer } from '@gatehouse/aws/testing';
import type { MotoServer } from '@gatehouse/aws/testing';
import type { TestApp } from './support';
import { Browser, adminCommand, codeFor, createEnrolledUser, createTestApp } from './support';

const DEVICE_IP = '192.0.2.40';

const ACCOUNT = '123456789012'; // moto's default account
const BROKER = `arn:aws:iam::${ACCOUNT}:user/gatehouse-broker`;
const SETUP = { accessKeyId: 'AKIDSETUP00000000000', secretAccessKey: 'setup' };

let moto: MotoServer;
let iam: IAMClient;
let t: TestApp;
let admin: Browser;
let accountId: string;

type User = Awaited<ReturnType<typeof createEnrolledUser>>;

async function createRole(name: string, account = accountId): Promise<{ id: string; name: string }> {
  await iam.send(
    new CreateRoleCommand({
      RoleName: name,
      AssumeRolePolicyDocument: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { AWS: BROKER },
            Action: ['sts:AssumeRole', 'sts:SetSourceIdentity', 'sts:TagSession'],
          },
        ],
      }),
    }),
  );
  const res = await admin.post('/api/admin/roles', { accountId: account, role: name, displayName: name });
  expect(res.statusCode, res.body).toBe(201);
  return { id: (res.json() as { id: string }).id, name };
}

async function grant(roleId: string, subject: { userIds?: string[]; groupIds?: string[] }): Promise<string> {
  const res = await admin.post('/api/admin/grants', {
    roleId,
    ...subject,
    allowConsole: true,
    allowCli: true,
  });
  expect(res.statusCode, res.body).toBe(201);
  return (res.json() as { grants: Array<{ id: string }> }).grants[0]!.id;
}

async function addMembers(groupId: string, userIds: string[]): Promise<void> {
  for (const userId of userIds) {
    const res = await admin.post(`/api/admin/groups/${groupId}/members`, { userId });
    expect(res.statusCode, res.body).toBe(200);
  }
}

/** `gatehouse login`: the device flow, approved in the user's browser with a fresh code. */
async function cliLogin(user: User): Promise<{ token: string; tokenId: string }> {
  const json = { 'content-type': 'application/json' };
  const start = await t.app.inject({
    method: 'POST',
    url: '/api/cli/device',
    remoteAddress: DEVICE_IP,
    headers: json,
    payload: JSON.stringify({ client_name: 'gatehouse-cli/test', hostname: 'laptop' }),
  });
  expect(start.statusCode, start.body).toBe(200);
  const device = start.json() as { device_code: string; user_code: string };
  t.clock.offsetMs += 90_000; // past the TOTP steps used so far
  await user.browser.get('/api/me/access');
  const approve = await user.browser.post('/api/cli/device/approve', {
    userCode: device.user_code,
    totpCode: await codeFor(t, user.secret),
  });
  expect(approve.statusCode, approve.body).toBe(200);
  const token = await t.app.inject({
    method: 'POST',
    url: '/api/cli/token',
    remoteAddress: DEVICE_IP,
    headers: json,
    payload: JSON.stringify({
      device_code: device.device_code,
      grant_type: 'urn:ietf:params:oauth:grant-type:device_code',
    }),
  });
  expect(token.statusCode, token.body).toBe(200);
  return { token: token.json().access_token, tokenId: token.json().token_id };
}

/** CLI credentials for the user under a grant: an issued session on record. */
async function issue(user: User, grantId: string): Promise<Date> {
  const before = new Date();
  const res = await user.browser.post('/api/access/credentials', { grantId, formats: ['env'] });
  expect(res.statusCode, res.body).toBe(200);
  return before;
}

async function policyOf(roleName: string, policyName: string): Promise<string | null> {
  const names = (await iam.send(new ListRolePoliciesCommand({ RoleName: roleName }))).PolicyNames ?? [];
  if (!names.includes(policyName)) return null;
  const out = await iam.send(new GetRolePolicyCommand({ RoleName: roleName, PolicyName: policyName }));
  // IAM returns documents percent-encoded; decoding here is the test's own reading.
  return decodeURIComponent(out.PolicyDocument!);
}

/** What AWS would decide for a session of the role, by Gatehouse's evaluator over the role's denies. */
async function decide(
  roleName: string,
  session: { userId: string; grantId: string; loginId?: string; issuedAt: Date },
): Promise<'allowed' | 'denied'> {
  const statements: unknown[] = [{ Effect: 'Allow', Action: '*', Resource: '*' }];
  for (const name of ['GatehouseRevokeUserSessions', 'AWSRevokeOlderSessions']) {
    const doc = await policyOf(roleName, name);
    if (doc) statements.push(...(JSON.parse(doc) as { Statement: unknown[] }).Statement);
  }
  const { policy } = readPolicy({ Version: '2012-10-17', Statement: statements });
  const context: Record<string, string> = {
    'aws:TokenIssueTime': session.issuedAt.toISOString(),
    'aws:SourceIdentity': sourceIdentityFor(session.userId),
    'aws:PrincipalTag/gatehouse:user-id': session.userId,
    'aws:PrincipalTag/gatehouse:grant': session.grantId,
  };
  if (session.loginId) context['aws:PrincipalTag/gatehouse:login'] = session.loginId;
  const result = evaluatePolicy(policy!, {
    principal: { type: 'AWS', arn: `arn:aws:sts::${ACCOUNT}:assumed-role/${roleName}/session` },
    action: 's3:ListAllMyBuckets',
    resource: '*',
    context,
  });
  return result.decision === 'allow' ? 'allowed' : 'denied';
}

async function work(): Promise<void> {
  const pass = await t.ctx.services.onboarding.applyDueRevocations();
  expect(pass.ran).toBe(true);
}

async function revocationsOf(filter: { userId?: string; roleId?: string }) {
  const query = new URLSearchParams(filter as Record<string, string>).toString();
  const res = await admin.get(`/api/admin/revocations?${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as {
    revocations: Array<{
      scope: string;
      reason: string;
      status: string;
      role: { name: string };
      user: { username: string } | null;
      liveSessions: number;
    }>;
    counts: Record<string, number>;
  };
}

/** Later than any cut-off written so far (cut-offs carry a 30-second margin). */
function afterCutoff(): Date {
  return new Date(Date.now() + 60_000);
}

beforeAll(async () => {
  moto = await startMotoServer();
  process.env['AWS_ENDPOINT_URL'] = moto.endpoint;
  iam = new IAMClient({ endpoint: moto.endpoint, region: 'us-east-1', credentials: SETUP });
  await iam.send(new CreateUserCommand({ UserName: 'gatehouse-broker' }));
  const key = await iam.send(new CreateAccessKeyCommand({ UserName: 'gatehouse-broker' }));
  const brokerKeys = {
    accessKeyId: key.AccessKey!.AccessKeyId!,
    secretAccessKey: key.AccessKey!.SecretAccessKey!,
  };
  // The broker is an IAM user of the account: it reads and writes IAM there as itself.
  t = await createTestApp({}, { sts: createStsAdapter({ credentials: async () => brokerKeys }) });
  admin = (await createEnrolledUser(t, 'revoking-admin', { isAdmin: true })).browser;
  const account = await admin.post('/api/admin/accounts', { awsAccountId: ACCOUNT, name: 'sandbox' });
  expect(account.statusCode, account.body).toBe(201);
  accountId = (account.json() as { id: string }).id;
}, 60_000);

afterAll(async () => {
  await t?.close();
  iam?.destroy();
  await moto?.stop();
});

describe('a user disabled', () => {
  it('denies their live sessions on every role they used, and nothing else', async () => {
    const [used, alsoUsed, unused] = [
      await createRole('DisableUsed'),
      await createRole('DisableAlsoUsed'),
      await createRole('DisableUnused'),
    ];
    const leaver = await createEnrolledUser(t, 'leaver');
    const stayer = await createEnrolledUser(t, 'stayer');
    const g1 = await grant(used.id, { userIds: [leaver.userId, stayer.userId] });
    const g2 = await grant(alsoUsed.id, { userIds: [leaver.userId] });
    await grant(unused.id, { userIds: [leaver.userId] });
    const issuedAt = await issue(leaver, g1);
    await issue(leaver, g2);

    const disable = await admin.request('PATCH', `/api/admin/users/${leaver.userId}`, { disabled: true });
    expect(disable.statusCode, disable.body).toBe(200);
    const queued = await revocationsOf({ userId: leaver.userId });
    expect(queued.revocations.map((r) => [r.role.name, r.scope, r.reason, r.status]).sort()).toEqual([
      ['DisableAlsoUsed', 'user', 'user_disabled', 'pending'],
      ['DisableUsed', 'user', 'user_disabled', 'pending'],
    ]);
    const audit = await t.db.prisma.auditEvent.findFirstOrThrow({
      where: { action: 'admin.user_disable', targetUserId: leaver.userId },
    });
    expect((audit.details as { awsRevocations: unknown[] }).awsRevocations).toHaveLength(2);

    await work();
    expect((await revocationsOf({ userId: leaver.userId })).counts).toMatchObject({ applied: 2, pending: 0 });
    expect(await decide('DisableUsed', { userId: leaver.userId, grantId: g1, issuedAt })).toBe('denied');
    expect(await decide('DisableAlsoUsed', { userId: leaver.userId, grantId: g2, issuedAt })).toBe('denied');
    // Another user's session, and one issued after the cut-off (re-enabled and re-granted), pass.
    expect(await decide('DisableUsed', { userId: stayer.userId, grantId: g1, issuedAt })).toBe('allowed');
    expect(await decide('DisableUsed', { userId: leaver.userId, grantId: g1, issuedAt: afterCutoff() })).toBe(
      'allowed',
    );
    expect(await policyOf('DisableUnused', 'GatehouseRevokeUserSessions')).toBeNull();
    const applied = await t.db.prisma.auditEvent.findMany({
      where: { action: 'revocation.applied', targetUserId: leaver.userId },
    });
    expect(applied).toHaveLength(2);

    // Applying again is harmless: nothing is due, the documents stay as they are.
    const before = await policyOf('DisableUsed', 'GatehouseRevokeUserSessions');
    await work();
    expect(await policyOf('DisableUsed', 'GatehouseRevokeUserSessions')).toBe(before);
  });
});

describe('an MFA reset', () => {
  it("denies the user's live sessions", async () => {
    const role = await createRole('MfaReset');
    const user = await createEnrolledUser(t, 'reset-me');
    const g = await grant(role.id, { userIds: [user.userId] });
    const issuedAt = await issue(user, g);
    const reset = await admin.post(`/api/admin/users/${user.userId}/reset-mfa`, {});
    expect(reset.statusCode, reset.body).toBe(200);
    await work();
    expect((await revocationsOf({ userId: user.userId })).revocations[0]).toMatchObject({
      reason: 'mfa_reset',
      status: 'applied',
    });
    expect(await decide('MfaReset', { userId: user.userId, grantId: g, issuedAt })).toBe('denied');
  });
});

describe('a grant deleted', () => {
  it("denies the sessions issued under it, and not the same user's under another grant", async () => {
    const role = await createRole('GrantDeleted');
    const user = await createEnrolledUser(t, 'two-grants');
    const group = (await admin.post('/api/admin/groups', { name: 'two-grants-team' })).json() as {
      id: string;
    };
    await addMembers(group.id, [user.userId]);
    const direct = await grant(role.id, { userIds: [user.userId] });
    const viaGroup = await grant(role.id, { groupIds: [group.id] });
    const issuedAt = await issue(user, direct);
    await issue(user, viaGroup);

    expect((await admin.request('DELETE', `/api/admin/grants/${direct}`)).statusCode).toBe(200);
    const rows = await revocationsOf({ roleId: role.id });
    expect(rows.revocations.map((r) => [r.scope, r.reason])).toEqual([['grant', 'grant_deleted']]);
    await work();
    expect(await decide('GrantDeleted', { userId: user.userId, grantId: direct, issuedAt })).toBe('denied');
    expect(await decide('GrantDeleted', { userId: user.userId, grantId: viaGroup, issuedAt })).toBe(
      'allowed',
    );
  });
});

describe('a group membership removed', () => {
  it('denies what the user got through the group, unless another grant still gives the role', async () => {
    const role = await createRole('Membership');
    const covered = await createRole('MembershipCovered');
    const user = await createEnrolledUser(t, 'moving-teams');
    const teammate = await createEnrolledUser(t, 'staying-teammate');
    const group = (await admin.post('/api/admin/groups', { name: 'moving-team' })).json() as { id: string };
    await addMembers(group.id, [user.userId, teammate.userId]);
    const viaGroup = await grant(role.id, { groupIds: [group.id] });
    const coveredViaGroup = await grant(covered.id, { groupIds: [group.id] });
    await grant(covered.id, { userIds: [user.userId] });
    const issuedAt = await issue(user, viaGroup);
    await issue(user, coveredViaGroup);
    await issue(teammate, viaGroup);

    const removed = await admin.request('DELETE', `/api/admin/groups/${group.id}/members/${user.userId}`);
    expect(removed.statusCode, removed.body).toBe(200);
    const rows = await revocationsOf({ userId: user.userId });
    expect(rows.revocations.map((r) => [r.role.name, r.scope, r.reason])).toEqual([
      ['Membership', 'grant_user', 'membership_removed'],
    ]);
    await work();
    expect(await decide('Membership', { userId: user.userId, grantId: viaGroup, issuedAt })).toBe('denied');
    // The teammate keeps the group grant; the user keeps the covered role through their own grant.
    expect(await decide('Membership', { userId: teammate.userId, grantId: viaGroup, issuedAt })).toBe(
      'allowed',
    );
    expect(await policyOf('MembershipCovered', 'GatehouseRevokeUserSessions')).toBeNull();
  });
});

describe('a grant expired', () => {
  it('is revoked once by the expiry sweep', async () => {
    const role = await createRole('Expiring');
    const user = await createEnrolledUser(t, 'temporary');
    const g = await grant(role.id, { userIds: [user.userId] });
    const issuedAt = await issue(user, g);
    // The grant's expiry passes (written as a concurrent change would be).
    await t.db.prisma.grant.update({ where: { id: g }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await t.ctx.services.revocations.revokeExpiredGrants()).toHaveLength(1);
    expect(await t.ctx.services.revocations.revokeExpiredGrants()).toHaveLength(0);
    await work();
    expect((await revocationsOf({ roleId: role.id })).revocations[0]).toMatchObject({
      scope: 'grant',
      reason: 'grant_expired',
      status: 'applied',
    });
    expect(await decide('Expiring', { userId: user.userId, grantId: g, issuedAt })).toBe('denied');
  });
});

describe('a role removed, an account disabled', () => {
  it('denies every session of the role, role-wide', async () => {
    const role = await createRole('Removed');
    const user = await createEnrolledUser(t, 'on-removed-role');
    const g = await grant(role.id, { userIds: [user.userId] });
    const issuedAt = await issue(user, g);
    expect((await admin.request('DELETE', `/api/admin/roles/${role.id}`)).statusCode).toBe(200);
    await work();
    const doc = JSON.parse((await policyOf('Removed', 'AWSRevokeOlderSessions'))!) as {
      Statement: Array<{ Condition: Record<string, unknown> }>;
    };
    expect(Object.keys(doc.Statement[0]!.Condition)).toEqual(['DateLessThan']);
    expect(await decide('Removed', { userId: user.userId, grantId: g, issuedAt })).toBe('denied');
    expect(await decide('Removed', { userId: user.userId, grantId: g, issuedAt: afterCutoff() })).toBe(
      'allowed',
    );
  });
});

describe('a CLI login revoked', () => {
  it('denies the sessions issued through that login only', async () => {
    const role = await createRole('CliLogin');
    const user = await createEnrolledUser(t, 'cli-user');
    const g = await grant(role.id, { userIds: [user.userId] });
    const login = await cliLogin(user);
    const issuedAt = new Date();
    const viaCli = await t.app.inject({
      method: 'POST',
      url: '/api/access/credentials',
      remoteAddress: DEVICE_IP,
      headers: { authorization: `Bearer ${login.token}`, 'content-type': 'application/json' },
      payload: JSON.stringify({ grantId: g, formats: ['env'] }),
    });
    expect(viaCli.statusCode, viaCli.body).toBe(200);
    await issue(user, g); // from the portal: not through the login

    const revoke = await user.browser.request('DELETE', `/api/me/cli-tokens/${login.tokenId}`);
    expect(revoke.statusCode, revoke.body).toBe(200);
    const rows = await revocationsOf({ roleId: role.id });
    expect(rows.revocations.map((r) => [r.scope, r.reason, r.liveSessions])).toEqual([
      ['login', 'cli_login_revoked', 1],
    ]);
    await work();
    const session = { userId: user.userId, grantId: g, issuedAt };
    expect(await decide('CliLogin', { ...session, loginId: login.tokenId })).toBe('denied');
    expect(await decide('CliLogin', session)).toBe('allowed');
  });
});

describe('signing out everywhere', () => {
  it('ends every portal session and CLI login of the user, and their AWS sessions at AWS', async () => {
    const role = await createRole('Everywhere');
    const user = await createEnrolledUser(t, 'worried');
    const g = await grant(role.id, { userIds: [user.userId] });
    const login = await cliLogin(user);
    const issuedAt = await issue(user, g);
    const other = new Browser(t.app);
    other.cookie = user.browser.cookie;

    const out = await user.browser.post('/api/me/sign-out-everywhere', {});
    expect(out.statusCode, out.body).toBe(200);
    expect(out.json()).toEqual({ sessionsEnded: 1, cliLoginsRevoked: 1, awsRevocations: 1 });
    expect(String(out.headers['set-cookie'])).toMatch(/gatehouse_session=;/);
    expect((await other.get('/api/me/sessions')).statusCode).toBe(401);
    const viaCli = await t.app.inject({
      method: 'GET',
      url: '/api/me/access',
      remoteAddress: DEVICE_IP,
      headers: { authorization: `Bearer ${login.token}` },
    });
    expect(viaCli.statusCode).toBe(401);
    await work();
    expect((await revocationsOf({ userId: user.userId })).revocations[0]).toMatchObject({
      reason: 'signed_out_everywhere',
      scope: 'user',
      status: 'applied',
    });
    expect(await decide('Everywhere', { userId: user.userId, grantId: g, issuedAt })).toBe('denied');
    expect(
      await t.db.prisma.auditEvent.count({
        where: { action: 'auth.sign_out_everywhere', actorId: user.userId },
      }),
    ).toBe(1);
  });
});

describe('an account Gatehouse cannot reach IAM in', () => {
  it('leaves the revocation failing with the reason, reported by readiness and the operator command', async () => {
    const other = await admin.post('/api/admin/accounts', {
      awsAccountId: '210987654321',
      name: 'elsewhere',
    });
    expect(other.statusCode, other.body).toBe(201);
    const role = await createRole('Unreachable', (other.json() as { id: string }).id);
    const user = await createEnrolledUser(t, 'far-away');
    const g = await grant(role.id, { userIds: [user.userId] });
    await issue(user, g);
    expect(
      (await admin.request('PATCH', `/api/admin/users/${user.userId}`, { disabled: true })).statusCode,
    ).toBe(200);
    await work();

    const [row] = (await revocationsOf({ userId: user.userId })).revocations as unknown as Array<{
      status: string;
      lastError: string;
      nextAttemptAt: string;
      attempts: number;
    }>;
    // Without GATEHOUSE_IAM_ROLE the broker reaches IAM in its own account only, and says so.
    expect(row).toMatchObject({ status: 'failing', attempts: 1 });
    expect(row!.lastError).toMatch(/GATEHOUSE_IAM_ROLE/);
    expect(Date.parse(row!.nextAttemptAt)).toBeGreaterThan(Date.now());
    const failed = await t.db.prisma.auditEvent.findFirstOrThrow({
      where: { action: 'revocation.failed', targetUserId: user.userId },
    });
    expect(failed.outcome).toBe('failure');

    // The portal keeps serving; readiness says revocations are failing.
    const ready = await t.app.inject('/readyz');
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toMatchObject({ status: 'ready', checks: { revocations: 'failing' } });
    expect(ready.json().revocationProblems).toBeGreaterThanOrEqual(1);

    const listed = adminCommand(t, ['revocations']);
    expect(listed.status, listed.stderr).toBe(0);
    expect(listed.stdout).toMatch(/revocations at AWS: \d+ pending, [1-9]\d* failing/);
    expect(listed.stdout).toContain(
      'failing  arn:aws:iam::210987654321:role/Unreachable user:far-away (user_disabled',
    );
    expect(listed.stdout).toContain('GATEHOUSE_IAM_ROLE');
  });
});

describe('the worker', () => {
  it('applies each revocation once when two passes race', async () => {
    const role = await createRole('Raced');
    const user = await createEnrolledUser(t, 'raced');
    const g = await grant(role.id, { userIds: [user.userId] });
    await issue(user, g);
    await admin.request('PATCH', `/api/admin/users/${user.userId}`, { disabled: true });
    const passes = await Promise.all([
      t.ctx.services.onboarding.applyDueRevocations(),
      t.ctx.services.onboarding.applyDueRevocations(),
      t.ctx.services.onboarding.applyDueRevocations(),
    ]);
    expect(passes.reduce((n, p) => n + p.applied, 0)).toBe(1);
    const applied = await t.db.prisma.auditEvent.count({
      where: { action: 'revocation.applied', targetUserId: user.userId },
    });
    expect(applied).toBe(1);
  });
});

describe('a group grant deleted', () => {
  it("denies each member's sessions under it, except a member who has the role another way", async () => {
    const role = await createRole('GroupGrantDeleted');
    const member = await createEnrolledUser(t, 'group-only');
    const covered = await createEnrolledUser(t, 'also-direct');
    const group = (await admin.post('/api/admin/groups', { name: 'deleted-grant-team' })).json() as {
      id: string;
    };
    await addMembers(group.id, [member.userId, covered.userId]);
    const viaGroup = await grant(role.id, { groupIds: [group.id] });
    await grant(role.id, { userIds: [covered.userId] });
    const issuedAt = await issue(member, viaGroup);
    await issue(covered, viaGroup);

    expect((await admin.request('DELETE', `/api/admin/grants/${viaGroup}`)).statusCode).toBe(200);
    const rows = await revocationsOf({ roleId: role.id });
    expect(rows.revocations.map((r) => [r.scope, r.reason, r.user?.username])).toEqual([
      ['grant_user', 'grant_deleted', 'group-only'],
    ]);
    await work();
    expect(await decide('GroupGrantDeleted', { userId: member.userId, grantId: viaGroup, issuedAt })).toBe(
      'denied',
    );
    expect(await decide('GroupGrantDeleted', { userId: covered.userId, grantId: viaGroup, issuedAt })).toBe(
      'allowed',
    );
  });
});

// Last: it disables the account every other test here uses.
describe('an account disabled', () => {
  it('denies every session of each of its roles, role-wide', async () => {
    const [first, second] = [await createRole('AccountDisabledOne'), await createRole('AccountDisabledTwo')];
    const user = await createEnrolledUser(t, 'in-disabled-account');
    const g1 = await grant(first.id, { userIds: [user.userId] });
    const g2 = await grant(second.id, { userIds: [user.userId] });
    const issuedAt = await issue(user, g1);
    await issue(user, g2);
    const disabled = await admin.request('PATCH', `/api/admin/accounts/${accountId}`, { disabled: true });
    expect(disabled.statusCode, disabled.body).toBe(200);
    await work();
    for (const [role, g] of [
      [first, g1],
      [second, g2],
    ] as const) {
      const listed = await revocationsOf({ roleId: role.id });
      expect(listed.revocations[0]).toMatchObject({
        scope: 'role',
        reason: 'account_disabled',
        status: 'applied',
      });
      expect(await decide(role.name, { userId: user.userId, grantId: g, issuedAt })).toBe('denied');
    }
  });
});
