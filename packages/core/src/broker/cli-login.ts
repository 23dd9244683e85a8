import type { Authenticated } from '../identity/identity-deps';

/**
 * A request made with a CLI token carries the session id `cli:<token id>`
 * (cli-auth/authenticate-cli-token.ts); browser session ids are SHA-256 hex and never contain `:`.
 */
const CLI_SESSION_PREFIX = 'cli:';

/** The CLI login (token id) a request came through, or null for a browser session. */
export function cliLoginIdOf(auth: Pick<Authenticated, 'session'>): string | null {
  const id = auth.session.id;
  if (!id.startsWith(CLI_SESSION_PREFIX)) return null;
  return id.slice(CLI_SESSION_PREFIX.length) || null;
}
