import { useState } from 'react';

/**
 * The rows chosen in a table, kept by id: after a refetch the selection is the fresh rows with
 * those ids, and rows that are gone drop out of it by themselves.
 */
export function useRowSelection<T>(rows: readonly T[] | undefined, idOf: (row: T) => string) {
  const [ids, setIds] = useState<readonly string[]>([]);
  return {
    selected: (rows ?? []).filter((row) => ids.includes(idOf(row))),
    onChange: (chosen: readonly T[]) => setIds(chosen.map(idOf)),
    clear: () => setIds([]),
  };
}
