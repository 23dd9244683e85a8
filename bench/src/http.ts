/** The two HTTP helpers both the runner (set-up) and the load generator (sign-in load) need. */

/** A JSON POST with an optional session cookie. */
export async function post(url: string, body: unknown, cookie?: string): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(30_000),
  });
}

/** The session cookie a response sets (`name=value`), skipping cookies it clears. */
export function cookieOf(res: Response): string | undefined {
  for (const line of res.headers.getSetCookie()) {
    const pair = line.split(';')[0] ?? '';
    if (pair.split('=')[1]) return pair;
  }
  return undefined;
}
