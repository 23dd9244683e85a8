/**
 * What the server keeps in memory between requests, and when it forgets it.
 *
 * - Sessions: a signed-in GET (the dashboard, profile, admin lists) skips the session and user
 *   queries when the same session was read from PostgreSQL less than a minute ago. State-changing
 *   requests and issuance always read both from PostgreSQL.
 * - `my access`: the user's accounts and roles, the same for all their sessions, until something
 *   it was read from changes or a grant in it expires; kept as finished response bodies (plain
 *   and gzip, per step-up window), so a repeated read costs no database and no serialisation.
 *
 * Both trust themselves only while the change feed (packages/db/src/change-feed.ts) is healthy.
 * Triggers announce every committed change to sessions, users, grants, roles, accounts, groups,
 * memberships, favourites and role health; the feed drops the stale entries, and forgets
 * everything whenever its connection is lost or regained. With PostgreSQL unreachable nothing
 * is answered from memory (503, as without caches). A request that changed something waits
 * until this process has heard of its own change before it answers (`ChangeFeed.sync`), so
 * "disable the user, then look" never sees the old state here; other processes hear of it within
 * the notification's delivery time (milliseconds).
 */
import type { Authenticated } from '@gatehouse/core';
import type { ChangeFeed } from '@gatehouse/db';
import { createAccessCache } from './access-cache';
import type { AccessRequest, AccessView } from './access-cache';
import { createSessionCache } from './session-cache';

export type { AccessEncoding, AccessView } from './access-cache';
export { SESSION_CACHE_TTL_MS } from './session-cache';

export interface Caches {
  /** The signed-in caller for a session id, from memory when it may be; `load` reads PostgreSQL. */
  session(sessionId: string, load: () => Promise<Authenticated | null>): Promise<Authenticated | null>;
  /** The `my access` response body, from memory when it may be; `load` builds the user's view. */
  access(request: AccessRequest, load: () => Promise<AccessView>): Promise<Buffer>;
  /** For tests and metrics. */
  stats(): { sessions: number; accessAnswers: number; accessBytes: number };
}

export function createCaches(feed: ChangeFeed, clock: () => Date = () => new Date()): Caches {
  const sessions = createSessionCache(feed, clock);
  const access = createAccessCache(feed, clock);
  return {
    session: sessions.session,
    access: access.access,
    stats: () => ({ sessions: sessions.size(), ...access.stats() }),
  };
}

/** Whether an Accept-Encoding header admits gzip (RFC 9110 §12.5.3: named or `*`, q above 0). */
export function acceptsGzip(header: string | undefined): boolean {
  if (!header) return false;
  let star = false;
  for (const part of header.split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const weight = q === undefined ? 1 : Number(q.slice(2));
    const admitted = Number.isFinite(weight) && weight > 0;
    if (name.trim() === 'gzip' || name.trim() === 'x-gzip') return admitted;
    if (name.trim() === '*') star = admitted;
  }
  return star;
}
