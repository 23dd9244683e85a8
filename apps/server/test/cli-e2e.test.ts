/**
 * The real `gatehouse` CLI, built from source, run as a child process against a listening server
 * (real Postgres), moto_server and the federation stand-in, with HOME and the XDG directories in a
 * temporary directory; the real `aws` CLI runs the profiles `gatehouse configure` writes.
 */
import { execFile, spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStsAdapter } from '@gatehouse/aws';
import {
  MOTO_ACCOUNT,
  createMotoRoles,
  freeLoopbackPort,
  startFederationStandIn,
  startMotoServer,
} from '@gatehouse/aws/testing';
import type { FederationStandIn, MotoServer } from '@gatehouse/aws/testing';
import { codeFor, createEnrolledUser, createTestApp } from './support';
import type { TestApp } from './support';

const ROOT = join(import.meta.dirname, '../../..');
const CLI = join(ROOT, 'packages/cli/dist/gatehouse.js');
const ACCOUNT = MOTO_ACCOUNT;

let moto: MotoServer;
let standIn: FederationStandIn;
let t: TestApp;
let portal: string;
let home: string;
let alice: Awaited<ReturnType<typeof createEnrolledUser>>;
/** Every HTTP request that reaches the server. */
let requests = 0;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function cliEnv(extra: Record<string, string> = {}): Record<string, string> {
  return {
    PATH: process.env['PATH'] ?? '',
    HOME: home,
    XDG_CONFIG_HOME: join(home, 'xdg-config'),
    XDG_CACHE_HOME: join(home, 'xdg-cache'),
    AWS_CONFIG_FILE: join(home, 'aws', 'config'),
    AWS_SHARED_CREDENTIALS_FILE: join(home, 'aws', 'credentials-none'),
    AWS_ENDPOINT_URL: moto.endpoint,
    AWS_EC2_METADATA_DISABLED: 'true',
    BROWSER: join(home, 'browser.sh'),
    ...extra,
  };
}

function run(command: string, args: string[], extra: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      command,
      args,
      { env: cliEnv(extra), timeout: 60_000, encoding: 'utf8' },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : null) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

function gatehouse(...args: string[]): Promise<Run> {
  return run(process.execPath, [CLI, ...args]);
}

function aws(...args: string[]): Promise<Run> {
  return run('aws', [...args, '--output', 'json']);
}

/** `gatehouse login`: waits for the code on stderr, then lets `decide` approve or deny it. */
async function login(decide: (userCode: string) => Promise<void>, ...args: string[]): Promise<Run> {
  const child = spawn(process.execPath, [CLI, 'login', ...args], { env: cliEnv() });
  let stdout = '';
  let stderr = '';
  let decided: Promise<void> | null = null;
  child.stdout.on('data', (chunk) => (stdout += String(chunk)));
  child.stderr.on('data', (chunk) => {
    stderr += String(chunk);
    const code = /shows the code ([A-Z]{4}-[A-Z]{4})/.exec(stderr)?.[1];
    if (code && !decided) decided = decide(code);
  });
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  await decided;
  return { code, stdout, stderr };
}

async function approve(userCode: string): Promise<void> {
  t.clock.offsetMs += 90_000; // past the TOTP steps used so far
  const res = await alice.browser.post('/api/cli/device/approve', {
    userCode,
    totpCode: await codeFor(t, alice.secret),
  });
  expect(res.statusCode, res.body).toBe(200);
}

async function seedRole(name: string, displayName: string, options: { requiresStepUp?: boolean } = {}) {
  const [arn] = await createMotoRoles(moto.endpoint, [name]);
  const account = await t.db.prisma.awsAccount.upsert({
    where: { awsAccountId: ACCOUNT },
    create: { awsAccountId: ACCOUNT, name: 'sandbox', defaultRegion: 'eu-west-1' },
    update: {},
  });
  const role = await t.db.prisma.role.create({
    data: {
      accountId: account.id,
      roleName: name,
      arn: arn!,
      displayName,
      requiresStepUp: options.requiresStepUp ?? false,
    },
  });
  await t.db.prisma.grant.create({ data: { roleId: role.id, userId: alice.userId } });
  // Written straight to the database, as another process would: wait until the server has heard.
  await t.ctx.changes.sync();
  return role;
}

function mode(path: string): number {
  return statSync(path).mode & 0o777;
}

function cacheFiles(): string[] {
  const dir = join(home, 'xdg-cache', 'gatehouse');
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((d) => readdirSync(join(dir, d)).map((f) => join(dir, d, f)));
}

