/**
 * What `gatehouse login` leaves behind, in ~/.config/gatehouse: `config.json` (the default
 * portal) and `tokens.json` (one CLI token per portal, mode 0600). Both are read on the cached
 * `credential_process` path, so this module uses nothing but node:fs.
 */
import { chmodSync } from 'node:fs';
import { join } from 'node:path';
import { envVar } from './env';
import { CliError, EXIT, usage } from './errors';
import { ensurePrivateDir, readPrivateFile, writeFileAtomic } from './files';
import { configDir } from './paths';

export interface StoredToken {
  token: string;
  tokenId: string;
  userId: string;
  username: string;
  expiresAt: string;
}

interface TokensFile {
  version: 1;
  portals: Record<string, StoredToken>;
}

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

/**
 * `gatehouse.example.com`, `https://gatehouse.example.com/anything` → `https://gatehouse.example.com`.
 * Plain http only for loopback: the CLI token must not cross a network in clear text.
 */
export function normalisePortalUrl(input: string): string {
  const raw = input.trim();
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `https://${raw}`);
  } catch {
    throw usage(`not a portal URL: "${input}"`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw usage(`not an http(s) URL: "${input}"`);
  if (url.username || url.password) throw usage('the portal URL must not contain a user name or password');
  if (url.protocol === 'http:' && !LOOPBACK.test(url.hostname)) {
    throw usage(`refusing plain http for ${url.host}: use https (http is only allowed for localhost)`);
  }
  return url.origin;
}

function configFile(): string {
  return join(configDir(), 'config.json');
}

function tokensFile(): string {
  return join(configDir(), 'tokens.json');
}

function parseJson<T>(text: string, path: string): T {
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new CliError(EXIT.failure, `${path} is not valid JSON; fix or delete it`);
  }
}

export function savedPortalUrl(): string | null {
  const file = readPrivateFile(configFile());
  if (!file) return null;
  const url = parseJson<{ url?: unknown }>(file.text, configFile()).url;
  return typeof url === 'string' ? url : null;
}

export function savePortalUrl(origin: string): void {
  ensurePrivateDir(configDir());
  writeFileAtomic(configFile(), `${JSON.stringify({ url: origin }, null, 2)}\n`);
}

/** --url, else GATEHOUSE_URL, else the portal of the last `gatehouse login --url`. */
export function resolvePortal(flag: string | undefined): string {
  const chosen = flag ?? envVar('GATEHOUSE_URL') ?? savedPortalUrl();
  if (!chosen) {
    throw new CliError(
      EXIT.notLoggedIn,
      'no portal configured: run `gatehouse login --url https://your-portal` (or set GATEHOUSE_URL)',
    );
  }
  return normalisePortalUrl(chosen);
}

function readTokens({ readOnly = false }: { readOnly?: boolean } = {}): TokensFile {
  const path = tokensFile();
  const file = readPrivateFile(path);
  if (!file) return { version: 1, portals: {} };
  if (file.foreign) throw new CliError(EXIT.failure, `${path} belongs to another user; refusing to use it`);
  if (file.mode & 0o077) {
    if (readOnly) throw new CliError(EXIT.failure, `${path} is readable by others`);
    // Someone widened it (a copy, a backup tool): narrow it again rather than leak the token.
    chmodSync(path, 0o600);
    process.stderr.write(`gatehouse: ${path} was readable by others; its mode is now 0600\n`);
  }
  const parsed = parseJson<Partial<TokensFile>>(file.text, path);
  return { version: 1, portals: parsed.portals && typeof parsed.portals === 'object' ? parsed.portals : {} };
}

/** `readOnly`: throw rather than narrow a tokens file that others can read (and say so on stderr). */
export function storedToken(origin: string, options: { readOnly?: boolean } = {}): StoredToken | null {
  const entry = readTokens(options).portals[origin];
  return entry && typeof entry.token === 'string' && typeof entry.userId === 'string' ? entry : null;
}

export function saveToken(origin: string, token: StoredToken): void {
  const tokens = readTokens();
  tokens.portals[origin] = token;
  ensurePrivateDir(configDir());
  writeFileAtomic(tokensFile(), `${JSON.stringify(tokens, null, 2)}\n`);
}

export function removeToken(origin: string): void {
  const tokens = readTokens();
  if (!(origin in tokens.portals)) return;
  delete tokens.portals[origin];
  writeFileAtomic(tokensFile(), `${JSON.stringify(tokens, null, 2)}\n`);
}

/** The stored token if it is still within its lifetime; otherwise the matching error. */
export function requireToken(origin: string, nowMs = Date.now()): StoredToken {
  const token = storedToken(origin);
  if (!token) {
    throw new CliError(EXIT.notLoggedIn, `not logged in to ${origin}: run \`gatehouse login\``);
  }
  if (!(Date.parse(token.expiresAt) > nowMs)) {
    throw new CliError(
      EXIT.loginExpired,
      `your login to ${origin} expired at ${token.expiresAt}: run \`gatehouse login\` again`,
    );
  }
  return token;
}
