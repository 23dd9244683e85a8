/** Whether this process can serve: the database reachable and migrated; AWS reported, not required. */
import type { BrokerIdentityProvider } from '../broker/broker-identity';
import type { RevocationOutbox } from '../revocation/ports';

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
    /**
     * Revocations at AWS that are failing or were given up: reported, never a reason to stop
     * serving (the portal keeps working; admins see the detail in the admin UI).
     */
    revocations: 'ok' | 'failing' | 'unknown';
  };
  pendingMigrations: string[];
  /** Failing plus given-up revocations, when known. */
  revocationProblems: number | null;
}

export function createReadinessCheck(deps: {
  database: DatabaseProbe;
  identity: BrokerIdentityProvider;
  revocations: Pick<RevocationOutbox, 'counts'>;
}) {
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
      let problems: number | null = null;
      if (database === 'ok') {
        const counts = await deps.revocations.counts().catch(() => null);
        problems = counts ? counts.failing + counts.given_up : null;
      }
      // Never wait on AWS here: report the last known state and refresh it in the background.
      const known = deps.identity.peek();
      const aws = known.identity && !known.error ? 'ok' : known.checkedAt ? 'unavailable' : 'unknown';
      void deps.identity.get().catch(() => undefined);
      return {
        ready: database === 'ok' && migrations === 'ok',
        checks: {
          database,
          migrations,
          aws,
          revocations: problems === null ? 'unknown' : problems > 0 ? 'failing' : 'ok',
        },
        pendingMigrations: pending,
        revocationProblems: problems,
      };
    },
  };
}

export type ReadinessCheck = ReturnType<typeof createReadinessCheck>;
