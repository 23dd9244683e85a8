/** The runner's own HTTP calls (set-up only; measured load comes from the load generator). */
import { generate } from 'otplib';
import type { SeededUser } from './seed';
import { BENCH_PASSWORD } from './seed';
import { cookieOf, post } from './http';

/** Password, then TOTP, through the real routes; returns the session cookie (`name=value`). */
export async function signIn(baseUrl: string, user: SeededUser): Promise<string> {
  const login = await post(`${baseUrl}/api/auth/login`, {
    username: user.username,
    password: BENCH_PASSWORD,
  });
  const pending = cookieOf(login);
  if (login.status !== 200 || !pending)
    throw new Error(`sign-in of ${user.username}: ${login.status} ${await login.text()}`);
  const code = await generate({ secret: user.totpSecret, epoch: Math.floor(Date.now() / 1000) });
  const totp = await post(`${baseUrl}/api/auth/totp`, { code }, pending);
  const active = cookieOf(totp);
  if (totp.status !== 200 || !active)
    throw new Error(`TOTP of ${user.username}: ${totp.status} ${await totp.text()}`);
  return active;
}

/** Signs in a few users at a time (each sign-in costs an argon2 verification on the server). */
export async function signInAll(baseUrl: string, users: SeededUser[]): Promise<string[]> {
  const cookies: string[] = [];
  for (let i = 0; i < users.length; i += 4) {
    cookies.push(...(await Promise.all(users.slice(i, i + 4).map((u) => signIn(baseUrl, u)))));
  }
  return cookies;
}

export async function getJson<T>(
  baseUrl: string,
  path: string,
  cookie: string,
): Promise<{ status: number; body: T }> {
  const res = await fetch(`${baseUrl}${path}`, { headers: { cookie }, signal: AbortSignal.timeout(30_000) });
  return { status: res.status, body: (await res.json()) as T };
}