const USER_CONFIG = `# hand-written: keep me
[default]
region = us-east-1

[sso-session corp]
sso_start_url = https://corp.awsapps.com/start
sso_region = us-east-1

[profile legacy]
sso_session = corp
sso_account_id = 111122223333
sso_role_name = ReadOnly
; trailing comment
`;

beforeAll(async () => {
  // The CLI is tested as shipped: the bundle, built from the current sources.
  const build = spawnSync(process.execPath, ['packages/cli/build.mjs'], { cwd: ROOT, encoding: 'utf8' });
  expect(build.status, build.stderr).toBe(0);

  moto = await startMotoServer();
  process.env['AWS_ENDPOINT_URL'] = moto.endpoint;
  standIn = await startFederationStandIn({ stsEndpoint: moto.endpoint });
  const port = await freeLoopbackPort();
  portal = `http://127.0.0.1:${port}`;
  t = await createTestApp(
    { GATEHOUSE_FEDERATION_URL: standIn.url, GATEHOUSE_PUBLIC_URL: portal },
    { sts: createStsAdapter() },
  );
  t.app.server.on('request', () => requests++);
  await t.app.listen({ host: '127.0.0.1', port });

  home = mkdtempSync(join(tmpdir(), 'gh-cli-'));
  writeFileSync(join(home, 'browser.sh'), `#!/bin/sh\nprintf '%s\\n' "$1" >> "${join(home, 'opened')}"\n`);
  chmodSync(join(home, 'browser.sh'), 0o755);
  alice = await createEnrolledUser(t, 'alice');
}, 120_000);

afterAll(async () => {
  await t?.close();
  await standIn?.close();
  await moto?.stop();
});

