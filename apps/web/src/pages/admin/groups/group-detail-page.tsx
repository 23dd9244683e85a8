/** One group: its members (add several at once, remove with confirmation) and its grants. */
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { useMutation } from '@tanstack/react-query';
import BreadcrumbGroup from '@cloudscape-design/components/breadcrumb-group';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import FormField from '@cloudscape-design/components/form-field';
import Header from '@cloudscape-design/components/header';
import Pagination from '@cloudscape-design/components/pagination';
import SpaceBetween from '@cloudscape-design/components/space-between';
import Spinner from '@cloudscape-design/components/spinner';
import StatusIndicator from '@cloudscape-design/components/status-indicator';
import Table from '@cloudscape-design/components/table';
import TextFilter from '@cloudscape-design/components/text-filter';
import type { AdminGroup, GroupMemberList } from '@gatehouse/contracts';
import { del, post } from '../../../api';
import { useDocumentTitle } from '../../../hooks/use-document-title';
import { useI18n } from '../../../i18n';
import { compareText, useClientCollection } from '../shared/collection';
import { ConfirmModal } from '../shared/confirm-modal';
import { ApiErrorAlert } from '../shared/errors';
import { useFlash } from '../shared/flash';
import { RouterLink, useAdminPath, useRouterFollow } from '../shared/nav';
import { UserMultiselect } from '../shared/pickers';
import type { Option } from '../shared/pickers';
import { useGroup, useInvalidateAdmin, useMembers } from '../shared/queries';
import { selectionLabels } from '../shared/table-labels';
import { GrantsTable } from '../grants/grants-table';
import { GroupFormModal } from './group-form-modal';

type Member = GroupMemberList['members'][number];
const memberFilterFields = (m: Member) => [m.username, m.displayName];

/** One request per user, in order; stops at the first failure and says how many were done. */
export async function addMembers(groupId: string, userIds: readonly string[]): Promise<number> {
  let done = 0;
  for (const userId of userIds) {
    await post(`/api/admin/groups/${encodeURIComponent(groupId)}/members`, { userId });
    done += 1;
  }
  return done;
}

async function removeMembers(groupId: string, userIds: readonly string[]): Promise<number> {
  let done = 0;
  for (const userId of userIds) {
    await del(`/api/admin/groups/${encodeURIComponent(groupId)}/members/${encodeURIComponent(userId)}`);
    done += 1;
  }
  return done;
}

