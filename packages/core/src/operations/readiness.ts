/** Whether this process can serve: the database reachable and migrated; AWS reported, not required. */
import type { BrokerIdentityProvider } from '../broker/broker-identity';

export interface DatabaseProbe {
  /** Resolves when the database answers a query. */
  ping(): Promise<void>;
  /** Names of migrations not applied yet. */
  pendingMigrations(): Promise<string[]>;
}

export interface Readiness {
  ready: boolean;
  checks: {
    database: 'ok' | 'unreachable';
    migrations: 'ok' | 'pending' | 'unknown';
    aws: 'ok' | 'unavailable' | 'unknown';
  };
  pendingMigrations: string[];
}

export function createReadinessCheck(deps: { database: DatabaseProbe; identity: BrokerIdentityProvider }) {
  // Applied migrations never become pending while we run: check until they are all in.
  let migrationsApplied = false;
  return {
    async check(): Promise<Readiness> {
      let database: Readiness['checks']['database'] = 'ok';
      let migrations: Readiness['checks']['migrations'] = 'unknown';
      let pending: string[] = [];
      try {
        await deps.database.ping();
        if (!migrationsApplied) {
          pending = await deps.database.pendingMigrations();
          migrationsApplied = pending.length === 0;
        }
        migrations = migrationsApplied ? 'ok' : 'pending';
      } catch {
        database = 'unreachable';
      }
      // Never wait on AWS here: report the last known state and refresh it in the background.
      const known = deps.identity.peek();
      const aws = known.identity && !known.error ? 'ok' : known.checkedAt ? 'unavailable' : 'unknown';
      void deps.identity.get().catch(() => undefined);
      return {
        ready: database === 'ok' && migrations === 'ok',
        checks: { database, migrations, aws },
        pendingMigrations: pending,
      };
    },
  };
}

export type ReadinessCheck = ReturnType<typeof createReadinessCheck>;
