/**
 * For tests (and the benchmark; never the server): a fresh database on the test PostgreSQL,
 * migrated, with a way to drop it. Tests of every package that talks to PostgreSQL use this one.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { migrate } from '../migrate';

export { insertEnrolledUsers, insertUserGrants } from './seed';
export type { EnrolledUser, Sql } from './seed';

export const TEST_ADMIN_URL =
  process.env['TEST_DATABASE_URL'] ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

/** One connection to `url` for the length of `fn`. */
export async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** The rows of one query, on a connection of its own. */
export function queryRows<T extends pg.QueryResultRow>(
  url: string,
  sql: string,
  params: unknown[] = [],
): Promise<T[]> {
  return withClient(url, async (c) => (await c.query<T>(sql, params)).rows);
}

async function asAdmin(sql: string): Promise<void> {
  await withClient(TEST_ADMIN_URL, (c) => c.query(sql));
}

/** `migrate: false` leaves it empty, for tests of the migrations themselves. */
export async function createTestDatabase(
  prefix = 'gh_t',
  options: { migrate?: boolean } = {},
): Promise<TestDatabase> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  await asAdmin(`CREATE DATABASE "${name}"`);
  const url = new URL(TEST_ADMIN_URL);
  url.pathname = `/${name}`;
  if (options.migrate ?? true) await migrate({ connectionString: url.href });
  return {
    url: url.href,
    name,
    drop: () => asAdmin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
}
