/**
 * Revocations at AWS as a table, for one user (a row per role they had sessions on) or for one
 * role (a row per user, grant or CLI login whose sessions it denies). Newest first, as the API
 * answers; paged in the browser.
 */
import { useState } from 'react';
import Box from '@cloudscape-design/components/box';
import Pagination from '@cloudscape-design/components/pagination';
import Table from '@cloudscape-design/components/table';
import type { TableProps } from '@cloudscape-design/components/table';
import { useI18n } from '../../../i18n';
import type { I18n } from '../../../i18n';
import type { QueryStatus } from '../shared/admin-table';
import { TableEmpty } from '../shared/admin-table';
import { paginate } from '../shared/collection';
import { RouterLink, useAdminPath } from '../shared/nav';
import { WithDetail } from '../shared/with-detail';
import { REASON_LABEL, SCOPE_LABEL } from './revocation-labels';
import { revocationTotal } from './revocation-model';
import type { Revocation, RevocationList } from './revocation-model';
import { RevocationStatus, nextAttemptText } from './revocation-status';

/** `user`: the rows of one user, by role. `role`: the rows of one role, by whose sessions. */
export type RevocationView = 'user' | 'role';

type Column = TableProps.ColumnDefinition<Revocation>;

function reasonColumn({ t }: I18n): Column {
  return {
    id: 'reason',
    header: t('admin.revocations.column.reason'),
    cell: (r) => (
      <WithDetail
        detail={
          r.requestedBy
            ? t('admin.revocations.requestedBy', { name: r.requestedBy })
            : t('admin.revocations.requestedByServer')
        }
      >
        <span>{t(REASON_LABEL[r.reason])}</span>
      </WithDetail>
    ),
  };
}

function timeColumns({ t, formatDateTime }: I18n): { cutoff: Column; applied: Column } {
  return {
    cutoff: {
      id: 'cutoff',
      header: t('admin.revocations.column.cutoff'),
      cell: (r) => formatDateTime(r.cutoff),
    },
    applied: {
      id: 'applied',
      header: t('admin.revocations.column.applied'),
      cell: (r) => (r.appliedAt ? formatDateTime(r.appliedAt) : '—'),
    },
  };
}

function useColumns(view: RevocationView): Column[] {
  const i18n = useI18n();
  const { t, formatNumber, formatDateTime } = i18n;
  const adminPath = useAdminPath();
  const { cutoff, applied } = timeColumns(i18n);
  const status = (withNextAttempt: boolean): Column => ({
    id: 'status',
    header: t('admin.revocations.column.status'),
    cell: (r) => <RevocationStatus revocation={r} withNextAttempt={withNextAttempt} />,
    // Wide enough that a one-word status ("Applied", 「適用済み」) never breaks mid-word.
    minWidth: 130,
  });

  if (view === 'user') {
    return [
      {
        id: 'role',
        header: t('admin.revocations.column.role'),
        isRowHeader: true,
        cell: (r) => (
          <WithDetail
            detail={
              r.role.id
                ? t('admin.revocations.account', { id: r.role.awsAccountId })
                : `${t('admin.revocations.account', { id: r.role.awsAccountId })} · ${t('admin.revocations.roleGone')}`
            }
          >
            {r.role.id ? (
              <RouterLink href={adminPath(`roles/${r.role.id}`)}>{r.role.name}</RouterLink>
            ) : (
              <span>{r.role.name}</span>
            )}
          </WithDetail>
        ),
      },
      reasonColumn(i18n),
      { id: 'scope', header: t('admin.revocations.column.scope'), cell: (r) => t(SCOPE_LABEL[r.scope]) },
      cutoff,
      status(true),
      {
        id: 'liveSessions',
        header: t('admin.revocations.column.liveSessions'),
        cell: (r) => formatNumber(r.liveSessions),
      },
      applied,
    ];
  }

  const targetDetail = (r: Revocation): string => {
    const parts = [t(SCOPE_LABEL[r.scope])];
    if (r.grantId) parts.push(t('admin.revocations.grant', { id: r.grantId }));
    if (r.loginId) parts.push(t('admin.revocations.login', { id: r.loginId }));
    return parts.join(' · ');
  };
  return [
    {
      id: 'target',
      header: t('admin.revocations.column.target'),
      isRowHeader: true,
      cell: (r) => (
        <WithDetail detail={targetDetail(r)}>
          {r.user ? (
            <RouterLink href={adminPath(`users/${r.user.id}`)}>{r.user.username}</RouterLink>
          ) : (
            <span>{t('admin.revocations.everyone')}</span>
          )}
        </WithDetail>
      ),
    },
    reasonColumn(i18n),
    status(false),
    {
      id: 'nextAttempt',
      header: t('admin.revocations.column.nextAttempt'),
      cell: (r) => nextAttemptText(r, formatDateTime),
    },
    cutoff,
    applied,
  ];
}

export const REVOCATION_PAGE_SIZE = 25;

export function RevocationTable({
  view,
  revocations,
  status,
  tableLabel,
  emptyText,
}: {
  view: RevocationView;
  revocations: readonly Revocation[] | undefined;
  status: QueryStatus;
  /** Names the table for screen readers; the panel around it has the visible heading. */
  tableLabel: string;
  emptyText: string;
}) {
  const { t } = useI18n();
  const columns = useColumns(view);
  const [pageIndex, setPageIndex] = useState(1);
  const page = paginate(revocations ?? [], pageIndex, REVOCATION_PAGE_SIZE);
  return (
    <Table<Revocation>
      variant="borderless"
      items={page.items}
      trackBy="id"
      loading={status.isPending}
      loadingText={t('app.loading')}
      wrapLines
      ariaLabels={{ tableLabel }}
      columnDefinitions={columns}
      empty={<TableEmpty status={status} text={emptyText} />}
      pagination={
        page.pagesCount > 1 ? (
          <Pagination
            currentPageIndex={page.currentPageIndex}
            pagesCount={page.pagesCount}
            onChange={({ detail }) => setPageIndex(detail.currentPageIndex)}
          />
        ) : undefined
      }
    />
  );
}

/** The API's largest page: enough for a user's sentence to count every role they had sessions on. */
export const REVOCATIONS_PER_REQUEST = 200;

/** Said under the table when the API answered only the newest part of what matches. */
export function ShownNote({ list }: { list: RevocationList | undefined }) {
  const { t, formatNumber } = useI18n();
  if (!list) return null;
  const shown = list.revocations.length;
  const total = revocationTotal(list.counts);
  if (shown >= total) return null;
  return (
    <Box variant="small" color="text-body-secondary">
      {t('admin.revocations.shown', { shown: formatNumber(shown), total: formatNumber(total) })}
    </Box>
  );
}
