/**
 * The portal's sessions, through @fastify/session: it reads and verifies the signed cookie, loads
 * the session from the store (session-store.ts), and rotates its id with `regenerate()`. The
 * identity service decides every session (sign-in, second step, step-up, enrolment) and stores
 * it with its audit rows; `adoptSession` then makes it the request's session and cookie.
 *
 * The cookie is HttpOnly, SameSite=Lax, and `__Host-` with Secure when the public URL is https.
 * Gatehouse writes it itself after @fastify/session's own onSend: the plugin declines to send a
 * Secure cookie on a request that reached the server over plain http, which behind a
 * TLS-terminating proxy not named in GATEHOUSE_TRUST_PROXY is every request.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fastifySession from '@fastify/session';
import { createToken } from '@gatehouse/core';
import type { IdentityService, IssuedSession } from '@gatehouse/core';
import type { Config } from '../config';
import type { Caches } from './caches';
import { createSessionStore } from './session-store';

declare module 'fastify' {
  interface FastifyRequest {
    /** The session the identity service just issued, while it becomes the request's (see below). */
    adoptedSession: IssuedSession | null;
  }
}

export function cookieName(config: Config): string {
  // The __Host- prefix needs Secure, which browsers only honour over https.
  return config.publicUrl.protocol === 'https:' ? '__Host-gatehouse' : 'gatehouse_session';
}

function cookieOptions(config: Config) {
  return {
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: config.publicUrl.protocol === 'https:',
  };
}

export async function registerSessions(
  app: FastifyInstance,
  deps: {
    config: Config;
    /** Signs the cookie (HMAC-SHA256): every server of a fleet derives the same one. */
    secret: string;
    identity: Pick<IdentityService, 'authenticate' | 'discardSession'>;
    caches: Pick<Caches, 'session'>;
  },
): Promise<void> {
  const name = cookieName(deps.config);
  const options = cookieOptions(deps.config);
  app.decorateRequest('adoptedSession', null);
  await app.register(fastifySession, {
    secret: deps.secret,
    cookieName: name,
    cookie: options,
    store: createSessionStore(deps),
    // Only the identity service starts sessions; a visit without one stores and sends nothing.
    saveUninitialized: false,
    rolling: false,
    // The id of a session the identity service issued is its token; any other is never stored.
    idGenerator: (request) => request?.adoptedSession?.token ?? createToken(),
  });
  app.addHook('onSend', async (request, reply, payload) => {
    const issued = request.adoptedSession;
    if (issued && request.session) {
      // @fastify/session may have written its own line for this cookie already (clearing the
      // presented one): the answer carries exactly one, ours.
      const lines = reply.getHeader('set-cookie');
      const others = (Array.isArray(lines) ? lines : lines === undefined ? [] : [String(lines)]).filter(
        (line) => !line.startsWith(`${name}=`),
      );
      if (others.length > 0) reply.header('set-cookie', others);
      else reply.removeHeader('set-cookie');
      reply.setCookie(name, request.session.encryptedSessionId, {
        ...options,
        expires: issued.session.expiresAt,
      });
    }
    return payload;
  });
}

/**
 * Makes a session the identity service issued (and stored) the request's: `regenerate()` drops
 * the presented one and takes the issued token as the new id; the cookie goes out with the answer.
 */
export async function adoptSession(request: FastifyRequest, issued: IssuedSession): Promise<void> {
  request.adoptedSession = issued;
  await request.session.regenerate();
}

/** After signing out: the session is gone from the store, and the browser forgets the cookie. */
export async function endSession(
  request: FastifyRequest,
  reply: FastifyReply,
  config: Config,
): Promise<void> {
  if (request.session) await request.session.destroy();
  reply.clearCookie(cookieName(config), cookieOptions(config));
}
