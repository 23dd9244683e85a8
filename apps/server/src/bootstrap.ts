/**
 * Start-up shared by the server and the admin command: configuration, the data dir, the
 * secret key, the database (embedded when DATABASE_URL is unset) and migrations.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { createDatabase, migrate, startEmbeddedPostgres } from '@gatehouse/db';
import type { Database } from '@gatehouse/db';
import { ConfigError, loadConfig, parseSecretKey } from './config';
import type { Config } from './config';

export interface Booted {
  config: Config;
  secretKey: Buffer;
  db: Database;
  connectionString: string;
  shutdown(): Promise<void>;
}

type Log = (message: string) => void;

/** Reads the environment; on bad configuration prints one readable message and exits 1. */
export function loadConfigOrExit(): Config {
  try {
    return loadConfig();
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
export function resolveSecretKey(config: Config, warn: Log): Buffer {
  if (config.secretKey) return config.secretKey;
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

export async function boot(config: Config, log: { info: Log; warn: Log }): Promise<Booted> {
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  const secretKey = resolveSecretKey(config, log.warn);
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
  const db = createDatabase({ connectionString, maxConnections: config.dbPoolMax });
  return {
    config,
    secretKey,
    db,
    connectionString,
    async shutdown() {
      await db.close();
      if (stopEmbedded) await stopEmbedded();
    },
  };
}
