/**
 * Role onboarding and revocation through the admin API, against moto_server (which enforces
 * nothing: what is tested is what Gatehouse itself checks and writes) and a real PostgreSQL.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CreateAccessKeyCommand,
  CreateRoleCommand,
  CreateUserCommand,
  GetRolePolicyCommand,
  IAMClient,
  PutRolePolicyCommand,
} from '@aws-sdk/client-iam';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { readPolicy, evaluatePolicy, sourceIdentityFor } from '@gatehouse/core';
import { createStsAdapter } from '@gatehouse/aws';
import { startHttpDouble, startMotoServer } from '@gatehouse/aws/testing';
import type { HttpDouble, MotoServer } from '@gatehouse/aws/testing';
import type { Browser, TestApp } from './support';
import { createEnrolledUser, createTestApp } from './support';
import { ConfigError, loadConfig } from '../src/config';

const ACCOUNT = '123456789012'; // moto's default account
const OTHER = '210987654321';
const BROKER = `arn:aws:iam::${ACCOUNT}:user/gatehouse-broker`;
const SETUP = { accessKeyId: 'AKIDSETUP00000000000', secretAccessKey: 'setup' };

let moto: MotoServer;
let iam: IAMClient;
let brokerKeys: { accessKeyId: string; secretAccessKey: string };
let t: TestApp;
let admin: Browser;
let accountId: string;
const doubles: HttpDouble[] = [];

function trustFor(
  principal: string,
  actions: string[] = ['sts:AssumeRole', 'sts:SetSourceIdentity', 'sts:TagSession'],
) {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { AWS: principal }, Action: actions }],
  });
}

async function createIamRole(
  name: string,
  trust: string,
  maxSessionDuration = 3600,
  client = iam,
): Promise<string> {
  const out = await client.send(
    new CreateRoleCommand({
      RoleName: name,
      AssumeRolePolicyDocument: trust,
      MaxSessionDuration: maxSessionDuration,
    }),
  );
  return out.Role!.Arn!;
}

/** A role in Gatehouse (as the admin API would store it). */
async function seedRole(
  app: TestApp,
  name: string,
  options: { maxSessionSeconds?: number; account?: string } = {},
): Promise<string> {
  const awsAccountId = options.account ?? ACCOUNT;
  const account = await app.db.prisma.awsAccount.upsert({
    where: { awsAccountId },
    create: { awsAccountId, name: `acct-${awsAccountId}`, partition: 'aws' },
    update: {},
  });
  const role = await app.db.prisma.role.create({
    data: {
      accountId: account.id,
      roleName: name,
      arn: `arn:aws:iam::${awsAccountId}:role/${name}`,
      displayName: name,
      maxSessionSeconds: options.maxSessionSeconds ?? 3600,
    },
  });
  // Written straight to the database, as another process would: wait until the server has heard.
  await app.ctx.changes.sync();
  return role.id;
}

async function iamPolicy(roleName: string, policyName: string, client = iam): Promise<string> {
  const out = await client.send(new GetRolePolicyCommand({ RoleName: roleName, PolicyName: policyName }));
  // What IAM sends is percent-encoded; decoding it here is the test's own, independent reading.
  return decodeURIComponent(out.PolicyDocument!);
}

type Report = {
  status: string;
  exists: boolean | null;
  findings: Array<{ code: string; severity: string; message: string; fix: string | null }>;
  fix: { trustPolicy: string; awsCli: string } | null;
  trust: { trusted: boolean } | null;
  sessionLimit: { maxSeconds: number; limitedBy: string };
  revocations: { roleWide: string | null; users: Array<{ sourceIdentity: string }> } | null;
};

async function refresh(roleIds: string[], as = admin) {
  const res = await as.post('/api/admin/role-health/refresh', { roleIds });
  expect(res.statusCode, res.body).toBe(200);
  const roles = (res.json() as { roles: Array<{ roleId: string; report: Report }> }).roles;
  return new Map(roles.map((r) => [r.roleId, r.report]));
}

