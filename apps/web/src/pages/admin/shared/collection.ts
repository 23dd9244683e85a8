/**
 * Client-side filtering, sorting and pagination for admin lists the API returns whole (groups,
 * accounts, roles, grants, members). Users are paged by the server instead.
 */
import { useMemo, useState } from 'react';
import type { TableProps } from '@cloudscape-design/components/table';

export const PAGE_SIZE = 25;

/** NFKC folds fullwidth letters and digits (ＡＢＣ１２３), which Japanese keyboards often produce. */
export function normaliseForSearch(value: string): string {
  return value.normalize('NFKC').toLowerCase();
}

/** Every whitespace-separated term must appear in at least one of the fields. */
export function matchesFilter(
  fields: ReadonlyArray<string | null | undefined>,
  filteringText: string,
): boolean {
  const terms = normaliseForSearch(filteringText).split(/\s+/).filter(Boolean);
  if (terms.length === 0) return true;
  const haystack = fields.filter((f): f is string => typeof f === 'string').map(normaliseForSearch);
  return terms.every((term) => haystack.some((field) => field.includes(term)));
}

export interface Page<T> {
  items: T[];
  pagesCount: number;
  /** 1-based, clamped to the pages that exist (a filter may have shrunk the list). */
  currentPageIndex: number;
}

export function paginate<T>(items: readonly T[], currentPageIndex: number, pageSize = PAGE_SIZE): Page<T> {
  const pagesCount = Math.max(1, Math.ceil(items.length / pageSize));
  const page = Math.min(Math.max(1, Math.floor(currentPageIndex)), pagesCount);
  return { items: items.slice((page - 1) * pageSize, page * pageSize), pagesCount, currentPageIndex: page };
}

export interface ClientCollectionOptions<T> {
  /** The text a filter term may match for each item; define it outside the component (stable). */
  filterFields: (item: T) => ReadonlyArray<string | null | undefined>;
  pageSize?: number;
  /** Column to sort by at first; its definition needs a sortingComparator. */
  defaultSorting?: { column: TableProps.SortingColumn<T>; descending?: boolean };
}

export function useClientCollection<T>(items: readonly T[] | undefined, options: ClientCollectionOptions<T>) {
  const [filteringText, setFilteringText] = useState('');
  const [pageIndex, setPageIndex] = useState(1);
  const [sortingColumn, setSortingColumn] = useState(options.defaultSorting?.column);
  const [sortingDescending, setSortingDescending] = useState(options.defaultSorting?.descending ?? false);
  const { filterFields, pageSize } = options;

  const filtered = useMemo(() => {
    const matching = (items ?? []).filter((item) => matchesFilter(filterFields(item), filteringText));
    const compare = sortingColumn?.sortingComparator;
    if (!compare) return matching;
    const sorted = [...matching].sort(compare);
    return sortingDescending ? sorted.reverse() : sorted;
  }, [items, filterFields, filteringText, sortingColumn, sortingDescending]);

  const page = paginate(filtered, pageIndex, pageSize);
  return {
    items: page.items,
    matchCount: filteringText ? filtered.length : undefined,
    filteringText,
    setFilteringText: (text: string) => {
      setFilteringText(text);
      setPageIndex(1);
    },
    paginationProps: {
      currentPageIndex: page.currentPageIndex,
      pagesCount: page.pagesCount,
      onChange: ({ detail }: { detail: { currentPageIndex: number } }) =>
        setPageIndex(detail.currentPageIndex),
    },
    sortingProps: {
      sortingColumn,
      sortingDescending,
      onSortingChange: ({ detail }: { detail: TableProps.SortingState<T> }) => {
        setSortingColumn(detail.sortingColumn);
        setSortingDescending(detail.isDescending ?? false);
      },
    },
  };
}

/** Locale-aware comparison for sortingComparator. */
export function compareText(a: string, b: string): number {
  return a.localeCompare(b, undefined, { sensitivity: 'base', numeric: true });
}
