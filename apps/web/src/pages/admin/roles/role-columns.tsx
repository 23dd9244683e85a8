/** The roles list's columns: names, health in IAM, account, ARN, session length, settings, grants. */
import Badge from '@cloudscape-design/components/badge';
import Box from '@cloudscape-design/components/box';
import SpaceBetween from '@cloudscape-design/components/space-between';
import type { TableProps } from '@cloudscape-design/components/table';
import type { AdminAccount, AdminRole, RoleHealthEntry } from '@gatehouse/contracts';
import { useI18n } from '../../../i18n';
import { byNumber, nameColumn } from '../shared/admin-table';
import { compareText } from '../shared/collection';
import { CountLink, RouterLink, useAdminPath } from '../shared/nav';
import { WithDetail } from '../shared/with-detail';
import { AccountName } from '../accounts/account-name';
import { RoleHealthStatus } from './role-health-status';

export interface RoleRow extends AdminRole {
  account: AdminAccount | undefined;
  health: RoleHealthEntry | undefined;
}

const HEALTH_ORDER = ['error', 'warning', 'unknown', 'unchecked', 'ok'] as const;

const healthRank = (r: RoleRow) => HEALTH_ORDER.indexOf(r.health?.status ?? 'unchecked');

export function useRoleColumns(): TableProps<RoleRow>['columnDefinitions'] {
  const { t, formatDateTime, formatDuration } = useI18n();
  const adminPath = useAdminPath();
  return [
    nameColumn(
      'displayName',
      t('admin.roles.field.displayName'),
      (r) => r.displayName,
      (r) => (
        <WithDetail detail={r.roleName}>
          <RouterLink href={adminPath(`roles/${r.id}`)}>{r.displayName}</RouterLink>
        </WithDetail>
      ),
    ),
    {
      id: 'health',
      header: t('admin.roles.health.column'),
      sortingComparator: (a, b) => healthRank(a) - healthRank(b),
      cell: (r) => (
        <WithDetail detail={r.health?.checkedAt ? formatDateTime(r.health.checkedAt) : null}>
          <RoleHealthStatus status={r.health?.status ?? 'unchecked'} />
        </WithDetail>
      ),
    },
    {
      id: 'account',
      header: t('admin.roles.field.account'),
      sortingComparator: (a, b) => compareText(a.account?.name ?? '', b.account?.name ?? ''),
      cell: (r) => (r.account ? <AccountName account={r.account} /> : '—'),
    },
    { id: 'arn', header: t('admin.roles.column.arn'), cell: (r) => <Box variant="code">{r.arn}</Box> },
    {
      id: 'maxSession',
      header: t('admin.roles.field.maxSession'),
      sortingComparator: byNumber((x) => x.maxSessionSeconds),
      cell: (r) => formatDuration(r.maxSessionSeconds),
    },
    {
      id: 'flags',
      header: t('admin.roles.column.settings'),
      cell: (r) => (
        <SpaceBetween direction="horizontal" size="xxs">
          {r.requiresStepUp ? <Badge color="severity-medium">{t('admin.roles.stepUpBadge')}</Badge> : null}
          {r.sessionPolicy ? <Badge>{t('admin.roles.policyBadge')}</Badge> : null}
          {!r.requiresStepUp && !r.sessionPolicy ? '—' : null}
        </SpaceBetween>
      ),
    },
    {
      id: 'grants',
      header: t('admin.roles.column.grants'),
      sortingComparator: byNumber((x) => x.grantCount),
      cell: (r) => <CountLink count={r.grantCount} path={`grants?roleId=${encodeURIComponent(r.id)}`} />,
    },
  ];
}
