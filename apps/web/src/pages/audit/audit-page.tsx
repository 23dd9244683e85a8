/**
 * The audit log: filtered on the server, newest first, paged by cursor (the next page is fetched
 * when asked for), each event openable in full; exports and the chain check use the same filter.
 */
import { useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useInfiniteQuery } from '@tanstack/react-query';
import Button from '@cloudscape-design/components/button';
import Header from '@cloudscape-design/components/header';
import Pagination from '@cloudscape-design/components/pagination';
import SpaceBetween from '@cloudscape-design/components/space-between';
import Table from '@cloudscape-design/components/table';
import type { AuditEventSchema, AuditPage as AuditPageBody } from '@gatehouse/contracts';
import { get } from '../../api';
import { useI18n } from '../../i18n';
import { useDocumentTitle } from '../../hooks/use-document-title';
import { TableEmpty } from '../admin/shared/admin-table';
import { USER_PICKER_PAGE } from '../admin/shared/pickers';
import { useAccounts, useRoles, useUser, useUserList } from '../admin/shared/queries';
import { useDebounced } from '../admin/shared/use-debounced';
import { useAuditColumns } from './audit-columns';
import { AuditDetailModal } from './audit-detail-modal';
import {
  EMPTY_FILTER,
  apiFilter,
  auditExportUrl,
  auditListUrl,
  filterFromSearch,
  filterToSearch,
} from './audit-filter';
import type { AuditFilterState } from './audit-filter';
import { AuditFilters } from './audit-filters';
import { knownUserNames } from './audit-names';
import { VerifyPanel } from './verify-panel';

export const AUDIT_PAGE_SIZE = 50;

export function AuditPage() {
  const { t, formatNumber } = useI18n();
  useDocumentTitle(t('app.audit'));
  const [params, setParams] = useSearchParams();
  const searchKey = params.toString();
  const filter = useMemo(() => filterFromSearch(new URLSearchParams(searchKey)), [searchKey]);
  const [refreshes, setRefreshes] = useState(0);
  // Fixed when the filter (or a refresh) changes, so "last 24 hours" means the same instant on every page.
  const query = useMemo(
    () => apiFilter(filter, new Date()),
    // `refreshes` is listed on purpose: the refresh button asks for a new "now".
    [filter, refreshes],
  );
  const accounts = useAccounts();
  const roles = useRoles();
  // The user filter's own queries (its first page of users, the chosen user): shared, not repeated.
  const firstUsers = useUserList('', USER_PICKER_PAGE, 0);
  const filteredUser = useUser(filter.user ?? undefined);
  const [pageIndex, setPageIndex] = useState(1);
  const [detail, setDetail] = useState<AuditEventSchema | null>(null);
  const [actionText, setActionText] = useState(filter.action);
  const debouncedAction = useDebounced(actionText, 400);

  const update = (patch: Partial<AuditFilterState>) =>
    setParams(filterToSearch({ ...filter, ...patch }), { replace: true });

  useEffect(() => setPageIndex(1), [query]);
  // Typing commits the action once it pauses; only a change of the typed text does, so other
  // filter changes never write a stale text back.
  useEffect(() => {
    if (debouncedAction.trim() !== filter.action) update({ action: debouncedAction });
  }, [debouncedAction]);
  // The address changed by other means (back button, a link): show its action.
  useEffect(
    () => setActionText((typed) => (typed.trim() === filter.action ? typed : filter.action)),
    [filter.action],
  );

  const list = useInfiniteQuery({
    queryKey: ['audit', 'list', query],
    queryFn: ({ pageParam }) => get<AuditPageBody>(auditListUrl(query, pageParam, AUDIT_PAGE_SIZE)),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  const pages = list.data?.pages ?? [];
  const events = pages[pageIndex - 1]?.events ?? [];
  const waitingForPage = list.isPending || (pageIndex > pages.length && list.isFetchingNextPage);

  const userNames = useMemo(
    () =>
      knownUserNames(list.data?.pages.flatMap((p) => p.events) ?? [], [
        ...(firstUsers.data?.users ?? []),
        ...(filteredUser.data ? [filteredUser.data] : []),
      ]),
    [list.data, firstUsers.data, filteredUser.data],
  );
  const columns = useAuditColumns({
    onOpen: setDetail,
    userNames,
    accounts: accounts.data,
    roles: roles.data,
  });
  const filtered = searchKey !== '';

  return (
    <SpaceBetween size="l">
      <Table<AuditEventSchema>
        variant="full-page"
        items={events}
        trackBy="id"
        loading={waitingForPage}
        loadingText={t('app.loading')}
        wrapLines
        header={
          <Header
            variant="h1"
            description={t('audit.description')}
            counter={
              list.data
                ? `(${formatNumber(pages.reduce((n, p) => n + p.events.length, 0))}${list.hasNextPage ? '+' : ''})`
                : undefined
            }
            actions={
              <SpaceBetween direction="horizontal" size="xs">
                <Button
                  iconName="refresh"
                  ariaLabel={t('admin.action.refresh')}
                  loading={list.isRefetching}
                  onClick={() => setRefreshes((n) => n + 1)}
                />
                <Button iconName="download" href={auditExportUrl(query, 'csv')} download>
                  {t('audit.export.csv')}
                </Button>
                <Button iconName="download" href={auditExportUrl(query, 'jsonl')} download>
                  {t('audit.export.jsonl')}
                </Button>
              </SpaceBetween>
            }
          >
            {t('app.audit')}
          </Header>
        }
        filter={
          <AuditFilters
            filter={filter}
            update={update}
            actionText={actionText}
            onActionText={setActionText}
            filtered={filtered}
            onClear={() => {
              setActionText('');
              setParams(filterToSearch(EMPTY_FILTER), { replace: true });
            }}
          />
        }
        pagination={
          <Pagination
            currentPageIndex={pageIndex}
            pagesCount={Math.max(1, pages.length)}
            openEnd={Boolean(list.hasNextPage)}
            disabled={waitingForPage}
            onChange={({ detail }) => setPageIndex(detail.currentPageIndex)}
            onNextPageClick={({ detail }) => {
              if (!detail.requestedPageAvailable && list.hasNextPage) {
                void list.fetchNextPage();
              }
              setPageIndex(detail.requestedPageIndex);
            }}
          />
        }
        empty={<TableEmpty status={list} text={filtered ? t('audit.emptyFiltered') : t('audit.empty')} />}
        columnDefinitions={columns}
      />
      <VerifyPanel />
      <AuditDetailModal
        event={detail}
        accounts={accounts.data ?? []}
        roles={roles.data ?? []}
        userNames={userNames}
        onDismiss={() => setDetail(null)}
      />
    </SpaceBetween>
  );
}