beforeAll(async () => {
  moto = await startMotoServer();
  process.env['AWS_ENDPOINT_URL'] = moto.endpoint;
  iam = new IAMClient({ endpoint: moto.endpoint, region: 'us-east-1', credentials: SETUP });
  await iam.send(new CreateUserCommand({ UserName: 'gatehouse-broker' }));
  const key = await iam.send(new CreateAccessKeyCommand({ UserName: 'gatehouse-broker' }));
  brokerKeys = { accessKeyId: key.AccessKey!.AccessKeyId!, secretAccessKey: key.AccessKey!.SecretAccessKey! };
  // The broker runs as an IAM user of its own, as in a real deployment; IAM is read with the default chain.
  t = await createTestApp({}, { sts: createStsAdapter({ credentials: async () => brokerKeys }) });
  admin = (await createEnrolledUser(t, 'root-admin', { isAdmin: true })).browser;
  accountId = (
    await t.db.prisma.awsAccount.create({
      data: { awsAccountId: ACCOUNT, name: 'sandbox', partition: 'aws' },
    })
  ).id;
}, 60_000);

afterAll(async () => {
  await t?.close();
  iam?.destroy();
  await Promise.all(doubles.map((d) => d.close()));
  await moto?.stop();
});

describe('trust policy generation', () => {
  it('names the broker exactly; the policy allows the broker and denies anyone else through the evaluator', async () => {
    const res = await admin.post('/api/admin/trust-policies', {
      accountId,
      role: 'NewOnboarded',
      maxSessionSeconds: 7200,
    });
    expect(res.statusCode, res.body).toBe(200);
    const out = res.json() as {
      trustPolicy: string;
      brokerPrincipalArn: string;
      snippets: { awsCli: string };
      brokerPolicy: string;
    };
    expect(out.brokerPrincipalArn).toBe(BROKER);
    expect(out.snippets.awsCli).toContain('aws iam create-role --role-name NewOnboarded --path / \\');

    const evaluate = (principalArn: string) =>
      admin.post('/api/admin/policies/evaluate', {
        document: out.trustPolicy,
        request: {
          principalArn,
          actions: ['sts:AssumeRole', 'sts:SetSourceIdentity', 'sts:TagSession'],
          sourceIdentity: 'u-1',
          requestTags: { 'gatehouse:mfa': 'true', 'gatehouse:user': 'alice' },
        },
      });
    const broker = await evaluate(BROKER);
    expect(broker.statusCode, broker.body).toBe(200);
    expect(
      (broker.json() as { results: Array<{ decision: string }> }).results.map((r) => r.decision),
    ).toEqual(['allow', 'allow', 'allow']);
    const other = (await evaluate(`arn:aws:iam::${ACCOUNT}:user/someone-else`)).json() as {
      results: Array<{ decision: string; explanation: string }>;
    };
    expect(other.results.map((r) => r.decision)).toEqual(['implicit_deny', 'implicit_deny', 'implicit_deny']);

    // Created in IAM as generated, the role checks healthy.
    await createIamRole('NewOnboarded', out.trustPolicy, 7200);
    const roleId = await seedRole(t, 'NewOnboarded', { maxSessionSeconds: 7200 });
    const report = (await refresh([roleId])).get(roleId)!;
    expect(report.status, JSON.stringify(report.findings)).toBe('ok');
    expect(report.trust?.trusted).toBe(true);
  });

  it('refuses a request that names no role', async () => {
    const res = await admin.post('/api/admin/trust-policies', { requireMfaTag: false });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: 'validation' });
  });
});

describe('policy lint over the API', () => {
  it('returns the missing-comma finding of the seed articles with line and column', async () => {
    // Verbatim from the seed articles (shared/seeds/000_…): the comma after "sts:AssumeRole" is missing.
    const document =
      '{ "Version": "2012-10-17", "Statement": [ { "Effect": "Allow", "Principal": { "AWS": "arn:aws:iam::aaaaaaaa:root" }, "Action": "sts:AssumeRole" "Condition": { "ArnLike": { "aws:PrincipalArn": "arn:aws:iam::aaaaaaaaaa:user/*_infra" } } } ] }';
    const res = await admin.post('/api/admin/policies/lint', { document });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as {
      ok: boolean;
      brokerArn: string;
      findings: Array<{ code: string; line: number; column: number; message: string; fix: unknown }>;
    };
    expect(body.ok).toBe(false);
    expect(body.brokerArn).toBe(BROKER);
    expect(body.findings[0]).toMatchObject({
      code: 'broker_not_trusted',
      line: 1,
      column: 1,
    });
    expect(body.findings.find((f) => f.code === 'json_missing_comma')).toMatchObject({
      line: 1,
      column: 144,
      message: 'Missing comma between "Action": "sts:AssumeRole" and "Condition".',
      fix: { offset: 143, deleteCount: 0, insert: ',' },
    });
    expect(body.findings.map((f) => f.code)).toEqual([
      'broker_not_trusted',
      'principal_account_invalid',
      'json_missing_comma',
      'condition_value_account_invalid',
    ]);
  });

  it('is for administrators only', async () => {
    const member = (await createEnrolledUser(t, 'plain-member')).browser;
    expect((await member.post('/api/admin/policies/lint', { document: '{}' })).statusCode).toBe(403);
    expect((await member.get('/api/admin/role-health')).statusCode).toBe(403);
  });
});

