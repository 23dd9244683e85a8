import type { FastifyError, FastifyInstance } from 'fastify';
import { AppError, appErrorStatus } from '@gatehouse/core';
import type { AppErrorCode } from '@gatehouse/core';
import type { ErrorBody } from '@gatehouse/contracts';
import { databaseUnavailability } from './database-unavailable';
import { describeValidation } from './validation';

const STATUS_CODES: Record<number, AppErrorCode> = Object.fromEntries(
  Object.entries(appErrorStatus).map(([code, status]) => [status, code as AppErrorCode]),
) as Record<number, AppErrorCode>;

/** How long a client is asked to wait (`Retry-After`) before retrying a 503 that names no time itself. */
export const UNAVAILABLE_RETRY_AFTER_SECONDS = 5;

const GENERIC_503 = 'Service temporarily unavailable. Try again shortly.';

interface Answer {
  status: number;
  code: string;
  message: string;
  fields?: ErrorBody['fields'];
}

function clientError(err: FastifyError | AppError | Error): Answer | null {
  if (err instanceof AppError) {
    if (err.statusCode >= 500) return null;
    return {
      status: err.statusCode,
      code: err.code,
      message: err.message,
      fields: err.fields && [...err.fields],
    };
  }
  if ('validation' in err && Array.isArray(err.validation)) {
    return { status: 400, code: 'validation', ...describeValidation(err.validation, err.validationContext) };
  }
  if (
    !('statusCode' in err) ||
    typeof err.statusCode !== 'number' ||
    err.statusCode < 400 ||
    err.statusCode >= 500
  )
    return null;
  const status = err.statusCode;
  const message =
    err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE'
      ? 'Send a JSON body with Content-Type: application/json.'
      : err.code === 'FST_ERR_CTP_EMPTY_JSON_BODY'
        ? 'The JSON body is empty; send {} when there is nothing to say.'
        : err.message;
  return { status, code: STATUS_CODES[status] ?? 'bad_request', message };
}

/**
 * A failure on our side. Our own messages for upstream trouble (AWS refused, timed out, the audit
 * log could not record) are written for users and carry no internals; anything else is described
 * generically, and the database being unavailable is a 503 wherever it happens.
 */
function serverError(err: Error, databaseDown: boolean): Answer {
  if (err instanceof AppError && err.code !== 'internal')
    return { status: err.statusCode, code: err.code, message: err.message };
  if (databaseDown) return { status: 503, code: 'unavailable', message: GENERIC_503 };
  return { status: 500, code: 'internal', message: 'Internal error.' };
}

/**
 * One place decides what a failure looks like on the wire:
 * `{ requestId, statusCode, error, message }`, with the message generic for 5xx unless it is
 * one of ours, and `Retry-After` on every 503.
 */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | AppError | Error, request, reply) => {
    let answer = clientError(err);
    if (!answer) {
      const down = databaseUnavailability(err);
      answer = serverError(err, down !== null);
      // The error's own text can quote Prisma's invocation and the query: for an outage, the
      // codes say what happened in one line.
      if (down) request.log.error(down, 'database unavailable');
      else request.log.error({ err }, 'request failed');
    }
    const retryAfter =
      err instanceof AppError && err.retryAfterSeconds !== undefined
        ? err.retryAfterSeconds
        : answer.status === 503
          ? UNAVAILABLE_RETRY_AFTER_SECONDS
          : undefined;
    if (retryAfter !== undefined) reply.header('Retry-After', String(retryAfter));
    const body: ErrorBody = {
      requestId: request.id,
      statusCode: answer.status,
      error: answer.code,
      message: answer.message,
      ...(answer.fields && answer.status < 500 ? { fields: answer.fields } : {}),
    };
    return reply.status(answer.status).type('application/json').send(body);
  });

  app.setNotFoundHandler((request, reply) => {
    const body: ErrorBody = {
      requestId: request.id,
      statusCode: 404,
      error: 'not_found',
      message: 'Not found.',
    };
    return reply.status(404).send(body);
  });
}
