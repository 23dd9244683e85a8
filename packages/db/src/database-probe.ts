import type { DatabaseProbe } from '@gatehouse/core';
import type { Database } from './client';
import { migrationStatus } from './migrate';

/** The readiness check's view of the database: does it answer, and is every migration applied. */
export function createDatabaseProbe(db: Database, migrationsDir: string): DatabaseProbe {
  return {
    async ping() {
      await db.pool.query('SELECT 1');
    },
    async pendingMigrations() {
      return (await migrationStatus({ connectionString: db.connectionString, migrationsDir })).pending;
    },
  };
}
