/**
 * The only module that reads the environment. Everything is parsed once, every problem is
 * collected, and the result is frozen: the rest of the code receives a typed Config.
 */
import { isIP } from 'node:net';
import { resolve } from 'node:path';

export type TrustProxy = false | true | number | string[];
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export interface Config {
  readonly nodeEnv: 'production' | 'development' | 'test';
  /** null → start the embedded PostgreSQL under dataDir. */
  readonly databaseUrl: string | null;
  readonly dataDir: string;
  readonly host: string;
  readonly port: number;
  readonly publicUrl: URL;
  /** null → generated once into the data dir (never in production). */
  readonly secretKey: Buffer | null;
  readonly trustProxy: TrustProxy;
  readonly logLevel: LogLevel;
  readonly sessionIdleMinutes: number;
  readonly sessionAbsoluteHours: number;
  readonly loginRateLimitPerMinute: number;
  readonly dbPoolMax: number;
  /** Replaces the partition's sign-in federation endpoint (tests, demo, private endpoints). */
  readonly federationUrl: string | null;
  /** Lifetime of a CLI token from `gatehouse login` (GATEHOUSE_CLI_TOKEN_HOURS). */
  readonly cliTokenHours: number;
  /**
   * GATEHOUSE_IAM_ROLE: a role (name or /path/name) Gatehouse assumes in each account to read roles
   * and revoke sessions; null reads IAM as the broker itself, in its own account only.
   */
  readonly iamRoleName: string | null;
  /** GATEHOUSE_ROLE_HEALTH_MINUTES: how often every role is checked against IAM; 0 turns it off. */
  readonly roleHealthIntervalMinutes: number;
  /**
   * GATEHOUSE_PENDING_TIMEOUT_SECONDS: after this long a `pending` issuance without an outcome is
   * marked `abandoned`. At least 30 s, longer than any issuance can take (two AWS calls of ≤ 10 s).
   */
  readonly pendingTimeoutSeconds: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export const MIN_SECRET_KEY_BYTES = 32;

export function parseSecretKey(value: string): Buffer | string {
  const trimmed = value.trim();
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(trimmed)) return 'must be base64';
  const key = Buffer.from(trimmed, trimmed.includes('-') || trimmed.includes('_') ? 'base64url' : 'base64');
  if (key.length < MIN_SECRET_KEY_BYTES) {
    return `must decode to at least ${MIN_SECRET_KEY_BYTES} bytes (got ${key.length}); generate one with: openssl rand -base64 32`;
  }
  return key;
}

function parseTrustProxy(raw: string | undefined, problems: string[]): TrustProxy {
  const value = raw?.trim();
  if (!value || value === 'false') return false;
  if (value === 'true') return true;
  if (/^\d+$/.test(value)) return Number(value);
  const entries = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const bad = entries.filter((e) => {
    const [addr, bits, ...rest] = e.split('/');
    if (rest.length > 0 || !addr || isIP(addr) === 0) return true;
    return bits !== undefined && !/^\d{1,3}$/.test(bits);
  });
  if (bad.length > 0) {
    problems.push(
      `GATEHOUSE_TRUST_PROXY: expected false, true, a hop count, or a comma-separated list of proxy IPs/CIDRs; bad entries: ${bad.join(', ')}`,
    );
    return false;
  }
  return entries;
}

function parseIntIn(
  env: Env,
  name: string,
  fallback: number,
  min: number,
  max: number,
  problems: string[],
): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    problems.push(`${name}: expected an integer from ${min} to ${max}, got "${raw}"`);
    return fallback;
  }
  return Number(raw);
}

