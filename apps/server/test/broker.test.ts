import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import type { AssumeRoleRequest, StsPort } from '@gatehouse/core';
import { createFederationAdapter, createStsAdapter } from '@gatehouse/aws';
import {
  MOTO_ACCOUNT,
  createMotoRoles,
  startFederationStandIn,
  startHttpDouble,
  startMotoServer,
  stsError,
} from '@gatehouse/aws/testing';
import type { FederationStandIn, MotoServer } from '@gatehouse/aws/testing';
import { createDatabase } from '@gatehouse/db';
import { REDACT_PATHS, buildApp } from '../src/app';
import { createAppContext } from '../src/context';
import { Browser, TEST_SECRET_KEY, codeFor, createEnrolledUser, createTestApp } from './support';
import type { TestApp } from './support';

const ACCOUNT = MOTO_ACCOUNT;

let moto: MotoServer;
let standIn: FederationStandIn;
let t: TestApp;
const logLines: string[] = [];
const sts = { calls: 0, last: null as AssumeRoleRequest | null };

/** The real adapter, counted: authorisation failures must never reach STS. */
function counted(port: StsPort): StsPort {
  return {
    getCallerIdentity: () => port.getCallerIdentity(),
    assumeRole: (request) => {
      sts.calls++;
      sts.last = request;
      return port.assumeRole(request);
    },
  };
}

async function createIamRole(name: string, maxSessionDuration = 3600): Promise<string> {
  const [arn] = await createMotoRoles(moto.endpoint, [{ roleName: name, maxSessionDuration }]);
  return arn!;
}

interface Seeded {
  accountId: string;
  roleId: string;
  grantId: string;
}

let seq = 0;
/** An account (once), a role in moto and in Gatehouse, and a grant to `subject`. */
async function seed(
  subject: { userId: string } | { groupId: string },
  role: { maxSessionSeconds?: number; requiresStepUp?: boolean; sessionPolicy?: string } = {},
  grant: {
    expiresAt?: Date;
    sourceCidrs?: string[];
    maxSessionSeconds?: number;
    allowConsole?: boolean;
    allowCli?: boolean;
  } = {},
): Promise<Seeded> {
  const name = `Role${++seq}`;
  const arn = await createIamRole(name, 43200);
  const account = await t.db.prisma.awsAccount.upsert({
    where: { awsAccountId: ACCOUNT },
    create: { awsAccountId: ACCOUNT, name: 'sandbox', partition: 'aws', defaultRegion: 'eu-west-1' },
    update: {},
  });
  const created = await t.db.prisma.role.create({
    data: {
      accountId: account.id,
      roleName: name,
      arn,
      displayName: `Role ${seq}`,
      maxSessionSeconds: role.maxSessionSeconds ?? 3600,
      requiresStepUp: role.requiresStepUp ?? false,
      sessionPolicy: role.sessionPolicy ?? null,
    },
  });
  const g = await t.db.prisma.grant.create({
    data: {
      roleId: created.id,
      ...('userId' in subject ? { userId: subject.userId } : { groupId: subject.groupId }),
      expiresAt: grant.expiresAt ?? null,
      sourceCidrs: grant.sourceCidrs ?? [],
      maxSessionSeconds: grant.maxSessionSeconds ?? null,
      allowConsole: grant.allowConsole ?? true,
      allowCli: grant.allowCli ?? true,
    },
  });
  // Written straight to the database, as another process would: wait until this server has heard.
  await t.ctx.changes.sync();
  return { accountId: account.id, roleId: created.id, grantId: g.id };
}

async function auditRows(grantId: string) {
  const rows = await t.db.prisma.auditEvent.findMany({ orderBy: { id: 'asc' } });
  return rows.filter((r) => (r.details as { grantId?: string }).grantId === grantId);
}

beforeAll(async () => {
  moto = await startMotoServer();
  process.env['AWS_ENDPOINT_URL'] = moto.endpoint;
  standIn = await startFederationStandIn({ stsEndpoint: moto.endpoint });
  const stream = new Writable({
    write(chunk, _enc, done) {
      logLines.push(String(chunk));
      done();
    },
  });
  t = await createTestApp(
    { GATEHOUSE_FEDERATION_URL: standIn.url },
    {
      sts: counted(createStsAdapter()),
      logger: { level: 'trace', stream, redact: { paths: REDACT_PATHS, censor: '[redacted]' } },
    },
  );
}, 60_000);

