import { chmodSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  CACHE_MARGIN_MS,
  cacheFile,
  clearUserCache,
  readCache,
  userCacheDir,
  writeCache,
} from '../src/cache';
import type { CachedCredentials, CacheKey } from '../src/cache';

const KEY: CacheKey = {
  portal: 'https://g.example.com',
  userId: 'u-1',
  target: 'sandbox/Admin',
  durationSeconds: null,
};
let previous: string | undefined;

function entry(expiresInMs: number, overrides: Partial<CachedCredentials> = {}): CachedCredentials {
  const expiration = new Date(Date.now() + expiresInMs).toISOString();
  return {
    version: 1,
    ...KEY,
    accessKeyId: 'ASIAEXAMPLE',
    secretAccessKey: 'secret',
    sessionToken: 'token',
    expiration,
    assumedRoleArn: 'arn:aws:sts::123456789012:assumed-role/Admin/alice',
    region: 'eu-west-1',
    formatted: {
      process: JSON.stringify({
        Version: 1,
        AccessKeyId: 'ASIAEXAMPLE',
        SecretAccessKey: 'secret',
        SessionToken: 'token',
        Expiration: expiration,
      }),
    },
    ...overrides,
  };
}

beforeEach(() => {
  previous = process.env['XDG_CACHE_HOME'];
  process.env['XDG_CACHE_HOME'] = mkdtempSync(join(tmpdir(), 'gh-cache-'));
});
afterEach(() => {
  if (previous === undefined) delete process.env['XDG_CACHE_HOME'];
  else process.env['XDG_CACHE_HOME'] = previous;
});

describe('the credential cache', () => {
  it('writes 0600 files in 0700 directories, per portal and user, and reads them back', () => {
    writeCache(entry(3_600_000));
    const file = cacheFile(KEY);
    expect(file.startsWith(join(process.env['XDG_CACHE_HOME']!, 'gatehouse'))).toBe(true);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(userCacheDir(KEY.portal, KEY.userId)).mode & 0o777).toBe(0o700);
    expect(readCache(KEY)?.accessKeyId).toBe('ASIAEXAMPLE');
    expect(readCache({ ...KEY, userId: 'u-2' })).toBeNull();
    expect(readCache({ ...KEY, portal: 'https://other.example.com' })).toBeNull();
    expect(readCache({ ...KEY, durationSeconds: 900 })).toBeNull();
    expect(cacheFile({ ...KEY, userId: 'u-2' })).not.toBe(file);
  });

  it('stops using credentials 5 minutes before they expire', () => {
    writeCache(entry(CACHE_MARGIN_MS + 60_000));
    expect(readCache(KEY)).not.toBeNull();
    expect(readCache(KEY, Date.now() + 61_000)).toBeNull();
    writeCache(entry(CACHE_MARGIN_MS - 1_000));
    expect(readCache(KEY)).toBeNull();
  });

  it('ignores a file edited to an expired time, in either copy of the expiry', () => {
    writeCache(entry(3_600_000));
    const file = cacheFile(KEY);
    const stored = JSON.parse(readFileSync(file, 'utf8')) as CachedCredentials;
    const past = new Date(Date.now() - 1_000).toISOString();
    writeFileSync(file, JSON.stringify({ ...stored, expiration: past }));
    expect(readCache(KEY)).toBeNull();
    const process = JSON.parse(stored.formatted['process']!) as Record<string, string>;
    writeFileSync(
      file,
      JSON.stringify({ ...stored, formatted: { process: JSON.stringify({ ...process, Expiration: past }) } }),
    );
    expect(readCache(KEY)).toBeNull();
    writeFileSync(file, JSON.stringify({ ...stored, expiration: 'soon' }));
    expect(readCache(KEY)).toBeNull();
    writeFileSync(file, '{ not json');
    expect(readCache(KEY)).toBeNull();
  });

  it('ignores a file others can read or write', () => {
    writeCache(entry(3_600_000));
    chmodSync(cacheFile(KEY), 0o644);
    expect(readCache(KEY)).toBeNull();
    chmodSync(cacheFile(KEY), 0o600);
    expect(readCache(KEY)).not.toBeNull();
  });

  it('is cleared per portal and user', () => {
    writeCache(entry(3_600_000));
    writeCache(entry(3_600_000, { userId: 'u-2' }));
    clearUserCache(KEY.portal, KEY.userId);
    expect(readCache(KEY)).toBeNull();
    expect(readCache({ ...KEY, userId: 'u-2' })).not.toBeNull();
  });
});
