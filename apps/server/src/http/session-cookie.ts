/** The portal's session cookie: HttpOnly, SameSite=Lax, and `__Host-` with Secure over https. */
import type { FastifyReply } from 'fastify';
import type { IssuedSession } from '@gatehouse/core';
import type { Config } from '../config';

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

export function setSessionCookie(reply: FastifyReply, config: Config, issued: IssuedSession): void {
  const maxAge = Math.max(1, Math.floor((issued.session.expiresAt.getTime() - Date.now()) / 1000));
  reply.setCookie(cookieName(config), issued.token, { ...cookieOptions(config), maxAge });
}

export function clearSessionCookie(reply: FastifyReply, config: Config): void {
  reply.clearCookie(cookieName(config), cookieOptions(config));
}
