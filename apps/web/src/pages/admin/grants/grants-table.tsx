/**
 * Grants as a table, for the grants page and for one user, group or role: filter, page, edit one,
 * delete several (after confirming).
 */
import { useState } from 'react';
import type { ReactNode } from 'react';
import { useMutation } from '@tanstack/react-query';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import Header from '@cloudscape-design/components/header';
import Pagination from '@cloudscape-design/components/pagination';
import SpaceBetween from '@cloudscape-design/components/space-between';
import StatusIndicator from '@cloudscape-design/components/status-indicator';
import Table from '@cloudscape-design/components/table';
import TextFilter from '@cloudscape-design/components/text-filter';
import type { AdminGrant, AdminGrantListQuery } from '@gatehouse/contracts';
import { del } from '../../../api';
import { useI18n } from '../../../i18n';
import { compareText, useClientCollection } from '../shared/collection';
import { ConfirmModal } from '../shared/confirm-modal';
import { ApiErrorAlert } from '../shared/errors';
import { RouterLink, useAdminPath, useRouterFollow } from '../shared/nav';
import { useGrants, useInvalidateAdmin } from '../shared/queries';
import { selectionLabels } from '../shared/table-labels';
import { GrantEditModal } from './grant-edit-modal';

const grantFilterFields = (g: AdminGrant) => [
  g.subject.name,
  g.role.displayName,
  g.role.roleName,
  g.role.arn,
  g.account.name,
  g.account.awsAccountId,
  g.note,
  ...g.sourceCidrs,
];

/** Deletes one after another and stops at the first failure, reporting how far it got. */
export async function deleteGrants(ids: readonly string[]): Promise<number> {
  let done = 0;
  for (const id of ids) {
    await del(`/api/admin/grants/${encodeURIComponent(id)}`);
    done += 1;
  }
  return done;
}

