/**
 * The three ways an administrator changes one record, each in one transaction with its audit row
 * (before and after, never secrets): there is no change without a record and no record of a
 * change that did not happen. A record type says how to load, snapshot and write itself.
 */
import type { Tx } from '../shared/ports';
import type { AdminCall } from '../shared/request-context';
import type { AdminDeps } from './admin-deps';
import { changedKeys, recordChange } from './admin-kit';

type Columns = { targetUserId?: string | null; accountId?: string | null; roleId?: string | null };
type Details = Record<string, unknown>;
type Deps = Pick<AdminDeps, 'audit' | 'transactions'>;

export interface RecordAudit<V> {
  /** The record as stored now (404 when it is not). */
  load: (id: string, tx: Tx) => Promise<V>;
  /** What the audit row shows of it. */
  snapshot: (record: V) => Details;
  /** Which audit columns it fills (target user, account, role). */
  columns: (record: V) => Columns;
  /** Details every row about it carries (e.g. the group's id). */
  about?: (record: V) => Details;
}

/** Inserts a record inside `tx` and audits it there (for several records in one transaction). */
export async function insertAudited<V>(
  deps: Pick<AdminDeps, 'audit'>,
  call: AdminCall,
  action: string,
  kind: RecordAudit<V>,
  tx: Tx,
  insert: (tx: Tx) => Promise<{ id: string; details?: Details }>,
): Promise<V> {
  const { id, details } = await insert(tx);
  const created = await kind.load(id, tx);
  await recordChange(
    deps,
    call,
    action,
    kind.columns(created),
    { ...kind.about?.(created), before: null, after: kind.snapshot(created), ...details },
    tx,
  );
  return created;
}

export function createAudited<V>(
  deps: Deps,
  call: AdminCall,
  action: string,
  kind: RecordAudit<V>,
  insert: (tx: Tx) => Promise<{ id: string; details?: Details }>,
): Promise<V> {
  return deps.transactions.run((tx) => insertAudited(deps, call, action, kind, tx, insert));
}

export interface Update<V, C extends object> {
  /** Runs first in the transaction (e.g. row locks a check below needs). */
  prepare?: (tx: Tx) => Promise<void>;
  /** The changes asked for, checked against the record as it is (throws when they may not be made). */
  changes: (before: V, tx: Tx) => C | Promise<C>;
  write: (changes: C, tx: Tx) => Promise<void>;
  /** After the write: what else it did, for the audit row (e.g. sessions ended). */
  effects?: (before: V, changes: C, tx: Tx) => Promise<Details>;
  /** The action, when it depends on what changed. */
  action?: (changed: string[], changes: C) => string;
}

/** Nothing is written (or audited) when the changes leave the record as it was. */
export async function updateAudited<V extends object, C extends object>(
  deps: Deps,
  call: AdminCall,
  action: string,
  kind: RecordAudit<V>,
  id: string,
  update: Update<V, C>,
): Promise<V> {
  return deps.transactions.run(async (tx) => {
    await update.prepare?.(tx);
    const before = await kind.load(id, tx);
    const changes = await update.changes(before, tx);
    const changed = changedKeys(kind.snapshot(before), kind.snapshot({ ...before, ...changes }));
    if (changed.length === 0) return before;
    await update.write(changes, tx);
    const effects = (await update.effects?.(before, changes, tx)) ?? {};
    const after = await kind.load(id, tx);
    await recordChange(
      deps,
      call,
      update.action?.(changed, changes) ?? action,
      kind.columns(before),
      {
        ...kind.about?.(before),
        changed,
        before: kind.snapshot(before),
        after: kind.snapshot(after),
        ...effects,
      },
      tx,
    );
    return after;
  });
}

export async function deleteAudited<V>(
  deps: Deps,
  call: AdminCall,
  action: string,
  kind: RecordAudit<V>,
  id: string,
  remove: (before: V, tx: Tx) => Promise<Details | void>,
): Promise<void> {
  await deps.transactions.run(async (tx) => {
    const before = await kind.load(id, tx);
    const details = await remove(before, tx);
    await recordChange(
      deps,
      call,
      action,
      kind.columns(before),
      { ...kind.about?.(before), before: kind.snapshot(before), after: null, ...details },
      tx,
    );
  });
}
