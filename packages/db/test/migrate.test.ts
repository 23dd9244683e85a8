import { createHash } from 'node:crypto';
import { mkdtemp, mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultMigrationsDir, migrate, migrationStatus } from '../src/migrate.js';
import { createTestDatabase, queryRows } from '../src/testing/index.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A fresh, empty database per test, dropped afterwards; returns its connection string. */
async function freshDatabase(): Promise<string> {
  const database = await createTestDatabase('gh_mig', { migrate: false });
  cleanups.push(database.drop);
  return database.url;
}

/** A throwaway migrations directory holding the given scripts. */
async function migrationsDir(scripts: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'gh-migrations-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  await writeFile(join(dir, 'migration_lock.toml'), 'provider = "postgresql"\n');
  for (const [name, sql] of Object.entries(scripts)) {
    await mkdir(join(dir, name));
    await writeFile(join(dir, name, 'migration.sql'), sql);
  }
  return dir;
}

/** A fresh database on which `scripts` have been applied once; it and the scripts' directory. */
async function migratedWith(scripts: Record<string, string>): Promise<{ url: string; dir: string }> {
  const url = await freshDatabase();
  const dir = await migrationsDir(scripts);
  await migrate({ connectionString: url, migrationsDir: dir });
  return { url, dir };
}

async function tables(url: string): Promise<string[]> {
  const rows = await queryRows<{ name: string }>(
    url,
    `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1`,
  );
  return rows.map((r) => r.name);
}

interface Row {
  id: string;
  checksum: string;
  finished_at: Date | null;
  migration_name: string;
  logs: string | null;
  rolled_back_at: Date | null;
  started_at: Date;
  applied_steps_count: number;
}

const rowsOf = (url: string) =>
  queryRows<Row>(url, 'SELECT * FROM _prisma_migrations ORDER BY migration_name');
const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');

describe('defaultMigrationsDir', () => {
  it('finds the repository migrations from the source tree', async () => {
    const dir = defaultMigrationsDir();
    expect(dir).toMatch(/[/\\]prisma[/\\]migrations$/);
    expect(await readdir(dir)).toContain('migration_lock.toml');
  });
});

