/**
 * The audit log: filtered on the server, newest first, paged by cursor (the next page is fetched
 * when asked for), each event openable in full; exports and the chain check use the same filter.
 */
import { useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useInfiniteQuery } from '@tanstack/react-query';
import Autosuggest from '@cloudscape-design/components/autosuggest';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import ColumnLayout from '@cloudscape-design/components/column-layout';
import DateRangePicker from '@cloudscape-design/components/date-range-picker';
import type { DateRangePickerProps } from '@cloudscape-design/components/date-range-picker';
import FormField from '@cloudscape-design/components/form-field';
import Header from '@cloudscape-design/components/header';
import Pagination from '@cloudscape-design/components/pagination';
import Select from '@cloudscape-design/components/select';
import SpaceBetween from '@cloudscape-design/components/space-between';
import StatusIndicator from '@cloudscape-design/components/status-indicator';
import Table from '@cloudscape-design/components/table';
import type { AuditEventSchema, AuditPage as AuditPageBody } from '@gatehouse/contracts';
import { get } from '../../api';
import { useI18n } from '../../i18n';
import { useDocumentTitle } from '../../hooks/use-document-title';
import { ApiErrorAlert } from '../admin/shared/errors';
import { AccountSelect, RoleSelect, USER_PICKER_PAGE, UserSelect } from '../admin/shared/pickers';
import { useAccounts, useRoles, useUser, useUserList } from '../admin/shared/queries';
import { useDebounced } from '../admin/shared/use-debounced';
import { AuditDetailModal } from './audit-detail-modal';
import {
  EMPTY_FILTER,
  OUTCOMES,
  apiFilter,
  auditExportUrl,
  auditListUrl,
  filterFromSearch,
  filterToSearch,
  rangeProblem,
} from './audit-filter';
import type { AuditFilterState, AuditOutcome } from './audit-filter';
import { ACTION_LABELS, ACTION_PREFIXES, OUTCOME_LOOK } from './audit-labels';
import { knownUserNames, shortId, targetName } from './audit-names';
import { VerifyPanel } from './verify-panel';

export const AUDIT_PAGE_SIZE = 50;

const RELATIVE_OPTIONS: DateRangePickerProps.RelativeOption[] = [
  { key: 'last-1-hour', amount: 1, unit: 'hour', type: 'relative' },
  { key: 'last-24-hours', amount: 24, unit: 'hour', type: 'relative' },
  { key: 'last-7-days', amount: 7, unit: 'day', type: 'relative' },
  { key: 'last-30-days', amount: 30, unit: 'day', type: 'relative' },
];

