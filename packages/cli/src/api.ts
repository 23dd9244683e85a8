/** The portal's HTTP API as the CLI uses it: JSON in and out, a CLI token as bearer. */
import { debug } from './debug';
import { CliError, EXIT } from './errors';
import { VERSION } from './version';

export const USER_AGENT = `gatehouse-cli/${VERSION} (node ${process.version}; ${process.platform})`;

/** An error answer of the portal: `{ requestId, statusCode, error, message, fields? }`. */
export class ApiError extends CliError {
  constructor(
    exitCode: number,
    message: string,
    readonly status: number,
    readonly code: string,
    readonly requestId: string | undefined,
    readonly fields: Array<{ field: string; reason: string }>,
    readonly body: Record<string, unknown>,
  ) {
    super(exitCode, message, `HTTP ${status} ${code}${requestId ? `, request id ${requestId}` : ''}`);
    this.name = 'ApiError';
  }

  get stepUpRequired(): boolean {
    return this.status === 403 && this.fields.some((f) => f.field === 'stepUp');
  }
}

const TIMEOUT_MS = 60_000;

function describeNetworkError(err: unknown): string {
  if (err instanceof Error && err.name === 'TimeoutError') return 'no answer within 60 seconds';
  const cause = (err as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (err as Error).message;
}

export interface Api {
  readonly portal: string;
  request<T>(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<T>;
}

export function createApi(portal: string, token?: string): Api {
  return {
    portal,
    async request<T>(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<T> {
      const started = Date.now();
      let response: Response;
      try {
        response = await fetch(`${portal}${path}`, {
          method,
          headers: {
            accept: 'application/json',
            'user-agent': USER_AGENT,
            ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
            ...(token ? { authorization: `Bearer ${token}` } : {}),
          },
          ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
          // A redirect could carry the token elsewhere: the portal never redirects its API.
          redirect: 'error',
          signal: AbortSignal.timeout(TIMEOUT_MS),
        });
      } catch (err) {
        debug(`${method} ${path} failed after ${Date.now() - started} ms: ${describeNetworkError(err)}`);
        throw new CliError(
          EXIT.unreachable,
          `cannot reach the portal at ${portal} (${describeNetworkError(err)})`,
          undefined,
          { cause: err },
        );
      }
      const text = await response.text();
      const requestId = response.headers.get('x-request-id') ?? undefined;
      debug(
        `${method} ${path} → ${response.status} in ${Date.now() - started} ms (request id ${requestId ?? 'none'})`,
      );
      let parsed: unknown;
      try {
        parsed = text === '' ? {} : JSON.parse(text);
      } catch {
        throw new CliError(
          EXIT.server,
          `unexpected answer from ${portal} (HTTP ${response.status}, not JSON): is this a Gatehouse portal?`,
        );
      }
      if (response.ok) return parsed as T;
      const err = (parsed ?? {}) as Record<string, unknown>;
      const code = typeof err['error'] === 'string' ? err['error'] : 'error';
      const message =
        typeof err['message'] === 'string' && err['message'] ? err['message'] : `HTTP ${response.status}`;
      const fields = Array.isArray(err['fields'])
        ? (err['fields'] as Array<{ field: string; reason: string }>)
        : [];
      if (response.status === 401 && token) {
        throw new ApiError(
          EXIT.loginExpired,
          `your login to ${portal} has expired or was revoked: run \`gatehouse login\` again`,
          response.status,
          code,
          requestId,
          fields,
          err,
        );
      }
      throw new ApiError(EXIT.server, message, response.status, code, requestId, fields, err);
    },
  };
}
