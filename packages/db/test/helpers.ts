/** Set-up the db package's test files share. */
import { afterAll, beforeAll } from 'vitest';
import { createDatabase } from '../src/client.js';
import type { Database } from '../src/client.js';
import { createTestDatabase } from '../src/testing/index.js';
import type { TestDatabase } from '../src/testing/index.js';

export interface FileDatabase {
  url: string;
  /** Prisma and the pool on it; only with `open: true`. */
  db: Database;
}

/**
 * The file's own fresh, migrated database: filled in before its first test, dropped after its
 * last (and `db` closed first).
 */
export function useTestDatabase(prefix: string, options: { open?: boolean } = {}): FileDatabase {
  const file = {} as FileDatabase;
  let database: TestDatabase | undefined;
  beforeAll(async () => {
    database = await createTestDatabase(prefix);
    file.url = database.url;
    if (options.open) file.db = createDatabase({ connectionString: database.url });
  });
  afterAll(async () => {
    await (file.db as Database | undefined)?.close();
    await database?.drop();
  });
  return file;
}
