/**
 * Cached AWS credentials, so repeated `credential_process` calls cost no round trip:
 * `~/.cache/gatehouse/<portal+user>/<target+duration>.json`, mode 0600, used until 5 minutes
 * before they expire. A file that is not ours, is readable by others, or whose expiry (either
 * copy of it) is near or unreadable is ignored. Only node:fs and node:path: this is the fast path.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { ensurePrivateDir, readPrivateFile, writeFileAtomic } from './files';
import { cacheDir } from './paths';
import { sha256Hex } from './sha256';

export const CACHE_MARGIN_MS = 5 * 60_000;

export interface CachedCredentials {
  version: 1;
  portal: string;
  userId: string;
  target: string;
  durationSeconds: number | null;
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  expiration: string;
  assumedRoleArn: string;
  region: string | null;
  /** Every format the portal rendered (process, env, powershell, …), keyed by format. */
  formatted: Record<string, string>;
}

export interface CacheKey {
  portal: string;
  userId: string;
  target: string;
  durationSeconds: number | null;
}

function digest(parts: unknown[]): string {
  return sha256Hex(JSON.stringify(parts)).slice(0, 32);
}

export function userCacheDir(portal: string, userId: string): string {
  return join(cacheDir(), digest([portal, userId]));
}

export function cacheFile(key: CacheKey): string {
  return join(userCacheDir(key.portal, key.userId), `${digest([key.target, key.durationSeconds])}.json`);
}

/** The earlier of the two expiry times a cache file states; NaN when either is unreadable. */
function expiryOf(entry: CachedCredentials): number {
  const declared = Date.parse(entry.expiration);
  let processExpiry = declared;
  const processJson = entry.formatted['process'];
  if (typeof processJson === 'string') {
    try {
      processExpiry = Date.parse((JSON.parse(processJson) as { Expiration?: string }).Expiration ?? '');
    } catch {
      return Number.NaN;
    }
  }
  return Math.min(declared, processExpiry);
}

export function readCache(key: CacheKey, nowMs = Date.now()): CachedCredentials | null {
  let file: ReturnType<typeof readPrivateFile>;
  try {
    file = readPrivateFile(cacheFile(key));
  } catch {
    return null;
  }
  if (!file || file.foreign || file.mode & 0o077) return null;
  let entry: CachedCredentials;
  try {
    entry = JSON.parse(file.text) as CachedCredentials;
  } catch {
    return null;
  }
  if (
    entry?.version !== 1 ||
    entry.portal !== key.portal ||
    entry.userId !== key.userId ||
    entry.target !== key.target ||
    entry.durationSeconds !== key.durationSeconds ||
    typeof entry.formatted !== 'object' ||
    entry.formatted === null
  ) {
    return null;
  }
  const expiry = expiryOf(entry);
  if (!(expiry - CACHE_MARGIN_MS > nowMs)) return null;
  return entry;
}

export function writeCache(entry: CachedCredentials): void {
  const dir = userCacheDir(entry.portal, entry.userId);
  ensurePrivateDir(cacheDir());
  ensurePrivateDir(dir);
  writeFileAtomic(cacheFile(entry), `${JSON.stringify(entry)}\n`);
}

export function clearUserCache(portal: string, userId: string): void {
  rmSync(userCacheDir(portal, userId), { recursive: true, force: true });
}