export function GroupDetailPage() {
  const { id = '' } = useParams();
  const { t, formatDateTime, formatNumber } = useI18n();
  const adminPath = useAdminPath();
  const follow = useRouterFollow();
  const navigate = useNavigate();
  const flash = useFlash();
  const invalidate = useInvalidateAdmin();
  const group = useGroup(id);
  const members = useMembers(id);
  useDocumentTitle(group.data?.name ?? t('admin.nav.groups'));
  const collection = useClientCollection(members.data, {
    filterFields: memberFilterFields,
  });
  const [toAdd, setToAdd] = useState<readonly Option[]>([]);
  const [selectedIds, setSelectedIds] = useState<string[]>([]);
  const selected = (members.data ?? []).filter((m) => selectedIds.includes(m.userId));
  const [confirm, setConfirm] = useState<'remove' | 'delete' | null>(null);
  const [editing, setEditing] = useState(false);

  const add = useMutation({
    mutationFn: (userIds: string[]) => addMembers(id, userIds),
    onSuccess: async (count) => {
      setToAdd([]);
      flash.notify(t('admin.groups.done.membersAdded', { count }));
      await invalidate();
    },
    onError: () => invalidate(),
  });
  const remove = useMutation({
    mutationFn: (userIds: string[]) => removeMembers(id, userIds),
    onSuccess: async (count) => {
      setConfirm(null);
      setSelectedIds([]);
      flash.notify(t('admin.groups.done.membersRemoved', { count }));
      await invalidate();
    },
    onError: () => invalidate(),
  });
  const deleteGroup = useMutation({
    mutationFn: (g: AdminGroup) => del(`/api/admin/groups/${encodeURIComponent(g.id)}`),
    onSuccess: async (_r, g) => {
      await invalidate();
      void navigate(adminPath('groups'), {
        state: { flash: t('admin.groups.done.deleted', { name: g.name }) },
      });
    },
  });

  const name = group.data?.name ?? id;
  return (
    <SpaceBetween size="m">
      <BreadcrumbGroup
        ariaLabel={t('admin.breadcrumbs')}
        onFollow={follow}
        items={[
          { text: t('admin.nav.groups'), href: adminPath('groups') },
          { text: name, href: adminPath(`groups/${id}`) },
        ]}
      />
      {flash.element}
      {group.isPending ? (
        <Spinner size="large" />
      ) : group.isError ? (
        <ApiErrorAlert error={group.error} />
      ) : (
        <>
          <SpaceBetween size="l">
            <Header
              variant="h1"
              description={group.data.description || undefined}
              actions={
                <SpaceBetween direction="horizontal" size="xs">
                  <Button onClick={() => setEditing(true)}>{t('admin.action.edit')}</Button>
                  <Button
                    onClick={() => {
                      deleteGroup.reset();
                      setConfirm('delete');
                    }}
                  >
                    {t('admin.action.delete')}
                  </Button>
                </SpaceBetween>
              }
            >
              {group.data.name}
            </Header>
            <Table<Member>
              variant="container"
              items={collection.items}
              trackBy="userId"
              loading={members.isPending}
              loadingText={t('app.loading')}
              selectionType="multi"
              selectedItems={selected}
              onSelectionChange={({ detail }) => setSelectedIds(detail.selectedItems.map((m) => m.userId))}
              ariaLabels={selectionLabels<Member>(t, (m) => m.username)}
              {...collection.sortingProps}
              header={
                <Header
                  variant="h2"
                  counter={members.data ? `(${formatNumber(members.data.length)})` : undefined}
                  actions={
                    <Button
                      disabled={selected.length === 0}
                      onClick={() => {
                        remove.reset();
                        setConfirm('remove');
                      }}
                    >
                      {t('admin.groups.removeMembers')}
                    </Button>
                  }
                >
                  {t('admin.groups.column.members')}
                </Header>
              }
              filter={
                <SpaceBetween size="s">
                  <form
                    onSubmit={(event) => {
                      event.preventDefault();
                      const ids = toAdd.map((o) => o.value ?? '').filter(Boolean);
                      if (ids.length > 0) add.mutate(ids);
                    }}
                  >
                    <FormField
                      label={t('admin.groups.addMembers')}
                      description={t('admin.groups.addMembersHint')}
                      secondaryControl={
                        <Button loading={add.isPending} disabled={toAdd.length === 0}>
                          {t('admin.groups.addButton')}
                        </Button>
                      }
                    >
                      <UserMultiselect
                        selected={toAdd}
                        onChange={setToAdd}
                        placeholder={t('admin.grants.chooseUsers')}
                      />
                    </FormField>
                  </form>
                  <ApiErrorAlert error={add.error} onDismiss={() => add.reset()} />
                  <TextFilter
                    filteringText={collection.filteringText}
                    onChange={({ detail }) => collection.setFilteringText(detail.filteringText)}
                    filteringPlaceholder={t('admin.groups.filterMembers')}
                    filteringAriaLabel={t('admin.groups.filterMembers')}
                    filteringClearAriaLabel={t('admin.action.clearFilter')}
                    countText={
                      collection.filteringText
                        ? t('admin.table.matches', { count: collection.filteredCount })
                        : undefined
                    }
                  />
                </SpaceBetween>
              }
              pagination={<Pagination {...collection.paginationProps} />}
              empty={
                members.isError ? (
                  <ApiErrorAlert error={members.error} />
                ) : (
                  <Box textAlign="center" color="inherit">
                    <Box variant="strong">
                      {collection.filteringText ? t('admin.table.noMatches') : t('admin.groups.noMembers')}
                    </Box>
                  </Box>
                )
              }
              columnDefinitions={[
                {
                  id: 'username',
                  header: t('admin.users.field.username'),
                  isRowHeader: true,
                  sortingComparator: (a, b) => compareText(a.username, b.username),
                  cell: (m) => <RouterLink href={adminPath(`users/${m.userId}`)}>{m.username}</RouterLink>,
                },
                { id: 'displayName', header: t('admin.users.field.displayName'), cell: (m) => m.displayName },
                {
                  id: 'status',
                  header: t('admin.users.column.status'),
                  cell: (m) =>
                    m.disabled ? (
                      <StatusIndicator type="stopped">{t('admin.users.status.disabled')}</StatusIndicator>
                    ) : (
                      <StatusIndicator type="success">{t('admin.users.status.enabled')}</StatusIndicator>
                    ),
                },
                {
                  id: 'addedAt',
                  header: t('admin.groups.column.addedAt'),
                  sortingComparator: (a, b) => a.addedAt.localeCompare(b.addedAt),
                  cell: (m) => formatDateTime(m.addedAt),
                },
              ]}
            />
            <GrantsTable
              query={{ groupId: id }}
              title={t('admin.groups.grants')}
              description={t('admin.groups.grantsHint')}
              notify={flash.notify}
              createHref={adminPath(`grants/new?groupId=${encodeURIComponent(id)}`)}
            />
          </SpaceBetween>
          {editing ? (
            <GroupFormModal
              group={group.data}
              onDismiss={() => setEditing(false)}
              onSaved={async (g) => {
                setEditing(false);
                flash.notify(t('admin.groups.done.saved', { name: g.name }));
                await invalidate();
              }}
            />
          ) : null}
          <ConfirmModal
            visible={confirm === 'remove'}
            title={t('admin.groups.confirm.removeTitle', { count: selected.length, name })}
            confirmLabel={t('admin.groups.removeMembers')}
            busy={remove.isPending}
            error={remove.error}
            onConfirm={() => remove.mutate(selected.map((m) => m.userId))}
            onDismiss={() => setConfirm(null)}
          >
            {t('admin.groups.confirm.removeBody', { names: selected.map((m) => m.username).join(', ') })}
          </ConfirmModal>
          <ConfirmModal
            visible={confirm === 'delete'}
            title={t('admin.groups.confirm.deleteTitle', { name })}
            confirmLabel={t('admin.action.delete')}
            busy={deleteGroup.isPending}
            error={deleteGroup.error}
            onConfirm={() => deleteGroup.mutate(group.data)}
            onDismiss={() => setConfirm(null)}
          >
            {t('admin.groups.confirm.deleteBody', { count: group.data.memberCount })}
          </ConfirmModal>
        </>
      )}
    </SpaceBetween>
  );
}