export function AuditPage() {
  const { t, formatDateTime, formatNumber, locale } = useI18n();
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
  const accountName = (id: string | null) => {
    if (!id) return '—';
    const a = accounts.data?.find((x) => x.id === id);
    return a ? `${a.name} (${a.awsAccountId})` : shortId(id);
  };
  const roleName = (id: string | null) => {
    if (!id) return '—';
    return roles.data?.find((x) => x.id === id)?.displayName ?? shortId(id);
  };

  const outcomeOptions = [
    { value: '', label: t('audit.filter.anyOutcome') },
    ...OUTCOMES.map((o) => ({ value: o, label: t(OUTCOME_LOOK[o].label), description: o })),
  ];
  const actionOptions = [
    ...ACTION_PREFIXES.map((p) => ({ value: p, label: p, description: t('audit.filter.prefix') })),
    ...Object.entries(ACTION_LABELS).map(([value, key]) => ({ value, label: value, description: t(key) })),
  ];
  const rangeMessages = {
    incomplete: t('audit.filter.rangeIncomplete'),
    order: t('audit.filter.rangeOrder'),
    amount: t('audit.filter.rangeAmount'),
  };
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
          <SpaceBetween size="s">
            <ColumnLayout columns={3} minColumnWidth={220}>
              <FormField label={t('audit.column.user')}>
                <UserSelect
                  selectedId={filter.user}
                  onChange={(user) => update({ user })}
                  placeholder={t('audit.filter.anyUser')}
                  clearLabel={t('audit.filter.anyUser')}
                />
              </FormField>
              <FormField label={t('audit.column.account')}>
                <AccountSelect
                  selectedId={filter.account}
                  onChange={(account) => update({ account, role: null })}
                  placeholder={t('audit.filter.anyAccount')}
                  clearLabel={t('audit.filter.anyAccount')}
                />
              </FormField>
              <FormField label={t('audit.column.role')}>
                <RoleSelect
                  selectedId={filter.role}
                  accountId={filter.account}
                  onChange={(role) => update({ role })}
                  placeholder={t('audit.filter.anyRole')}
                  clearLabel={t('audit.filter.anyRole')}
                />
              </FormField>
              <FormField label={t('audit.column.action')} description={t('audit.filter.actionHint')}>
                <Autosuggest
                  value={actionText}
                  onChange={({ detail }) => setActionText(detail.value)}
                  onSelect={({ detail }) => {
                    setActionText(detail.value);
                    update({ action: detail.value });
                  }}
                  options={actionOptions}
                  enteredTextLabel={(value) => t('audit.filter.useAction', { action: value })}
                  placeholder={t('audit.filter.anyAction')}
                  ariaLabel={t('audit.column.action')}
                  empty={t('admin.picker.noMatch')}
                />
              </FormField>
              <FormField label={t('audit.column.outcome')}>
                <Select
                  selectedOption={outcomeOptions.find((o) => o.value === (filter.outcome ?? '')) ?? null}
                  onChange={({ detail }) =>
                    update({ outcome: (detail.selectedOption.value || null) as AuditOutcome | null })
                  }
                  options={outcomeOptions}
                />
              </FormField>
              {/* Named by its label alone: an ariaLabel as well made screen readers say it twice. */}
              <FormField label={t('audit.filter.time')}>
                <DateRangePicker
                  value={filter.range}
                  onChange={({ detail }) => update({ range: detail.value })}
                  relativeOptions={RELATIVE_OPTIONS}
                  isValidRange={(range) => {
                    const problem = rangeProblem(range);
                    return problem ? { valid: false, errorMessage: rangeMessages[problem] } : { valid: true };
                  }}
                  placeholder={t('audit.filter.anyTime')}
                  locale={locale}
                  expandToViewport
                />
              </FormField>
            </ColumnLayout>
            {filtered ? (
              <Button
                variant="link"
                onClick={() => {
                  setActionText('');
                  setParams(filterToSearch(EMPTY_FILTER), { replace: true });
                }}
              >
                {t('audit.filter.clear')}
              </Button>
            ) : null}
          </SpaceBetween>
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
        empty={
          list.isError ? (
            <ApiErrorAlert error={list.error} />
          ) : (
            <Box textAlign="center" color="inherit">
              <Box variant="strong">{filtered ? t('audit.emptyFiltered') : t('audit.empty')}</Box>
            </Box>
          )
        }
        // Minimum widths keep lines wrapping between words on a phone (the table scrolls sideways)
        // instead of squeezing every column until dates break after each character.
        columnDefinitions={[
          {
            id: 'time',
            header: t('audit.column.time'),
            isRowHeader: true,
            minWidth: 140,
            cell: (e) => (
              <Button
                variant="inline-link"
                onClick={() => setDetail(e)}
                ariaLabel={t('audit.detail.open', { time: formatDateTime(e.occurredAt), action: e.action })}
              >
                {formatDateTime(e.occurredAt)}
              </Button>
            ),
          },
          {
            id: 'action',
            header: t('audit.column.action'),
            minWidth: 180,
            cell: (e) => {
              const label = ACTION_LABELS[e.action];
              return (
                <SpaceBetween size="xxxs">
                  <span>{label ? t(label) : e.action}</span>
                  {label ? (
                    <Box variant="small" color="text-body-secondary">
                      {e.action}
                    </Box>
                  ) : null}
                </SpaceBetween>
              );
            },
          },
          {
            id: 'outcome',
            header: t('audit.column.outcome'),
            minWidth: 110,
            cell: (e) => (
              <StatusIndicator type={OUTCOME_LOOK[e.outcome].type}>
                {t(OUTCOME_LOOK[e.outcome].label)}
              </StatusIndicator>
            ),
          },
          {
            id: 'actor',
            header: t('audit.column.actor'),
            minWidth: 100,
            cell: (e) => e.actorUsername ?? '—',
          },
          {
            id: 'target',
            header: t('audit.column.target'),
            minWidth: 110,
            cell: (e) => targetName(e, userNames) ?? '—',
          },
          {
            id: 'account',
            header: t('audit.column.account'),
            minWidth: 160,
            cell: (e) => accountName(e.accountId),
          },
          { id: 'role', header: t('audit.column.role'), minWidth: 140, cell: (e) => roleName(e.roleId) },
          { id: 'ip', header: t('audit.column.ip'), minWidth: 110, cell: (e) => e.ip ?? '—' },
        ]}
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