describe('role health', () => {
  it('reports a missing role, an untrusting role and a too-short MaxSessionDuration, each with its fix', async () => {
    const missing = await seedRole(t, 'NotInIam');
    await createIamRole('TrustsSomeoneElse', trustFor(`arn:aws:iam::${ACCOUNT}:user/other`));
    const untrusting = await seedRole(t, 'TrustsSomeoneElse');
    await createIamRole('ShortSessions', trustFor(BROKER), 3600);
    const short = await seedRole(t, 'ShortSessions', { maxSessionSeconds: 43200 });
    await createIamRole('NoTagSession', trustFor(BROKER, ['sts:AssumeRole', 'sts:SetSourceIdentity']));
    const noTags = await seedRole(t, 'NoTagSession');

    const reports = await refresh([missing, untrusting, short, noTags]);

    const m = reports.get(missing)!;
    expect(m).toMatchObject({ status: 'error', exists: false });
    expect(m.findings.map((f) => f.code)).toEqual(['role_missing']);
    expect(m.findings[0]?.fix).toContain('aws iam create-role --role-name NotInIam');

    const u = reports.get(untrusting)!;
    expect(u.status).toBe('error');
    expect(u.findings.map((f) => f.code)).toEqual(['trust_not_trusted']);
    expect(JSON.parse(u.fix!.trustPolicy).Statement[0].Principal).toEqual({ AWS: BROKER });
    expect(u.fix!.awsCli).toContain('aws iam update-assume-role-policy --role-name TrustsSomeoneElse');

    const s = reports.get(short)!;
    expect(s.status).toBe('error');
    expect(s.findings.map((f) => f.code)).toEqual(['max_session_too_short']);
    expect(s.findings[0]?.fix).toContain(
      'aws iam update-role --role-name ShortSessions --max-session-duration 43200',
    );
    expect(s.sessionLimit).toMatchObject({ maxSeconds: 3600, limitedBy: 'iam_role' });

    expect(reports.get(noTags)!.findings.map((f) => f.code)).toEqual(['trust_missing_tag_session']);

    // Stored: the list shows the last check without calling IAM.
    const list = (await admin.get('/api/admin/role-health')).json() as {
      roles: Array<{ roleId: string; status: string; checkedAt: string | null }>;
    };
    expect(list.roles.find((r) => r.roleId === missing)).toMatchObject({ status: 'error' });
    expect(list.roles.find((r) => r.roleId === short)?.checkedAt).not.toBeNull();
    const one = await admin.get(`/api/admin/role-health/${untrusting}`);
    expect(one.json()).toMatchObject({
      roleId: untrusting,
      status: 'error',
      roleArn: `arn:aws:iam::${ACCOUNT}:role/TrustsSomeoneElse`,
    });
  });

  it('checks every role in one sweep (what the periodic timer runs)', async () => {
    const before = await t.db.prisma.roleHealth.count();
    const swept = await t.ctx.services.onboarding.refreshAll();
    const roles = await t.db.prisma.role.count();
    expect(swept.checked).toBe(roles);
    expect(await t.db.prisma.roleHealth.count()).toBe(roles);
    expect(roles).toBeGreaterThanOrEqual(before);
  });

  it('explains that a role in another account needs GATEHOUSE_IAM_ROLE', async () => {
    const elsewhere = await seedRole(t, 'Elsewhere', { account: OTHER });
    const report = (await refresh([elsewhere])).get(elsewhere)!;
    expect(report.status).toBe('unknown');
    expect(report.findings[0]?.code).toBe('iam_not_reachable');
    expect(report.findings[0]?.message).toContain('IAM is per account');
    expect(report.findings[0]?.message).toContain('GATEHOUSE_IAM_ROLE');
  });
});

