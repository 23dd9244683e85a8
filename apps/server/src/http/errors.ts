import type { FastifyError, FastifyInstance } from 'fastify';
import { AppError, appErrorStatus } from '@gatehouse/core';
import type { AppErrorCode } from '@gatehouse/core';
import type { ErrorBody } from '@gatehouse/contracts';
import { describeValidation } from './validation';

const STATUS_CODES: Record<number, AppErrorCode> = Object.fromEntries(
  Object.entries(appErrorStatus).map(([code, status]) => [status, code as AppErrorCode]),
) as Record<number, AppErrorCode>;

const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  // Postgres: connection exceptions, shutting down / starting up / crash recovery, too many
  // connections, a lock not granted within lock_timeout, a statement cancelled by a timeout.
  '08000',
  '08001',
  '08003',
  '08006',
  '57P01',
  '57P02',
  '57P03',
  '53300',
  '55P03',
  '57014',
  'P1001',
  'P1002',
  'P1008',
  'P1017',
  'P2024',
  // Prisma: an interactive transaction could not get a connection in time.
  'P2028',
]);

/** What Prisma's driver adapter reports when the database cannot be reached or talked to. */
const UNAVAILABLE_ADAPTER_KINDS = new Set([
  'DatabaseNotReachable',
  'ConnectionClosed',
  'SocketTimeout',
  'TooManyConnections',
]);

/** The error itself, its causes, and what Prisma keeps of the driver's error in `meta`. */
function* errorChain(err: unknown): Generator<object> {
  const seen = new Set<unknown>();
  const queue: unknown[] = [err];
  while (queue.length > 0 && seen.size < 10) {
    const e = queue.shift();
    if (!e || typeof e !== 'object' || seen.has(e)) continue;
    seen.add(e);
    yield e;
    const adapter = (e as { meta?: { driverAdapterError?: { cause?: unknown } } }).meta?.driverAdapterError;
    queue.push((e as { cause?: unknown }).cause, adapter, adapter?.cause);
  }
}

/** Postgres down, restarting or out of connections: the client should retry, not see a 500. */
export function isDatabaseUnavailable(err: unknown): boolean {
  for (const e of errorChain(err)) {
    const { code, originalCode, kind, message } = e as Record<string, unknown>;
    if (typeof code === 'string' && UNAVAILABLE_CODES.has(code)) return true;
    if (typeof originalCode === 'string' && UNAVAILABLE_CODES.has(originalCode)) return true;
    if (typeof kind === 'string' && UNAVAILABLE_ADAPTER_KINDS.has(kind)) return true;
    if (
      typeof message === 'string' &&
      /Connection terminated|timeout exceeded when trying to connect|connect ECONNREFUSED|Can't reach database server|terminating connection/i.test(
        message,
      )
    ) {
      return true;
    }
  }
  return false;
}

/**
 * One place decides what a failure looks like on the wire:
 * `{ requestId, statusCode, error, message }`, with the message hidden for 5xx.
 */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | AppError | Error, request, reply) => {
    let status: number;
    let code: string;
    let message: string;
    let fields: ErrorBody['fields'];

    if (err instanceof AppError) {
      status = err.statusCode;
      code = err.code;
      message = err.message;
      if (err.fields) fields = [...err.fields];
      if (err.retryAfterSeconds !== undefined) reply.header('Retry-After', String(err.retryAfterSeconds));
    } else if ('validation' in err && Array.isArray(err.validation)) {
      status = 400;
      code = 'validation';
      ({ fields, message } = describeValidation(err.validation, (err as FastifyError).validationContext));
    } else if (
      'statusCode' in err &&
      typeof err.statusCode === 'number' &&
      err.statusCode >= 400 &&
      err.statusCode < 500
    ) {
      status = err.statusCode;
      code = STATUS_CODES[status] ?? 'bad_request';
      message =
        (err as FastifyError).code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE'
          ? 'Send a JSON body with Content-Type: application/json.'
          : (err as FastifyError).code === 'FST_ERR_CTP_EMPTY_JSON_BODY'
            ? 'The JSON body is empty; send {} when there is nothing to say.'
            : err.message;
    } else if (isDatabaseUnavailable(err)) {
      status = 503;
      code = 'unavailable';
      message = '';
    } else {
      status = 500;
      code = 'internal';
      message = 'Internal error.';
    }

    if (status >= 500) {
      request.log.error({ err }, 'request failed');
      // Our own messages for upstream trouble (AWS refused, timed out) are written for users
      // and carry no internals; anything else that failed is described generically.
      if (!(err instanceof AppError) || err.code === 'internal') {
        message = status === 503 ? 'Service temporarily unavailable. Try again shortly.' : 'Internal error.';
      }
      fields = undefined;
    }
    const body: ErrorBody = {
      requestId: request.id,
      statusCode: status,
      error: code,
      message,
      ...(fields ? { fields } : {}),
    };
    return reply.status(status).type('application/json').send(body);
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
