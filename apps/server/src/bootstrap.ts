/**
 * Start-up shared by the server and the admin command: configuration, the data dir, the
 * secret key, the database (embedded when DATABASE_URL is unset) and migrations.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { migrate, startEmbeddedPostgres } from '@gatehouse/db';
import { ConfigError, loadEnvironment, parseSecretKey } from './config';
import type { Config, Secrets } from './config';
import type { AppSecrets } from './context';

export interface Booted {
  /** The configuration with `databaseUrl` set: the embedded PostgreSQL's address when it runs. */
  config: Config;
  secrets: AppSecrets;
  /** Stops the embedded PostgreSQL, if it was started. */
  shutdown(): Promise<void>;
}

type Log = (message: string) => void;

/** Reads the environment; on bad configuration prints one readable message and exits 1. */
export function loadEnvironmentOrExit(): { config: Config; secrets: Secrets } {
  try {
    return loadEnvironment();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`gatehouse: ${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
}

/**
 * Without GATEHOUSE_SECRET_KEY (never in production) a key is generated once into the data
 * dir. Losing it makes stored TOTP secrets unreadable, hence the warning.
 */
export function resolveSecretKey(config: Config, secrets: Secrets, warn: Log): Buffer {
  if (secrets.secretKey) return secrets.secretKey;
  const path = join(config.dataDir, 'secret.key');
  if (existsSync(path)) {
    const parsed = parseSecretKey(readFileSync(path, 'utf8'));
    if (typeof parsed === 'string') throw new ConfigError([`${path}: ${parsed}`]);
    return parsed;
  }
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  const key = randomBytes(32);
  writeFileSync(path, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  chmodSync(path, 0o600);
  warn(
    `GATEHOUSE_SECRET_KEY is not set: generated one into ${path}. Back it up; set GATEHOUSE_SECRET_KEY in production.`,
  );
  return key;
}

export async function boot(config: Config, secrets: Secrets, log: { info: Log; warn: Log }): Promise<Booted> {
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  const secretKey = resolveSecretKey(config, secrets, log.warn);
  let connectionString: string;
  let stopEmbedded: (() => Promise<void>) | null = null;
  if (config.databaseUrl) {
    connectionString = config.databaseUrl;
  } else {
    log.info(
      `DATABASE_URL is not set: starting the embedded PostgreSQL in ${join(config.dataDir, 'postgres')}`,
    );
    const embedded = await startEmbeddedPostgres({ dataDir: config.dataDir, log: log.info });
    connectionString = embedded.connectionString;
    stopEmbedded = embedded.stop;
  }
  try {
    const { applied } = await migrate({ connectionString, log: log.info });
    if (applied.length > 0) log.info(`applied migrations: ${applied.join(', ')}`);
  } catch (err) {
    if (stopEmbedded) await stopEmbedded();
    throw err;
  }
  return {
    config: Object.freeze({ ...config, databaseUrl: connectionString }),
    secrets: { secretKey },
    async shutdown() {
      if (stopEmbedded) await stopEmbedded();
    },
  };
}