describe('Discover', () => {
  it('lists the roles of the account that trust the broker and imports them in one go', async () => {
    await createIamRole('DiscoverMe', trustFor(BROKER), 7200);
    await createIamRole('DiscoverPartial', trustFor(BROKER, ['sts:AssumeRole']));
    await createIamRole('NotForUs', trustFor(`arn:aws:iam::${ACCOUNT}:user/other`));
    const res = await admin.get(`/api/admin/accounts/${accountId}/role-discovery`);
    expect(res.statusCode, res.body).toBe(200);
    const found = res.json() as {
      roles: Array<{ roleName: string; trusted: boolean; partial: boolean; managedRoleId: string | null }>;
    };
    const byName = new Map(found.roles.map((r) => [r.roleName, r]));
    expect(byName.get('DiscoverMe')).toMatchObject({ trusted: true, partial: false, managedRoleId: null });
    expect(byName.get('DiscoverPartial')).toMatchObject({ trusted: false, partial: true });
    expect(byName.has('NotForUs')).toBe(false);
    expect(byName.get('NewOnboarded')?.managedRoleId).not.toBeNull();

    const imported = await admin.post(`/api/admin/accounts/${accountId}/role-imports`, {
      arns: [`arn:aws:iam::${ACCOUNT}:role/DiscoverMe`, `arn:aws:iam::${ACCOUNT}:role/NotForUs`],
    });
    expect(imported.statusCode, imported.body).toBe(200);
    const results = (
      imported.json() as { results: Array<{ arn: string; roleId: string | null; error: string | null }> }
    ).results;
    expect(results[0]).toMatchObject({ error: null });
    expect(results[1]).toMatchObject({
      roleId: null,
      error: 'Not among the roles of this account that trust the broker.',
    });
    const role = await t.db.prisma.role.findUniqueOrThrow({ where: { id: results[0]!.roleId! } });
    expect(role).toMatchObject({ roleName: 'DiscoverMe', maxSessionSeconds: 7200 });
    const audit = await t.db.prisma.auditEvent.findMany({
      where: { roleId: role.id, action: 'admin.role_create' },
    });
    expect(audit).toHaveLength(1);
    expect((await t.db.prisma.roleHealth.findUnique({ where: { roleId: role.id } }))?.status).toBe('ok');
  });
});

