/** What the server logs of a request: one flat line when it is answered, never a secret. */
import { LogController } from 'fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** Everything that must never reach a log line, wherever it appears in a logged object. */
export const REDACT_PATHS = [
  'req.headers.cookie',
  'req.headers.authorization',
  'res.headers["set-cookie"]',
  '*.password',
  '*.currentPassword',
  '*.newPassword',
  '*.code',
  '*.totpCode',
  '*.token',
  '*.secret',
  '*.secretAccessKey',
  '*.sessionToken',
  '*.SigninToken',
  '*.recoveryCodes',
  '*.device_code',
  '*.deviceCode',
  '*.user_code',
  '*.userCode',
  '*.access_token',
  '*.accessToken',
];

const REDACTED = '[redacted]';

/** A route pattern's segment that is exactly one parameter (`:userCode`), by name. */
function paramOf(segment: string): string | undefined {
  return /^:([A-Za-z0-9_]+)$/.exec(segment)?.[1];
}

/** The path with the redacted parameters' segments replaced; the pattern when they do not line up. */
function redactPath(path: string, pattern: string, redact: readonly string[]): string {
  const expected = pattern.split('/');
  if (!expected.some((segment) => redact.includes(paramOf(segment) ?? ''))) return path;
  const segments = path.split('/');
  if (segments.length !== expected.length) return pattern;
  return segments
    .map((segment, i) => (redact.includes(paramOf(expected[i] ?? '') ?? '') ? REDACTED : segment))
    .join('/');
}

/** `?code=BCDF-GHJK&x=1` → `?code=[redacted]&x=1` for a redacted `code`. */
function redactQuery(query: string, redact: readonly string[]): string {
  if (query === '') return query;
  const pairs = query
    .slice(1)
    .split('&')
    .map((pair) => {
      const name = pair.split('=', 1)[0] ?? '';
      let decoded = name;
      try {
        decoded = decodeURIComponent(name.replace(/\+/g, ' '));
      } catch {
        // Not valid percent-encoding: compared as it is.
      }
      return redact.includes(decoded) ? `${name}=${REDACTED}` : pair;
    });
  return `?${pairs.join('&')}`;
}

/**
 * The request's URL as a log line may show it: the values of the route's `redactParams`
 * (route-options.ts), path or query parameters, replaced by `[redacted]`.
 */
export function loggedUrl(request: FastifyRequest): string {
  const redact = request.routeOptions.config?.redactParams;
  if (!redact || redact.length === 0) return request.url;
  const queryAt = request.url.indexOf('?');
  const path = queryAt < 0 ? request.url : request.url.slice(0, queryAt);
  const query = queryAt < 0 ? '' : request.url.slice(queryAt);
  return redactPath(path, request.routeOptions.url ?? '', redact) + redactQuery(query, redact);
}

/**
 * One flat line per request, when it is answered, instead of Fastify's two (received, completed);
 * Fastify's own lines about a request name it by `loggedUrl` too.
 */
export class AccessLog extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(error: Error | null, request: FastifyRequest, reply: FastifyReply): void {
    const line = {
      method: request.method,
      url: loggedUrl(request),
      statusCode: reply.statusCode,
      ip: request.ip,
      responseTime: Math.round(reply.elapsedTime * 10) / 10,
    };
    if (error) reply.log.error({ ...line, err: error }, 'request errored');
    else reply.log.info(line, 'request completed');
  }

  /** Fastify's default error handler (reached when ours fails): the request as in the access line. */
  override defaultErrorLog(error: Error, request: FastifyRequest, reply: FastifyReply): void {
    if (this.isLogDisabled(request)) return;
    const line = {
      method: request.method,
      url: loggedUrl(request),
      statusCode: reply.statusCode,
      err: error,
    };
    if (reply.statusCode >= 500) reply.log.error(line, error.message);
    else reply.log.info(line, error.message);
  }

  override writeHeadError(error: Error, request: FastifyRequest, reply: FastifyReply): void {
    if (this.isLogDisabled(request)) return;
    reply.log.warn({ method: request.method, url: loggedUrl(request), err: error }, error.message);
  }
}
