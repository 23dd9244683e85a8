/** AWS accounts: id, name, partition, console colour, default region. */
import { useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import Header from '@cloudscape-design/components/header';
import Pagination from '@cloudscape-design/components/pagination';
import SpaceBetween from '@cloudscape-design/components/space-between';
import StatusIndicator from '@cloudscape-design/components/status-indicator';
import Table from '@cloudscape-design/components/table';
import TextFilter from '@cloudscape-design/components/text-filter';
import type { AdminAccount } from '@gatehouse/contracts';
import { del } from '../../../api';
import { useDocumentTitle } from '../../../hooks/use-document-title';
import { useI18n } from '../../../i18n';
import { compareText, useClientCollection } from '../shared/collection';
import { ConfirmModal } from '../shared/confirm-modal';
import { ApiErrorAlert } from '../shared/errors';
import { useFlash } from '../shared/flash';
import { RouterLink, useAdminPath } from '../shared/nav';
import { useAccounts, useInvalidateAdmin } from '../shared/queries';
import { selectionLabels } from '../shared/table-labels';
import { AccountFormModal, PARTITION_LABELS } from './account-form-modal';
import { ColourSwatch } from './colour-picker';
import { DiscoverRolesModal } from './discover-roles-modal';

const accountFilterFields = (a: AdminAccount) => [
  a.name,
  a.awsAccountId,
  a.description,
  a.partition,
  a.defaultRegion,
];

export function AccountsPage() {
  const { t, formatNumber } = useI18n();
  useDocumentTitle(t('admin.nav.accounts'));
  const adminPath = useAdminPath();
  const flash = useFlash();
  const invalidate = useInvalidateAdmin();
  const accounts = useAccounts();
  const collection = useClientCollection(accounts.data, { filterFields: accountFilterFields });
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const selected = accounts.data?.find((a) => a.id === selectedId) ?? null;
  const [form, setForm] = useState<'create' | 'edit' | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [discovering, setDiscovering] = useState(false);

  const remove = useMutation({
    mutationFn: (account: AdminAccount) => del(`/api/admin/accounts/${encodeURIComponent(account.id)}`),
    onSuccess: async (_r, account) => {
      setConfirmDelete(false);
      setSelectedId(null);
      flash.notify(t('admin.accounts.done.deleted', { name: account.name }));
      await invalidate();
    },
  });

  return (
    <SpaceBetween size="m">
      {flash.element}
      <Table<AdminAccount>
        variant="full-page"
        items={collection.items}
        trackBy="id"
        loading={accounts.isPending}
        loadingText={t('app.loading')}
        selectionType="single"
        selectedItems={selected ? [selected] : []}
        onSelectionChange={({ detail }) => setSelectedId(detail.selectedItems[0]?.id ?? null)}
        ariaLabels={selectionLabels<AdminAccount>(t, (a) => a.name)}
        {...collection.sortingProps}
        header={
          <Header
            variant="h1"
            counter={accounts.data ? `(${formatNumber(accounts.data.length)})` : undefined}
            description={t('admin.accounts.description')}
            actions={
              <SpaceBetween direction="horizontal" size="xs">
                <Button disabled={!selected} onClick={() => setDiscovering(true)}>
                  {t('admin.accounts.discover.button')}
                </Button>
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
                  {t('admin.accounts.create.button')}
                </Button>
              </SpaceBetween>
            }
          >
            {t('admin.nav.accounts')}
          </Header>
        }
        filter={
          <TextFilter
            filteringText={collection.filteringText}
            onChange={({ detail }) => collection.setFilteringText(detail.filteringText)}
            filteringPlaceholder={t('admin.accounts.filter')}
            filteringAriaLabel={t('admin.accounts.filter')}
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
          accounts.isError ? (
            <ApiErrorAlert error={accounts.error} />
          ) : (
            <Box textAlign="center" color="inherit">
              <Box variant="strong">
                {collection.filteringText ? t('admin.table.noMatches') : t('admin.accounts.empty')}
              </Box>
            </Box>
          )
        }
        columnDefinitions={[
          {
            id: 'name',
            header: t('admin.accounts.field.name'),
            isRowHeader: true,
            sortingComparator: (a, b) => compareText(a.name, b.name),
            cell: (a) => (
              <SpaceBetween direction="horizontal" size="xs" alignItems="center">
                <ColourSwatch colour={a.colour} />
                <span>{a.name}</span>
              </SpaceBetween>
            ),
          },
          {
            id: 'awsAccountId',
            header: t('admin.accounts.field.accountId'),
            sortingComparator: (a, b) => a.awsAccountId.localeCompare(b.awsAccountId),
            cell: (a) => <Box variant="code">{a.awsAccountId}</Box>,
          },
          {
            id: 'partition',
            header: t('admin.accounts.field.partition'),
            cell: (a) => t(PARTITION_LABELS[a.partition]),
          },
          {
            id: 'defaultRegion',
            header: t('admin.accounts.field.defaultRegion'),
            cell: (a) => a.defaultRegion ?? '—',
          },
          {
            id: 'roles',
            header: t('admin.accounts.column.roles'),
            sortingComparator: (a, b) => a.roleCount - b.roleCount,
            cell: (a) => (
              <RouterLink href={adminPath(`roles?accountId=${encodeURIComponent(a.id)}`)}>
                {formatNumber(a.roleCount)}
              </RouterLink>
            ),
          },
          {
            id: 'status',
            header: t('admin.users.column.status'),
            cell: (a) =>
              a.disabled ? (
                <StatusIndicator type="stopped">{t('admin.accounts.status.disabled')}</StatusIndicator>
              ) : (
                <StatusIndicator type="success">{t('admin.accounts.status.enabled')}</StatusIndicator>
              ),
          },
          { id: 'description', header: t('admin.field.description'), cell: (a) => a.description || '—' },
        ]}
      />
      {form ? (
        <AccountFormModal
          account={form === 'edit' ? selected : null}
          onDismiss={() => setForm(null)}
          onSaved={async (account) => {
            setForm(null);
            flash.notify(
              form === 'edit'
                ? t('admin.accounts.done.saved', { name: account.name })
                : t('admin.accounts.done.created', { name: account.name }),
            );
            await invalidate();
          }}
        />
      ) : null}
      {discovering && selected ? (
        <DiscoverRolesModal
          account={selected}
          onDismiss={() => setDiscovering(false)}
          notify={flash.notify}
        />
      ) : null}
      <ConfirmModal
        visible={confirmDelete && selected !== null}
        title={t('admin.accounts.confirm.deleteTitle', { name: selected?.name ?? '' })}
        confirmLabel={t('admin.action.delete')}
        busy={remove.isPending}
        error={remove.error}
        onConfirm={() => selected && remove.mutate(selected)}
        onDismiss={() => setConfirmDelete(false)}
      >
        {selected && selected.roleCount > 0
          ? t('admin.accounts.confirm.deleteHasRoles', { count: selected.roleCount })
          : t('admin.accounts.confirm.deleteBody')}
      </ConfirmModal>
    </SpaceBetween>
  );
}
