/**
 * For tests (and only tests): a fresh database on the test PostgreSQL, migrated, with a way to
 * drop it. Tests of every package that talks to PostgreSQL use this one.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { migrate } from '../migrate';

export const TEST_ADMIN_URL =
  process.env['TEST_DATABASE_URL'] ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

async function asAdmin(sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: TEST_ADMIN_URL });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

export async function createTestDatabase(prefix = 'gh_t'): Promise<TestDatabase> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  await asAdmin(`CREATE DATABASE "${name}"`);
  const url = new URL(TEST_ADMIN_URL);
  url.pathname = `/${name}`;
  await migrate({ connectionString: url.href });
  return {
    url: url.href,
    name,
    drop: () => asAdmin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
}
