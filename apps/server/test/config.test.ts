import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, EnvironmentSchema, loadConfig, loadEnvironment } from '../src/config';

const KEY = Buffer.alloc(32, 7).toString('base64');

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env, '/srv/gatehouse');
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  return [];
}

describe('loadConfig', () => {
  it('has defaults for a machine with no configuration', () => {
    const { config, secrets } = loadEnvironment({}, '/srv/gatehouse');
    // The secrets are an object of their own, never part of the configuration that is passed around.
    expect(secrets.secretKey).toBeNull();
    expect(config).not.toHaveProperty('secretKey');
    expect(config).toMatchObject({
      databaseUrl: null,
      dataDir: '/srv/gatehouse/.gatehouse',
      host: '127.0.0.1',
      port: 8080,
      trustProxy: false,
      logLevel: 'info',
      sessionIdleMinutes: 30,
      sessionAbsoluteHours: 12,
    });
    expect(config.publicUrl.href).toBe('http://127.0.0.1:8080/');
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('lists every problem at once', () => {
    const problems = problemsOf({
      GATEHOUSE_SECRET_KEY: 'c2hvcnQ=',
      DATABASE_URL: 'mysql://x',
      PORT: 'eighty',
      LOG_LEVEL: 'loud',
    });
    expect(problems).toHaveLength(4);
    expect(problems.join('\n')).toMatch(/GATEHOUSE_SECRET_KEY: must decode to at least 32 bytes \(got 5\)/);
    expect(problems.join('\n')).toMatch(/DATABASE_URL/);
    expect(problems.join('\n')).toMatch(/PORT/);
    expect(problems.join('\n')).toMatch(/LOG_LEVEL/);
  });

  it('never echoes a malformed DATABASE_URL, which may hold a password', () => {
    const problems = problemsOf({ DATABASE_URL: 'http://user:hunter2@db/x' });
    expect(problems.join('\n')).not.toContain('hunter2');
  });

  it('requires the database, public https URL and secret key in production', () => {
    const problems = problemsOf({ NODE_ENV: 'production' });
    expect(problems.map((p) => p.split(':')[0])).toEqual([
      'DATABASE_URL',
      'GATEHOUSE_PUBLIC_URL',
      'GATEHOUSE_SECRET_KEY',
    ]);
    expect(
      problemsOf({
        NODE_ENV: 'production',
        DATABASE_URL: 'postgresql://gh:pw@db:5432/gatehouse',
        GATEHOUSE_PUBLIC_URL: 'https://gatehouse.example.com',
        GATEHOUSE_SECRET_KEY: KEY,
      }),
    ).toEqual([]);
  });

  it('parses trust proxy only from explicit values', () => {
    expect(loadConfig({ GATEHOUSE_TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ GATEHOUSE_TRUST_PROXY: '10.0.0.0/8, 127.0.0.1' }).trustProxy).toEqual([
      '10.0.0.0/8',
      '127.0.0.1',
    ]);
    expect(problemsOf({ GATEHOUSE_TRUST_PROXY: 'yes please' })[0]).toMatch(/GATEHOUSE_TRUST_PROXY/);
  });
});

describe('the documented configuration', () => {
  it('names every variable the schema declares, in .env.example and docs/operating.md', () => {
    const root = join(import.meta.dirname, '../../..');
    const example = readFileSync(join(root, '.env.example'), 'utf8');
    const reference = readFileSync(join(root, 'docs/operating.md'), 'utf8');
    const names = Object.keys(EnvironmentSchema.properties);
    expect(names.length).toBeGreaterThan(15);
    for (const name of names) {
      expect(example, `.env.example lacks ${name}`).toMatch(new RegExp(`^#? ?${name}=`, 'm'));
      expect(reference, `docs/operating.md lacks ${name}`).toContain(`\`${name}\``);
    }
  });
});

describe('the server process with bad configuration', () => {
  const root = join(import.meta.dirname, '../../..');
  // The bundle is built once for all tests by vitest.global-setup.ts.
  it('exits non-zero with one readable message and no stack trace', () => {
    const result = spawnSync(process.execPath, ['apps/server/dist/server.js'], {
      cwd: root,
      encoding: 'utf8',
      env: {
        PATH: process.env['PATH'] ?? '',
        GATEHOUSE_SECRET_KEY: 'dG9vLXNob3J0',
        DATABASE_URL: 'not a url',
        GATEHOUSE_DATA_DIR: mkdtempSync(join(tmpdir(), 'gh-config-')),
      },
      timeout: 20_000,
    });
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(
      /^gatehouse: Invalid configuration:\n {2}- DATABASE_URL: .*\n {2}- GATEHOUSE_SECRET_KEY: .*\n$/,
    );
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('node flags', () => {
  it('are the same wherever the server is started: npm start, the Dockerfile, apps/server/node-flags.json', () => {
    const root = join(import.meta.dirname, '../../..');
    const flags = JSON.parse(readFileSync(join(root, 'apps/server/node-flags.json'), 'utf8')) as string[];
    expect(flags.length).toBeGreaterThan(0);
    const start = (
      JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: { start: string } }
    ).scripts.start;
    expect(start).toContain(`node ${flags.join(' ')} apps/server/dist/server.js`);
    const dockerfile = readFileSync(join(root, 'Dockerfile'), 'utf8');
    expect(dockerfile).toContain(
      `CMD ["node", ${flags.map((f) => JSON.stringify(f)).join(', ')}, "apps/server/dist/server.js"]`,
    );
  });
});
