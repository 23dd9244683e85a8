// Applies prisma/migrations ourselves because the Prisma schema engine cannot be fetched in every
// environment we ship to. The bookkeeping mirrors Prisma Migrate (same table, same checksums, same
// advisory lock) so `prisma migrate status|deploy` agrees with us wherever its engine does exist.
import { createHash, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join, parse } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import type { DatabaseError } from 'pg';

/** The key Prisma Migrate locks on; sharing it serialises us with `prisma migrate deploy` too. */
const PRISMA_MIGRATE_LOCK_KEY = 72707369;
/** Long enough for another instance's migrations to finish, short enough that a leaked lock surfaces. */
const LOCK_WAIT_TIMEOUT = '10min';

// Prisma's DDL, verbatim apart from IF NOT EXISTS (we create it under the advisory lock).
const CREATE_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS _prisma_migrations (
    id                      VARCHAR(36) PRIMARY KEY NOT NULL,
    checksum                VARCHAR(64) NOT NULL,
    finished_at             TIMESTAMPTZ,
    migration_name          VARCHAR(255) NOT NULL,
    logs                    TEXT,
    rolled_back_at          TIMESTAMPTZ,
    started_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
    applied_steps_count     INTEGER NOT NULL DEFAULT 0
)`;

interface MigrationFile {
  name: string;
  sql: string;
  checksum: string;
  /** Checksums Prisma would also accept for this file (line-ending and legacy-format variants). */
  acceptedChecksums: Set<string>;
}

interface MigrationRow {
  migration_name: string;
  checksum: string;
  started_at: Date;
  finished_at: Date | null;
  rolled_back_at: Date | null;
  logs: string | null;
}

export interface MigrateOptions {
  connectionString: string;
  migrationsDir?: string;
  log?: (msg: string) => void;
}

export interface MigrationStatusOptions {
  connectionString: string;
  migrationsDir?: string;
}

/**
 * The repository's prisma/migrations, found by walking up from this module: the same lookup works
 * from TypeScript sources, from the esbuild bundle in apps/server/dist and from the Docker image,
 * which keeps /app/prisma/migrations beside /app/apps/server/dist.
 */
export function defaultMigrationsDir(): string {
  const start = dirname(fileURLToPath(import.meta.url));
  const { root } = parse(start);
  for (let dir = start; ; dir = dirname(dir)) {
    const candidate = join(dir, 'prisma', 'migrations');
    if (existsSync(join(candidate, 'migration_lock.toml'))) return candidate;
    if (dir === root) break;
  }
  throw new Error(
    `Cannot find prisma/migrations/migration_lock.toml in any parent directory of ${start}; pass migrationsDir explicitly.`,
  );
}

export async function migrate(options: MigrateOptions): Promise<{ applied: string[] }> {
  const log = options.log ?? (() => {});
  const migrationsDir = options.migrationsDir ?? defaultMigrationsDir();
  // Read the files before touching the database so a broken checkout fails without side effects.
  const files = await readMigrations(migrationsDir);

  return withClient(options.connectionString, async (client, schema) => {
    await acquireMigrateLock(client, log);
    try {
      if (schema) {
        // Prisma Migrate creates the schema named in ?schema= as well; done under the lock to avoid racing.
        await client.query(`CREATE SCHEMA IF NOT EXISTS ${client.escapeIdentifier(schema)}`);
      }
      await client.query(CREATE_MIGRATIONS_TABLE);
      const rows = await readRows(client);
      const pending = planMigrations(files, rows, migrationsDir);

      const applied: string[] = [];
      for (const file of pending) {
        const started = Date.now();
        await applyMigration(client, file);
        applied.push(file.name);
        log(`applied migration ${file.name} (${Date.now() - started} ms)`);
      }
      if (applied.length === 0) log(`database schema is up to date (${files.length} migrations)`);
      return { applied };
    } finally {
      // Closing the session would release it too; unlocking keeps the intent explicit.
      await client.query('SELECT pg_advisory_unlock($1)', [PRISMA_MIGRATE_LOCK_KEY]).catch(() => undefined);
    }
  });
}

/** What /readyz needs: never throws merely because nothing was migrated yet. */
export async function migrationStatus(
  options: MigrationStatusOptions,
): Promise<{ pending: string[]; applied: string[] }> {
  const files = await readMigrations(options.migrationsDir ?? defaultMigrationsDir());
  return withClient(options.connectionString, async (client) => {
    const { rows } = await client.query<{ table: string | null }>(
      `SELECT to_regclass('_prisma_migrations')::text AS "table"`,
    );
    if (!rows[0]?.table) return { pending: files.map((f) => f.name), applied: [] };
    const applied = new Set(appliedRows(await readRows(client)).map((r) => r.migration_name));
    return {
      pending: files.filter((f) => !applied.has(f.name)).map((f) => f.name),
      applied: [...applied].sort(compareNames),
    };
  });
}

async function withClient<T>(
  connectionString: string,
  fn: (client: pg.Client, schema: string | undefined) => Promise<T>,
): Promise<T> {
  const schema = schemaParam(connectionString);
  const client = new pg.Client({ connectionString, application_name: 'gatehouse-migrate' });
  // A dropped connection also rejects the pending query; without a listener it would crash the process.
  client.on('error', () => undefined);
  await client.connect();
  try {
    if (schema) await client.query(`SET search_path TO ${client.escapeIdentifier(schema)}`);
    return await fn(client, schema);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Prisma reads the target schema from `?schema=`; honour it so both tools look at the same tables. */
function schemaParam(connectionString: string): string | undefined {
  try {
    return new URL(connectionString).searchParams.get('schema') || undefined;
  } catch {
    return undefined; // key=value connection strings carry no schema parameter
  }
}

async function acquireMigrateLock(client: pg.Client, log: (msg: string) => void): Promise<void> {
  const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1) AS locked', [
    PRISMA_MIGRATE_LOCK_KEY,
  ]);
  if (rows[0]?.locked) return;
  log('another process is migrating this database; waiting for it to finish');
  await client.query(`SET lock_timeout = '${LOCK_WAIT_TIMEOUT}'`);
  try {
    await client.query('SELECT pg_advisory_lock($1)', [PRISMA_MIGRATE_LOCK_KEY]);
  } catch (err) {
    if ((err as DatabaseError).code === '55P03') {
      throw new Error(
        `Timed out after ${LOCK_WAIT_TIMEOUT} waiting for the migration lock (pg_advisory_lock(${PRISMA_MIGRATE_LOCK_KEY})). ` +
          'Another migration may be stuck; see pg_locks for the session holding it.',
        { cause: err },
      );
    }
    throw err;
  } finally {
    await client.query('RESET lock_timeout').catch(() => undefined);
  }
}

async function readRows(client: pg.Client): Promise<MigrationRow[]> {
  const { rows } = await client.query<MigrationRow>(
    `SELECT migration_name, checksum, started_at, finished_at, rolled_back_at, logs
       FROM _prisma_migrations ORDER BY started_at, migration_name`,
  );
  return rows;
}

// Rows marked rolled back are history only: Prisma re-applies such a migration, and so do we.
function appliedRows(rows: MigrationRow[]): MigrationRow[] {
  return rows.filter((r) => r.finished_at !== null && r.rolled_back_at === null);
}

function planMigrations(
  files: MigrationFile[],
  rows: MigrationRow[],
  migrationsDir: string,
): MigrationFile[] {
  const problems: string[] = [];

  for (const row of rows) {
    if (row.finished_at === null && row.rolled_back_at === null) {
      problems.push(
        `Migration "${row.migration_name}" failed in an earlier run (started ${row.started_at.toISOString()}) ` +
          'and is still recorded as unfinished in _prisma_migrations. Repair the database by hand, then mark it ' +
          `with \`prisma migrate resolve --rolled-back ${row.migration_name}\` (or --applied).` +
          (row.logs ? ` Recorded error: ${row.logs.trim()}` : ''),
      );
    }
  }

  const byName = new Map(files.map((f) => [f.name, f]));
  const applied = appliedRows(rows);
  for (const row of applied) {
    const file = byName.get(row.migration_name);
    if (!file) {
      problems.push(
        `Migration "${row.migration_name}" is recorded as applied in the database but is missing from ${migrationsDir}. ` +
          'Is this an older build than the one that migrated the database?',
      );
    } else if (!file.acceptedChecksums.has(row.checksum)) {
      problems.push(
        `Migration "${row.migration_name}" was modified after it was applied ` +
          `(checksum in database ${row.checksum}, file now ${file.checksum}). ` +
          'Restore the original file and put the change in a new migration.',
      );
    }
  }

  if (problems.length > 0) throw new Error(`Refusing to migrate:\n- ${problems.join('\n- ')}`);
  const appliedNames = new Set(applied.map((r) => r.migration_name));
  return files.filter((f) => !appliedNames.has(f.name));
}

