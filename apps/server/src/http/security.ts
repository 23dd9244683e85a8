import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '@gatehouse/core';
import type { Config } from '../config';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);

const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self' data:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * CSRF defence for every state-changing request, without tokens: JSON bodies only (a
 * cross-site form cannot send application/json without a CORS preflight, which we never
 * grant) and, when the browser says where the request came from, it must be us.
 */
function assertSameOrigin(request: FastifyRequest, publicOrigin: string): void {
  const site = request.headers['sec-fetch-site'];
  if (typeof site === 'string' && site !== 'same-origin' && site !== 'none') {
    throw new AppError('csrf', 'Cross-site request refused.');
  }
  const origin = request.headers.origin;
  if (typeof origin === 'string' && origin !== publicOrigin) {
    throw new AppError('csrf', 'Cross-origin request refused.');
  }
}

function isJson(contentType: string | undefined): boolean {
  if (!contentType) return false;
  const mediaType = contentType.split(';', 1)[0]?.trim().toLowerCase();
  return mediaType === 'application/json';
}

export function registerSecurity(app: FastifyInstance, config: Config): void {
  const https = config.publicUrl.protocol === 'https:';
  const publicOrigin = config.publicUrl.origin;

  // Fastify parses text/plain out of the box; the API speaks JSON only.
  app.removeContentTypeParser('text/plain');

  app.addHook('onRequest', async (request) => {
    if (SAFE_METHODS.has(request.method)) return;
    assertSameOrigin(request, publicOrigin);
    if (BODY_METHODS.has(request.method) && !isJson(request.headers['content-type'])) {
      throw new AppError('unsupported_media_type', 'Send a JSON body with Content-Type: application/json.');
    }
  });

  app.addHook('onSend', async (request, reply, payload) => {
    // The API docs pages replace this with their own (hashes for their inline assets), see app.ts.
    reply.header('Content-Security-Policy', CSP);
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('Referrer-Policy', 'no-referrer');
    reply.header('Cross-Origin-Opener-Policy', 'same-origin');
    reply.header('Cross-Origin-Resource-Policy', 'same-origin');
    reply.header('X-Frame-Options', 'DENY');
    reply.header('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=()');
    reply.header('X-Request-Id', request.id);
    if (https) reply.header('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
    // API answers are per-user and may carry secrets: never stored by browsers or proxies.
    if (request.url.startsWith('/api/') || !reply.hasHeader('Cache-Control')) {
      reply.header('Cache-Control', 'no-store');
      reply.header('Pragma', 'no-cache');
    }
    return payload;
  });
}