afterAll(async () => {
  await t?.close();
  await standIn?.close();
  await moto?.stop();
});

describe('console sign-in', () => {
  it('lands on the stand-in as assumed-role/<role>/<username>, with the AWS request built right', async () => {
    const alice = await createEnrolledUser(t, 'alice');
    const s = await seed({ userId: alice.userId }, { maxSessionSeconds: 7200 });
    const before = standIn.requests.length;
    const res = await alice.browser.post('/api/access/console', {
      grantId: s.grantId,
      service: 's3',
      region: 'eu-central-1',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const body = res.json();
    expect(body).toMatchObject({ durationSeconds: 7200, maxSessionSeconds: 7200, clamped: false });
    const url = new URL(body.url);
    expect(`${url.origin}${url.pathname}`).toBe(standIn.url);
    expect(url.searchParams.get('Action')).toBe('login');
    expect(url.searchParams.get('Issuer')).toBe(t.config.publicUrl.href);
    expect(url.searchParams.get('Destination')).toBe(
      'https://console.aws.amazon.com/s3/home?region=eu-central-1',
    );

    // SessionDuration goes to getSigninToken because the broker is not chaining roles.
    expect(standIn.requests.slice(before)).toEqual([{ action: 'getSigninToken', sessionDuration: '7200' }]);
    expect(sts.last).toMatchObject({
      roleSessionName: 'alice',
      sourceIdentity: alice.userId,
      durationSeconds: 7200,
    });
    expect(sts.last!.tags).toEqual(
      expect.arrayContaining([
        { key: 'gatehouse:user', value: 'alice' },
        { key: 'gatehouse:mfa', value: 'true' },
      ]),
    );

    const landed = await fetch(body.url, { headers: { accept: 'application/json' } });
    expect(landed.status).toBe(200);
    const landing = (await landed.json()) as { signedInAs: string };
    expect(landing.signedInAs).toMatch(new RegExp(`^arn:aws:sts::${ACCOUNT}:assumed-role/Role${seq}/alice$`));

    const rows = await auditRows(s.grantId);
    expect(rows.map((r) => r.outcome)).toEqual(['pending', 'issued']);
    expect(rows[0]!.correlationId).toBe(rows[1]!.correlationId);
    expect(rows[1]).toMatchObject({
      action: 'access.console',
      actorId: alice.userId,
      accountId: s.accountId,
      roleId: s.roleId,
    });
    expect(rows[1]!.details).toMatchObject({
      grantId: s.grantId,
      kind: 'console',
      durationSeconds: 7200,
      assumedRoleArn: landing.signedInAs,
      accessKeyIdHmac: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
  });

  it('reads a null service and region as left out: the account default region', async () => {
    const dora = await createEnrolledUser(t, 'dora-null');
    const s = await seed({ userId: dora.userId });
    for (const body of [{}, { service: null, region: null }]) {
      const res = await dora.browser.post('/api/access/console', { grantId: s.grantId, ...body });
      expect(res.statusCode, res.body).toBe(200);
      expect(new URL(res.json().url).searchParams.get('Destination'), JSON.stringify(body)).toBe(
        'https://console.aws.amazon.com/console/home?region=eu-west-1',
      );
    }
  });

  it('refuses a destination outside the console before anything is issued', async () => {
    const bob = await createEnrolledUser(t, 'bob-dest');
    const s = await seed({ userId: bob.userId });
    const calls = sts.calls;
    for (const service of ['//evil.example', 's3@evil.example', '../x', 'S3']) {
      const res = await bob.browser.post('/api/access/console', { grantId: s.grantId, service });
      expect(res.statusCode, service).toBe(400);
    }
    expect(
      (await bob.browser.post('/api/access/console', { grantId: s.grantId, region: 'cn-north-1' }))
        .statusCode,
    ).toBe(400);
    expect(sts.calls).toBe(calls);
  });

  it('clamps to the real maximum and rejects durations outside 900..43200', async () => {
    const carol = await createEnrolledUser(t, 'carol');
    const s = await seed({ userId: carol.userId }, { maxSessionSeconds: 7200 }, { maxSessionSeconds: 3600 });
    const clamped = await carol.browser.post('/api/access/credentials', {
      grantId: s.grantId,
      durationSeconds: 10_000,
      formats: ['process'],
    });
    expect(clamped.statusCode, clamped.body).toBe(200);
    expect(clamped.json()).toMatchObject({ durationSeconds: 3600, maxSessionSeconds: 3600, clamped: true });
    expect(sts.last!.durationSeconds).toBe(3600);
    for (const durationSeconds of [899, 43201]) {
      const res = await carol.browser.post('/api/access/credentials', {
        grantId: s.grantId,
        durationSeconds,
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().fields[0].field).toBe('durationSeconds');
    }
  });
});

describe('CLI credentials', () => {
  it('returns every format, and the process format works as credential_process for the real aws CLI', async () => {
    const dave = await createEnrolledUser(t, 'dave');
    const s = await seed({ userId: dave.userId });
    const res = await dave.browser.post('/api/access/credentials', { grantId: s.grantId });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const body = res.json();
    expect(Object.keys(body.formatted).sort()).toEqual(
      ['dotenv', 'env', 'env-no-export', 'fish', 'ini', 'powershell', 'process', 'windows-cmd'].sort(),
    );
    expect(body.formatted.env).toContain(`export AWS_ACCESS_KEY_ID=${body.accessKeyId}`);
    expect(body.formatted.powershell).toContain(`$Env:AWS_SECRET_ACCESS_KEY="${body.secretAccessKey}"`);
    expect(body.formatted['windows-cmd']).toContain(`set AWS_SESSION_TOKEN=${body.sessionToken}`);
    const processJson = JSON.parse(body.formatted.process);
    expect(processJson).toEqual({
      Version: 1,
      AccessKeyId: body.accessKeyId,
      SecretAccessKey: body.secretAccessKey,
      SessionToken: body.sessionToken,
      Expiration: expect.any(String),
    });
    expect(new Date(processJson.Expiration).getTime()).toBeGreaterThan(Date.now());

    const dir = mkdtempSync(join(tmpdir(), 'gh-awscli-'));
    writeFileSync(join(dir, 'creds.json'), body.formatted.process);
    writeFileSync(
      join(dir, 'config'),
      `[profile sandbox-role]\ncredential_process = cat ${join(dir, 'creds.json')}\nregion = us-east-1\n`,
    );
    const out = execFileSync(
      'aws',
      ['sts', 'get-caller-identity', '--profile', 'sandbox-role', '--output', 'json'],
      {
        encoding: 'utf8',
        env: {
          PATH: process.env['PATH'] ?? '',
          HOME: dir,
          AWS_CONFIG_FILE: join(dir, 'config'),
          AWS_SHARED_CREDENTIALS_FILE: join(dir, 'none'),
          AWS_ENDPOINT_URL: moto.endpoint,
          AWS_EC2_METADATA_DISABLED: 'true',
        },
        timeout: 60_000,
      },
    );
    expect(JSON.parse(out).Arn).toBe(body.assumedRoleArn);
    expect(body.assumedRoleArn).toMatch(new RegExp(`:assumed-role/Role${seq}/dave$`));
  });
});

describe('authorisation', () => {
  async function expectDenied(
    browser: Browser,
    grantId: string,
    reason: string,
    kind: 'console' | 'credentials' = 'credentials',
  ) {
    const calls = sts.calls;
    const res = await browser.post(`/api/access/${kind}`, { grantId });
    expect(res.statusCode, res.body).toBe(403);
    expect(res.body).not.toMatch(/AccessKeyId|secretAccessKey|SigninToken/i);
    expect(sts.calls, 'no call may reach STS').toBe(calls);
    const rows = await auditRows(grantId);
    expect(rows.at(-1)).toMatchObject({ outcome: 'denied', details: expect.objectContaining({ reason }) });
  }

  it('denies a grant of another user, an expired grant, a disabled account, a removed membership, a foreign IP and a stale step-up', async () => {
    const erin = await createEnrolledUser(t, 'erin');
    const frank = await createEnrolledUser(t, 'frank');

    const franks = await seed({ userId: frank.userId });
    await expectDenied(erin.browser, franks.grantId, 'not_granted');

    const expired = await seed({ userId: erin.userId }, {}, { expiresAt: new Date(Date.now() + 60_000) });
    t.clock.offsetMs += 120_000;
    await expectDenied(erin.browser, expired.grantId, 'grant_expired');

    const group = await t.db.prisma.group.create({ data: { name: 'ops' } });
    await t.db.prisma.groupMembership.create({ data: { groupId: group.id, userId: erin.userId } });
    const viaGroup = await seed({ groupId: group.id });
    const ok = await erin.browser.post('/api/access/credentials', {
      grantId: viaGroup.grantId,
      formats: ['env'],
    });
    expect(ok.statusCode, ok.body).toBe(200);
    await t.db.prisma.groupMembership.delete({
      where: { groupId_userId: { groupId: group.id, userId: erin.userId } },
    });
    await expectDenied(erin.browser, viaGroup.grantId, 'not_granted');

    const fenced = await seed({ userId: erin.userId }, {}, { sourceCidrs: ['10.20.0.0/16'] });
    await expectDenied(erin.browser, fenced.grantId, 'source_ip');
    const inside = new Browser(t.app, '10.20.3.4');
    inside.cookie = erin.browser.cookie;
    expect(
      (await inside.post('/api/access/credentials', { grantId: fenced.grantId, formats: ['env'] }))
        .statusCode,
    ).toBe(200);

    const consoleOnly = await seed({ userId: erin.userId }, {}, { allowCli: false });
    await expectDenied(erin.browser, consoleOnly.grantId, 'cli_not_allowed');

    const stepUp = await seed({ userId: erin.userId }, { requiresStepUp: true });
    t.clock.offsetMs += 6 * 60_000; // the sign-in code is now older than 5 minutes
    await erin.browser.get('/api/me/access'); // stay active
    await expectDenied(erin.browser, stepUp.grantId, 'step_up_required', 'console');
    const confirm = await erin.browser.post('/api/auth/step-up', { code: await codeFor(t, erin.secret, 1) });
    expect(confirm.statusCode, confirm.body).toBe(200);
    expect((await erin.browser.post('/api/access/console', { grantId: stepUp.grantId })).statusCode).toBe(
      200,
    );

    // The account is disabled last: it hides every role in it.
    await t.db.prisma.awsAccount.update({ where: { awsAccountId: ACCOUNT }, data: { disabled: true } });
    try {
      await expectDenied(erin.browser, fenced.grantId, 'account_disabled');
      expect((await erin.browser.get('/api/me/access')).json().accounts).toEqual([]);
    } finally {
      await t.db.prisma.awsAccount.update({ where: { awsAccountId: ACCOUNT }, data: { disabled: false } });
    }
  });

  it('answers 404 for an unknown grant and 401 without a session', async () => {
    const gina = await createEnrolledUser(t, 'gina');
    const unknown = await gina.browser.post('/api/access/console', {
      grantId: '00000000-0000-4000-8000-000000000000',
    });
    expect(unknown.statusCode).toBe(404);
    expect(
      (
        await new Browser(t.app).post('/api/access/console', {
          grantId: '00000000-0000-4000-8000-000000000000',
        })
      ).statusCode,
    ).toBe(401);
  });
});

describe('my access', () => {
  it('lists direct and group roles once each, with favourites first and the real maximum', async () => {
    const hank = await createEnrolledUser(t, 'hank');
    const direct = await seed(
      { userId: hank.userId },
      { maxSessionSeconds: 14400 },
      { maxSessionSeconds: 7200 },
    );
    const group = await t.db.prisma.group.create({ data: { name: 'hank-team' } });
    await t.db.prisma.groupMembership.create({ data: { groupId: group.id, userId: hank.userId } });
    await t.db.prisma.grant.create({
      data: { roleId: direct.roleId, groupId: group.id, maxSessionSeconds: 3600 },
    });
    const other = await seed({ groupId: group.id }); // (seed waits for the change feed)

    expect((await hank.browser.request('PUT', `/api/me/favourites/${other.roleId}`, {})).statusCode).toBe(
      200,
    );
    const res = await hank.browser.get('/api/me/access');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.roleChaining).toBe(false);
    expect(body.accounts).toHaveLength(1);
    const roles = body.accounts[0].roles;
    expect(roles.map((r: { roleId: string }) => r.roleId)).toEqual([other.roleId, direct.roleId]);
    expect(roles[0].favourite).toBe(true);
    expect(roles[1]).toMatchObject({
      maxSessionSeconds: 7200,
      grantId: direct.grantId,
      via: expect.arrayContaining(['direct', 'group:hank-team']),
    });

    // Removing the grant takes effect on the next request. Removed here straight in the
    // database, as another process would: this one hears of it through the change feed.
    await t.db.prisma.grant.deleteMany({ where: { roleId: other.roleId } });
    await t.ctx.changes.sync();
    const after = (await hank.browser.get('/api/me/access')).json();
    expect(after.accounts[0].roles.map((r: { roleId: string }) => r.roleId)).toEqual([direct.roleId]);
    const unknownFav = await hank.browser.request('PUT', `/api/me/favourites/${other.roleId}`, {});
    expect(unknownFav.statusCode).toBe(404);
  });
});

describe('the real maximum', () => {
  it('follows the role MaxSessionDuration IAM reported, explains it, and clamps issuance to it', async () => {
    const nina = await createEnrolledUser(t, 'nina');
    const s = await seed({ userId: nina.userId }, { maxSessionSeconds: 14400 });
    const roleIn = (access: { accounts: Array<{ roles: Array<Record<string, unknown>> }> }, id: string) =>
      access.accounts.flatMap((a) => a.roles).find((r) => r['roleId'] === id)!;
    const first = roleIn((await nina.browser.get('/api/me/access')).json(), s.roleId);
    expect(first).toMatchObject({ maxSessionSeconds: 14400, maxSessionLimitedBy: 'role' });
    expect(first['maxSessionExplanation']).toMatch(/4 h/);

    await t.db.prisma.roleHealth.create({
      data: {
        roleId: s.roleId,
        status: 'error',
        checkedAt: new Date(),
        iamMaxSessionSeconds: 3600,
        report: {},
      },
    });
    await t.ctx.changes.sync();
    const after = roleIn((await nina.browser.get('/api/me/access')).json(), s.roleId);
    expect(after).toMatchObject({ maxSessionSeconds: 3600, maxSessionLimitedBy: 'iam_role' });
    expect(after['maxSessionExplanation']).toMatch(/MaxSessionDuration in IAM is 1 h/);
    const issued = await nina.browser.post('/api/access/credentials', {
      grantId: s.grantId,
      durationSeconds: 14400,
      formats: ['env'],
    });
    expect(issued.json()).toMatchObject({ durationSeconds: 3600, clamped: true });
    expect(sts.last!.durationSeconds).toBe(3600);
  });
});

describe('role chaining', () => {
  it('sends no SessionDuration, clamps to 1 hour and tells the user the real maximum', async () => {
    // The broker itself on role credentials: assume a role in moto and use its session.
    const brokerRole = await createIamRole('gatehouse-broker');
    const assumed = await new STSClient({ region: 'us-east-1', endpoint: moto.endpoint }).send(
      new AssumeRoleCommand({ RoleArn: brokerRole, RoleSessionName: 'broker' }),
    );
    const c = assumed.Credentials!;
    const chainedSts = createStsAdapter({
      credentials: async () => ({
        accessKeyId: c.AccessKeyId!,
        secretAccessKey: c.SecretAccessKey!,
        sessionToken: c.SessionToken!,
      }),
    });
    const chained = await createTestApp({ GATEHOUSE_FEDERATION_URL: standIn.url }, { sts: chainedSts });
    try {
      const ivy = await createEnrolledUser(chained, 'ivy');
      const role = await createIamRole('chained-target', 43200);
      const account = await chained.db.prisma.awsAccount.create({
        data: { awsAccountId: ACCOUNT, name: 'chain' },
      });
      const r = await chained.db.prisma.role.create({
        data: {
          accountId: account.id,
          roleName: 'chained-target',
          arn: role,
          displayName: 'Chained',
          maxSessionSeconds: 43200,
        },
      });
      const g = await chained.db.prisma.grant.create({ data: { roleId: r.id, userId: ivy.userId } });

      const access = (await ivy.browser.get('/api/me/access')).json();
      expect(access.roleChaining).toBe(true);
      expect(access.accounts[0].roles[0].maxSessionSeconds).toBe(3600);

      const before = standIn.requests.length;
      const res = await ivy.browser.post('/api/access/console', { grantId: g.id, durationSeconds: 43200 });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ durationSeconds: 3600, maxSessionSeconds: 3600, clamped: true });
      expect(standIn.requests.slice(before)).toEqual([{ action: 'getSigninToken', sessionDuration: null }]);
    } finally {
      await chained.close();
    }
  });
});

describe('fail-closed audit', () => {
  it('returns 503 and no credentials when the audit insert is refused, without calling STS', async () => {
    const jack = await createEnrolledUser(t, 'jack');
    const s = await seed({ userId: jack.userId });
    const roleName = `gh_app_${Date.now()}`;
    const admin = new pg.Client({ connectionString: t.dbUrl });
    await admin.connect();
    await admin.query(`CREATE ROLE ${roleName} LOGIN`);
    await admin.query(`GRANT ALL ON ALL TABLES IN SCHEMA public TO ${roleName}`);
    await admin.query(`GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO ${roleName}`);
    await admin.query(`REVOKE INSERT ON audit_events FROM ${roleName}`);
    // A second server on the same database, connected as the restricted role.
    const url = new URL(t.dbUrl);
    url.username = roleName;
    const db = createDatabase({ connectionString: url.href });
    const ctx = createAppContext(
      t.config,
      { secretKey: Buffer.from(TEST_SECRET_KEY, 'base64') },
      {
        db,
        sts: counted(createStsAdapter()),
        federation: createFederationAdapter(),
        now: () => new Date(Date.now() + t.clock.offsetMs),
      },
    );
    const app = await buildApp(ctx, { logger: false });
    try {
      const browser = new Browser(app);
      browser.cookie = jack.browser.cookie;
      const calls = sts.calls;
      for (const kind of ['console', 'credentials']) {
        const res = await browser.post(`/api/access/${kind}`, { grantId: s.grantId });
        expect(res.statusCode, res.body).toBe(503);
        expect(res.json().message).toMatch(/audit/i);
        expect(res.body).not.toMatch(/AccessKeyId|secretAccessKey|sessionToken|SigninToken|Action=login/i);
      }
      expect(sts.calls).toBe(calls);
    } finally {
      await app.close();
      await db.close();
      await admin.query(`DROP OWNED BY ${roleName}`);
      await admin.query(`DROP ROLE ${roleName}`);
      await admin.end();
    }
  });

  it('returns 503 and no credentials when the issued row cannot be written after STS answered', async () => {
    const kate = await createEnrolledUser(t, 'kate');
    const s = await seed({ userId: kate.userId });
    const admin = new pg.Client({ connectionString: t.dbUrl });
    await admin.connect();
    await admin.query(`
      CREATE FUNCTION refuse_issued() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.outcome = 'issued' THEN RAISE EXCEPTION 'audit storage full'; END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER refuse_issued BEFORE INSERT ON audit_events FOR EACH ROW EXECUTE FUNCTION refuse_issued();`);
    try {
      const calls = sts.calls;
      for (const kind of ['console', 'credentials']) {
        const res = await kate.browser.post(`/api/access/${kind}`, { grantId: s.grantId });
        expect(res.statusCode, res.body).toBe(503);
        expect(res.body).not.toMatch(/AccessKeyId|secretAccessKey|sessionToken|SigninToken|Action=login/i);
      }
      expect(sts.calls).toBe(calls + 2);
      expect((await auditRows(s.grantId)).map((r) => r.outcome)).toEqual(['pending', 'pending']);
    } finally {
      await admin.query('DROP TRIGGER refuse_issued ON audit_events; DROP FUNCTION refuse_issued()');
      await admin.end();
    }
    // The reconciler later calls those two abandoned.
    t.clock.offsetMs += 3 * 60_000;
    expect(await t.ctx.services.broker.reconcile()).toBeGreaterThanOrEqual(2);
    expect((await auditRows(s.grantId)).map((r) => r.outcome)).toEqual([
      'pending',
      'pending',
      'abandoned',
      'abandoned',
    ]);
    expect(await t.ctx.services.broker.reconcile()).toBe(0);
  });
});

describe('AWS errors', () => {
  it('explains AccessDenied, retries throttling a bounded number of times, and audits each failure', async () => {
    const double = await startHttpDouble({ upstream: moto.endpoint });
    const previous = process.env['AWS_ENDPOINT_URL_STS'];
    process.env['AWS_ENDPOINT_URL_STS'] = double.url;
    const faulty = await createTestApp(
      { GATEHOUSE_FEDERATION_URL: standIn.url },
      { sts: createStsAdapter() },
    );
    try {
      await faulty.ctx.services.brokerIdentity.refresh(); // through the double, to moto
      const mia = await createEnrolledUser(faulty, 'mia');
      const arn = await createIamRole('faulty-target');
      const account = await faulty.db.prisma.awsAccount.create({
        data: { awsAccountId: ACCOUNT, name: 'faulty' },
      });
      const role = await faulty.db.prisma.role.create({
        data: { accountId: account.id, roleName: 'faulty-target', arn, displayName: 'Faulty' },
      });
      const grant = await faulty.db.prisma.grant.create({ data: { roleId: role.id, userId: mia.userId } });
      const outcomes = async () =>
        (
          await faulty.db.prisma.auditEvent.findMany({ where: { roleId: role.id }, orderBy: { id: 'asc' } })
        ).map((r) => `${r.outcome}:${(r.details as { errorClass?: string }).errorClass ?? ''}`);

      let seen = double.requests.length;
      double.queue.push({
        status: 403,
        body: stsError('AccessDenied', 'not authorized to perform sts:AssumeRole'),
      });
      const denied = await mia.browser.post('/api/access/console', { grantId: grant.id });
      expect(denied.statusCode, denied.body).toBe(502);
      expect(denied.json().error).toBe('aws_access_denied');
      expect(denied.json().message).toContain(arn);
      expect(denied.json().message).toMatch(/trust policy.*sts:SetSourceIdentity and sts:TagSession/);
      expect(double.requests.length - seen).toBe(1); // never retried
      expect(await outcomes()).toEqual(['pending:', 'failed:access_denied']);

      seen = double.requests.length;
      for (let i = 0; i < 3; i++)
        double.queue.push({ status: 400, body: stsError('Throttling', 'Rate exceeded') });
      const throttled = await mia.browser.post('/api/access/credentials', { grantId: grant.id });
      expect(throttled.statusCode, throttled.body).toBe(503);
      expect(throttled.json().message).toMatch(/AWS STS is failing or throttling requests \(3 attempts\)/);
      expect(double.requests.length - seen).toBe(3);
      expect((await outcomes()).slice(2)).toEqual(['pending:', 'failed:throttled']);
      expect(throttled.body).not.toMatch(/AccessKeyId|secretAccessKey/i);
    } finally {
      if (previous === undefined) delete process.env['AWS_ENDPOINT_URL_STS'];
      else process.env['AWS_ENDPOINT_URL_STS'] = previous;
      await faulty.close();
      await double.close();
    }
  });
});

describe('secrets stay out of logs and the audit log', () => {
  it('never writes a secret key, session token, sign-in token or login URL', async () => {
    const leo = await createEnrolledUser(t, 'leo');
    const s = await seed({ userId: leo.userId });
    const creds = (await leo.browser.post('/api/access/credentials', { grantId: s.grantId })).json();
    const consoleUrl = (await leo.browser.post('/api/access/console', { grantId: s.grantId })).json()
      .url as string;
    const signinToken = new URL(consoleUrl).searchParams.get('SigninToken')!;
    const secrets = [creds.secretAccessKey, creds.sessionToken, creds.accessKeyId, signinToken, consoleUrl];
    const logs = logLines.join('\n');
    const audit = JSON.stringify((await t.db.pool.query('SELECT * FROM audit_events')).rows);
    expect(logs.length).toBeGreaterThan(0);
    for (const secret of secrets) {
      expect(logs.includes(secret), 'in logs').toBe(false);
      expect(audit.includes(secret), 'in the audit table').toBe(false);
    }
    expect(logs).not.toMatch(/Action=login|SigninToken=/);
  });
});
