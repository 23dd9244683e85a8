/** Users, searched and paged by the server (there may be thousands). */
import { useEffect, useState } from 'react';
import Badge from '@cloudscape-design/components/badge';
import Button from '@cloudscape-design/components/button';
import SpaceBetween from '@cloudscape-design/components/space-between';
import type { AdminUser, AdminUserCreated } from '@gatehouse/contracts';
import { useDocumentTitle } from '../../../hooks/use-document-title';
import { useI18n } from '../../../i18n';
import { AdminTable } from '../shared/admin-table';
import { useFlash } from '../shared/flash';
import { RouterLink, useAdminPath } from '../shared/nav';
import { useInvalidateAdmin, useUserList } from '../shared/queries';
import { TwoStateStatus } from '../shared/two-state-status';
import { useDebounced } from '../shared/use-debounced';
import { useRowSelection } from '../shared/use-row-selection';
import { EnrolmentLinkModal } from './enrolment-link-modal';
import { UserActions } from './user-actions';
import { UserFormModal } from './user-form-modal';
import { UserStatusIndicator } from './user-status-indicator';

const PAGE_SIZE = 50;

export function UsersPage() {
  const { t, formatDateTime } = useI18n();
  useDocumentTitle(t('admin.nav.users'));
  const adminPath = useAdminPath();
  const flash = useFlash();
  const invalidate = useInvalidateAdmin();
  const [filteringText, setFilteringText] = useState('');
  const search = useDebounced(filteringText.trim(), 300);
  const [pageIndex, setPageIndex] = useState(1);
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<AdminUserCreated | null>(null);
  const list = useUserList(search, PAGE_SIZE, (pageIndex - 1) * PAGE_SIZE);
  // Never a stale copy: after an action the list is refetched and the menu follows the new row.
  const users = list.data?.users ?? [];
  const selection = useRowSelection(users, (u) => u.id);
  const selected = selection.selected[0] ?? null;
  const total = list.data?.total ?? 0;
  const pagesCount = Math.max(1, Math.ceil(total / PAGE_SIZE));
  useEffect(() => setPageIndex(1), [search]);

  return (
    <SpaceBetween size="m">
      {flash.element}
      <AdminTable<AdminUser>
        collection={{
          items: users,
          filteringText,
          setFilteringText,
          matchCount: list.data && search ? total : undefined,
          paginationProps: {
            currentPageIndex: pageIndex,
            pagesCount,
            onChange: ({ detail }) => setPageIndex(detail.currentPageIndex),
          },
        }}
        status={list}
        title={t('admin.nav.users')}
        counter={list.data ? total : undefined}
        description={t('admin.users.description')}
        actions={
          <SpaceBetween direction="horizontal" size="xs">
            <Button
              iconName="refresh"
              ariaLabel={t('admin.action.refresh')}
              loading={list.isFetching && !list.isPending}
              onClick={() => void list.refetch()}
            />
            <UserActions user={selected} notify={flash.notify} />
            <Button variant="primary" onClick={() => setCreating(true)}>
              {t('admin.users.create.button')}
            </Button>
          </SpaceBetween>
        }
        filterLabel={t('admin.users.search')}
        filtered={search !== ''}
        emptyText={t('admin.users.empty')}
        selection={{ type: 'single', ...selection, nameOf: (u) => u.username }}
        trackBy="id"
        tableProps={{
          renderAriaLive: ({ totalItemsCount }) => t('admin.table.live', { count: totalItemsCount ?? 0 }),
          totalItemsCount: total,
        }}
        columnDefinitions={[
          {
            id: 'username',
            header: t('admin.users.field.username'),
            isRowHeader: true,
            cell: (u) => <RouterLink href={adminPath(`users/${u.id}`)}>{u.username}</RouterLink>,
          },
          { id: 'displayName', header: t('admin.users.field.displayName'), cell: (u) => u.displayName },
          { id: 'email', header: t('admin.users.field.email'), cell: (u) => u.email ?? '—' },
          {
            id: 'status',
            header: t('admin.users.column.status'),
            cell: (u) => <UserStatusIndicator user={u} />,
          },
          {
            id: 'admin',
            header: t('admin.users.column.role'),
            cell: (u) =>
              u.isAdmin ? <Badge color="blue">{t('admin.users.admin')}</Badge> : t('admin.users.member'),
          },
          {
            id: 'mfa',
            header: t('admin.users.column.mfa'),
            cell: (u) => (
              <TwoStateStatus
                on={u.mfaEnrolled}
                onText={t('admin.users.mfa.enrolled')}
                offText={t('admin.users.mfa.notEnrolled')}
                offType="pending"
              />
            ),
          },
          {
            id: 'groups',
            header: t('admin.users.column.groups'),
            cell: (u) => (u.groups.length === 0 ? '—' : u.groups.map((g) => g.name).join(', ')),
          },
          {
            id: 'lastLogin',
            header: t('admin.users.column.lastLogin'),
            cell: (u) => (u.lastLoginAt ? formatDateTime(u.lastLoginAt) : t('admin.users.never')),
          },
        ]}
      />
      {creating ? (
        <UserFormModal
          user={null}
          onDismiss={() => setCreating(false)}
          onCreated={async (result) => {
            setCreating(false);
            setCreated(result);
            flash.notify(t('admin.users.done.created', { username: result.user.username }));
            await invalidate();
          }}
          onSaved={() => setCreating(false)}
        />
      ) : null}
      <EnrolmentLinkModal
        link={created?.enrolment ?? null}
        username={created?.user.username ?? ''}
        onDismiss={() => setCreated(null)}
      />
    </SpaceBetween>
  );
}
