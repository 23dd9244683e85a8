/**
 * dist/gatehouse.js, the fast entry, against the full CLI it stands in front of: both built from
 * source by build.mjs into a temporary directory and run as child processes through bin/, with
 * their files in a temporary HOME and a stand-in portal on loopback that counts requests and
 * answers every one with 401 (so reaching it is visible in the exit code and on stderr).
 *
 * Every case runs three times: through bin/ as shipped; through dist/gatehouse-full.mjs alone, the
 * full CLI without the fast entry, which must give the same bytes and exit code; and through a
 * copy of the package without the full CLI, which shows whether the fast entry answered by itself
 * or handed over (it then cannot load the full CLI, and says so).
 */
import { execFile, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  chownSync,
  copyFileSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CACHE_MARGIN_MS, cacheFile, userCacheDir, writeCache } from '../src/cache';
import type { CachedCredentials } from '../src/cache';
import { savePortalUrl, saveToken } from '../src/store';

const PACKAGE = join(import.meta.dirname, '..');
const TARGET = 'sandbox/Admin';
const USER = 'u-alice';

let root: string;
/** bin/ and dist/ as shipped. */
let bin: string;
/** The full CLI alone. */
let full: string;
/** bin/ and dist/ without the full CLI. */
let lean: string;
let home: string;
let server: Server;
let portal: string;
let requests: string[] = [];

interface Run {
  code: number | null;
  stdout: Buffer;
  stderr: string;
  /** What reached the portal during the run. */
  requests: string[];
}

function childEnv(extra: Record<string, string> = {}): Record<string, string> {
  return {
    PATH: process.env['PATH'] ?? '',
    HOME: home,
    XDG_CONFIG_HOME: join(home, 'config'),
    XDG_CACHE_HOME: join(home, 'cache'),
    ...extra,
  };
}

function run(script: string, args: readonly string[], env: Record<string, string> = {}): Promise<Run> {
  const before = requests.length;
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [script, ...args],
      {
        encoding: 'buffer',
        maxBuffer: 16 * 1024 * 1024,
        timeout: 30_000,
        env: childEnv(env),
      },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : null) : 0;
        resolve({ code, stdout, stderr: stderr.toString('utf8'), requests: requests.slice(before) });
      },
    );
  });
}

/**
 * Through bin/ and through the full CLI alone: the same bytes on stdout and stderr, the same exit
 * code, the same requests to the portal.
 */
async function same(args: readonly string[], env: Record<string, string> = {}): Promise<Run> {
  const viaBin = await run(bin, args, env);
  const alone = await run(full, args, env);
  expect(viaBin.stdout.toString('utf8')).toBe(alone.stdout.toString('utf8'));
  expect(viaBin.stdout.equals(alone.stdout)).toBe(true);
  expect(viaBin.stderr).toBe(alone.stderr);
  expect(viaBin.code).toBe(alone.code);
  expect(viaBin.requests).toEqual(alone.requests);
  return viaBin;
}

/** Answered from the cache by the fast entry alone, as the full CLI answers it, with no request. */
async function answeredAlone(args: readonly string[], env: Record<string, string> = {}): Promise<Run> {
  const result = await same(args, env);
  expect(result.code, result.stderr).toBe(0);
  expect(result.stderr).toBe('');
  expect(result.requests).toEqual([]);
  const leanRun = await run(lean, args, env);
  expect(leanRun.stderr).toBe('');
  expect(leanRun.code).toBe(0);
  expect(leanRun.stdout.equals(result.stdout)).toBe(true);
  return result;
}

/** The fast entry hands over, and through bin/ the full CLI does exactly what it does alone. */
async function handedOver(args: readonly string[], env: Record<string, string> = {}): Promise<Run> {
  const leanRun = await run(lean, args, env);
  expect(leanRun.stdout.toString('utf8')).toBe('');
  expect(leanRun.stderr).toMatch(/^gatehouse: cannot load the CLI: .*gatehouse-full\.mjs/);
  expect(leanRun.code).toBe(1);
  expect(leanRun.requests).toEqual([]);
  return same(args, env);
}

