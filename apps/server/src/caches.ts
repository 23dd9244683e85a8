/**
 * What the server keeps in memory between requests, and when it forgets it.
 *
 * - Sessions: a signed-in GET (the dashboard, profile, admin lists) skips the session and user
 *   queries when the same session was read from PostgreSQL less than a minute ago. State-changing
 *   requests and issuance always read both from PostgreSQL.
 * - `my access`: the user's accounts and roles as JSON, the same for all their sessions, until
 *   something it was read from changes or a grant in it expires.
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

/** A cached session is re-read (and its last-seen time refreshed) at least this often. */
export const SESSION_CACHE_TTL_MS = 60_000;
const MAX_SESSIONS = 20_000;
/** Bounds the memory of cached `my access` answers (a user with 5,000 roles is ~2.6 MB). */
const MAX_ACCESS_BYTES = 32 * 1024 * 1024;

interface SessionEntry {
  auth: Authenticated;
  cachedAt: number;
}

interface AccessEntry {
  roleChaining: boolean;
  /** The `accounts` array, serialised. */
  accountsJson: string;
  /** Epoch ms after which the answer is stale (a grant in it expires); null: never by itself. */
  changesAt: number | null;
}

export interface AccessView {
  roleChaining: boolean;
  changesAt: Date | null;
  accounts: unknown[];
}

export interface Caches {
  /** The signed-in caller for a session id, from memory when it may be; `load` reads PostgreSQL. */
  session(sessionId: string, load: () => Promise<Authenticated | null>): Promise<Authenticated | null>;
  /**
   * `my access` apart from step-up, from memory when it may be; `load` builds it. `roleChaining`:
   * whether the broker's identity is a role session now (an answer built otherwise is stale).
   */
  access(
    userId: string,
    roleChaining: boolean,
    load: () => Promise<AccessView>,
  ): Promise<{ roleChaining: boolean; accountsJson: string }>;
  /** For tests and metrics. */
  stats(): { sessions: number; accessAnswers: number; accessBytes: number };
}

export function createCaches(feed: ChangeFeed, clock: () => Date = () => new Date()): Caches {
  const sessions = new Map<string, SessionEntry>();
  const answers = new Map<string, AccessEntry>();
  let answerBytes = 0;
  // Bumped by anything that may make a read in flight stale: such a read is served, not kept.
  let sessionEpoch = 0;
  let accessEpoch = 0;

  function forgetAnswer(userId: string): void {
    const entry = answers.get(userId);
    if (!entry) return;
    answerBytes -= entry.accountsJson.length;
    answers.delete(userId);
  }

  function forgetAllAnswers(): void {
    answers.clear();
    answerBytes = 0;
  }

  feed.subscribe((change) => {
    switch (change.kind) {
      case 'session':
        sessionEpoch++;
        sessions.delete(change.id);
        break;
      case 'user':
        sessionEpoch++;
        for (const [id, entry] of sessions) if (entry.auth.user.id === change.id) sessions.delete(id);
        break;
      case 'favourite':
        accessEpoch++;
        forgetAnswer(change.userId);
        break;
      case 'access':
        accessEpoch++;
        forgetAllAnswers();
        break;
      case 'reset':
        sessionEpoch++;
        accessEpoch++;
        sessions.clear();
        forgetAllAnswers();
        break;
    }
  });

  return {
    async session(sessionId, load) {
      const now = clock().getTime();
      if (feed.healthy) {
        const hit = sessions.get(sessionId);
        if (hit) {
          if (now - hit.cachedAt < SESSION_CACHE_TTL_MS && now < hit.auth.session.expiresAt.getTime()) {
            return hit.auth;
          }
          sessions.delete(sessionId);
        }
      }
      const epoch = sessionEpoch;
      const auth = await load();
      if (auth && feed.healthy && epoch === sessionEpoch) {
        if (sessions.size >= MAX_SESSIONS) {
          // Oldest first (insertion order): it would have been re-read soonest anyway.
          const oldest = sessions.keys().next().value;
          if (oldest !== undefined) sessions.delete(oldest);
        }
        sessions.set(sessionId, { auth, cachedAt: now });
      }
      return auth;
    },

    async access(userId, roleChaining, load) {
      const now = clock().getTime();
      if (feed.healthy) {
        const hit = answers.get(userId);
        if (hit) {
          if ((hit.changesAt === null || now < hit.changesAt) && hit.roleChaining === roleChaining)
            return hit;
          forgetAnswer(userId);
        }
      }
      const epoch = accessEpoch;
      const view = await load();
      const entry: AccessEntry = {
        roleChaining: view.roleChaining,
        accountsJson: JSON.stringify(view.accounts),
        changesAt: view.changesAt === null ? null : view.changesAt.getTime(),
      };
      if (feed.healthy && epoch === accessEpoch && entry.accountsJson.length <= MAX_ACCESS_BYTES / 4) {
        forgetAnswer(userId);
        while (answerBytes + entry.accountsJson.length > MAX_ACCESS_BYTES && answers.size > 0) {
          const oldest = answers.keys().next().value as string;
          forgetAnswer(oldest);
        }
        answers.set(userId, entry);
        answerBytes += entry.accountsJson.length;
      }
      return entry;
    },

    stats() {
      return { sessions: sessions.size, accessAnswers: answers.size, accessBytes: answerBytes };
    },
  };
}
