import pg from 'pg';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/prisma/client';
import type { Tx } from '@gatehouse/core';

export type { PrismaClient };
export type TxClient = Omit<PrismaClient, '$connect' | '$disconnect' | '$on' | '$transaction' | '$extends'>;

export interface Database {
  connectionString: string;
  prisma: PrismaClient;
  pool: pg.Pool;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  connectionString: string;
  maxConnections?: number;
  /** How long a request may wait for a pooled connection before failing (→ 503). */
  connectionTimeoutMs?: number;
  /**
   * How long a statement may wait for a lock (lock_timeout). Audit appends queue on the chain
   * lock; a table locked by someone else must answer 503 in seconds, not hang the request.
   */
  lockTimeoutMs?: number;
}

export function createDatabase(options: DatabaseOptions): Database {
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.maxConnections ?? 10,
    connectionTimeoutMillis: options.connectionTimeoutMs ?? 5_000,
    idleTimeoutMillis: 30_000,
    lock_timeout: options.lockTimeoutMs ?? 3_000,
    // A transaction left open by a bug must not hold its locks (the audit chain's above all) forever.
    idle_in_transaction_session_timeout: 60_000,
  });
  // An idle client losing its server (restart, failover) must not crash the process; the
  // pool replaces it and the next query reports the outage to its caller.
  pool.on('error', () => {});
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  return {
    connectionString: options.connectionString,
    prisma,
    pool,
    async close() {
      await prisma.$disconnect();
      await pool.end().catch(() => {});
    },
  };
}

/** Core hands transactions around as an opaque `Tx`; only this package knows what it is. */
export function clientOf(db: PrismaClient, tx?: Tx): TxClient {
  return (tx as unknown as TxClient | undefined) ?? db;
}

export function createTransactionRunner(db: PrismaClient) {
  return {
    run<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
      return db.$transaction((client) => fn(client as unknown as Tx));
    },
  };
}
