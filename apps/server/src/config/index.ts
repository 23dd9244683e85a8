/**
 * The only module that reads the environment. Every variable is declared once in
 * environment-schema.ts, parsed once, every problem is collected, and the result is frozen: the
 * rest of the code receives a typed Config, and the secrets apart from it.
 */
import { resolve } from 'node:path';
import Value from 'typebox/value';
import type { Static } from 'typebox';
import { EnvironmentSchema, docOf } from './environment-schema';
import type { LOG_LEVELS } from './environment-schema';
import type { EnvironmentName } from './environment-schema';

export { EnvironmentSchema } from './environment-schema';

export type TrustProxy = false | true | number | string[];
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface Config {
  readonly nodeEnv: 'production' | 'development' | 'test';
  /** null → start the embedded PostgreSQL under dataDir. */
  readonly databaseUrl: string | null;
  readonly dataDir: string;
  readonly host: string;
  readonly port: number;
  readonly publicUrl: URL;
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

/** Kept apart from Config, which is logged and passed around freely. */
export interface Secrets {
  /** GATEHOUSE_SECRET_KEY; null → generated once into the data dir (never in production). */
  readonly secretKey: Buffer | null;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;
type Values = Static<typeof EnvironmentSchema>;

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

const NAMES = Object.keys(EnvironmentSchema.properties) as EnvironmentName[];

/** The variables that are set, trimmed; digits become numbers where the schema wants an integer. */
function readVariables(env: Env): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const name of NAMES) {
    const raw = env[name]?.trim();
    if (!raw) continue;
    const schema = EnvironmentSchema.properties[name];
    const text = docOf(schema).lowercase ? raw.toLowerCase() : raw;
    values[name] =
      (schema as { type?: string }).type === 'integer' && /^\d+$/.test(text) ? Number(text) : text;
  }
  return values;
}

function parseTrustProxy(value: string): TrustProxy {
  if (value === 'false') return false;
  if (value === 'true') return true;
  if (/^\d+$/.test(value)) return Number(value);
  return value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Problems by variable; the first one found for a variable is the one reported. */
class Problems {
  private readonly byName = new Map<string, string>();

  add(name: EnvironmentName, problem: string): void {
    if (!this.byName.has(name)) this.byName.set(name, `${name}: ${problem}`);
  }

  has(name: EnvironmentName): boolean {
    return this.byName.has(name);
  }

  /** In the schema's order, so the message reads like the documentation. */
  list(): string[] {
    return NAMES.flatMap((name) => this.byName.get(name) ?? []);
  }
}

/** The schema's verdict on each variable that is set; invalid values fall back to their default. */
function checkSchema(env: Env, problems: Problems): Values {
  const values = readVariables(env);
  for (const error of Value.Errors(EnvironmentSchema, values)) {
    const name = error.instancePath.slice(1) as EnvironmentName;
    const doc = docOf(EnvironmentSchema.properties[name]);
    // Never echo a secret: a database URL usually contains a password.
    problems.add(
      name,
      doc.secret ? `expected ${doc.expected}` : `expected ${doc.expected}, got "${env[name]?.trim()}"`,
    );
  }
  for (const name of NAMES) if (problems.has(name)) delete values[name];
  return Value.Default(EnvironmentSchema, values) as Values;
}

/** Rules across variables: what production requires. */
function checkProduction(values: Values, secrets: Secrets, publicUrl: URL, problems: Problems): void {
  if (values.NODE_ENV !== 'production') return;
  if (!values.DATABASE_URL) {
    problems.add(
      'DATABASE_URL',
      'required when NODE_ENV=production (the embedded PostgreSQL is for trying Gatehouse out)',
    );
  }
  if (!values.GATEHOUSE_PUBLIC_URL) {
    problems.add('GATEHOUSE_PUBLIC_URL', 'required when NODE_ENV=production (the https origin users open)');
  } else if (publicUrl.protocol !== 'https:') {
    problems.add('GATEHOUSE_PUBLIC_URL', 'must be https when NODE_ENV=production');
  }
  if (secrets.secretKey === null) {
    problems.add(
      'GATEHOUSE_SECRET_KEY',
      'required when NODE_ENV=production; generate one with: openssl rand -base64 32',
    );
  }
  if (values.GATEHOUSE_FEDERATION_URL && new URL(values.GATEHOUSE_FEDERATION_URL).protocol !== 'https:') {
    problems.add('GATEHOUSE_FEDERATION_URL', 'must be https when NODE_ENV=production');
  }
}

function readSecrets(env: Env, problems: Problems): Secrets {
  const raw = env['GATEHOUSE_SECRET_KEY'];
  if (!raw?.trim()) return { secretKey: null };
  const parsed = parseSecretKey(raw);
  if (typeof parsed === 'string') {
    problems.add('GATEHOUSE_SECRET_KEY', parsed);
    return { secretKey: null };
  }
  return { secretKey: parsed };
}

export function loadEnvironment(
  env: Env = process.env,
  cwd = process.cwd(),
): { config: Config; secrets: Secrets } {
  const problems = new Problems();
  const values = checkSchema(env, problems);
  const secrets = readSecrets(env, problems);
  const host = values.HOST as string;
  const port = values.PORT as number;
  const publicUrl = new URL(
    values.GATEHOUSE_PUBLIC_URL ?? `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
  );
  checkProduction(values, secrets, publicUrl, problems);
  const found = problems.list();
  if (found.length > 0) throw new ConfigError(found);
  const config: Config = {
    nodeEnv: values.NODE_ENV ?? 'development',
    databaseUrl: values.DATABASE_URL ?? null,
    dataDir: resolve(cwd, values.GATEHOUSE_DATA_DIR as string),
    host,
    port,
    publicUrl,
    trustProxy: parseTrustProxy(values.GATEHOUSE_TRUST_PROXY as string),
    logLevel: (values.LOG_LEVEL ?? 'info') as LogLevel,
    sessionIdleMinutes: values.GATEHOUSE_SESSION_IDLE_MINUTES as number,
    sessionAbsoluteHours: values.GATEHOUSE_SESSION_ABSOLUTE_HOURS as number,
    loginRateLimitPerMinute: values.GATEHOUSE_LOGIN_RATE_LIMIT as number,
    dbPoolMax: values.GATEHOUSE_DB_POOL_MAX as number,
    federationUrl: values.GATEHOUSE_FEDERATION_URL ? new URL(values.GATEHOUSE_FEDERATION_URL).href : null,
    cliTokenHours: values.GATEHOUSE_CLI_TOKEN_HOURS as number,
    iamRoleName: values.GATEHOUSE_IAM_ROLE ?? null,
    roleHealthIntervalMinutes: values.GATEHOUSE_ROLE_HEALTH_MINUTES as number,
    pendingTimeoutSeconds: values.GATEHOUSE_PENDING_TIMEOUT_SECONDS as number,
  };
  return { config: Object.freeze(config), secrets: Object.freeze(secrets) };
}

/** The configuration without the secrets. */
export function loadConfig(env: Env = process.env, cwd = process.cwd()): Config {
  return loadEnvironment(env, cwd).config;
}
