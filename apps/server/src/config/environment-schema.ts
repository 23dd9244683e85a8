/**
 * Every environment variable Gatehouse reads, as one TypeBox schema: its type and constraints, its
 * default, what it is for, and what to say when it is wrong. The checks JSON Schema cannot state
 * (URLs, proxy lists, role names) are formats registered here; rules across variables (what
 * production requires) are in index.ts.
 */
import { isIP } from 'node:net';
import Type from 'typebox';
import type { TSchema } from 'typebox';
import { Format } from 'typebox/format';

/** What each variable's schema says besides JSON Schema. */
export interface VariableDoc {
  description: string;
  /** How the value should look, for the problem message: `NAME: expected <expected>, got "<value>"`. */
  expected: string;
  /** Never echo the value in a problem message (it may hold a password). */
  secret?: boolean;
  /** Compare case-insensitively (the value is lowercased first). */
  lowercase?: boolean;
}

/** An optional variable: its schema, with what the problem message and the docs say about it. */
function variable<T extends TSchema>(schema: T, doc: VariableDoc) {
  return Type.Optional(Object.assign(schema, doc));
}

/** The documentation part of a variable's schema. */
export function docOf(schema: TSchema): VariableDoc {
  return schema as unknown as VariableDoc;
}

Format.Set('gatehouse-postgres-url', (value) => {
  try {
    const url = new URL(value);
    return (
      ['postgres:', 'postgresql:'].includes(url.protocol) &&
      (url.hostname.length > 0 || url.searchParams.has('host'))
    );
  } catch {
    return false;
  }
});

Format.Set('gatehouse-origin', (value) => {
  try {
    const url = new URL(value);
    return ['http:', 'https:'].includes(url.protocol) && url.pathname === '/' && !url.search && !url.hash;
  } catch {
    return false;
  }
});

Format.Set('gatehouse-http-url', (value) => {
  try {
    const url = new URL(value);
    return ['http:', 'https:'].includes(url.protocol) && !url.search && !url.hash;
  } catch {
    return false;
  }
});

/** false, true, a hop count, or proxy IPs/CIDRs separated by commas. */
Format.Set('gatehouse-trust-proxy', (value) => {
  if (['false', 'true'].includes(value) || /^\d+$/.test(value)) return true;
  const entries = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return (
    entries.length > 0 &&
    entries.every((e) => {
      const [addr, bits, ...rest] = e.split('/');
      return (
        rest.length === 0 && !!addr && isIP(addr) !== 0 && (bits === undefined || /^\d{1,3}$/.test(bits))
      );
    })
  );
});

const integer = (minimum: number, maximum: number, fallback: number, description: string) =>
  variable(Type.Integer({ minimum, maximum, default: fallback }), {
    description,
    expected: `an integer from ${minimum} to ${maximum}`,
  });

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export const EnvironmentSchema = Type.Object({
  NODE_ENV: variable(
    Type.Union([Type.Literal('production'), Type.Literal('development'), Type.Literal('test')], {
      default: 'development',
    }),
    {
      description: 'production requires DATABASE_URL, an https GATEHOUSE_PUBLIC_URL and GATEHOUSE_SECRET_KEY',
      expected: 'production, development or test',
    },
  ),
  DATABASE_URL: variable(Type.String({ format: 'gatehouse-postgres-url' }), {
    description: 'PostgreSQL to use; unset: the embedded PostgreSQL under GATEHOUSE_DATA_DIR',
    expected: 'postgresql://user:password@host:port/database',
    secret: true,
  }),
  GATEHOUSE_DATA_DIR: variable(Type.String({ default: '.gatehouse' }), {
    description: 'where local state lives (embedded PostgreSQL, generated secret key)',
    expected: 'a directory',
  }),
  HOST: variable(Type.String({ default: '127.0.0.1' }), {
    description: 'address to listen on',
    expected: 'an address',
  }),
  PORT: integer(0, 65535, 8080, 'port to listen on'),
  GATEHOUSE_PUBLIC_URL: variable(Type.String({ format: 'gatehouse-origin' }), {
    description: 'the origin users open: links, console Issuer, CSRF Origin checks, secure cookie and HSTS',
    expected: 'an origin such as https://gatehouse.example.com',
  }),
  GATEHOUSE_SECRET_KEY: variable(Type.String(), {
    description: '32+ random bytes, base64; required in production, else generated into the data dir',
    expected: 'base64 of at least 32 bytes (openssl rand -base64 32)',
    secret: true,
  }),
  GATEHOUSE_FEDERATION_URL: variable(Type.String({ format: 'gatehouse-http-url' }), {
    description: "replaces the partition's sign-in federation endpoint (tests, demo, private endpoints)",
    expected: 'a URL such as https://signin.aws.amazon.com/federation',
  }),
  GATEHOUSE_IAM_ROLE: variable(
    // IAM's CreateRole patterns: a name of [\w+=,.@-], optionally under a /path/; never an ARN.
    Type.String({ pattern: '^(?:/(?:[!-9;-~]+/)?)?[A-Za-z0-9_+=,.@-]{1,64}$' }),
    {
      description: 'a role Gatehouse assumes in each account to read roles and revoke sessions',
      expected: 'a role name such as gatehouse-iam or /ops/gatehouse-iam (not an ARN)',
    },
  ),
  GATEHOUSE_TRUST_PROXY: variable(Type.String({ format: 'gatehouse-trust-proxy', default: 'false' }), {
    description: 'which reverse proxies to believe for the client IP (X-Forwarded-For)',
    expected: 'false, true, a hop count, or a comma-separated list of proxy IPs/CIDRs',
  }),
  LOG_LEVEL: variable(
    Type.Union(
      LOG_LEVELS.map((level) => Type.Literal(level)),
      { default: 'info' },
    ),
    {
      description: 'how much the server logs',
      expected: `one of ${LOG_LEVELS.join(', ')}`,
      lowercase: true,
    },
  ),
  GATEHOUSE_SESSION_IDLE_MINUTES: integer(1, 24 * 60, 30, 'idle timeout of a portal session'),
  GATEHOUSE_SESSION_ABSOLUTE_HOURS: integer(1, 24 * 7, 12, 'absolute lifetime of a portal session'),
  GATEHOUSE_LOGIN_RATE_LIMIT: integer(1, 100_000, 20, 'sign-in attempts per client IP per minute'),
  GATEHOUSE_DB_POOL_MAX: integer(1, 1000, 10, "connections in the server's PostgreSQL pool"),
  GATEHOUSE_CLI_TOKEN_HOURS: integer(1, 24 * 30, 12, 'lifetime of a CLI token from `gatehouse login`'),
  GATEHOUSE_ROLE_HEALTH_MINUTES: integer(
    0,
    7 * 24 * 60,
    60,
    'how often every role is checked against IAM; 0: never',
  ),
  GATEHOUSE_PENDING_TIMEOUT_SECONDS: integer(
    30,
    24 * 3600,
    120,
    'after this long a pending issuance without an outcome is recorded as abandoned',
  ),
});

export type EnvironmentName = keyof typeof EnvironmentSchema.properties;