export function loadConfig(env: Env = process.env, cwd = process.cwd()): Config {
  const problems: string[] = [];
  const nodeEnvRaw = env['NODE_ENV']?.trim() || 'development';
  const nodeEnv = (['production', 'development', 'test'] as const).find((v) => v === nodeEnvRaw);
  if (!nodeEnv) problems.push(`NODE_ENV: expected production, development or test, got "${nodeEnvRaw}"`);
  const production = nodeEnv === 'production';

  let databaseUrl: string | null = env['DATABASE_URL']?.trim() || null;
  if (databaseUrl) {
    let url: URL | null = null;
    try {
      url = new URL(databaseUrl);
    } catch {
      url = null;
    }
    if (
      !url ||
      !['postgres:', 'postgresql:'].includes(url.protocol) ||
      (!url.hostname.length && !url.searchParams.get('host'))
    ) {
      // Never echo the value: it usually contains a password.
      problems.push('DATABASE_URL: expected postgresql://user:password@host:port/database');
      databaseUrl = null;
    }
  } else if (production) {
    problems.push(
      'DATABASE_URL: required when NODE_ENV=production (the embedded PostgreSQL is for trying Gatehouse out)',
    );
  }

  const dataDir = resolve(cwd, env['GATEHOUSE_DATA_DIR']?.trim() || '.gatehouse');
  const host = env['HOST']?.trim() || '127.0.0.1';
  const port = parseIntIn(env, 'PORT', 8080, 0, 65535, problems);

  let publicUrl = new URL(`http://${host.includes(':') ? `[${host}]` : host}:${port}`);
  const publicRaw = env['GATEHOUSE_PUBLIC_URL']?.trim();
  if (publicRaw) {
    try {
      const parsed = new URL(publicRaw);
      if (
        !['http:', 'https:'].includes(parsed.protocol) ||
        parsed.pathname !== '/' ||
        parsed.search ||
        parsed.hash
      ) {
        problems.push(
          `GATEHOUSE_PUBLIC_URL: expected an origin such as https://gatehouse.example.com, got "${publicRaw}"`,
        );
      } else {
        publicUrl = parsed;
      }
    } catch {
      problems.push(`GATEHOUSE_PUBLIC_URL: not a URL: "${publicRaw}"`);
    }
  } else if (production) {
    problems.push('GATEHOUSE_PUBLIC_URL: required when NODE_ENV=production (the https origin users open)');
  }
  if (production && publicRaw && publicUrl.protocol !== 'https:') {
    problems.push('GATEHOUSE_PUBLIC_URL: must be https when NODE_ENV=production');
  }

  let secretKey: Buffer | null = null;
  const keyRaw = env['GATEHOUSE_SECRET_KEY'];
  if (keyRaw?.trim()) {
    const parsed = parseSecretKey(keyRaw);
    if (typeof parsed === 'string') problems.push(`GATEHOUSE_SECRET_KEY: ${parsed}`);
    else secretKey = parsed;
  } else if (production) {
    problems.push(
      'GATEHOUSE_SECRET_KEY: required when NODE_ENV=production; generate one with: openssl rand -base64 32',
    );
  }

  let federationUrl: string | null = null;
  const federationRaw = env['GATEHOUSE_FEDERATION_URL']?.trim();
  if (federationRaw) {
    try {
      const parsed = new URL(federationRaw);
      if (!['http:', 'https:'].includes(parsed.protocol) || parsed.search || parsed.hash)
        throw new Error('shape');
      if (production && parsed.protocol !== 'https:') {
        problems.push('GATEHOUSE_FEDERATION_URL: must be https when NODE_ENV=production');
      }
      federationUrl = parsed.href;
    } catch {
      problems.push(
        `GATEHOUSE_FEDERATION_URL: expected a URL such as https://signin.aws.amazon.com/federation, got "${federationRaw}"`,
      );
    }
  }

  let iamRoleName: string | null = null;
  const iamRoleRaw = env['GATEHOUSE_IAM_ROLE']?.trim();
  if (iamRoleRaw) {
    // IAM's CreateRole patterns: a name of [\w+=,.@-], optionally under a /path/.
    if (/^(?:\/(?:[!-~]+\/)?)?[A-Za-z0-9_+=,.@-]{1,64}$/.test(iamRoleRaw) && !iamRoleRaw.includes(':')) {
      iamRoleName = iamRoleRaw;
    } else {
      problems.push(
        `GATEHOUSE_IAM_ROLE: expected a role name such as gatehouse-iam or /ops/gatehouse-iam (not an ARN), got "${iamRoleRaw}"`,
      );
    }
  }

  const trustProxy = parseTrustProxy(env['GATEHOUSE_TRUST_PROXY'], problems);

  const logLevelRaw = (env['LOG_LEVEL']?.trim() || 'info').toLowerCase();
  const logLevel = LOG_LEVELS.find((l) => l === logLevelRaw);
  if (!logLevel) problems.push(`LOG_LEVEL: expected one of ${LOG_LEVELS.join(', ')}, got "${logLevelRaw}"`);

  const config: Config = {
    nodeEnv: nodeEnv ?? 'development',
    databaseUrl,
    dataDir,
    host,
    port,
    publicUrl,
    secretKey,
    trustProxy,
    logLevel: logLevel ?? 'info',
    sessionIdleMinutes: parseIntIn(env, 'GATEHOUSE_SESSION_IDLE_MINUTES', 30, 1, 24 * 60, problems),
    sessionAbsoluteHours: parseIntIn(env, 'GATEHOUSE_SESSION_ABSOLUTE_HOURS', 12, 1, 24 * 7, problems),
    loginRateLimitPerMinute: parseIntIn(env, 'GATEHOUSE_LOGIN_RATE_LIMIT', 20, 1, 100_000, problems),
    dbPoolMax: parseIntIn(env, 'GATEHOUSE_DB_POOL_MAX', 10, 1, 1000, problems),
    federationUrl,
    cliTokenHours: parseIntIn(env, 'GATEHOUSE_CLI_TOKEN_HOURS', 12, 1, 24 * 30, problems),
    iamRoleName,
    roleHealthIntervalMinutes: parseIntIn(env, 'GATEHOUSE_ROLE_HEALTH_MINUTES', 60, 0, 7 * 24 * 60, problems),
    pendingTimeoutSeconds: parseIntIn(env, 'GATEHOUSE_PENDING_TIMEOUT_SECONDS', 120, 30, 24 * 3600, problems),
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze(config);
}
