/**
 * Gatehouse's PostgreSQL store behind @fastify/session. The session id @fastify/session handles
 * is the cookie's token; the sessions table keeps only its SHA-256 (a database leak yields no
 * usable session). Sessions are written by the identity service, in the transaction that audits
 * them (packages/core/src/identity/start-session.ts): the store reads them and forgets them.
 */
import type { SessionStore } from '@fastify/session';
import { isWellFormedToken, tokenId } from '@gatehouse/core';
import type { Authenticated, IdentityService } from '@gatehouse/core';
import type { Caches } from './caches';

/**
 * The session record and its user as the store read them, carried on `request.session.loaded`.
 * @fastify/session hashes a session to notice changes; this one hashes as its id and state only.
 */
export class LoadedSession {
  constructor(
    readonly auth: Authenticated,
    /** Served from this process's memory (caches.ts) rather than read from PostgreSQL just now. */
    readonly fromMemory: boolean,
  ) {}

  toJSON(): unknown {
    const { id, stage, mfaAt } = this.auth.session;
    return { id, stage, mfaAt: mfaAt?.getTime() ?? null };
  }
}

declare module 'fastify' {
  interface Session {
    loaded?: LoadedSession;
  }
}

type StoredSession = Parameters<Parameters<SessionStore['get']>[1]>[1];

export function createSessionStore(deps: {
  identity: Pick<IdentityService, 'authenticate' | 'discardSession'>;
  caches: Pick<Caches, 'session'>;
}): SessionStore {
  /**
   * One query reads the session and its user (or memory does, see caches.ts); an expired, idle or
   * disabled one is refused, and its row goes, whatever the cookie claims.
   */
  async function load(token: string): Promise<StoredSession> {
    if (!isWellFormedToken(token)) return null;
    let fromMemory = true;
    const auth = await deps.caches.session(tokenId(token), () => {
      fromMemory = false;
      return deps.identity.authenticate(token);
    });
    if (!auth) return null;
    return {
      cookie: { originalMaxAge: null, expires: auth.session.expiresAt },
      loaded: new LoadedSession(auth, fromMemory),
    };
  }

  return {
    get(token, callback) {
      load(token).then(
        (session) => callback(null, session),
        (err: unknown) => callback(err),
      );
    },
    // Nothing to write: the identity service stored the session (with its audit rows) before
    // @fastify/session is told of it (regenerate() in sessions.ts), and nothing else changes one.
    set(_token, _session, callback) {
      callback();
    },
    destroy(token, callback) {
      deps.identity.discardSession(token).then(
        () => callback(),
        (err: unknown) => callback(err),
      );
    },
  };
}