async function applyMigration(client: pg.Client, file: MigrationFile): Promise<void> {
  // Unlike Prisma, the script and its bookkeeping row share one transaction: a failure leaves no
  // half-applied schema and no failed row that would need `migrate resolve`.
  await client.query('BEGIN');
  try {
    await client.query(file.sql);
    await client.query(
      `INSERT INTO _prisma_migrations
         (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count)
       VALUES ($1, $2, clock_timestamp(), $3, NULL, NULL, now(), 1)`,
      [randomUUID(), file.checksum, file.name],
    );
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw new Error(
      `Migration "${file.name}" failed and was rolled back: ${describeSqlError(err, file.sql)}`,
      {
        cause: err,
      },
    );
  }
}

function describeSqlError(err: unknown, sql: string): string {
  if (!(err instanceof Error)) return String(err);
  const dbErr = err as Partial<DatabaseError>;
  let text = err.message;
  if (dbErr.code) text += ` (SQLSTATE ${dbErr.code})`;
  const position = Number(dbErr.position);
  if (Number.isInteger(position) && position > 0) {
    // Postgres reports a 1-based character offset into the whole script; a line number is what people need.
    text += ` at migration.sql line ${sql.slice(0, position - 1).split('\n').length}`;
  }
  return text;
}

async function readMigrations(migrationsDir: string): Promise<MigrationFile[]> {
  let entries;
  try {
    entries = await readdir(migrationsDir, { withFileTypes: true });
  } catch (err) {
    throw new Error(`Cannot read migrations directory ${migrationsDir}: ${(err as Error).message}`, {
      cause: err,
    });
  }
  await checkLockFile(migrationsDir);

  const names = entries
    .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
    .map((e) => e.name)
    .sort(compareNames);
  return Promise.all(
    names.map(async (name) => {
      const path = join(migrationsDir, name, 'migration.sql');
      let bytes: Buffer;
      try {
        bytes = await readFile(path);
      } catch (err) {
        throw new Error(
          `Migration "${name}" has no readable migration.sql (${path}): ${(err as Error).message}`,
          {
            cause: err,
          },
        );
      }
      const sql = bytes.toString('utf8');
      return { name, sql, checksum: sha256Hex(bytes), acceptedChecksums: acceptedChecksums(bytes, sql) };
    }),
  );
}

