/** `my access` kept as finished response bodies per user (see caches.ts). */
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { ChangeFeed } from '@gatehouse/db';

const gzipAsync = promisify(gzip);

/** Bounds the memory of cached `my access` answers (a user with 5,000 roles is ~2.6 MB). */
const MAX_ACCESS_BYTES = 16 * 1024 * 1024;
/** The largest answer kept (~8,000 roles); a larger one is built for every request. */
const MAX_ANSWER_BYTES = 4 * 1024 * 1024;
/** Variants of one user's body kept at most (step-up windows × encodings). */
const MAX_BODIES_PER_USER = 6;

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

export type AccessEncoding = 'gzip' | 'identity';

export interface AccessView {
  roleChaining: boolean;
  changesAt: Date | null;
  accounts: unknown[];
}

export interface AccessRequest {
  userId: string;
  /** Whether the broker's identity is a role session now (an answer built otherwise is stale). */
  roleChaining: boolean;
  /** The caller's session's step-up window. */
  stepUpValidUntil: string | null;
  encoding: AccessEncoding;
}

export function createAccessCache(feed: ChangeFeed, clock: () => Date) {
  const answers = new Map<string, AccessEntry>();
  let answerBytes = 0;
  // Bumped by anything that may make a read in flight stale: such a read is served, not kept.
  let epoch = 0;

  function forget(userId: string): void {
    const entry = answers.get(userId);
    if (!entry) return;
    answerBytes -= entry.bytes;
    answers.delete(userId);
  }

  function forgetAll(): void {
    answers.clear();
    answerBytes = 0;
  }

  async function bodyOf(entry: AccessEntry, stepUpValidUntil: string | null, encoding: AccessEncoding) {
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

  function keep(entry: AccessEntry): void {
    forget(entry.userId);
    // Room for the entry and its bodies (gzip is a tenth, plain about the same); oldest go first.
    while (answerBytes + 2.5 * entry.bytes > MAX_ACCESS_BYTES && answers.size > 0) {
      forget(answers.keys().next().value as string);
    }
    answers.set(entry.userId, entry);
    answerBytes += entry.bytes;
  }

  feed.subscribe((change) => {
    if (change.kind === 'favourite') {
      epoch++;
      forget(change.userId);
    } else if (change.kind === 'access' || change.kind === 'reset') {
      epoch++;
      forgetAll();
    }
  });

  return {
    /** The `my access` response body, from memory when it may be; `load` builds the user's view. */
    async access(request: AccessRequest, load: () => Promise<AccessView>): Promise<Buffer> {
      const { userId, roleChaining, stepUpValidUntil, encoding } = request;
      const now = clock().getTime();
      if (feed.healthy) {
        const hit = answers.get(userId);
        if (hit) {
          if ((hit.changesAt === null || now < hit.changesAt) && hit.roleChaining === roleChaining)
            return bodyOf(hit, stepUpValidUntil, encoding);
          forget(userId);
        }
      }
      const seen = epoch;
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
      if (feed.healthy && seen === epoch && entry.bytes <= MAX_ANSWER_BYTES) keep(entry);
      return bodyOf(entry, stepUpValidUntil, encoding);
    },
    stats: () => ({ accessAnswers: answers.size, accessBytes: answerBytes }),
  };
}
