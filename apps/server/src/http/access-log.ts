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
  '*.access_token',
  '*.accessToken',
];

/** One flat line per request, when it is answered, instead of Fastify's two (received, completed). */
export class AccessLog extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(error: Error | null, request: FastifyRequest, reply: FastifyReply): void {
    const line = {
      method: request.method,
      url: request.url,
      statusCode: reply.statusCode,
      ip: request.ip,
      responseTime: Math.round(reply.elapsedTime * 10) / 10,
    };
    if (error) reply.log.error({ ...line, err: error }, 'request errored');
    else reply.log.info(line, 'request completed');
  }
}
