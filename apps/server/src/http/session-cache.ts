/** Sessions read from PostgreSQL moments ago, for signed-in GETs (see caches.ts). */
import type { Authenticated } from '@gatehouse/core';
import type { ChangeFeed } from '@gatehouse/db';

/** A cached session is re-read (and its last-seen time refreshed) at least this often. */
export const SESSION_CACHE_TTL_MS = 60_000;
const MAX_SESSIONS = 10_000;

interface SessionEntry {
  auth: Authenticated;
  cachedAt: number;
}

export function createSessionCache(feed: ChangeFeed, clock: () => Date) {
  const sessions = new Map<string, SessionEntry>();
  /** Session ids cached per user, so a change to a user drops theirs without a scan. */
  const sessionsOfUser = new Map<string, Set<string>>();
  // Bumped by anything that may make a read in flight stale: such a read is served, not kept.
  let epoch = 0;

  function forget(sessionId: string): void {
    const entry = sessions.get(sessionId);
    if (!entry) return;
    sessions.delete(sessionId);
    const ids = sessionsOfUser.get(entry.auth.user.id);
    ids?.delete(sessionId);
    if (ids?.size === 0) sessionsOfUser.delete(entry.auth.user.id);
  }

  function keep(sessionId: string, entry: SessionEntry): void {
    forget(sessionId);
    if (sessions.size >= MAX_SESSIONS) {
      // Oldest first (insertion order): it would have been re-read soonest anyway.
      const oldest = sessions.keys().next().value;
      if (oldest !== undefined) forget(oldest);
    }
    sessions.set(sessionId, entry);
    const userId = entry.auth.user.id;
    const ids = sessionsOfUser.get(userId) ?? new Set<string>();
    ids.add(sessionId);
    sessionsOfUser.set(userId, ids);
  }

  feed.subscribe((change) => {
    if (change.kind === 'session') {
      epoch++;
      forget(change.id);
    } else if (change.kind === 'user') {
      epoch++;
      for (const id of [...(sessionsOfUser.get(change.id) ?? [])]) forget(id);
    } else if (change.kind === 'reset') {
      epoch++;
      sessions.clear();
      sessionsOfUser.clear();
    }
  });

  return {
    /** The signed-in caller for a session id, from memory when it may be; `load` reads PostgreSQL. */
    async session(
      sessionId: string,
      load: () => Promise<Authenticated | null>,
    ): Promise<Authenticated | null> {
      const now = clock().getTime();
      if (feed.healthy) {
        const hit = sessions.get(sessionId);
        if (hit) {
          if (now - hit.cachedAt < SESSION_CACHE_TTL_MS && now < hit.auth.session.expiresAt.getTime()) {
            return hit.auth;
          }
          forget(sessionId);
        }
      }
      const seen = epoch;
      const auth = await load();
      if (auth && feed.healthy && seen === epoch) keep(sessionId, { auth, cachedAt: now });
      return auth;
    },
    size: () => sessions.size,
  };
}
