/** The grants table's columns: who, which role in which account, how, for how long, from where. */
import SpaceBetween from '@cloudscape-design/components/space-between';
import StatusIndicator from '@cloudscape-design/components/status-indicator';
import type { TableProps } from '@cloudscape-design/components/table';
import type { AdminGrant } from '@gatehouse/contracts';
import { useI18n } from '../../../i18n';
import { nameColumn } from '../shared/admin-table';
import { compareText } from '../shared/collection';
import { RouterLink, useAdminPath } from '../shared/nav';
import { WithDetail } from '../shared/with-detail';

export function useGrantColumns(): TableProps<AdminGrant>['columnDefinitions'] {
  const { t, formatDateTime, formatDuration } = useI18n();
  const adminPath = useAdminPath();
  return [
    nameColumn(
      'subject',
      t('admin.grants.column.subject'),
      (g) => g.subject.name,
      (g) => (
        <SpaceBetween direction="horizontal" size="xxs">
          <span>
            {g.subject.type === 'user' ? t('admin.grants.subject.user') : t('admin.grants.subject.group')}
          </span>
          <RouterLink href={adminPath(`${g.subject.type === 'user' ? 'users' : 'groups'}/${g.subject.id}`)}>
            {g.subject.name}
          </RouterLink>
        </SpaceBetween>
      ),
    ),
    {
      id: 'role',
      header: t('admin.grants.column.role'),
      sortingComparator: (a, b) => compareText(a.role.displayName, b.role.displayName),
      cell: (g) => (
        <WithDetail detail={g.role.arn}>
          <span>{g.role.displayName}</span>
        </WithDetail>
      ),
    },
    {
      id: 'account',
      header: t('admin.grants.column.account'),
      sortingComparator: (a, b) => compareText(a.account.name, b.account.name),
      cell: (g) => `${g.account.name} (${g.account.awsAccountId})`,
    },
    {
      id: 'access',
      header: t('admin.grants.column.access'),
      cell: (g) =>
        [
          g.allowConsole ? t('admin.grants.field.console') : null,
          g.allowCli ? t('admin.grants.field.cli') : null,
        ]
          .filter(Boolean)
          .join(' · '),
    },
    {
      id: 'maxSession',
      header: t('admin.grants.column.maxSession'),
      cell: (g) =>
        g.maxSessionSeconds ? formatDuration(g.maxSessionSeconds) : t('admin.grants.roleMaximum'),
    },
    {
      id: 'cidrs',
      header: t('admin.grants.column.cidrs'),
      cell: (g) => (g.sourceCidrs.length === 0 ? t('admin.grants.anywhere') : g.sourceCidrs.join(', ')),
    },
    {
      id: 'expires',
      header: t('admin.grants.column.expires'),
      sortingComparator: (a, b) => (a.expiresAt ?? '9999').localeCompare(b.expiresAt ?? '9999'),
      cell: (g) =>
        g.expired ? (
          <StatusIndicator type="stopped">
            {t('admin.grants.expiredAt', { at: formatDateTime(g.expiresAt ?? '') })}
          </StatusIndicator>
        ) : g.expiresAt ? (
          formatDateTime(g.expiresAt)
        ) : (
          t('admin.grants.never')
        ),
    },
    { id: 'note', header: t('admin.grants.column.note'), cell: (g) => g.note || '—' },
  ];
}