describe('migrate', () => {
  it('applies the real migrations and records Prisma-shaped rows', async () => {
    const url = await freshDatabase();
    const dir = defaultMigrationsDir();
    const names = (await readdir(dir, { withFileTypes: true }))
      .filter((e) => e.isDirectory())
      .map((e) => e.name)
      .sort();
    expect(names.length).toBeGreaterThan(0);

    const logs: string[] = [];
    const result = await migrate({ connectionString: url, log: (m) => logs.push(m) });
    expect(result.applied).toEqual(names);
    expect(logs.join('\n')).toContain(names[0]);

    const rows = await rowsOf(url);
    expect(rows.map((r) => r.migration_name)).toEqual(names);
    for (const row of rows) {
      const bytes = await readFile(join(dir, row.migration_name, 'migration.sql'));
      expect(row.id).toMatch(UUID);
      expect(row.checksum).toBe(sha256(bytes));
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.finished_at!.getTime()).toBeGreaterThanOrEqual(row.started_at.getTime());
      expect(row.rolled_back_at).toBeNull();
      expect(row.logs).toBeNull();
      expect(row.applied_steps_count).toBe(1);
    }

    // The bookkeeping table itself must be the one Prisma's schema engine creates.
    const columns = await queryRows(
      url,
      `SELECT column_name, data_type, character_maximum_length AS len, is_nullable, column_default
         FROM information_schema.columns WHERE table_name = '_prisma_migrations' ORDER BY ordinal_position`,
    );
    expect(columns).toEqual([
      { column_name: 'id', data_type: 'character varying', len: 36, is_nullable: 'NO', column_default: null },
      {
        column_name: 'checksum',
        data_type: 'character varying',
        len: 64,
        is_nullable: 'NO',
        column_default: null,
      },
      {
        column_name: 'finished_at',
        data_type: 'timestamp with time zone',
        len: null,
        is_nullable: 'YES',
        column_default: null,
      },
      {
        column_name: 'migration_name',
        data_type: 'character varying',
        len: 255,
        is_nullable: 'NO',
        column_default: null,
      },
      { column_name: 'logs', data_type: 'text', len: null, is_nullable: 'YES', column_default: null },
      {
        column_name: 'rolled_back_at',
        data_type: 'timestamp with time zone',
        len: null,
        is_nullable: 'YES',
        column_default: null,
      },
      {
        column_name: 'started_at',
        data_type: 'timestamp with time zone',
        len: null,
        is_nullable: 'NO',
        column_default: 'now()',
      },
      {
        column_name: 'applied_steps_count',
        data_type: 'integer',
        len: null,
        is_nullable: 'NO',
        column_default: '0',
      },
    ]);
    const [pk] = await queryRows<{ cols: string[] }>(
      url,
      `SELECT array_agg(a.attname)::text[] AS cols FROM pg_index i
         JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)
        WHERE i.indrelid = '_prisma_migrations'::regclass AND i.indisprimary`,
    );
    expect(pk?.cols).toEqual(['id']);
  });

  it('applies nothing on a second run', async () => {
    const url = await freshDatabase();
    const dir = await migrationsDir({
      '001_a': 'CREATE TABLE a (id int);',
      '002_b': 'CREATE TABLE b (id int);',
    });
    expect((await migrate({ connectionString: url, migrationsDir: dir })).applied).toEqual([
      '001_a',
      '002_b',
    ]);
    const before = await rowsOf(url);

    const logs: string[] = [];
    const again = await migrate({ connectionString: url, migrationsDir: dir, log: (m) => logs.push(m) });
    expect(again.applied).toEqual([]);
    expect(logs).toEqual(['database schema is up to date (2 migrations)']);
    expect(await rowsOf(url)).toEqual(before);
  });

  it('applies only the new migration when one is added', async () => {
    const { url, dir } = await migratedWith({ '001_a': 'CREATE TABLE a (id int);' });
    await mkdir(join(dir, '002_b'));
    await writeFile(join(dir, '002_b', 'migration.sql'), 'CREATE TABLE b (id int);');
    expect((await migrate({ connectionString: url, migrationsDir: dir })).applied).toEqual(['002_b']);
    expect(await tables(url)).toEqual(['_prisma_migrations', 'a', 'b']);
  });

  it('refuses to run when an applied migration was edited, naming it', async () => {
    const { url, dir } = await migratedWith({
      '001_a': 'CREATE TABLE a (id int);\n',
      '002_b': 'CREATE TABLE b (id int);\n',
    });

    await writeFile(join(dir, '002_b', 'migration.sql'), 'CREATE TABLE b (id bigint);\n');
    await mkdir(join(dir, '003_c'));
    await writeFile(join(dir, '003_c', 'migration.sql'), 'CREATE TABLE c (id int);\n');

    await expect(migrate({ connectionString: url, migrationsDir: dir })).rejects.toThrow(
      /Migration "002_b" was modified after it was applied/,
    );
    // Nothing else ran: the pending 003_c stays pending.
    expect(await tables(url)).toEqual(['_prisma_migrations', 'a', 'b']);
    expect((await rowsOf(url)).map((r) => r.migration_name)).toEqual(['001_a', '002_b']);
  });

  it('accepts an applied migration whose line endings git converted, as Prisma does', async () => {
    const { url, dir } = await migratedWith({
      '001_a': 'CREATE TABLE a (id int);\nCREATE TABLE b (id int);\n',
    });
    await writeFile(
      join(dir, '001_a', 'migration.sql'),
      'CREATE TABLE a (id int);\r\nCREATE TABLE b (id int);\r\n',
    );
    expect((await migrate({ connectionString: url, migrationsDir: dir })).applied).toEqual([]);
  });

  it('refuses to run when an applied migration is missing from disk', async () => {
    const { url, dir } = await migratedWith({
      '001_a': 'CREATE TABLE a (id int);',
      '002_b': 'CREATE TABLE b (id int);',
    });
    await rm(join(dir, '002_b'), { recursive: true });
    await expect(migrate({ connectionString: url, migrationsDir: dir })).rejects.toThrow(
      /Migration "002_b" is recorded as applied in the database but is missing/,
    );
  });

  it('refuses to run while a failed migration is recorded, and re-applies a rolled-back one', async () => {
    const { url, dir } = await migratedWith({
      '001_a': 'CREATE TABLE a (id int);',
      '002_b': 'CREATE TABLE b (id int);',
    });
    // What `prisma migrate deploy` leaves behind when 002_b fails half way.
    await queryRows(
      url,
      `UPDATE _prisma_migrations SET finished_at = NULL, logs = 'boom' WHERE migration_name = '002_b'`,
    );
    await expect(migrate({ connectionString: url, migrationsDir: dir })).rejects.toThrow(
      /Migration "002_b" failed in an earlier run.*migrate resolve --rolled-back 002_b.*boom/s,
    );

    // After `prisma migrate resolve --rolled-back 002_b` and a manual clean-up it is applied again.
    await queryRows(
      url,
      `UPDATE _prisma_migrations SET rolled_back_at = now() WHERE migration_name = '002_b'`,
    );
    await queryRows(url, 'DROP TABLE b');
    expect((await migrate({ connectionString: url, migrationsDir: dir })).applied).toEqual(['002_b']);
    const rows = await queryRows<Row>(url, `SELECT * FROM _prisma_migrations WHERE migration_name = '002_b'`);
    expect(rows.map((r) => r.rolled_back_at === null)).toEqual(expect.arrayContaining([true, false]));
    expect(await migrationStatus({ connectionString: url, migrationsDir: dir })).toEqual({
      pending: [],
      applied: ['001_a', '002_b'],
    });
  });

  it('applies a failing migration atomically and names it in the error', async () => {
    const url = await freshDatabase();
    const dir = await migrationsDir({
      '001_ok': 'CREATE TABLE ok (id int);',
      '002_bad':
        'CREATE TABLE half (id int);\nINSERT INTO half VALUES (1);\n\nSELECT no_such_column FROM half;\n',
      '003_later': 'CREATE TABLE later (id int);',
    });
    const err = await migrate({ connectionString: url, migrationsDir: dir }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toMatch(
      /^Migration "002_bad" failed and was rolled back: .*no_such_column/,
    );
    expect((err as Error).message).toContain('SQLSTATE 42703');
    expect((err as Error).message).toContain('line 4');

    expect(await tables(url)).toEqual(['_prisma_migrations', 'ok']);
    expect((await rowsOf(url)).map((r) => r.migration_name)).toEqual(['001_ok']);
    expect(await migrationStatus({ connectionString: url, migrationsDir: dir })).toEqual({
      pending: ['002_bad', '003_later'],
      applied: ['001_ok'],
    });
  });

  it('applies each migration once when two processes migrate concurrently', async () => {
    const url = await freshDatabase();
    // The sleep keeps the first runner inside its lock while the second one arrives; CREATE TABLE
    // without IF NOT EXISTS fails loudly if a migration ever runs twice.
    const dir = await migrationsDir({
      '001_a': 'SELECT pg_sleep(0.4); CREATE TABLE a (id int);',
      '002_b': 'CREATE TABLE b (id int);',
    });
    const logs: string[] = [];
    const [first, second] = await Promise.all([
      migrate({ connectionString: url, migrationsDir: dir, log: (m) => logs.push(m) }),
      migrate({ connectionString: url, migrationsDir: dir, log: (m) => logs.push(m) }),
    ]);
    expect([...first.applied, ...second.applied].sort()).toEqual(['001_a', '002_b']);
    expect([first.applied.length, second.applied.length].sort()).toEqual([0, 2]);
    expect(logs).toContain('another process is migrating this database; waiting for it to finish');
    expect((await rowsOf(url)).map((r) => r.migration_name)).toEqual(['001_a', '002_b']);
  });

  it('honours ?schema= like Prisma does', async () => {
    const url = new URL(await freshDatabase());
    url.searchParams.set('schema', 'tenant one');
    const dir = await migrationsDir({ '001_a': 'CREATE TABLE a (id int);' });
    expect((await migrate({ connectionString: url.toString(), migrationsDir: dir })).applied).toEqual([
      '001_a',
    ]);
    url.searchParams.delete('schema');
    const rows = await queryRows<{ schema: string; name: string }>(
      url.toString(),
      `SELECT table_schema AS schema, table_name AS name FROM information_schema.tables
        WHERE table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY 2`,
    );
    expect(rows).toEqual([
      { schema: 'tenant one', name: '_prisma_migrations' },
      { schema: 'tenant one', name: 'a' },
    ]);
  });
});