/** `your login … has expired or was revoked`: what the full CLI says when the portal answers 401. */
async function reachesPortal(args: readonly string[], env: Record<string, string> = {}): Promise<void> {
  const result = await handedOver(args, env);
  expect(result.requests.length).toBeGreaterThan(0);
  expect(result.stdout.length).toBe(0);
  expect(result.stderr).toBe(
    `gatehouse: your login to ${portal} has expired or was revoked: run \`gatehouse login\` again\n`,
  );
  expect(result.code).toBe(4);
}

function formats(expiration: string): Record<string, string> {
  const process = JSON.stringify({
    Version: 1,
    AccessKeyId: 'ASIAFAST',
    SecretAccessKey: 'secret/+=',
    SessionToken: `FwoGZX${'z'.repeat(700)}`,
    Expiration: expiration,
  });
  return {
    process: `${process}\n`,
    env: 'export AWS_ACCESS_KEY_ID=ASIAFAST\nexport AWS_SECRET_ACCESS_KEY=secret/+=\n',
    'env-no-export': 'AWS_ACCESS_KEY_ID=ASIAFAST\nAWS_SECRET_ACCESS_KEY=secret/+=\n',
    powershell: '$Env:AWS_ACCESS_KEY_ID="ASIAFAST"\r\n$Env:AWS_SECRET_ACCESS_KEY="secret/+="\r\n',
    'windows-cmd': 'set AWS_ACCESS_KEY_ID=ASIAFAST\r\nset AWS_SECRET_ACCESS_KEY=secret/+=',
    // No trailing newline, and not ASCII: both entries add the same newline to the same bytes.
    fish: 'set -gx AWS_ACCESS_KEY_ID "ASIAFAST"; set -gx GATEHOUSE_NOTE \'Überprüfung ✓ 検証\'',
  };
}

function entry(
  expiresInMs: number,
  overrides: Partial<CachedCredentials> = {},
  target = TARGET,
  durationSeconds: number | null = null,
): CachedCredentials {
  const expiration = new Date(Date.now() + expiresInMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
  return {
    version: 1,
    portal,
    userId: USER,
    target,
    durationSeconds,
    accessKeyId: 'ASIAFAST',
    secretAccessKey: 'secret/+=',
    sessionToken: 'FwoGZX',
    expiration,
    assumedRoleArn: 'arn:aws:sts::123456789012:assumed-role/Admin/alice',
    region: 'eu-west-1',
    formatted: formats(expiration),
    ...overrides,
  };
}

function tokensFile(): string {
  return join(home, 'config', 'gatehouse', 'tokens.json');
}

/** A fresh login, the default portal, and a fresh cache entry for TARGET (an hour left). */
function loggedInWithCache(): void {
  rmSync(join(home, 'config'), { recursive: true, force: true });
  rmSync(join(home, 'cache'), { recursive: true, force: true });
  savePortalUrl(portal);
  saveToken(portal, {
    token: 'ghcli_test',
    tokenId: 't-1',
    userId: USER,
    username: 'alice',
    expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
  });
  writeCache(entry(3_600_000));
}

function targetCacheFile(): string {
  return cacheFile({ portal, userId: USER, target: TARGET, durationSeconds: null });
}

/** Edits TARGET's cache entry in place (the file keeps its mode). */
function editCache(change: (stored: CachedCredentials) => void): void {
  const stored = JSON.parse(readFileSync(targetCacheFile(), 'utf8')) as CachedCredentials;
  change(stored);
  writeFileSync(targetCacheFile(), JSON.stringify(stored));
}

/** Logged in afresh with the cache entry, then `change` edits the stored entry: the portal is asked. */
async function reachesPortalOnceEdited(
  change: (stored: CachedCredentials) => void,
  args: readonly string[] = ['credentials', TARGET],
): Promise<void> {
  loggedInWithCache();
  editCache(change);
  await reachesPortal(args);
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'gh-fast-'));
  const build = join(PACKAGE, 'build.mjs');
  const { buildCli } = (await import(pathToFileURL(build).href)) as {
    buildCli(options: { outdir: string }): Promise<unknown>;
  };
  for (const layout of ['pkg', 'lean']) {
    mkdirSync(join(root, layout, 'bin'), { recursive: true });
    for (const name of ['gatehouse.js', 'package.json']) {
      copyFileSync(join(PACKAGE, 'bin', name), join(root, layout, 'bin', name));
    }
  }
  await buildCli({ outdir: join(root, 'pkg', 'dist') });
  cpSync(join(root, 'pkg', 'dist'), join(root, 'lean', 'dist'), { recursive: true });
  rmSync(join(root, 'lean', 'dist', 'gatehouse-full.mjs'));
  bin = join(root, 'pkg', 'bin', 'gatehouse.js');
  full = join(root, 'pkg', 'dist', 'gatehouse-full.mjs');
  lean = join(root, 'lean', 'bin', 'gatehouse.js');

  server = createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    res.writeHead(401, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ requestId: 'r-1', statusCode: 401, error: 'Unauthorized', message: 'No.' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  portal = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  home = join(root, 'home');
  process.env['HOME'] = home;
  process.env['XDG_CONFIG_HOME'] = join(home, 'config');
  process.env['XDG_CACHE_HOME'] = join(home, 'cache');
  delete process.env['GATEHOUSE_URL'];
}, 60_000);

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  rmSync(root, { recursive: true, force: true });
});

