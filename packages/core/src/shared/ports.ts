/** Ports every domain uses: transactions, the audit log, the clock. */
import type { AuditRecord } from './audit-chain';

/** Opaque transaction handle: core passes it through, adapters know what it is. */
export type Tx = { readonly __tx: unique symbol };

export interface TransactionRunner {
  run<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
}

export type AuditOutcome = 'success' | 'failure' | 'denied' | 'pending' | 'issued' | 'failed' | 'abandoned';

export type AuditEventInput = Omit<AuditRecord, 'occurredAt' | 'outcome'> & { outcome: AuditOutcome };

export interface AuditLog {
  append(event: AuditEventInput, tx?: Tx): Promise<{ id: string; hash: string }>;
}

/** The service clock; the composition root hands every service the same one. */
export type Clock = () => Date;