describe('migrationStatus', () => {
  it('reports everything pending before the first migration, without creating anything', async () => {
    const url = await freshDatabase();
    const dir = await migrationsDir({
      '001_a': 'CREATE TABLE a (id int);',
      '002_b': 'CREATE TABLE b (id int);',
    });
    expect(await migrationStatus({ connectionString: url, migrationsDir: dir })).toEqual({
      pending: ['001_a', '002_b'],
      applied: [],
    });
    expect(await tables(url)).toEqual([]);

    await migrate({ connectionString: url, migrationsDir: dir });
    expect(await migrationStatus({ connectionString: url, migrationsDir: dir })).toEqual({
      pending: [],
      applied: ['001_a', '002_b'],
    });

    await mkdir(join(dir, '003_c'));
    await writeFile(join(dir, '003_c', 'migration.sql'), 'CREATE TABLE c (id int);');
    expect(await migrationStatus({ connectionString: url, migrationsDir: dir })).toEqual({
      pending: ['003_c'],
      applied: ['001_a', '002_b'],
    });
  });

  it('uses the repository migrations by default', async () => {
    const url = await freshDatabase();
    const before = await migrationStatus({ connectionString: url });
    expect(before.applied).toEqual([]);
    expect(before.pending.length).toBeGreaterThan(0);
    await migrate({ connectionString: url });
    expect(await migrationStatus({ connectionString: url })).toEqual({
      pending: [],
      applied: before.pending,
    });
  });
});