beforeEach(() => {
  requests = [];
  loggedInWithCache();
});

describe('the fast entry answers from the cache', () => {
  it('credential_process: the same bytes as the full CLI, exit 0, no request, without loading it', async () => {
    const res = await answeredAlone(['credentials', TARGET, '--format', 'process']);
    expect(JSON.parse(res.stdout.toString('utf8'))).toMatchObject({ Version: 1, AccessKeyId: 'ASIAFAST' });
    await answeredAlone(['credentials', TARGET]);
    await answeredAlone(['credentials', '--format=process', TARGET]);
    await answeredAlone(['--format', 'process', 'credentials', TARGET]);
  });

  it('the command `gatehouse configure` writes into ~/.aws/config', async () => {
    writeCache(entry(3_600_000, {}, '123456789012/Admin'));
    await answeredAlone(['--url', portal, 'credentials', '123456789012/Admin', '--format', 'process']);
  });

  it('every format the cache holds, with the newline the full CLI adds', async () => {
    for (const format of ['env', 'env-no-export', 'powershell', 'windows-cmd', 'fish']) {
      const res = await answeredAlone(['credentials', TARGET, '--format', format]);
      const text = formats('')[format] as string;
      expect(res.stdout.toString('utf8')).toBe(text.endsWith('\n') ? text : `${text}\n`);
    }
  });

  it('the portal from --url, --url=, GATEHOUSE_URL or the saved one, in any spelling that normalises', async () => {
    await answeredAlone(['credentials', TARGET, '--url', portal]);
    await answeredAlone(['credentials', TARGET, `--url=${portal}/some/path`]);
    await answeredAlone(['credentials', TARGET], { GATEHOUSE_URL: portal });
  });

  it('a --duration, cached under that duration', async () => {
    writeCache(entry(3_600_000, {}, TARGET, 3600));
    await answeredAlone(['credentials', TARGET, '--duration', '1h']);
    await answeredAlone(['credentials', TARGET, '--duration', '3600']);
    await reachesPortal(['credentials', TARGET, '--duration', '2h']);
  });

  it('a revoked login still gets cached credentials, as from the full CLI (they stay valid in AWS)', async () => {
    // The portal answers 401 to everything: only --no-cache finds out.
    await answeredAlone(['credentials', TARGET]);
    await reachesPortal(['credentials', TARGET, '--no-cache']);
  });

  it('writes a large answer completely into a pipe', async () => {
    const big = `${'x'.repeat(1024 * 1024)}\n`;
    writeCache(entry(3_600_000, { formatted: { ...entry(3_600_000).formatted, env: big } }));
    const res = await answeredAlone(['credentials', TARGET, '--format', 'env']);
    expect(res.stdout.length).toBe(big.length);
  });

  // Node's own child processes get blocking stdio; Python leaves a pipe as its parent made it.
  it.runIf(spawnSync('python3', ['--version']).status === 0)(
    'writes it completely into a non-blocking pipe that is full and read late',
    async () => {
      const big = `${'y'.repeat(1024 * 1024)}\n`;
      writeCache(entry(3_600_000, { formatted: { ...entry(3_600_000).formatted, env: big } }));
      const parent = [
        'import os, subprocess, sys, time',
        'r, w = os.pipe()',
        'os.set_blocking(w, False)',
        'child = subprocess.Popen(sys.argv[1:], stdout=w, stderr=subprocess.PIPE)',
        'os.close(w)',
        'time.sleep(0.5)',
        'out = b""',
        'while True:',
        '    chunk = os.read(r, 65536)',
        '    if not chunk: break',
        '    out += chunk',
        'err = child.stderr.read()',
        'sys.stdout.buffer.write(b"%d %d\\n" % (child.wait(), len(err)) + out)',
      ].join('\n');
      const result = await new Promise<Buffer>((resolve, reject) =>
        execFile(
          'python3',
          ['-c', parent, process.execPath, bin, 'credentials', TARGET, '--format', 'env'],
          { encoding: 'buffer', maxBuffer: 16 * 1024 * 1024, env: childEnv() },
          (err, stdout) => (err ? reject(err) : resolve(stdout)),
        ),
      );
      const cut = result.indexOf(10);
      expect(result.subarray(0, cut).toString()).toBe('0 0'); // exit code, bytes on stderr
      expect(result.subarray(cut + 1).toString('utf8') === big).toBe(true);
    },
  );
});

