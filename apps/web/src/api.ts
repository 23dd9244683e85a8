/** The one way the web app talks to the server: same-origin JSON, errors as ApiError. */
import type { ErrorBody } from '@gatehouse/contracts';

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fields: ReadonlyArray<{ field: string; reason: string }>;
  readonly requestId: string | undefined;
  readonly retryAfterSeconds: number | undefined;

  constructor(status: number, body: Partial<ErrorBody> | null, retryAfter: string | null) {
    super(body?.message ?? `Request failed (${status}).`);
    this.status = status;
    this.code = body?.error ?? 'unknown';
    this.fields = body?.fields ?? [];
    this.requestId = body?.requestId;
    this.retryAfterSeconds = retryAfter && /^\d+$/.test(retryAfter) ? Number(retryAfter) : undefined;
  }

  /** The API's reason for one form field, to show beside it. */
  fieldError(field: string): string | undefined {
    return this.fields.find((f) => f.field === field || f.field.startsWith(`${field}.`))?.reason;
  }
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export async function api<T>(method: Method, path: string, body?: unknown): Promise<T> {
  // State-changing requests are JSON, always: the server refuses anything else (CSRF defence).
  const sendsBody = method === 'POST' || method === 'PUT' || method === 'PATCH';
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: sendsBody
        ? { 'content-type': 'application/json', accept: 'application/json' }
        : { accept: 'application/json' },
      ...(sendsBody ? { body: JSON.stringify(body ?? {}) } : {}),
    });
  } catch {
    throw new ApiError(
      0,
      { error: 'network', message: 'Cannot reach Gatehouse. Check your connection.' },
      null,
    );
  }
  const text = await res.text();
  let parsed: unknown = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = null;
  }
  if (!res.ok)
    throw new ApiError(res.status, parsed as Partial<ErrorBody> | null, res.headers.get('retry-after'));
  return parsed as T;
}

export const get = <T>(path: string) => api<T>('GET', path);
export const post = <T>(path: string, body?: unknown) => api<T>('POST', path, body);
export const put = <T>(path: string, body?: unknown) => api<T>('PUT', path, body);
export const patch = <T>(path: string, body?: unknown) => api<T>('PATCH', path, body);
export const del = <T>(path: string) => api<T>('DELETE', path);