describe('revocation', () => {
  it('revokes every session of the role: IAM then holds exactly the documented deny, audited', async () => {
    await createIamRole('Revocable', trustFor(BROKER));
    // An inline policy of the role's own must survive.
    const own = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 's3:ListAllMyBuckets', Resource: '*' }],
    });
    await iam.send(
      new PutRolePolicyCommand({ RoleName: 'Revocable', PolicyName: 'OwnPolicy', PolicyDocument: own }),
    );
    const roleId = await seedRole(t, 'Revocable');

    const before = Date.now();
    const res = await admin.post(`/api/admin/roles/${roleId}/revoke-sessions`, {});
    expect(res.statusCode, res.body).toBe(200);
    const result = res.json() as {
      policyName: string;
      cutoff: string;
      document: string;
      scope: string;
      changedAs: string;
    };
    expect(result).toMatchObject({ policyName: 'AWSRevokeOlderSessions', scope: 'role', changedAs: BROKER });
    expect(Date.parse(result.cutoff)).toBeGreaterThanOrEqual(before - 1000);

    const stored = await iamPolicy('Revocable', 'AWSRevokeOlderSessions');
    expect(stored).toBe(result.document);
    expect(JSON.parse(stored)).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Deny',
          Action: ['*'],
          Resource: ['*'],
          Condition: { DateLessThan: { 'aws:TokenIssueTime': result.cutoff } },
        },
      ],
    });
    expect(await iamPolicy('Revocable', 'OwnPolicy')).toBe(own);

    // What IAM now holds denies a session issued before the cut-off, by AWS's rules.
    const { policy } = readPolicy(JSON.parse(stored));
    const decide = (issued: string) =>
      evaluatePolicy(policy!, {
        principal: { type: 'AWS', arn: `arn:aws:iam::${ACCOUNT}:role/Revocable` },
        action: 's3:ListAllMyBuckets',
        resource: '*',
        context: { 'aws:TokenIssueTime': issued },
      }).decision;
    expect(decide(new Date(before - 60_000).toISOString())).toBe('explicit_deny');

    const rows = await t.db.prisma.auditEvent.findMany({
      where: { roleId, action: 'role.revoke_sessions' },
      orderBy: { id: 'asc' },
    });
    expect(rows.map((r) => r.outcome)).toEqual(['pending', 'success']);
    expect(rows[0]!.correlationId).toBe(rows[1]!.correlationId);
    expect(rows[1]!.details).toMatchObject({
      scope: 'role',
      policyName: 'AWSRevokeOlderSessions',
      cutoff: result.cutoff,
    });

    const health = (await admin.get(`/api/admin/role-health/${roleId}`)).json() as { report: Report };
    expect(health.report.revocations?.roleWide).toBe(result.cutoff);
  });

  it("revokes one user's sessions with StringEquals aws:SourceIdentity, next to other users", async () => {
    await createIamRole('PerUser', trustFor(BROKER));
    const roleId = await seedRole(t, 'PerUser');
    const alice = await createEnrolledUser(t, 'alice-revoked');
    const bob = await createEnrolledUser(t, 'bob-revoked');
    const first = await admin.post(`/api/admin/roles/${roleId}/revoke-sessions`, { userId: alice.userId });
    expect(first.statusCode, first.body).toBe(200);
    const second = await admin.post(`/api/admin/roles/${roleId}/revoke-sessions`, { userId: bob.userId });
    expect(second.statusCode, second.body).toBe(200);
    const result = second.json() as { policyName: string; document: string; sourceIdentity: string };
    expect(result.policyName).toBe('GatehouseRevokeUserSessions');
    expect(result.sourceIdentity).toBe(sourceIdentityFor(bob.userId));

    const stored = JSON.parse(await iamPolicy('PerUser', 'GatehouseRevokeUserSessions'));
    expect(stored).toEqual(JSON.parse(result.document));
    expect(
      stored.Statement.map(
        (s: { Condition: { StringEquals: Record<string, string> } }) => s.Condition.StringEquals,
      ),
    ).toEqual([{ 'aws:SourceIdentity': alice.userId }, { 'aws:SourceIdentity': bob.userId }]);
    const rows = await t.db.prisma.auditEvent.findMany({
      where: { roleId, action: 'role.revoke_sessions', outcome: 'success' },
      orderBy: { id: 'asc' },
    });
    expect(rows.map((r) => r.targetUserId)).toEqual([alice.userId, bob.userId]);
  });

  it("revokes a user's sessions on every role they were issued access to in the last 12 hours", async () => {
    await createIamRole('Issued', trustFor(BROKER));
    const roleId = await seedRole(t, 'Issued');
    const carol = await createEnrolledUser(t, 'carol-leaving');
    await t.db.prisma.grant.create({ data: { roleId, userId: carol.userId } });
    await t.ctx.changes.sync();
    const grant = await t.db.prisma.grant.findFirstOrThrow({ where: { roleId, userId: carol.userId } });
    const issued = await carol.browser.post('/api/access/credentials', {
      grantId: grant.id,
      formats: ['env'],
    });
    expect(issued.statusCode, issued.body).toBe(200);

    const res = await admin.post(`/api/admin/users/${carol.userId}/revoke-sessions`, {});
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as {
      results: Array<{ roleId: string; result: { document: string } | null; error: string | null }>;
    };
    expect(body.results).toHaveLength(1);
    expect(body.results[0]).toMatchObject({ roleId, error: null });
    const stored = JSON.parse(await iamPolicy('Issued', 'GatehouseRevokeUserSessions'));
    expect(stored.Statement[0].Condition.StringEquals).toEqual({ 'aws:SourceIdentity': carol.userId });
  });

  it('explains a permission error from IAM, records the failure, and changes nothing', async () => {
    // A stand-in for IAM in front of moto that refuses PutRolePolicy, as an under-privileged broker would see it.
    const gate = await startHttpDouble({ upstream: moto.endpoint });
    doubles.push(gate);
    await createIamRole('Locked', trustFor(BROKER));
    const previous = process.env['AWS_ENDPOINT_URL_IAM'];
    process.env['AWS_ENDPOINT_URL_IAM'] = gate.url;
    const locked = await createTestApp(
      {},
      { sts: createStsAdapter({ credentials: async () => brokerKeys }) },
    );
    try {
      const lockedAdmin = (await createEnrolledUser(locked, 'locked-admin', { isAdmin: true })).browser;
      const roleId = await seedRole(locked, 'Locked');
      gate.fallback = 'proxy';
      const denied = `<ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>User: ${BROKER} is not authorized to perform: iam:PutRolePolicy</Message></Error><RequestId>1</RequestId></ErrorResponse>`;
      // GetRolePolicy and ListRolePolicies go through; PutRolePolicy is refused.
      gate.queue.push('proxy', 'proxy', { status: 403, body: denied });
      const res = await lockedAdmin.post(`/api/admin/roles/${roleId}/revoke-sessions`, {});
      expect(res.statusCode, res.body).toBe(502);
      const body = res.json() as { error: string; message: string };
      expect(body.error).toBe('aws_access_denied');
      expect(body.message).toContain(
        `IAM refused PutRolePolicy on arn:aws:iam::${ACCOUNT}:role/Locked for ${BROKER}`,
      );
      expect(body.message).toContain('iam:PutRolePolicy');
      expect(body.message).toContain('GATEHOUSE_IAM_ROLE');
      const rows = await locked.db.prisma.auditEvent.findMany({
        where: { roleId, action: 'role.revoke_sessions' },
        orderBy: { id: 'asc' },
      });
      expect(rows.map((r) => r.outcome)).toEqual(['pending', 'failure']);
      expect(rows[1]!.details).toMatchObject({ operation: 'PutRolePolicy', errorClass: 'access_denied' });
      await expect(iamPolicy('Locked', 'AWSRevokeOlderSessions')).rejects.toThrow();
    } finally {
      if (previous === undefined) delete process.env['AWS_ENDPOINT_URL_IAM'];
      else process.env['AWS_ENDPOINT_URL_IAM'] = previous;
      await locked.close();
    }
  });
});