describe('the gatehouse CLI', () => {
  it('runs from the workspace through its npm bin link', () => {
    const res = spawnSync(join(ROOT, 'node_modules/.bin/gatehouse'), ['--version'], { encoding: 'utf8' });
    expect(res.status, res.stderr).toBe(0);
    expect(res.stdout).toBe('0.1.0\n');
  });

  it('says "not logged in" before login, with its own exit code', async () => {
    const none = await gatehouse('roles');
    expect(none).toMatchObject({ code: 3, stdout: '' });
    expect(none.stderr).toBe(
      'gatehouse: no portal configured: run `gatehouse login --url https://your-portal` (or set GATEHOUSE_URL)\n',
    );
    const noToken = await gatehouse('roles', '--url', portal);
    expect(noToken.code).toBe(3);
    expect(noToken.stderr).toBe(`gatehouse: not logged in to ${portal}: run \`gatehouse login\`\n`);
    const usage = await gatehouse('credentials');
    expect(usage.code).toBe(2);
    expect(usage.stderr.split('\n')).toHaveLength(2); // one line
  });

  it('logs in by device authorisation approved with a TOTP code; the token file is 0600', async () => {
    await seedRole('Role1', 'Admin role');
    const res = await login(approve, '--url', portal);
    expect(res.code, res.stderr).toBe(0);
    expect(res.stderr).toContain(`${portal}/device?code=`);
    expect(res.stderr).toMatch(/Logged in to .* as alice/);
    // The browser was asked to open the approval page with the code filled in.
    expect(readFileSync(join(home, 'opened'), 'utf8')).toMatch(
      new RegExp(`^${portal}/device\\?code=[A-Z]{4}-[A-Z]{4}\\n$`),
    );
    const tokens = join(home, 'xdg-config', 'gatehouse', 'tokens.json');
    expect(mode(tokens)).toBe(0o600);
    expect(mode(join(home, 'xdg-config', 'gatehouse'))).toBe(0o700);
    expect(JSON.parse(readFileSync(tokens, 'utf8')).portals[portal]).toMatchObject({
      username: 'alice',
      userId: alice.userId,
      token: expect.stringMatching(/^ghcli_/),
    });

    const who = await gatehouse('whoami');
    expect(who.code, who.stderr).toBe(0);
    expect(who.stdout).toMatch(new RegExp(`^alice \\(alice\\) on ${portal}; this login expires `));
    const roles = await gatehouse('roles');
    expect(roles.code, roles.stderr).toBe(0);
    expect(roles.stdout).toMatch(/sandbox\/Role1\s+123456789012\s+Admin role\s+console,cli\s+1h/);
    const json = JSON.parse((await gatehouse('roles', '--json')).stdout);
    expect(json.roles[0]).toMatchObject({
      target: 'sandbox/Role1',
      role: { roleName: 'Role1', allowCli: true },
    });
  });

  it('configures AWS profiles that the aws CLI uses, with a cache that spares the server', async () => {
    const configFile = join(home, 'aws', 'config');
    mkdirSync(join(home, 'aws'), { recursive: true });
    writeFileSync(configFile, USER_CONFIG);

    const dry = await gatehouse('configure', '--dry-run');
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toContain('+[profile sandbox-role1]');
    expect(readFileSync(configFile, 'utf8')).toBe(USER_CONFIG);

    const configured = await gatehouse('configure');
    expect(configured.code, configured.stderr).toBe(0);
    expect(configured.stdout).toBe('sandbox-role1\n');
    const written = readFileSync(configFile, 'utf8');
    expect(written.startsWith(USER_CONFIG)).toBe(true);
    expect(readFileSync(`${configFile}.gatehouse.bak`, 'utf8')).toBe(USER_CONFIG);
    expect(written).toContain(`credentials ${ACCOUNT}/Role1 --format process\nregion = eu-west-1\n`);
    // Running it again changes nothing.
    expect((await gatehouse('configure')).stderr).toMatch(/is up to date/);
    expect(readFileSync(configFile, 'utf8')).toBe(written);

    const before = requests;
    const first = await aws('sts', 'get-caller-identity', '--profile', 'sandbox-role1');
    expect(first.code, first.stderr).toBe(0);
    expect(JSON.parse(first.stdout).Arn).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/Role1/alice`);
    expect(requests - before).toBe(2); // my access, then credentials

    const files = cacheFiles();
    expect(files).toHaveLength(1);
    expect(mode(files[0]!)).toBe(0o600);

    const cached = requests;
    const second = await aws('sts', 'get-caller-identity', '--profile', 'sandbox-role1');
    expect(second.code, second.stderr).toBe(0);
    expect(JSON.parse(second.stdout).Arn).toBe(JSON.parse(first.stdout).Arn);
    expect(requests - cached).toBe(0);

    // A cache file edited to an expired time is not used.
    const entry = JSON.parse(readFileSync(files[0]!, 'utf8'));
    writeFileSync(
      files[0]!,
      JSON.stringify({ ...entry, expiration: new Date(Date.now() - 60_000).toISOString() }),
    );
    const edited = requests;
    const third = await aws('sts', 'get-caller-identity', '--profile', 'sandbox-role1');
    expect(third.code, third.stderr).toBe(0);
    expect(requests - edited).toBe(2);
    expect(JSON.parse(readFileSync(files[0]!, 'utf8')).accessKeyId).not.toBe(entry.accessKeyId);
  });

  it('prints credentials in every format, runs commands with them and opens the console', async () => {
    const env = await gatehouse('credentials', 'SANDBOX/admin role', '--format', 'env');
    expect(env.code, env.stderr).toBe(0);
    expect(env.stdout).toMatch(/^export AWS_ACCESS_KEY_ID=ASIA/m);
    const ps = await gatehouse('credentials', 'sandbox/Role1', '--format', 'powershell');
    expect(ps.stdout).toMatch(/^\$Env:AWS_SECRET_ACCESS_KEY="/m);

    const exec = await gatehouse(
      'exec',
      'sandbox/Role1',
      '--',
      'aws',
      'sts',
      'get-caller-identity',
      '--output',
      'json',
    );
    expect(exec.code, exec.stderr).toBe(0);
    expect(JSON.parse(exec.stdout).Arn).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/Role1/alice`);
    expect((await gatehouse('exec', 'sandbox/Role1', '--', 'sh', '-c', 'exit 42')).code).toBe(42);
    const missing = await gatehouse('exec', 'sandbox/Role1', '--', 'no-such-command-here');
    expect(missing).toMatchObject({
      code: 127,
      stderr: 'gatehouse: cannot run "no-such-command-here": command not found\n',
    });

    const printed = await gatehouse('console', 'sandbox/Role1', '--service', 's3', '--print');
    expect(printed.code, printed.stderr).toBe(0);
    const url = printed.stdout.trim();
    expect(url.startsWith(`${standIn.url}?`)).toBe(true);
    const landed = await fetch(url, { headers: { accept: 'application/json' } });
    expect(((await landed.json()) as { signedInAs: string }).signedInAs).toBe(
      `arn:aws:sts::${ACCOUNT}:assumed-role/Role1/alice`,
    );
    const opened = await gatehouse('console', 'sandbox/Role1');
    expect(opened.code, opened.stderr).toBe(0);
    for (let i = 0; i < 50 && readFileSync(join(home, 'opened'), 'utf8').split('\n').length < 3; i++) {
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(readFileSync(join(home, 'opened'), 'utf8').split('\n')[1]).toMatch(/Action=login/);
  });

  it('gives a distinct exit code and one line for each kind of refusal', async () => {
    await seedRole('Twin1', 'Twin');
    await seedRole('Twin2', 'Twin');
    const ambiguous = await gatehouse('credentials', 'sandbox/twin');
    expect(ambiguous.code).toBe(8);
    expect(ambiguous.stderr).toBe(
      'gatehouse: "sandbox/twin" matches 2 roles: sandbox/Twin1, sandbox/Twin2; use one of these\n',
    );
    const notMine = await gatehouse('credentials', 'sandbox/Nope');
    expect(notMine.code).toBe(6);
    expect(notMine.stderr.split('\n')).toHaveLength(2);

    // The approval's code counted as a step-up for 5 minutes; later, a step-up role sends the user back.
    await seedRole('Guarded', 'Guarded', { requiresStepUp: true });
    t.clock.offsetMs += 6 * 60_000;
    await alice.browser.get('/api/me/access');
    const stepUp = await gatehouse('credentials', 'sandbox/Guarded');
    expect(stepUp.code).toBe(7);
    expect(stepUp.stderr).toBe(
      'gatehouse: sandbox/Guarded needs a fresh authenticator code: run `gatehouse login` and approve it with a new code, then run this again within 5 minutes\n',
    );
    const fresh = await login(approve);
    expect(fresh.code, fresh.stderr).toBe(0);
    expect((await gatehouse('credentials', 'sandbox/Guarded')).code).toBe(0);

    // A portal that does not answer.
    const tokens = join(home, 'xdg-config', 'gatehouse', 'tokens.json');
    const saved = JSON.parse(readFileSync(tokens, 'utf8'));
    const dead = `http://127.0.0.1:${await freeLoopbackPort()}`;
    saved.portals[dead] = saved.portals[portal];
    writeFileSync(tokens, JSON.stringify(saved), { mode: 0o600 });
    const unreachable = await gatehouse('roles', '--url', dead);
    expect(unreachable.code).toBe(5);
    expect(unreachable.stderr).toBe(`gatehouse: cannot reach the portal at ${dead} (ECONNREFUSED)\n`);
    const debug = await gatehouse('roles', '--url', dead, '--debug');
    expect(debug.stderr).toContain('gatehouse[debug]: GET /api/me/access failed');
    expect(debug.stderr).not.toContain(saved.portals[portal].token);
  });

  it('answers "login again" once the token is revoked, and logs out cleanly', async () => {
    const tokenId = JSON.parse(readFileSync(join(home, 'xdg-config', 'gatehouse', 'tokens.json'), 'utf8'))
      .portals[portal].tokenId as string;
    const revoke = await alice.browser.request('DELETE', `/api/me/cli-tokens/${tokenId}`);
    expect(revoke.statusCode, revoke.body).toBe(200);
    for (const args of [['roles'], ['whoami'], ['credentials', 'sandbox/Role1', '--no-cache']]) {
      const res = await gatehouse(...args);
      expect(res.code, args.join(' ')).toBe(4);
      expect(res.stderr).toBe(
        `gatehouse: your login to ${portal} has expired or was revoked: run \`gatehouse login\` again\n`,
      );
    }
    // Credentials already issued stay valid in AWS until they expire, so the cache may still serve
    // them; anything that needs the portal gets the same line, through the aws CLI too.
    expect((await aws('sts', 'get-caller-identity', '--profile', 'sandbox-role1')).code).toBe(0);
    rmSync(join(home, 'xdg-cache'), { recursive: true });
    const viaAws = await aws('sts', 'get-caller-identity', '--profile', 'sandbox-role1');
    expect(viaAws.code).not.toBe(0);
    expect(viaAws.stderr).toContain('has expired or was revoked: run `gatehouse login` again');

    // A denied login changes nothing and says so.
    const denied = await login(async (userCode) => {
      const res = await alice.browser.post('/api/cli/device/deny', { userCode });
      expect(res.statusCode).toBe(200);
    });
    expect(denied.code).toBe(9);
    expect(denied.stderr.trim().split('\n').at(-1)).toBe('gatehouse: the login was denied in the portal');

    const again = await login(approve);
    expect(again.code, again.stderr).toBe(0);
    expect((await gatehouse('credentials', 'sandbox/Role1')).code).toBe(0);
    expect(cacheFiles().length).toBeGreaterThan(0);
    const newId = JSON.parse(readFileSync(join(home, 'xdg-config', 'gatehouse', 'tokens.json'), 'utf8'))
      .portals[portal].tokenId as string;

    const out = await gatehouse('logout');
    expect(out.code, out.stderr).toBe(0);
    expect(cacheFiles()).toEqual([]);
    const row = await t.db.prisma.cliToken.findUniqueOrThrow({ where: { id: newId } });
    expect(row.revokeReason).toBe('logout');
    expect((await gatehouse('roles')).code).toBe(3);
  });
});
