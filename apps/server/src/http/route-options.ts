/**
 * What a route declares about who reaches it (its `config`), and what the request hooks make of
 * it. Every route states its `auth`; `cliToken: true` lets a CLI token call it too; a rate limit
 * is declared beside them; `redactParams` keeps parameters' values out of the logs.
 * routes/route-table.ts renders all four for every route.
 */
import type { FastifyRequest } from 'fastify';
import { AppError } from '@gatehouse/core';
import type { AdminCall, Authenticated, RequestContext, SessionStage } from '@gatehouse/core';

/** Which session a route needs: none, half signed in (TOTP owed / enrolling), or complete. */
export type AuthRequirement = 'none' | 'totp' | 'enroll' | 'active' | 'admin';

declare module 'fastify' {
  interface FastifyContextConfig {
    auth?: AuthRequirement;
    /** A CLI token (`Authorization: Bearer ghcli_…`) may call this route, as an `active` session. */
    cliToken?: true;
    /**
     * false: this state-changing route writes nothing the server's caches hold, so its answer
     * need not wait for the change feed (app.ts). Only for routes that provably do not.
     */
    changesCachedState?: false;
    /**
     * Path or query parameters too sensitive for a log line (a CLI login's user code): every
     * line written about the request shows `[redacted]` for their values (http/access-log.ts).
     */
    redactParams?: readonly string[];
  }
  interface FastifyRequest {
    auth: Authenticated | null;
  }
}

const STAGE_FOR: Record<Exclude<AuthRequirement, 'none'>, SessionStage> = {
  totp: 'password_verified',
  enroll: 'enrolling',
  active: 'active',
  admin: 'active',
};

/** Enforces a route's requirement; a half-signed-in session reaches only its own next step. */
export function assertAuth(request: FastifyRequest, requirement: AuthRequirement): void {
  if (requirement === 'none') return;
  const auth = request.auth;
  if (!auth) throw new AppError('unauthorized', 'Sign in first.');
  if (auth.session.stage !== STAGE_FOR[requirement]) {
    if (auth.session.stage !== 'active') {
      throw new AppError('mfa_required', 'Finish signing in with your authenticator code first.');
    }
    throw new AppError('forbidden', 'This step does not apply to a completed sign-in.');
  }
  if (requirement === 'admin' && !auth.user.isAdmin) throw new AppError('forbidden', 'Administrators only.');
}

export function authOf(request: FastifyRequest): Authenticated {
  if (!request.auth) throw new AppError('unauthorized', 'Sign in first.');
  return request.auth;
}

export function requestContext(request: FastifyRequest): RequestContext {
  const ua = request.headers['user-agent'];
  return { ip: request.ip, userAgent: typeof ua === 'string' ? ua.slice(0, 512) : '', requestId: request.id };
}

/** The signed-in admin as the actor of an audited change. */
export function adminCall(request: FastifyRequest): AdminCall {
  const { user } = authOf(request);
  return { actor: { id: user.id, username: user.username }, ctx: requestContext(request) };
}
