/** Groups: create, rename, delete (their memberships and grants go with them). */
import { useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import Header from '@cloudscape-design/components/header';
import Pagination from '@cloudscape-design/components/pagination';
import SpaceBetween from '@cloudscape-design/components/space-between';
import Table from '@cloudscape-design/components/table';
import TextFilter from '@cloudscape-design/components/text-filter';
import type { AdminGroup } from '@gatehouse/contracts';
import { del } from '../../../api';
import { useDocumentTitle } from '../../../hooks/use-document-title';
import { useI18n } from '../../../i18n';
import { compareText, useClientCollection } from '../shared/collection';
import { ConfirmModal } from '../shared/confirm-modal';
import { ApiErrorAlert } from '../shared/errors';
import { useFlash } from '../shared/flash';
import { RouterLink, useAdminPath } from '../shared/nav';
import { useGroups, useInvalidateAdmin } from '../shared/queries';
import { selectionLabels } from '../shared/table-labels';
import { GroupFormModal } from './group-form-modal';

const groupFilterFields = (g: AdminGroup) => [g.name, g.description];

export function GroupsPage() {
  const { t, formatDateTime, formatNumber } = useI18n();
  useDocumentTitle(t('admin.nav.groups'));
  const adminPath = useAdminPath();
  const flash = useFlash();
  const invalidate = useInvalidateAdmin();
  const groups = useGroups();
  const collection = useClientCollection(groups.data, { filterFields: groupFilterFields });
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const selected = groups.data?.find((g) => g.id === selectedId) ?? null;
  const [form, setForm] = useState<'create' | 'edit' | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);

  const remove = useMutation({
    mutationFn: (group: AdminGroup) => del(`/api/admin/groups/${encodeURIComponent(group.id)}`),
    onSuccess: async (_result, group) => {
      setConfirmDelete(false);
      setSelectedId(null);
      flash.notify(t('admin.groups.done.deleted', { name: group.name }));
      await invalidate();
    },
  });

  return (
    <SpaceBetween size="m">
      {flash.element}
      <Table<AdminGroup>
        variant="full-page"
        items={collection.items}
        trackBy="id"
        loading={groups.isPending}
        loadingText={t('app.loading')}
        selectionType="single"
        selectedItems={selected ? [selected] : []}
        onSelectionChange={({ detail }) => setSelectedId(detail.selectedItems[0]?.id ?? null)}
        ariaLabels={selectionLabels<AdminGroup>(t, (g) => g.name)}
        {...collection.sortingProps}
        header={
          <Header
            variant="h1"
            counter={groups.data ? `(${formatNumber(groups.data.length)})` : undefined}
            description={t('admin.groups.description')}
            actions={
              <SpaceBetween direction="horizontal" size="xs">
                <Button disabled={!selected} onClick={() => setForm('edit')}>
                  {t('admin.action.edit')}
                </Button>
                <Button
                  disabled={!selected}
                  onClick={() => {
                    remove.reset();
                    setConfirmDelete(true);
                  }}
                >
                  {t('admin.action.delete')}
                </Button>
                <Button variant="primary" onClick={() => setForm('create')}>
                  {t('admin.groups.create.button')}
                </Button>
              </SpaceBetween>
            }
          >
            {t('admin.nav.groups')}
          </Header>
        }
        filter={
          <TextFilter
            filteringText={collection.filteringText}
            onChange={({ detail }) => collection.setFilteringText(detail.filteringText)}
            filteringPlaceholder={t('admin.groups.filter')}
            filteringAriaLabel={t('admin.groups.filter')}
            filteringClearAriaLabel={t('admin.action.clearFilter')}
            countText={
              collection.filteringText
                ? t('admin.table.matches', { count: collection.filteredCount })
                : undefined
            }
          />
        }
        pagination={<Pagination {...collection.paginationProps} />}
        empty={
          groups.isError ? (
            <ApiErrorAlert error={groups.error} />
          ) : (
            <Box textAlign="center" color="inherit">
              <Box variant="strong">
                {collection.filteringText ? t('admin.table.noMatches') : t('admin.groups.empty')}
              </Box>
            </Box>
          )
        }
        columnDefinitions={[
          {
            id: 'name',
            header: t('admin.groups.field.name'),
            isRowHeader: true,
            sortingComparator: (a, b) => compareText(a.name, b.name),
            cell: (g) => <RouterLink href={adminPath(`groups/${g.id}`)}>{g.name}</RouterLink>,
          },
          { id: 'description', header: t('admin.field.description'), cell: (g) => g.description || '—' },
          {
            id: 'members',
            header: t('admin.groups.column.members'),
            sortingComparator: (a, b) => a.memberCount - b.memberCount,
            cell: (g) => formatNumber(g.memberCount),
          },
          {
            id: 'createdAt',
            header: t('admin.field.createdAt'),
            sortingComparator: (a, b) => a.createdAt.localeCompare(b.createdAt),
            cell: (g) => formatDateTime(g.createdAt),
          },
        ]}
      />
      {form ? (
        <GroupFormModal
          group={form === 'edit' ? selected : null}
          onDismiss={() => setForm(null)}
          onSaved={async (group) => {
            setForm(null);
            flash.notify(
              form === 'edit'
                ? t('admin.groups.done.saved', { name: group.name })
                : t('admin.groups.done.created', { name: group.name }),
            );
            await invalidate();
          }}
        />
      ) : null}
      <ConfirmModal
        visible={confirmDelete && selected !== null}
        title={t('admin.groups.confirm.deleteTitle', { name: selected?.name ?? '' })}
        confirmLabel={t('admin.action.delete')}
        busy={remove.isPending}
        error={remove.error}
        onConfirm={() => selected && remove.mutate(selected)}
        onDismiss={() => setConfirmDelete(false)}
      >
        {t('admin.groups.confirm.deleteBody', { count: selected?.memberCount ?? 0 })}
      </ConfirmModal>
    </SpaceBetween>
  );
}
