/**
 * `gatehouse credentials` answered from the cache: what the AWS CLI runs before every command.
 * The full CLI (main.ts) and the fast entry (fast.ts, dist/gatehouse.js) both answer through this
 * one function, so they cannot disagree about when the cache may answer or what it prints. Nothing
 * but node:fs, node:path and node:os below here: fast.ts is bundled from it (build.mjs checks).
 */
import { durationOption, flag, formatOption, stringOption } from './args';
import type { Format, ParsedArgs } from './args';
import { readCache } from './cache';
import type { CachedCredentials } from './cache';
import { resolvePortal, storedToken } from './store';

export interface CachedAnswerOptions {
  /**
   * Change nothing on disk and print nothing: a tokens file readable by others throws instead of
   * being narrowed (with a warning) as the full CLI does. The fast entry then leaves it to the
   * full CLI.
   */
  readOnly?: boolean;
}

/**
 * What `credentials` prints when the cache may answer, or null when the portal must be asked (or
 * it is not `credentials` at all); then the command itself runs, and explains any failure. Throws
 * what the full CLI reports: a bad --format or --duration, an unreadable tokens file.
 */
export function cachedCredentials(args: ParsedArgs, options: CachedAnswerOptions = {}): string | null {
  if (args.command !== 'credentials' || flag(args, 'no-cache')) return null;
  if (flag(args, 'help') || flag(args, 'version')) return null;
  const format = formatOption(args);
  const durationSeconds = durationOption(args);
  let portal: string;
  try {
    portal = resolvePortal(stringOption(args, 'url'));
  } catch {
    return null;
  }
  const token = storedToken(portal, options);
  // The cache serves a live login only: after logout or expiry, the portal decides again.
  if (!token || !(Date.parse(token.expiresAt) > Date.now())) return null;
  const hit = readCache({
    portal,
    userId: token.userId,
    target: args.positionals[0] as string,
    durationSeconds,
  });
  return hit ? printable(hit, format) : null;
}

/** What `credentials --format FORMAT` prints for these credentials; null if the portal did not render it. */
export function printable(credentials: CachedCredentials, format: Format): string | null {
  const text = credentials.formatted[format];
  if (typeof text !== 'string') return null;
  return text.endsWith('\n') ? text : `${text}\n`;
}
