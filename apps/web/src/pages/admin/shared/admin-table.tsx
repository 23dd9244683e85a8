/**
 * The admin lists' table: a header with the count and actions, a text filter (with more filters
 * beside or above it), pages, and an empty state that tells "nothing yet" from "nothing matches".
 */
import type { ReactNode } from 'react';
import Box from '@cloudscape-design/components/box';
import Header from '@cloudscape-design/components/header';
import Pagination from '@cloudscape-design/components/pagination';
import type { PaginationProps } from '@cloudscape-design/components/pagination';
import SpaceBetween from '@cloudscape-design/components/space-between';
import Table from '@cloudscape-design/components/table';
import type { TableProps } from '@cloudscape-design/components/table';
import TextFilter from '@cloudscape-design/components/text-filter';
import { useI18n } from '../../../i18n';
import { compareText } from './collection';
import { ApiErrorAlert } from './errors';
import { selectionLabels } from './table-labels';

/** What the table shows of a list: one page of it, filtered (and sorted) by the browser or the server. */
export interface TableCollection<T> {
  items: readonly T[];
  filteringText: string;
  setFilteringText: (text: string) => void;
  /** Said beside the filter while one applies. */
  matchCount: number | undefined;
  paginationProps: PaginationProps;
  sortingProps?: Pick<TableProps<T>, 'sortingColumn' | 'sortingDescending' | 'onSortingChange'>;
}

export interface QueryStatus {
  isPending: boolean;
  isError: boolean;
  error: unknown;
}

export interface TableSelection<T> {
  type: 'single' | 'multi';
  selected: readonly T[];
  onChange: (items: readonly T[]) => void;
  /** How the selection checkbox of a row names it. */
  nameOf: (item: T) => string;
}

/** An empty table: the failure that left it empty, or why there is nothing to list. */
export function TableEmpty({
  status,
  text,
}: {
  status: Pick<QueryStatus, 'isError' | 'error'>;
  text: string;
}) {
  if (status.isError) return <ApiErrorAlert error={status.error} />;
  return (
    <Box textAlign="center" color="inherit">
      <Box variant="strong">{text}</Box>
    </Box>
  );
}

export function AdminTable<T>({
  collection,
  status,
  heading = 'h1',
  title,
  counter,
  description,
  actions,
  filterLabel,
  filtersBeside,
  filterAbove,
  filtered = collection.filteringText !== '',
  emptyText,
  selection,
  trackBy,
  columnDefinitions,
  tableProps,
}: {
  collection: TableCollection<T>;
  status: QueryStatus;
  /** h1: the page's own list, across the page; h2: one list among others on a page. */
  heading?: 'h1' | 'h2';
  title: string;
  /** Shown in brackets after the title once known. */
  counter: number | undefined;
  description?: string | undefined;
  actions?: ReactNode;
  filterLabel: string;
  filtersBeside?: ReactNode;
  /** Controls above the text filter, each spaced as its own row. */
  filterAbove?: ReactNode[];
  /** Whether an empty table means nothing matched (rather than nothing exists). */
  filtered?: boolean;
  emptyText: string;
  selection: TableSelection<T>;
  trackBy: string;
  columnDefinitions: TableProps<T>['columnDefinitions'];
  tableProps?: Partial<TableProps<T>>;
}) {
  const { t, formatNumber } = useI18n();
  const textFilter = (
    <TextFilter
      filteringText={collection.filteringText}
      onChange={({ detail }) => collection.setFilteringText(detail.filteringText)}
      filteringPlaceholder={filterLabel}
      filteringAriaLabel={filterLabel}
      filteringClearAriaLabel={t('admin.action.clearFilter')}
      countText={
        collection.matchCount === undefined
          ? undefined
          : t('admin.table.matches', { count: collection.matchCount })
      }
    />
  );
  return (
    <Table<T>
      variant={heading === 'h1' ? 'full-page' : 'container'}
      items={collection.items}
      trackBy={trackBy}
      loading={status.isPending}
      loadingText={t('app.loading')}
      selectionType={selection.type}
      selectedItems={selection.selected}
      onSelectionChange={({ detail }) => selection.onChange(detail.selectedItems)}
      ariaLabels={selectionLabels<T>(t, selection.nameOf)}
      {...collection.sortingProps}
      header={
        <Header
          variant={heading}
          counter={counter === undefined ? undefined : `(${formatNumber(counter)})`}
          description={description}
          actions={actions}
        >
          {title}
        </Header>
      }
      filter={
        filterAbove ? (
          <SpaceBetween size="s">
            {filterAbove}
            {textFilter}
          </SpaceBetween>
        ) : filtersBeside ? (
          <SpaceBetween direction="horizontal" size="xs">
            {textFilter}
            {filtersBeside}
          </SpaceBetween>
        ) : (
          textFilter
        )
      }
      pagination={<Pagination {...collection.paginationProps} />}
      empty={<TableEmpty status={status} text={filtered ? t('admin.table.noMatches') : emptyText} />}
      columnDefinitions={columnDefinitions}
      {...tableProps}
    />
  );
}

/** The column that names each row: screen readers announce it as the row's heading; it sorts by name. */
export function nameColumn<T>(
  id: string,
  header: string,
  name: (item: T) => string,
  cell: (item: T) => ReactNode,
): TableProps.ColumnDefinition<T> {
  return { id, header, isRowHeader: true, sortingComparator: (a, b) => compareText(name(a), name(b)), cell };
}

/** Sorts a column by a number each row has (a count, a duration). */
export function byNumber<T>(value: (item: T) => number): (a: T, b: T) => number {
  return (a, b) => value(a) - value(b);
}