export function GrantsTable({
  query,
  title,
  description,
  notify,
  createHref,
  headingLevel = 'h2',
  filters,
}: {
  query: AdminGrantListQuery;
  title: string;
  description?: string;
  notify: (message: string) => void;
  createHref?: string;
  headingLevel?: 'h1' | 'h2';
  /** Extra filter controls shown beside the text filter. */
  filters?: ReactNode;
}) {
  const { t, formatDateTime, formatDuration, formatNumber } = useI18n();
  const adminPath = useAdminPath();
  const follow = useRouterFollow();
  const invalidate = useInvalidateAdmin();
  const grants = useGrants(query);
  const collection = useClientCollection(grants.data, { filterFields: grantFilterFields });
  const [selectedIds, setSelectedIds] = useState<string[]>([]);
  const selected = (grants.data ?? []).filter((g) => selectedIds.includes(g.id));
  const [editing, setEditing] = useState<AdminGrant | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);

  const remove = useMutation({
    mutationFn: deleteGrants,
    onSuccess: async (count) => {
      setConfirmDelete(false);
      setSelectedIds([]);
      notify(t('admin.grants.done.deleted', { count }));
      await invalidate();
    },
    // Some may have gone before the failure: show the list as it is now.
    onError: () => invalidate(),
  });

  return (
    <>
      <Table<AdminGrant>
        variant={headingLevel === 'h1' ? 'full-page' : 'container'}
        items={collection.items}
        trackBy="id"
        loading={grants.isPending}
        loadingText={t('app.loading')}
        selectionType="multi"
        selectedItems={selected}
        onSelectionChange={({ detail }) => setSelectedIds(detail.selectedItems.map((g) => g.id))}
        ariaLabels={selectionLabels<AdminGrant>(t, (g) => `${g.subject.name} → ${g.role.displayName}`)}
        {...collection.sortingProps}
        header={
          <Header
            variant={headingLevel === 'h1' ? 'h1' : 'h2'}
            counter={grants.data ? `(${formatNumber(grants.data.length)})` : undefined}
            {...(description ? { description } : {})}
            actions={
              <SpaceBetween direction="horizontal" size="xs">
                <Button disabled={selected.length !== 1} onClick={() => setEditing(selected[0] ?? null)}>
                  {t('admin.action.edit')}
                </Button>
                <Button
                  disabled={selected.length === 0}
                  onClick={() => {
                    remove.reset();
                    setConfirmDelete(true);
                  }}
                >
                  {t('admin.action.delete')}
                </Button>
                {createHref ? (
                  <Button variant="primary" href={createHref} onFollow={follow}>
                    {t('admin.grants.create.button')}
                  </Button>
                ) : null}
              </SpaceBetween>
            }
          >
            {title}
          </Header>
        }
        filter={
          <SpaceBetween direction="horizontal" size="xs">
            <TextFilter
              filteringText={collection.filteringText}
              onChange={({ detail }) => collection.setFilteringText(detail.filteringText)}
              filteringPlaceholder={t('admin.grants.filter')}
              filteringAriaLabel={t('admin.grants.filter')}
              filteringClearAriaLabel={t('admin.action.clearFilter')}
              countText={
                collection.filteringText
                  ? t('admin.table.matches', { count: collection.filteredCount })
                  : undefined
              }
            />
            {filters}
          </SpaceBetween>
        }
        pagination={<Pagination {...collection.paginationProps} />}
        empty={
          grants.isError ? (
            <ApiErrorAlert error={grants.error} />
          ) : (
            <Box textAlign="center" color="inherit">
              <Box variant="strong">
                {collection.filteringText ? t('admin.table.noMatches') : t('admin.grants.empty')}
              </Box>
            </Box>
          )
        }
        columnDefinitions={[
          {
            id: 'subject',
            header: t('admin.grants.column.subject'),
            isRowHeader: true,
            sortingComparator: (a, b) => compareText(a.subject.name, b.subject.name),
            cell: (g) => (
              <SpaceBetween direction="horizontal" size="xxs">
                <span>
                  {g.subject.type === 'user'
                    ? t('admin.grants.subject.user')
                    : t('admin.grants.subject.group')}
                </span>
                <RouterLink
                  href={adminPath(`${g.subject.type === 'user' ? 'users' : 'groups'}/${g.subject.id}`)}
                >
                  {g.subject.name}
                </RouterLink>
              </SpaceBetween>
            ),
          },
          {
            id: 'role',
            header: t('admin.grants.column.role'),
            sortingComparator: (a, b) => compareText(a.role.displayName, b.role.displayName),
            cell: (g) => (
              <SpaceBetween size="xxxs">
                <span>{g.role.displayName}</span>
                <Box variant="small" color="text-body-secondary">
                  {g.role.arn}
                </Box>
              </SpaceBetween>
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
        ]}
      />
      <ConfirmModal
        visible={confirmDelete}
        title={t('admin.grants.confirm.deleteTitle', { count: selected.length })}
        confirmLabel={t('admin.action.delete')}
        busy={remove.isPending}
        error={remove.error}
        onConfirm={() => remove.mutate(selected.map((g) => g.id))}
        onDismiss={() => setConfirmDelete(false)}
      >
        <SpaceBetween size="xs">
          <span>{t('admin.grants.confirm.deleteBody')}</span>
          <ul>
            {selected.slice(0, 10).map((g) => (
              <li key={g.id}>
                {g.subject.name} → {g.role.displayName} ({g.account.name})
              </li>
            ))}
          </ul>
          {selected.length > 10 ? (
            <span>{t('admin.grants.confirm.andMore', { count: formatNumber(selected.length - 10) })}</span>
          ) : null}
        </SpaceBetween>
      </ConfirmModal>
      {editing ? (
        <GrantEditModal
          grant={editing}
          onDismiss={() => setEditing(null)}
          onSaved={async () => {
            setEditing(null);
            notify(t('admin.grants.done.saved'));
            await invalidate();
          }}
        />
      ) : null}
    </>
  );
}
