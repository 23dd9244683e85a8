import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '@gatehouse/core';
import type { Authenticated, IssuedSession, RequestContext, SessionStage, UserRecord } from '@gatehouse/core';
import type { AuthStage, SessionUser } from '@gatehouse/contracts';
import type { Config } from './config';

/** Which session a route needs: none, half signed in (TOTP owed / enrolling), or complete. */
export type AuthRequirement = 'none' | 'totp' | 'enroll' | 'active' | 'admin';

declare module 'fastify' {
  interface FastifyContextConfig {
    auth?: AuthRequirement;
    /**
     * false: this state-changing route writes nothing the server's caches hold, so its answer
     * need not wait for the change feed (app.ts). Only for routes that provably do not.
     */
    changesCachedState?: false;
  }
  interface FastifyRequest {
    auth: Authenticated | null;
  }
}

export function cookieName(config: Config): string {
  // The __Host- prefix needs Secure, which browsers only honour over https.
  return config.publicUrl.protocol === 'https:' ? '__Host-gatehouse' : 'gatehouse_session';
}

export function stageOf(stage: SessionStage): AuthStage {
  return stage === 'active' ? 'active' : stage === 'enrolling' ? 'enroll' : 'totp';
}

export function toSessionUser(user: UserRecord): SessionUser {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    email: user.email,
    isAdmin: user.isAdmin,
    mfaEnrolled: user.totpEnabledAt !== null,
  };
}

export function requestContext(request: FastifyRequest): RequestContext {
  const ua = request.headers['user-agent'];
  return { ip: request.ip, userAgent: typeof ua === 'string' ? ua.slice(0, 512) : '', requestId: request.id };
}

export function setSessionCookie(reply: FastifyReply, config: Config, issued: IssuedSession): void {
  const maxAge = Math.max(1, Math.floor((issued.session.expiresAt.getTime() - Date.now()) / 1000));
  reply.setCookie(cookieName(config), issued.token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: config.publicUrl.protocol === 'https:',
    maxAge,
  });
}

export function clearSessionCookie(reply: FastifyReply, config: Config): void {
  reply.clearCookie(cookieName(config), {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: config.publicUrl.protocol === 'https:',
  });
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
