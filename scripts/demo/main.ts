/**
 * `npm run demo`: everything a newcomer needs to click through Gatehouse without an AWS account.
 * moto_server plays AWS (STS and IAM), the federation stand-in plays the console sign-in, and the
 * real server runs on the embedded PostgreSQL in .gatehouse-demo/. The organisation is seeded
 * through the real API: the first administrator through the setup link the server prints, everyone
 * else through enrolment links, exactly as people would.
 *
 *   npm run demo                    start (seeding what is missing)
 *   npm run demo -- code [user]     the current TOTP code of a demo user
 *   npm run demo -- --reset         forget the demo organisation and start over
 *   npm run demo -- --port 8081     listen elsewhere (default 8080, or any free port if taken)
 */
import { spawnSync } from 'node:child_process';
import { randomInt } from 'node:crypto';
import {
  accessSync,
  constants,
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { delimiter, join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import type {
  AdminUserCreated,
  AdminUserList,
  EnrolmentLink,
  EnrolmentStart,
  StageResponse,
} from '@gatehouse/contracts';
import { freeLoopbackPort, startFederationStandIn, startMotoServer } from '@gatehouse/aws/testing';
import { ApiClient, ApiError } from '../stack/api-client';
import { brokerPrincipalArn, brokerTrustPolicy, createMotoRole, motoEnv } from '../stack/moto';

/** GATEHOUSE_IAM_ROLE in the demo: created in each demo account, trusting the broker. */
const DEMO_IAM_ROLE = 'gatehouse-iam';
import { hideSdkNodeVersionWarning } from '../stack/process-warnings';
import { startServerProcess } from '../stack/server-process';
import { TotpDevice, msLeftInStep, totpCode, totpStep } from '../stack/totp';
import { ACCOUNTS, ADMIN, ROLES, USERS, seedOrganisation } from './organisation';
import type { DemoUser } from './organisation';

const DEMO_DIR = '.gatehouse-demo';
const DEFAULT_PORT = 8080;
const INSTALL_MOTO =
  "moto_server is not installed (it plays AWS in the demo). Install it with:\n\n    pip install 'moto[server]'\n";

interface SavedUser {
  username: string;
  displayName: string;
  password: string;
  totpSecret: string | null;
  /** The last TOTP step the demo itself used: what it prints for people must come after it. */
  lastTotpStep?: number;
}

interface DemoState {
  version: 1;
  /** True once every account, role, group, user and grant exists. */
  seeded: boolean;
  users: Record<string, SavedUser>;
}

class DemoError extends Error {}
class Interrupted extends Error {}

export async function main(argv: string[], root: string): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { reset: { type: 'boolean', default: false }, port: { type: 'string' } },
    });
  } catch (err) {
    process.stderr.write(`demo: ${(err as Error).message}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  const dir = join(root, DEMO_DIR);
  try {
    if (positionals[0] === 'code') return printCodes(dir, positionals[1]);
    if (positionals.length > 0) throw new DemoError(`unknown command "${positionals.join(' ')}"`);
    const port = values.port === undefined ? null : Number(values.port);
    if (port !== null && !(Number.isInteger(port) && port > 0 && port < 65536)) {
      throw new DemoError(`--port: expected a port number, got "${values.port}"`);
    }
    return await run(root, dir, { reset: values.reset ?? false, port });
  } catch (err) {
    if (err instanceof DemoError) {
      process.stderr.write(`demo: ${err.message}\n`);
      return 1;
    }
    throw err;
  }
}

async function run(
  root: string,
  dir: string,
  options: { reset: boolean; port: number | null },
): Promise<number> {
  hideSdkNodeVersionWarning();
  if (!onPath('moto_server')) {
    process.stderr.write(`demo: ${INSTALL_MOTO}`);
    return 1;
  }
  const lockFile = join(dir, 'demo.pid');
  const running = readPid(lockFile);
  if (running !== null) throw new DemoError(`a demo is already running (pid ${running}); stop it first`);
  if (options.reset && existsSync(dir)) {
    rmSync(dir, { recursive: true, force: true });
    say(`removed ${DEMO_DIR}/: starting over`);
  }

  const built = spawnSync(process.execPath, [join(root, 'scripts/build.mjs'), '--if-stale'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (built.status !== 0) throw new DemoError('the build failed (see above)');

  mkdirSync(dir, { recursive: true, mode: 0o700 });
  writeFileSync(lockFile, `${process.pid}\n`);

  // Ctrl-C at any point stops what has been started, newest first.
  let stopRequested = false;
  let stopRequestedAt = 0;
  let onStop: (signal: string) => void = () => {};
  const stopped = new Promise<string>((resolve) => (onStop = resolve));
  const handler = (signal: NodeJS.Signals) => {
    if (stopRequested) {
      // npm forwards the terminal's Ctrl-C as well: only a later one is the user insisting.
      if (Date.now() - stopRequestedAt > 1000) say('still stopping (the server is closing its database)…');
      return;
    }
    stopRequested = true;
    stopRequestedAt = Date.now();
    onStop(signal);
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, handler);
  const cleanups: Array<{ name: string; stop: () => Promise<unknown> }> = [];
  const checkpoint = () => {
    if (stopRequested) throw new Interrupted();
  };

  let exitCode = 0;
  try {
    say('starting moto_server (AWS STS and IAM)…');
    const moto = await startMotoServer();
    cleanups.push({ name: 'moto_server', stop: () => moto.stop() });
    checkpoint();
    const standIn = await startFederationStandIn({ stsEndpoint: moto.endpoint });
    cleanups.push({ name: 'federation stand-in', stop: () => standIn.close() });

    const principal = await brokerPrincipalArn(moto.endpoint);
    const roleArns = new Map<string, string>();
    for (const role of ROLES) {
      const account = ACCOUNTS.find((a) => a.key === role.account);
      if (!account) throw new Error(`demo role ${role.key}: unknown account ${role.account}`);
      roleArns.set(
        role.key,
        await createMotoRole(moto.endpoint, {
          accountId: account.awsAccountId,
          roleName: role.roleName,
          description: role.description,
          maxSessionDuration: Math.max(3600, role.maxSessionSeconds),
          trustPolicy: brokerTrustPolicy(principal),
        }),
      );
    }
    // The role Gatehouse assumes in each account to read roles and write revocations
    // (GATEHOUSE_IAM_ROLE): disabling a demo user visibly ends their sessions on the demo roles.
    for (const account of ACCOUNTS) {
      await createMotoRole(moto.endpoint, {
        accountId: account.awsAccountId,
        roleName: DEMO_IAM_ROLE,
        description: 'Gatehouse reads roles and writes session revocations as this role',
        maxSessionDuration: 3600,
        trustPolicy: brokerTrustPolicy(principal),
      });
    }
    checkpoint();

    const port = options.port ?? ((await isPortFree(DEFAULT_PORT)) ? DEFAULT_PORT : await freeLoopbackPort());
    if (options.port === null && port !== DEFAULT_PORT) say(`port ${DEFAULT_PORT} is taken: using ${port}`);
    const logFile = join(dir, 'server.log');
    say(
      existsSync(join(dir, 'postgres'))
        ? 'starting Gatehouse on its embedded PostgreSQL…'
        : 'starting Gatehouse; the first start initialises its embedded PostgreSQL (about half a minute)…',
    );
    const server = await startServerProcess({
      root,
      logFile,
      env: {
        ...inheritedEnv(),
        ...motoEnv(moto.endpoint),
        NODE_ENV: 'development',
        HOST: '127.0.0.1',
        PORT: String(port),
        GATEHOUSE_DATA_DIR: dir,
        GATEHOUSE_FEDERATION_URL: standIn.url,
        GATEHOUSE_IAM_ROLE: DEMO_IAM_ROLE,
        LOG_LEVEL: 'info',
      },
    });
    cleanups.push({ name: 'Gatehouse and its embedded PostgreSQL', stop: () => server.stop() });
    checkpoint();

    const stateFile = join(dir, 'demo-users.json');
    const state = await seed(server.url, server.setupUrl, stateFile, roleArns);
    checkpoint();
    await printBanner(server.url, state, {
      moto: moto.endpoint,
      standIn: standIn.url,
      log: relative(root, logFile),
    });

    const outcome = await Promise.race([
      stopped.then(() => ({ kind: 'signal' as const })),
      server.exited.then((code) => ({ kind: 'exited' as const, code })),
    ]);
    if (outcome.kind === 'exited') {
      process.stderr.write(
        `demo: the Gatehouse server exited (code ${outcome.code}); see ${relative(root, logFile)}\n`,
      );
      exitCode = 1;
    }
  } catch (err) {
    // After Ctrl-C, whatever was starting fails too (moto gets the terminal's SIGINT): no news.
    if (!(err instanceof Interrupted) && !stopRequested) {
      process.stderr.write(`demo: ${err instanceof Error ? err.message : String(err)}\n`);
      exitCode = 1;
    }
  } finally {
    say('stopping…');
    for (const { name, stop } of cleanups.reverse()) {
      try {
        await stop();
        say(`stopped ${name}`);
      } catch (err) {
        process.stderr.write(`demo: stopping ${name} failed: ${(err as Error).message}\n`);
        exitCode = 1;
      }
    }
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.removeListener(signal, handler);
    rmSync(lockFile, { force: true });
  }
  return exitCode;
}

// --- seeding ------------------------------------------------------------------------------

async function seed(
  url: string,
  setupUrl: string | null,
  stateFile: string,
  roleArns: ReadonlyMap<string, string>,
): Promise<DemoState> {
  let state = loadState(stateFile);
  const save = () => writeFileSync(stateFile, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
  const admin = new ApiClient(url);

  if (setupUrl) {
    // The server printed a setup link, so this database has no administrator: any older state is void.
    say('creating the first administrator through the setup link the server printed…');
    state = { version: 1, seeded: false, users: {} };
    const saved = newUser(ADMIN);
    state.users[ADMIN.username] = saved;
    save();
    const token = new URLSearchParams(new URL(setupUrl).hash.slice(1)).get('token');
    if (!token) throw new Error(`no token in the setup link ${setupUrl}`);
    const stage = await admin.post<StageResponse>('/api/setup', {
      token,
      username: ADMIN.username,
      displayName: ADMIN.displayName,
      password: saved.password,
    });
    if (stage.stage !== 'enroll') throw new Error(`setup answered stage "${stage.stage}", expected "enroll"`);
    await enrolTotp(admin, saved, save);
  } else if (state.seeded) {
    return state;
  } else {
    const saved = state.users[ADMIN.username];
    if (!saved) {
      throw new DemoError(
        `${DEMO_DIR}/ has a database but no demo-users.json, so the demo cannot sign in. Start over with: npm run demo -- --reset`,
      );
    }
    await signIn(admin, saved, save);
  }

  say('seeding the demo organisation through the admin API…');
  const userIds = new Map<string, string>();
  for (const spec of [ADMIN, ...USERS]) {
    userIds.set(spec.username, await ensureEnrolledUser(admin, url, spec, state, save));
  }
  await seedOrganisation(admin, roleArns, userIds);
  await admin.post('/api/auth/logout');
  state.seeded = true;
  save();
  return state;
}

/** Creates (or re-enrols) a user and follows their enrolment link: password, then TOTP. */
async function ensureEnrolledUser(
  admin: ApiClient,
  url: string,
  spec: DemoUser,
  state: DemoState,
  save: () => void,
): Promise<string> {
  const search = await admin.get<AdminUserList>(
    `/api/admin/users?search=${encodeURIComponent(spec.username)}`,
  );
  const found = search.users.find((u) => u.username === spec.username);
  const saved = state.users[spec.username];
  if (found && found.mfaEnrolled && found.hasPassword && saved?.totpSecret) return found.id;
  if (spec.isAdmin && found) return found.id; // the administrator signed in above

  let id: string;
  let link: string;
  if (!found) {
    const created = await admin.post<AdminUserCreated>('/api/admin/users', {
      username: spec.username,
      displayName: spec.displayName,
      isAdmin: spec.isAdmin,
    });
    id = created.user.id;
    link = created.enrolment.url;
  } else {
    // Known to the database but not to demo-users.json (or half enrolled): enrol afresh.
    id = found.id;
    if (found.mfaEnrolled) await admin.post(`/api/admin/users/${id}/reset-mfa`);
    link = (await admin.post<EnrolmentLink>(`/api/admin/users/${id}/enrolment-link`)).url;
  }
  const user = newUser(spec);
  state.users[spec.username] = user;
  save();
  const token = new URLSearchParams(new URL(link).hash.slice(1)).get('token');
  if (!token) throw new Error(`no token in the enrolment link for ${spec.username}`);
  const client = new ApiClient(url);
  const stage = await client.post<StageResponse>('/api/enrol', { token, password: user.password });
  if (stage.stage !== 'enroll')
    throw new Error(`enrolment of ${spec.username} answered stage "${stage.stage}"`);
  await enrolTotp(client, user, save);
  await client.post('/api/auth/logout');
  return id;
}

async function enrolTotp(api: ApiClient, user: SavedUser, save: () => void): Promise<void> {
  const started = await api.post<EnrolmentStart>('/api/auth/enrol/start');
  user.totpSecret = started.secret;
  save();
  // Normally the previous step's code: the current one stays unused for the person reading the banner.
  const device = new TotpDevice(started.secret);
  await api.post('/api/auth/enrol/confirm', { code: await device.nextCode() });
  user.lastTotpStep = device.lastUsedStep;
  save();
}

async function signIn(api: ApiClient, user: SavedUser, save: () => void): Promise<void> {
  const stage = await api.post<StageResponse>('/api/auth/login', {
    username: user.username,
    password: user.password,
  });
  if (stage.stage === 'enroll' || !user.totpSecret) {
    await enrolTotp(api, user, save);
    return;
  }
  if (stage.stage === 'active') return;
  const device = new TotpDevice(user.totpSecret, user.lastTotpStep);
  // Someone may have signed in with a code the demo does not know about: then try the next one.
  for (let attempt = 1; ; attempt++) {
    try {
      await api.post('/api/auth/totp', { code: await device.nextCode() });
      user.lastTotpStep = device.lastUsedStep;
      save();
      return;
    } catch (err) {
      if (!(err instanceof ApiError) || err.status !== 401 || attempt >= 3) throw err;
    }
  }
}

/** A code the server accepts now (the current step ±1) that the demo has not used itself. */
function usableStep(user: SavedUser): number {
  return Math.max(totpStep(), (user.lastTotpStep ?? Number.NEGATIVE_INFINITY) + 1);
}

function newUser(spec: DemoUser): SavedUser {
  return {
    username: spec.username,
    displayName: spec.displayName,
    password: newPassword(),
    totpSecret: null,
  };
}

/** 12 characters in three groups, without look-alikes (0/o, 1/l/i): easy to type from the banner. */
function newPassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  const group = () => Array.from({ length: 4 }, () => alphabet[randomInt(alphabet.length)]).join('');
  return `${group()}-${group()}-${group()}`;
}

function loadState(file: string): DemoState {
  if (!existsSync(file)) return { version: 1, seeded: false, users: {} };
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as DemoState;
  if (parsed.version !== 1) throw new DemoError(`${file}: unknown version; start over with --reset`);
  return parsed;
}

// --- output -------------------------------------------------------------------------------

function say(message: string): void {
  process.stdout.write(`demo: ${message}\n`);
}

async function printBanner(
  url: string,
  state: DemoState,
  where: { moto: string; standIn: string; log: string },
): Promise<void> {
  const rows = await Promise.all(
    [ADMIN, ...USERS].map(async (spec) => {
      const saved = state.users[spec.username];
      return {
        user: spec.username,
        password: saved?.password ?? '?',
        secret: saved?.totpSecret ?? '?',
        code: saved?.totpSecret ? await totpCode(saved.totpSecret, usableStep(saved)) : '?',
        blurb: spec.blurb,
      };
    }),
  );
  const header = { user: 'user', password: 'password', secret: 'TOTP secret', code: 'code now', blurb: '' };
  const width = (key: 'user' | 'password' | 'secret' | 'code') =>
    Math.max(header[key].length, ...rows.map((r) => r[key].length));
  const line = (r: typeof header) =>
    `    ${r.user.padEnd(width('user'))}  ${r.password.padEnd(width('password'))}  ` +
    `${r.secret.padEnd(width('secret'))}  ${r.code.padEnd(width('code'))}  ${r.blurb}`.trimEnd();
  const out = [
    '',
    `  Gatehouse demo is running: ${url}`,
    '',
    line(header),
    ...rows.map(line),
    '',
    '  Each code is accepted once, during its 30 seconds and the 30 seconds either side.',
    '  For a fresh one:  npm run demo -- code alice',
    '  or add the secret to any authenticator app (or: oathtool --totp -b SECRET).',
    '',
    `  "Open console" ends on the federation stand-in (${where.standIn}), which shows the`,
    '  assumed-role identity instead of opening the AWS console.',
    `  AWS here is moto_server at ${where.moto}; CLI credentials from the portal work with:`,
    `      AWS_ENDPOINT_URL=${where.moto} aws sts get-caller-identity`,
    '',
    `  Server log: ${where.log}. Data stays in ${DEMO_DIR}/ between runs (npm run demo -- --reset starts over).`,
    '  Press Ctrl-C to stop everything.',
    '',
  ];
  process.stdout.write(`${out.join('\n')}\n`);
}

async function printCodes(dir: string, username: string | undefined): Promise<number> {
  const state = loadState(join(dir, 'demo-users.json'));
  const users = Object.values(state.users).filter((u) => !username || u.username === username);
  if (users.length === 0) {
    throw new DemoError(
      username
        ? `no demo user "${username}" (start the demo first: npm run demo)`
        : 'no demo users yet: npm run demo',
    );
  }
  const seconds = Math.floor(msLeftInStep() / 1000);
  for (const user of users) {
    if (!user.totpSecret) continue;
    const step = usableStep(user);
    const [now, next] = await Promise.all([
      totpCode(user.totpSecret, step),
      totpCode(user.totpSecret, step + 1),
    ]);
    process.stdout.write(`${user.username.padEnd(8)} ${now}  (the next, in ${seconds} s: ${next})\n`);
  }
  return 0;
}

// --- processes and ports --------------------------------------------------------------------

function onPath(command: string): boolean {
  return (process.env['PATH'] ?? '').split(delimiter).some((dir) => {
    if (!dir) return false;
    try {
      accessSync(join(dir, command), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/** The pid in the lock file if that process still runs; a stale file is removed. */
function readPid(file: string): number | null {
  if (!existsSync(file)) return null;
  const pid = Number(readFileSync(file, 'utf8').trim());
  if (Number.isInteger(pid) && pid > 0 && pid !== process.pid) {
    try {
      process.kill(pid, 0);
      return pid;
    } catch {
      // not running
    }
  }
  unlinkSync(file);
  return null;
}

function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** The server's environment: ours, minus anything that would point it at real AWS or another database. */
function inheritedEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (value === undefined) continue;
    if (/^(AWS_|GATEHOUSE_)/.test(name)) continue;
    if (['DATABASE_URL', 'NODE_ENV', 'HOST', 'PORT', 'LOG_LEVEL'].includes(name)) continue;
    env[name] = value;
  }
  return env;
}
