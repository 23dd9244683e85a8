/**
 * A signed-in API caller for scripts: a cookie jar over fetch that sends what the portal's own
 * pages send (JSON bodies, its Origin), so it passes the same CSRF checks a browser does.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    method: string,
    path: string,
  ) {
    const message =
      body && typeof body === 'object' && 'message' in body ? String(body.message) : JSON.stringify(body);
    super(`${method} ${path}: ${status} ${message}`);
    this.name = 'ApiError';
  }

  get code(): string | undefined {
    const body = this.body;
    return body && typeof body === 'object' && 'error' in body ? String(body.error) : undefined;
  }
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export class ApiClient {
  private readonly cookies = new Map<string, string>();
  readonly origin: string;

  constructor(baseUrl: string) {
    this.origin = new URL(baseUrl).origin;
  }

  async request<T>(method: Method, path: string, body?: unknown): Promise<T> {
    const sendsBody = method === 'POST' || method === 'PUT' || method === 'PATCH';
    const headers: Record<string, string> = { accept: 'application/json' };
    if (method !== 'GET') headers['origin'] = this.origin;
    if (sendsBody) headers['content-type'] = 'application/json';
    if (this.cookies.size > 0) {
      headers['cookie'] = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    }
    const res = await fetch(new URL(path, this.origin), {
      method,
      headers,
      redirect: 'manual',
      signal: AbortSignal.timeout(30_000),
      ...(sendsBody ? { body: JSON.stringify(body ?? {}) } : {}),
    });
    for (const line of res.headers.getSetCookie()) {
      const pair = line.split(';', 1)[0] ?? '';
      const eq = pair.indexOf('=');
      if (eq <= 0) continue;
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = /;\s*max-age=0\b/i.test(line) || /;\s*expires=Thu, 01 Jan 1970/i.test(line);
      if (!value || expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // not JSON: keep the text for the error message
    }
    if (!res.ok) throw new ApiError(res.status, parsed, method, path);
    return parsed as T;
  }

  get<T>(path: string): Promise<T> {
    return this.request<T>('GET', path);
  }

  post<T>(path: string, body: unknown = {}): Promise<T> {
    return this.request<T>('POST', path, body);
  }

  patch<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>('PATCH', path, body);
  }

  delete<T>(path: string): Promise<T> {
    return this.request<T>('DELETE', path);
  }
}
