/** What reading the audit log needs from storage: filtered pages, streams, and the chain check. */
import type { AuditRecord } from '../shared/audit-chain';
import type { AuditOutcome } from '../shared/ports';

/** An audit row as stored, for the admin query and export: what the hash covers, and the chain. */
export interface AuditRow extends Required<Omit<AuditRecord, 'outcome'>> {
  id: string;
  outcome: AuditOutcome;
  prevHash: string;
  hash: string;
}

export interface AuditFilter {
  /** Matches the actor or the target user. */
  userId: string | null;
  accountId: string | null;
  roleId: string | null;
  action: { exact: string } | { prefix: string } | null;
  outcome: AuditOutcome | null;
  from: Date | null;
  /** Inclusive. */
  to: Date | null;
}

export interface AuditQueryPort {
  /** Newest first: rows with id below `beforeId` (all when null), at most `limit`. */
  page(filter: AuditFilter, beforeId: string | null, limit: number): Promise<AuditRow[]>;
  /** Oldest first, every matching row up to and including `upToId`, fetched in batches. */
  stream(filter: AuditFilter, upToId: string | null): AsyncIterable<AuditRow>;
  /** The id of the newest row, or null when the log is empty. */
  lastId(): Promise<string | null>;
  verify(): Promise<{ checked: number; broken: { id: string; reason: string } | null }>;
}