describe('with a separate IAM role for administration (GATEHOUSE_IAM_ROLE)', () => {
  it('reads and revokes roles in another account as that role', async () => {
    // A role in another account, created there with credentials moto files under that account.
    const sts = new STSClient({ endpoint: moto.endpoint, region: 'us-east-1', credentials: SETUP });
    const assumed = await sts.send(
      new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${OTHER}:role/setup`, RoleSessionName: 's' }),
    );
    sts.destroy();
    const otherIam = new IAMClient({
      endpoint: moto.endpoint,
      region: 'us-east-1',
      credentials: {
        accessKeyId: assumed.Credentials!.AccessKeyId!,
        secretAccessKey: assumed.Credentials!.SecretAccessKey!,
      },
    });
    await createIamRole('CrossAccount', trustFor(BROKER), 3600, otherIam);

    const app = await createTestApp(
      { GATEHOUSE_IAM_ROLE: 'gatehouse-iam' },
      { sts: createStsAdapter({ credentials: async () => brokerKeys }) },
    );
    try {
      const appAdmin = (await createEnrolledUser(app, 'cross-admin', { isAdmin: true })).browser;
      const roleId = await seedRole(app, 'CrossAccount', { account: OTHER });
      const res = await appAdmin.post('/api/admin/role-health/refresh', { roleIds: [roleId] });
      const report = (res.json() as { roles: Array<{ report: Report & { checkedAs: string } }> }).roles[0]!
        .report;
      expect(report.status, JSON.stringify(report.findings)).toBe('ok');
      expect(report.checkedAs).toBe(`arn:aws:iam::${OTHER}:role/gatehouse-iam`);

      const revoked = await appAdmin.post(`/api/admin/roles/${roleId}/revoke-sessions`, {});
      expect(revoked.statusCode, revoked.body).toBe(200);
      expect(revoked.json()).toMatchObject({ changedAs: `arn:aws:iam::${OTHER}:role/gatehouse-iam` });
      expect(await iamPolicy('CrossAccount', 'AWSRevokeOlderSessions', otherIam)).toBe(
        (revoked.json() as { document: string }).document,
      );

      const generated = (await appAdmin.post('/api/admin/trust-policies', { roleId })).json() as {
        iamRole: { roleArn: string; permissionsPolicy: string } | null;
      };
      expect(generated.iamRole?.roleArn).toBe(`arn:aws:iam::${OTHER}:role/gatehouse-iam`);
      expect(JSON.parse(generated.iamRole!.permissionsPolicy).Statement[1].Resource).toEqual([
        `arn:aws:iam::${OTHER}:role/CrossAccount`,
      ]);
    } finally {
      otherIam.destroy();
      await app.close();
    }
  });
});

describe('npm run admin -- lint-policy', () => {
  const root = join(import.meta.dirname, '../../..');
  // Production mode without a database or secret key: the command must not need either.
  const lintCli = (args: string[], input?: string) =>
    spawnSync(process.execPath, ['apps/server/dist/admin.js', 'lint-policy', ...args], {
      cwd: root,
      encoding: 'utf8',
      input,
      env: { PATH: process.env['PATH'] ?? '', NODE_ENV: 'production' },
      timeout: 30_000,
    });
  const dir = mkdtempSync(join(tmpdir(), 'gatehouse-lint-'));

  it('prints findings with line and column and exits 1 on errors (seed example, verbatim)', () => {
    const file = join(dir, 'infra-trust.json');
    writeFileSync(
      file,
      '{ "Version": "2012-10-17", "Statement": [ { "Effect": "Allow", "Principal": { "AWS": "arn:aws:iam::aaaaaaaa:root" }, "Action": "sts:AssumeRole" "Condition": { "ArnLike": { "aws:PrincipalArn": "arn:aws:iam::aaaaaaaaaa:user/*_infra" } } } ] }',
    );
    const out = lintCli([file, '--broker', BROKER]);
    expect(out.stderr).toBe('');
    expect(out.status).toBe(1);
    expect(out.stdout.split('\n')).toEqual(
      expect.arrayContaining([
        `${file}:1:144: error json_missing_comma: Missing comma between "Action": "sts:AssumeRole" and "Condition".`,
        `${file}:1:86: error principal_account_invalid: The account "aaaaaaaa" in arn:aws:iam::aaaaaaaa:root is not a 12-digit AWS account id; IAM rejects the policy ("Invalid principal").`,
        `${file}: 3 error(s), 0 danger, 1 warning(s), 0 note(s)`,
      ]),
    );
  });

  it('exits 0 for a policy without errors, reads standard input and prints JSON on request', () => {
    const trust = trustFor(BROKER);
    const out = lintCli(['-', '--json'], trust);
    expect(out.status).toBe(0);
    expect(JSON.parse(out.stdout)).toMatchObject({ file: '-', ok: true, counts: { error: 0, danger: 0 } });
    const danger = lintCli(
      ['-'],
      JSON.stringify({
        Version: '2012-10-17',
        Statement: { Effect: 'Allow', Principal: '*', Action: 'sts:AssumeRole' },
      }),
    );
    expect(danger.status).toBe(1);
    expect(danger.stdout).toContain('<stdin>:1:67: danger wildcard_principal:');
  });

  it('explains a file it cannot read (exit 2)', () => {
    const out = lintCli([join(dir, 'missing.json')]);
    expect(out.status).toBe(2);
    expect(out.stderr).toContain('cannot read');
  });
});

describe('configuration', () => {
  it('reads GATEHOUSE_IAM_ROLE and GATEHOUSE_ROLE_HEALTH_MINUTES, refusing an ARN and out-of-range minutes', () => {
    expect(loadConfig({})).toMatchObject({ iamRoleName: null, roleHealthIntervalMinutes: 60 });
    expect(
      loadConfig({ GATEHOUSE_IAM_ROLE: '/ops/gatehouse-iam', GATEHOUSE_ROLE_HEALTH_MINUTES: '0' }),
    ).toMatchObject({ iamRoleName: '/ops/gatehouse-iam', roleHealthIntervalMinutes: 0 });
    let caught: unknown;
    try {
      loadConfig({
        GATEHOUSE_IAM_ROLE: 'arn:aws:iam::111122223333:role/gatehouse-iam',
        GATEHOUSE_ROLE_HEALTH_MINUTES: '-5',
      });
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    expect((caught as ConfigError).problems).toEqual([
      expect.stringMatching(/^GATEHOUSE_IAM_ROLE: expected a role name/),
      expect.stringMatching(/^GATEHOUSE_ROLE_HEALTH_MINUTES: expected an integer from 0 to 10080/),
    ]);
  });
});
