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
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { Authenticated } from '@gatehouse/core';
import type { ChangeFeed } from '@gatehouse/db';

const gzipAsync = promisify(gzip);

/** A cached session is re-read (and its last-seen time refreshed) at least this often. */
export const SESSION_CACHE_TTL_MS = 60_000;
const MAX_SESSIONS = 10_000;
/** Bounds the memory of cached `my access` answers (a user with 5,000 roles is ~2.6 MB). */
const MAX_ACCESS_BYTES = 16 * 1024 * 1024;
/** The largest answer kept (~8,000 roles); a larger one is built for every request. */
const MAX_ANSWER_BYTES = 4 * 1024 * 1024;

interface SessionEntry {
  auth: Authenticated;
  cachedAt: number;
}

interface AccessEntry {
  userId: string;
  roleChaining: boolean;
  /** The `accounts` array, serialised. */
  accountsJson: string;
  /** Epoch ms after which the answer is stale (a grant in it expires); null: never by itself. */
  changesAt: number | null;
  /** Finished bodies by step-up window and encoding (a handful: sessions mostly share one). */
  bodies: Map<string, Buffer>;
  bytes: number;
}

/** Variants of one user's body kept at most (step-up windows × encodings). */
const MAX_BODIES_PER_USER = 6;

export type AccessEncoding = 'gzip' | 'identity';

export interface AccessView {
  roleChaining: boolean;
  changesAt: Date | null;
  accounts: unknown[];
}

export interface Caches {
  /** The signed-in caller for a session id, from memory when it may be; `load` reads PostgreSQL. */
  session(sessionId: string, load: () => Promise<Authenticated | null>): Promise<Authenticated | null>;
  /**
   * The `my access` response body, from memory when it may be; `load` builds the user's view.
   * `roleChaining`: whether the broker's identity is a role session now (an answer built
   * otherwise is stale); `stepUpValidUntil`: the caller's session's step-up window.
   */
  access(
    request: {
      userId: string;
      roleChaining: boolean;
      stepUpValidUntil: string | null;
      encoding: AccessEncoding;
    },
    load: () => Promise<AccessView>,
  ): Promise<Buffer>;
  /** For tests and metrics. */
  stats(): { sessions: number; accessAnswers: number; accessBytes: number };
}

export function createCaches(feed: ChangeFeed, clock: () => Date = () => new Date()): Caches {
  const sessions = new Map<string, SessionEntry>();
  /** Session ids cached per user, so a change to a user drops theirs without a scan. */
  const sessionsOfUser = new Map<string, Set<string>>();

  function forgetSession(sessionId: string): void {
    const entry = sessions.get(sessionId);
    if (!entry) return;
    sessions.delete(sessionId);
    const ids = sessionsOfUser.get(entry.auth.user.id);
    ids?.delete(sessionId);
    if (ids?.size === 0) sessionsOfUser.delete(entry.auth.user.id);
  }

  function keepSession(sessionId: string, entry: SessionEntry): void {
    forgetSession(sessionId);
    sessions.set(sessionId, entry);
    const userId = entry.auth.user.id;
    const ids = sessionsOfUser.get(userId) ?? new Set<string>();
    ids.add(sessionId);
    sessionsOfUser.set(userId, ids);
  }
  const answers = new Map<string, AccessEntry>();
  let answerBytes = 0;
  // Bumped by anything that may make a read in flight stale: such a read is served, not kept.
  let sessionEpoch = 0;
  let accessEpoch = 0;

  function forgetAnswer(userId: string): void {
    const entry = answers.get(userId);
    if (!entry) return;
    answerBytes -= entry.bytes;
    answers.delete(userId);
  }

  async function bodyOf(
    entry: AccessEntry,
    stepUpValidUntil: string | null,
    encoding: AccessEncoding,
  ): Promise<Buffer> {
    const key = `${stepUpValidUntil ?? ''}|${encoding}`;
    const kept = entry.bodies.get(key);
    if (kept) return kept;
    const json = Buffer.from(
      `{"roleChaining":${entry.roleChaining},"stepUpValidUntil":${JSON.stringify(stepUpValidUntil)},"accounts":${entry.accountsJson}}`,
    );
    const body = encoding === 'gzip' ? await gzipAsync(json) : json;
    // Kept only while the entry itself still is (it may have been dropped during gzip).
    if (answers.get(entry.userId) === entry && entry.bodies.size < MAX_BODIES_PER_USER) {
      entry.bodies.set(key, body);
      entry.bytes += body.length;
      answerBytes += body.length;
    }
    return body;
  }

  function forgetAllAnswers(): void {
    answers.clear();
    answerBytes = 0;
  }

  feed.subscribe((change) => {
    switch (change.kind) {
      case 'session':
        sessionEpoch++;
        forgetSession(change.id);
        break;
      case 'user':
        sessionEpoch++;
        for (const id of [...(sessionsOfUser.get(change.id) ?? [])]) forgetSession(id);
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
        sessionsOfUser.clear();
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
          forgetSession(sessionId);
        }
      }
      const epoch = sessionEpoch;
      const auth = await load();
      if (auth && feed.healthy && epoch === sessionEpoch) {
        if (sessions.size >= MAX_SESSIONS) {
          // Oldest first (insertion order): it would have been re-read soonest anyway.
          const oldest = sessions.keys().next().value;
          if (oldest !== undefined) forgetSession(oldest);
        }
        keepSession(sessionId, { auth, cachedAt: now });
      }
      return auth;
    },

    async access({ userId, roleChaining, stepUpValidUntil, encoding }, load) {
      const now = clock().getTime();
      if (feed.healthy) {
        const hit = answers.get(userId);
        if (hit) {
          if ((hit.changesAt === null || now < hit.changesAt) && hit.roleChaining === roleChaining)
            return bodyOf(hit, stepUpValidUntil, encoding);
          forgetAnswer(userId);
        }
      }
      const epoch = accessEpoch;
      const view = await load();
      const accountsJson = JSON.stringify(view.accounts);
      const entry: AccessEntry = {
        userId,
        roleChaining: view.roleChaining,
        accountsJson,
        changesAt: view.changesAt === null ? null : view.changesAt.getTime(),
        bodies: new Map(),
        bytes: accountsJson.length,
      };
      if (feed.healthy && epoch === accessEpoch && entry.bytes <= MAX_ANSWER_BYTES) {
        forgetAnswer(userId);
        // Room for the entry and its bodies (gzip is a tenth, plain about the same); oldest go first.
        while (answerBytes + 2.5 * entry.bytes > MAX_ACCESS_BYTES && answers.size > 0) {
          const oldest = answers.keys().next().value as string;
          forgetAnswer(oldest);
        }
        answers.set(userId, entry);
        answerBytes += entry.bytes;
      }
      return bodyOf(entry, stepUpValidUntil, encoding);
    },

    stats() {
      return { sessions: sessions.size, accessAnswers: answers.size, accessBytes: answerBytes };
    },
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