async function checkLockFile(migrationsDir: string): Promise<void> {
  let lock: string;
  try {
    lock = await readFile(join(migrationsDir, 'migration_lock.toml'), 'utf8');
  } catch {
    return; // Prisma tolerates a missing lock file, and so do we
  }
  const provider = /^\s*provider\s*=\s*"([^"]*)"/m.exec(lock)?.[1];
  if (provider && provider !== 'postgresql') {
    throw new Error(
      `${migrationsDir} holds migrations for "${provider}", not PostgreSQL (migration_lock.toml).`,
    );
  }
}

function sha256Hex(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

// Mirrors Prisma's script_matches_checksum: git may have converted line endings since the migration
// was applied, and old Prisma versions stored checksums without zero padding.
function acceptedChecksums(bytes: Buffer, sql: string): Set<string> {
  const variants = [
    bytes,
    Buffer.from(sql.replaceAll('\r\n', '\n')),
    Buffer.from(sql.replace(/\n/g, '\r\n')),
  ];
  const accepted = new Set<string>();
  for (const variant of variants) {
    const digest = createHash('sha256').update(variant).digest();
    // sha256Hex's zero-padded form, plus the unpadded one older Prisma versions wrote.
    accepted.add(digest.toString('hex'));
    accepted.add([...digest].map((b) => b.toString(16)).join(''));
  }
  return accepted;
}

/** Byte-wise like Prisma's sort, independent of the process locale. */
function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
