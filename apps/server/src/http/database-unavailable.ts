/**
 * Whether a failure means the database cannot be used right now (and the request may be retried),
 * read from the error and everything it wraps: Node's socket errors, pg's and PostgreSQL's codes,
 * Prisma's codes and its driver adapter's kinds.
 */
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  // Postgres: connection exceptions, shutting down / starting up / crash recovery, too many
  // connections, a lock not granted within lock_timeout, a statement cancelled by a timeout
  // (statement_timeout, lock waits cancelled), a session ended by idle_in_transaction timeout.
  '08000',
  '08001',
  '08003',
  '08006',
  '57P01',
  '57P02',
  '57P03',
  '53300',
  '55P03',
  // A read-only transaction refused a write: a hot standby, a failover in progress, or
  // default_transaction_read_only. Nothing the client sent is wrong; the write can be retried.
  '25006',
  '57014',
  '25P03',
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

const UNAVAILABLE_MESSAGE =
  /Connection terminated|timeout exceeded when trying to connect|connect ECONNREFUSED|Can't reach database server|terminating connection/i;

/** What a log line may say about an outage: codes and kinds, never a message (it can quote the query). */
export interface DatabaseUnavailability {
  code: string | undefined;
  kind: string | undefined;
}

/**
 * Postgres down, restarting, out of connections, refusing writes or timing out: the client should
 * retry, not see a 500. Says which link of the error's chain told, by its code and kind.
 */
export function databaseUnavailability(err: unknown): DatabaseUnavailability | null {
  for (const e of errorChain(err)) {
    const { code, originalCode, kind, message, name } = e as Record<string, unknown>;
    const found = (typeof originalCode === 'string' ? originalCode : undefined) ?? stringOr(code);
    const what = { code: found, kind: stringOr(kind) };
    if (typeof code === 'string' && UNAVAILABLE_CODES.has(code)) return what;
    if (typeof originalCode === 'string' && UNAVAILABLE_CODES.has(originalCode)) return what;
    if (typeof kind === 'string' && UNAVAILABLE_ADAPTER_KINDS.has(kind)) return what;
    if (typeof message === 'string' && UNAVAILABLE_MESSAGE.test(message))
      return { code: found, kind: stringOr(kind) ?? stringOr(name) };
  }
  return null;
}

function stringOr(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