describe('the fast entry hands over to the full CLI', () => {
  it('with no cache entry, or one for another target, duration or spelling: the portal is asked', async () => {
    rmSync(join(home, 'cache'), { recursive: true });
    await reachesPortal(['credentials', TARGET]);
    loggedInWithCache();
    // ACCOUNT/ROLE is resolved by the portal's role list, never by the cache: another spelling of
    // the same role (name, alias, id, case) is another cache entry, filled by the full CLI.
    for (const target of ['SANDBOX/admin', 'sandbox/Admin ', '123456789012/Admin', 'sandbox/admin-role']) {
      await reachesPortal(['credentials', target]);
    }
    await reachesPortal(['credentials', TARGET, '--duration', '900']);
  });

  it('within 5 minutes of the expiry, or when either copy of the expiry is edited or unreadable', async () => {
    writeCache(entry(CACHE_MARGIN_MS - 5_000));
    await reachesPortal(['credentials', TARGET]);
    writeCache(entry(CACHE_MARGIN_MS + 60_000));
    await answeredAlone(['credentials', TARGET]);

    const past = new Date(Date.now() - 1_000).toISOString();
    await reachesPortalOnceEdited((stored) => {
      stored.expiration = past;
    });
    await reachesPortalOnceEdited((stored) => {
      stored.expiration = 'soon';
    });
    await reachesPortalOnceEdited(
      (stored) => {
        const process = JSON.parse(stored.formatted['process'] as string) as Record<string, unknown>;
        stored.formatted['process'] = JSON.stringify({ ...process, Expiration: past });
      },
      ['credentials', TARGET, '--format', 'env'],
    );
  });

  it('when the cache file is corrupt, for someone else, or readable by others', async () => {
    writeFileSync(targetCacheFile(), '{ "version": 1, "portal": ');
    await reachesPortal(['credentials', TARGET]);
    await reachesPortalOnceEdited((stored) => {
      stored.userId = 'u-mallory';
    });
    await reachesPortalOnceEdited((stored) => {
      stored.target = 'prod/Admin';
    });
    await reachesPortalOnceEdited((stored) => {
      stored.version = 2 as 1;
    });
    loggedInWithCache();
    chmodSync(targetCacheFile(), 0o640);
    await reachesPortal(['credentials', TARGET]);
  });

  // Only root can give a file away; the check itself is the same function on both paths.
  it.runIf(process.getuid?.() === 0)('when the cache or tokens file belongs to another user', async () => {
    chmodSync(targetCacheFile(), 0o600);
    chownSync(targetCacheFile(), 65534, 65534);
    await reachesPortal(['credentials', TARGET]);
    loggedInWithCache();
    chownSync(tokensFile(), 65534, 65534);
    const res = await handedOver(['credentials', TARGET]);
    expect(res).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/tokens\.json belongs to another user/),
    });
  });

  it('when the format is not in the cache: the full CLI says the portal did not render it', async () => {
    const res = await handedOver(['credentials', TARGET, '--format', 'ini']);
    expect(res.stderr).toBe('gatehouse: the portal did not render the ini format\n');
    expect(res.code).toBe(10);
    expect(requests).toEqual([]);
  });

  it('with --no-cache, --debug, --help or --version', async () => {
    await reachesPortal(['credentials', TARGET, '--no-cache']);
    const debug = await handedOver(['credentials', TARGET, '--debug']);
    expect(debug.stderr).toBe('gatehouse[debug]: credentials from the cache\n');
    expect(debug.code).toBe(0);
    expect(debug.requests).toEqual([]);
    for (const args of [
      ['credentials', TARGET, '--help'],
      ['-h', 'credentials', TARGET],
      ['help', 'credentials', TARGET],
    ]) {
      const help = await handedOver(args);
      expect(help.stdout.toString('utf8')).toMatch(
        /^gatehouse [\d.]+: AWS access through your Gatehouse portal\n/,
      );
      expect(help.code).toBe(0);
    }
    const version = await handedOver(['credentials', TARGET, '--version']);
    expect(version.stdout.toString('utf8')).toBe('0.1.0\n');
  });

  it('with arguments the full CLI rejects: one line on stderr, exit 2', async () => {
    for (const args of [
      ['credentials', TARGET, '--bogus'],
      ['credentials', TARGET, '--json'],
      ['credentials', TARGET, '--format', 'xml'],
      ['credentials', TARGET, '--duration', 'soon'],
      ['credentials', TARGET, '--url'],
      ['credentials', TARGET, 'extra'],
      ['credentials'],
      ['credentials', TARGET, '-x'],
    ]) {
      const res = await handedOver(args);
      expect(res.code, args.join(' ')).toBe(2);
      expect(res.stderr).toMatch(/^gatehouse: .* \(see `gatehouse --help`\)\n$/);
    }
    const http = await handedOver(['credentials', TARGET, '--url', 'http://portal.example.com']);
    expect(http).toMatchObject({ code: 2, stderr: expect.stringMatching(/refusing plain http/) });
    expect(requests).toEqual([]);
  });

  it('when not logged in, logged in elsewhere, or the login has expired', async () => {
    rmSync(tokensFile());
    let res = await handedOver(['credentials', TARGET]);
    expect(res).toMatchObject({
      code: 3,
      stderr: `gatehouse: not logged in to ${portal}: run \`gatehouse login\`\n`,
    });
    res = await handedOver(['credentials', TARGET, '--url', 'http://localhost:1']);
    expect(res).toMatchObject({
      code: 3,
      stderr: expect.stringMatching(/not logged in to http:\/\/localhost:1/),
    });

    loggedInWithCache();
    const expired = new Date(Date.now() - 1_000).toISOString();
    saveToken(portal, {
      token: 'ghcli_test',
      tokenId: 't-1',
      userId: USER,
      username: 'alice',
      expiresAt: expired,
    });
    res = await handedOver(['credentials', TARGET]);
    expect(res).toMatchObject({
      code: 4,
      stderr: `gatehouse: your login to ${portal} expired at ${expired}: run \`gatehouse login\` again\n`,
    });

    // Logged in again as someone else: their cache is another directory.
    loggedInWithCache();
    saveToken(portal, {
      token: 'ghcli_bob',
      tokenId: 't-2',
      userId: 'u-bob',
      username: 'bob',
      expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
    });
    await reachesPortal(['credentials', TARGET]);
  });

  it('when no portal is configured, or the config or tokens file cannot be used', async () => {
    rmSync(join(home, 'config', 'gatehouse', 'config.json'));
    let res = await handedOver(['credentials', TARGET]);
    expect(res.code).toBe(3);
    expect(res.stderr).toMatch(/^gatehouse: no portal configured/);

    loggedInWithCache();
    writeFileSync(join(home, 'config', 'gatehouse', 'config.json'), '{ "url": ');
    res = await handedOver(['credentials', TARGET]);
    expect(res).toMatchObject({ code: 1, stderr: expect.stringMatching(/config\.json is not valid JSON/) });

    loggedInWithCache();
    writeFileSync(tokensFile(), 'not json');
    res = await handedOver(['credentials', TARGET]);
    expect(res).toMatchObject({ code: 1, stderr: expect.stringMatching(/tokens\.json is not valid JSON/) });
    expect(requests).toEqual([]);
  });

  it('when the tokens file is readable by others: the fast entry leaves it alone, the full CLI narrows it', async () => {
    chmodSync(tokensFile(), 0o644);
    const leanRun = await run(lean, ['credentials', TARGET]);
    expect(leanRun).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/^gatehouse: cannot load the CLI: /),
    });
    expect(statSync(tokensFile()).mode & 0o777).toBe(0o644);

    const viaBin = await run(bin, ['credentials', TARGET]);
    expect(statSync(tokensFile()).mode & 0o777).toBe(0o600);
    chmodSync(tokensFile(), 0o644);
    const alone = await run(full, ['credentials', TARGET]);
    expect(viaBin).toEqual(alone);
    expect(viaBin.code).toBe(0);
    expect(viaBin.stderr).toBe(`gatehouse: ${tokensFile()} was readable by others; its mode is now 0600\n`);
    expect(JSON.parse(viaBin.stdout.toString('utf8'))).toMatchObject({ AccessKeyId: 'ASIAFAST' });
    expect(requests).toEqual([]);
  });

  it('for every other command, exec from the same cache included', async () => {
    await reachesPortal(['roles']);
    await reachesPortal(['whoami']);
    const exec = await handedOver(['exec', TARGET, '--', 'sh', '-c', 'echo "$AWS_ACCESS_KEY_ID"']);
    expect(exec).toMatchObject({ code: 0, requests: [] });
    expect(exec.stdout.toString('utf8')).toBe('ASIAFAST\n');
    const none = await handedOver([]);
    expect(none).toMatchObject({ code: 2, stderr: expect.stringMatching(/^gatehouse: no command given/) });
  });
});

describe('the cache layout', () => {
  it('names files by SHA-256 as before, so caches written by earlier versions stay in use', () => {
    const digest = (parts: unknown[]) =>
      createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 32);
    const key = { portal, userId: USER, target: 'Prod (EU) ✓/Admin', durationSeconds: 900 };
    expect(basename(userCacheDir(portal, USER))).toBe(digest([portal, USER]));
    expect(basename(cacheFile(key))).toBe(`${digest([key.target, 900])}.json`);
    expect(dirname(cacheFile(key))).toBe(userCacheDir(portal, USER));
  });
});
