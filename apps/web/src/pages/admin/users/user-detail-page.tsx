/**
 * One user: who they are, their state, their groups and direct grants, what Gatehouse revoked of
 * their AWS sessions, and a way into their audit trail.
 */
import Header from '@cloudscape-design/components/header';
import SpaceBetween from '@cloudscape-design/components/space-between';
import type { AdminUser } from '@gatehouse/contracts';
import { useI18n } from '../../../i18n';
import { DetailPage } from '../shared/detail-page';
import { AUDIT_PATH, RouterLink, useAdminPath } from '../shared/nav';
import { Overview } from '../shared/overview';
import { useUser } from '../shared/queries';
import { GrantsTable } from '../grants/grants-table';
import { UserRevocations } from '../revocations/user-revocations';
import { UserActions } from './user-actions';
import { UserStatusIndicator } from './user-status-indicator';

function UserOverview({ user }: { user: AdminUser }) {
  const { t, formatDateTime } = useI18n();
  const adminPath = useAdminPath();
  return (
    <Overview
      items={[
        { label: t('admin.users.field.displayName'), value: user.displayName },
        { label: t('admin.users.field.email'), value: user.email ?? '—' },
        { label: t('admin.users.column.status'), value: <UserStatusIndicator user={user} /> },
        {
          label: t('admin.users.column.role'),
          value: user.isAdmin ? t('admin.users.admin') : t('admin.users.member'),
        },
        {
          label: t('admin.users.column.mfa'),
          value: user.mfaEnrolled ? t('admin.users.mfa.enrolled') : t('admin.users.mfa.notEnrolled'),
        },
        {
          label: t('admin.users.column.lastLogin'),
          value: user.lastLoginAt ? formatDateTime(user.lastLoginAt) : t('admin.users.never'),
        },
        { label: t('admin.field.createdAt'), value: formatDateTime(user.createdAt) },
        {
          label: t('admin.users.column.groups'),
          value:
            user.groups.length === 0 ? (
              '—'
            ) : (
              <SpaceBetween direction="horizontal" size="xs">
                {user.groups.map((g) => (
                  <RouterLink key={g.id} href={adminPath(`groups/${g.id}`)}>
                    {g.name}
                  </RouterLink>
                ))}
              </SpaceBetween>
            ),
        },
        {
          label: t('admin.users.detail.audit'),
          value: (
            <RouterLink href={`${AUDIT_PATH}?user=${encodeURIComponent(user.id)}`}>
              {t('admin.users.detail.auditLink')}
            </RouterLink>
          ),
        },
      ]}
    />
  );
}

export function UserDetailPage() {
  const { t } = useI18n();
  return (
    <DetailPage area="users" load={useUser} nameOf={(u) => u.username}>
      {(user, flash) => (
        <SpaceBetween size="l">
          <Header
            variant="h1"
            description={user.displayName}
            actions={<UserActions user={user} notify={flash.notify} />}
          >
            {user.username}
          </Header>
          <UserOverview user={user} />
          <UserRevocations user={user} />
          <GrantsTable
            query={{ userId: user.id }}
            title={t('admin.users.detail.grants')}
            description={t('admin.users.detail.grantsHint')}
            notify={flash.notify}
          />
        </SpaceBetween>
      )}
    </DetailPage>
  );
}
