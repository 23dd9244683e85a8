/** One user: who they are, their state, their groups and direct grants, and a way into their audit trail. */
import { useParams } from 'react-router';
import BreadcrumbGroup from '@cloudscape-design/components/breadcrumb-group';
import Container from '@cloudscape-design/components/container';
import Header from '@cloudscape-design/components/header';
import KeyValuePairs from '@cloudscape-design/components/key-value-pairs';
import SpaceBetween from '@cloudscape-design/components/space-between';
import Spinner from '@cloudscape-design/components/spinner';
import { useDocumentTitle } from '../../../hooks/use-document-title';
import { useI18n } from '../../../i18n';
import { ApiErrorAlert } from '../shared/errors';
import { useFlash } from '../shared/flash';
import { AUDIT_PATH, RouterLink, useAdminPath, useRouterFollow } from '../shared/nav';
import { useUser } from '../shared/queries';
import { GrantsTable } from '../grants/grants-table';
import { UserActions } from './user-actions';
import { UserStatusIndicator } from './user-status-indicator';

export function UserDetailPage() {
  const { id = '' } = useParams();
  const { t, formatDateTime } = useI18n();
  const adminPath = useAdminPath();
  const follow = useRouterFollow();
  const flash = useFlash();
  const user = useUser(id);
  useDocumentTitle(user.data?.username ?? t('admin.nav.users'));

  return (
    <SpaceBetween size="m">
      <BreadcrumbGroup
        ariaLabel={t('admin.breadcrumbs')}
        onFollow={follow}
        items={[
          { text: t('admin.nav.users'), href: adminPath('users') },
          { text: user.data?.username ?? id, href: adminPath(`users/${id}`) },
        ]}
      />
      {flash.element}
      {user.isPending ? (
        <Spinner size="large" />
      ) : user.isError ? (
        <ApiErrorAlert error={user.error} />
      ) : (
        <SpaceBetween size="l">
          <Header
            variant="h1"
            description={user.data.displayName}
            actions={<UserActions user={user.data} notify={flash.notify} />}
          >
            {user.data.username}
          </Header>
          <Container header={<Header variant="h2">{t('admin.users.detail.overview')}</Header>}>
            <KeyValuePairs
              columns={3}
              items={[
                { label: t('admin.users.field.displayName'), value: user.data.displayName },
                { label: t('admin.users.field.email'), value: user.data.email ?? '—' },
                { label: t('admin.users.column.status'), value: <UserStatusIndicator user={user.data} /> },
                {
                  label: t('admin.users.column.role'),
                  value: user.data.isAdmin ? t('admin.users.admin') : t('admin.users.member'),
                },
                {
                  label: t('admin.users.column.mfa'),
                  value: user.data.mfaEnrolled
                    ? t('admin.users.mfa.enrolled')
                    : t('admin.users.mfa.notEnrolled'),
                },
                {
                  label: t('admin.users.column.lastLogin'),
                  value: user.data.lastLoginAt
                    ? formatDateTime(user.data.lastLoginAt)
                    : t('admin.users.never'),
                },
                { label: t('admin.field.createdAt'), value: formatDateTime(user.data.createdAt) },
                {
                  label: t('admin.users.column.groups'),
                  value:
                    user.data.groups.length === 0 ? (
                      '—'
                    ) : (
                      <SpaceBetween direction="horizontal" size="xs">
                        {user.data.groups.map((g) => (
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
                    <RouterLink href={`${AUDIT_PATH}?user=${encodeURIComponent(user.data.id)}`}>
                      {t('admin.users.detail.auditLink')}
                    </RouterLink>
                  ),
                },
              ]}
            />
          </Container>
          <GrantsTable
            query={{ userId: user.data.id }}
            title={t('admin.users.detail.grants')}
            description={t('admin.users.detail.grantsHint')}
            notify={flash.notify}
            createHref={adminPath(`grants/new?userId=${encodeURIComponent(user.data.id)}`)}
          />
        </SpaceBetween>
      )}
    </SpaceBetween>
  );
}
