/** Roles the broker may assume, per account; narrowed by `?accountId=` from the accounts list. */
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useMutation } from '@tanstack/react-query';
import Badge from '@cloudscape-design/components/badge';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import Header from '@cloudscape-design/components/header';
import Pagination from '@cloudscape-design/components/pagination';
import SpaceBetween from '@cloudscape-design/components/space-between';
import Table from '@cloudscape-design/components/table';
import TextFilter from '@cloudscape-design/components/text-filter';
import type { AdminAccount, AdminRole, RoleHealthEntry, RoleHealthList } from '@gatehouse/contracts';
import { del, post } from '../../../api';
import { useDocumentTitle } from '../../../hooks/use-document-title';
import { useI18n } from '../../../i18n';
import { compareText, useClientCollection } from '../shared/collection';
import { ConfirmModal } from '../shared/confirm-modal';
import { ApiErrorAlert } from '../shared/errors';
import { useFlash } from '../shared/flash';
import { RouterLink, useAdminPath } from '../shared/nav';
import { AccountSelect } from '../shared/pickers';
import { useAccounts, useInvalidateAdmin, useRoleHealthList, useRoles } from '../shared/queries';
import { selectionLabels } from '../shared/table-labels';
import { ColourSwatch } from '../accounts/colour-picker';
import { RoleFormModal } from './role-form-modal';
import { RoleHealthStatus } from './role-health-status';

interface RoleRow extends AdminRole {
  account: AdminAccount | undefined;
  health: RoleHealthEntry | undefined;
}

const HEALTH_ORDER = ['error', 'warning', 'unknown', 'unchecked', 'ok'] as const;

const roleFilterFields = (r: RoleRow) => [
  r.displayName,
  r.roleName,
  r.arn,
  r.description,
  r.account?.name,
  r.account?.awsAccountId,
];

export function RolesPage() {
  const { t, formatDateTime, formatDuration, formatNumber } = useI18n();
  useDocumentTitle(t('admin.nav.roles'));
  const adminPath = useAdminPath();
  const flash = useFlash();
  const invalidate = useInvalidateAdmin();
  const [params, setParams] = useSearchParams();
  const accountId = params.get('accountId');
  const roles = useRoles();
  const accounts = useAccounts();
  const health = useRoleHealthList();
  const rows = useMemo<RoleRow[] | undefined>(
    () =>
      roles.data
        ?.filter((r) => !accountId || r.accountId === accountId)
        .map((r) => ({
          ...r,
          account: accounts.data?.find((a) => a.id === r.accountId),
          health: health.data?.find((h) => h.roleId === r.id),
        })),
    [roles.data, accounts.data, health.data, accountId],
  );
  const collection = useClientCollection(rows, { filterFields: roleFilterFields });
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const selected = rows?.find((r) => r.id === selectedId) ?? null;
  const [form, setForm] = useState<'create' | 'edit' | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);

  // Asks IAM about the selected role, or every role when none is selected.
  const check = useMutation({
    mutationFn: (roleIds: string[] | undefined) =>
      post<RoleHealthList>('/api/admin/role-health/refresh', roleIds ? { roleIds } : {}),
    onSuccess: async (result) => {
      const problems = result.roles.filter((r) => r.status === 'error' || r.status === 'warning').length;
      flash.notify(
        t('admin.roles.health.done', {
          checked: t('admin.roles.health.doneChecked', { count: result.roles.length }),
          attention: t('admin.roles.health.doneAttention', { count: problems }),
        }),
        problems > 0 ? 'warning' : 'success',
      );
      await invalidate();
    },
  });

  const remove = useMutation({
    mutationFn: (role: AdminRole) => del(`/api/admin/roles/${encodeURIComponent(role.id)}`),
    onSuccess: async (_r, role) => {
      setConfirmDelete(false);
      setSelectedId(null);
      flash.notify(t('admin.roles.done.deleted', { name: role.displayName }));
      await invalidate();
    },
  });

  return (
    <SpaceBetween size="m">
      {flash.element}
      <ApiErrorAlert error={check.error} onDismiss={() => check.reset()} />
      <Table<RoleRow>
        variant="full-page"
        items={collection.items}
        trackBy="id"
        loading={roles.isPending}
        loadingText={t('app.loading')}
        selectionType="single"
        selectedItems={selected ? [selected] : []}
        onSelectionChange={({ detail }) => setSelectedId(detail.selectedItems[0]?.id ?? null)}
        ariaLabels={selectionLabels<RoleRow>(t, (r) => r.displayName)}
        {...collection.sortingProps}
        header={
          <Header
            variant="h1"
            counter={rows ? `(${formatNumber(rows.length)})` : undefined}
            description={t('admin.roles.description')}
            actions={
              <SpaceBetween direction="horizontal" size="xs">
                <Button
                  loading={check.isPending}
                  onClick={() => check.mutate(selected ? [selected.id] : undefined)}
                >
                  {selected ? t('admin.roles.health.checkSelected') : t('admin.roles.health.checkAll')}
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
                  {t('admin.roles.create.button')}
                </Button>
              </SpaceBetween>
            }
          >
            {t('admin.nav.roles')}
          </Header>
        }
        filter={
          <SpaceBetween direction="horizontal" size="xs">
            <TextFilter
              filteringText={collection.filteringText}
              onChange={({ detail }) => collection.setFilteringText(detail.filteringText)}
              filteringPlaceholder={t('admin.roles.filter')}
              filteringAriaLabel={t('admin.roles.filter')}
              filteringClearAriaLabel={t('admin.action.clearFilter')}
              countText={
                collection.filteringText
                  ? t('admin.table.matches', { count: collection.filteredCount })
                  : undefined
              }
            />
            <AccountSelect
              selectedId={accountId}
              onChange={(id) =>
                setParams(
                  (current) => {
                    const next = new URLSearchParams(current);
                    if (id) next.set('accountId', id);
                    else next.delete('accountId');
                    return next;
                  },
                  { replace: true },
                )
              }
              placeholder={t('admin.roles.filterAccount')}
              ariaLabel={t('admin.roles.filterAccount')}
              clearLabel={t('admin.roles.anyAccount')}
            />
          </SpaceBetween>
        }
        pagination={<Pagination {...collection.paginationProps} />}
        empty={
          roles.isError ? (
            <ApiErrorAlert error={roles.error} />
          ) : (
            <Box textAlign="center" color="inherit">
              <Box variant="strong">
                {collection.filteringText || accountId ? t('admin.table.noMatches') : t('admin.roles.empty')}
              </Box>
            </Box>
          )
        }
        columnDefinitions={[
          {
            id: 'displayName',
            header: t('admin.roles.field.displayName'),
            isRowHeader: true,
            sortingComparator: (a, b) => compareText(a.displayName, b.displayName),
            cell: (r) => (
              <SpaceBetween size="xxxs">
                <RouterLink href={adminPath(`roles/${r.id}`)}>{r.displayName}</RouterLink>
                <Box variant="small" color="text-body-secondary">
                  {r.roleName}
                </Box>
              </SpaceBetween>
            ),
          },
          {
            id: 'health',
            header: t('admin.roles.health.column'),
            sortingComparator: (a, b) =>
              HEALTH_ORDER.indexOf(a.health?.status ?? 'unchecked') -
              HEALTH_ORDER.indexOf(b.health?.status ?? 'unchecked'),
            cell: (r) => (
              <SpaceBetween size="xxxs">
                <RoleHealthStatus status={r.health?.status ?? 'unchecked'} />
                {r.health?.checkedAt ? (
                  <Box variant="small" color="text-body-secondary">
                    {formatDateTime(r.health.checkedAt)}
                  </Box>
                ) : null}
              </SpaceBetween>
            ),
          },
          {
            id: 'account',
            header: t('admin.roles.field.account'),
            sortingComparator: (a, b) => compareText(a.account?.name ?? '', b.account?.name ?? ''),
            cell: (r) =>
              r.account ? (
                <SpaceBetween direction="horizontal" size="xs" alignItems="center">
                  <ColourSwatch colour={r.account.colour} />
                  <span>
                    {r.account.name} ({r.account.awsAccountId})
                  </span>
                </SpaceBetween>
              ) : (
                '—'
              ),
          },
          { id: 'arn', header: t('admin.roles.column.arn'), cell: (r) => <Box variant="code">{r.arn}</Box> },
          {
            id: 'maxSession',
            header: t('admin.roles.field.maxSession'),
            sortingComparator: (a, b) => a.maxSessionSeconds - b.maxSessionSeconds,
            cell: (r) => formatDuration(r.maxSessionSeconds),
          },
          {
            id: 'flags',
            header: t('admin.roles.column.settings'),
            cell: (r) => (
              <SpaceBetween direction="horizontal" size="xxs">
                {r.requiresStepUp ? (
                  <Badge color="severity-medium">{t('admin.roles.stepUpBadge')}</Badge>
                ) : null}
                {r.sessionPolicy ? <Badge>{t('admin.roles.policyBadge')}</Badge> : null}
                {!r.requiresStepUp && !r.sessionPolicy ? '—' : null}
              </SpaceBetween>
            ),
          },
          {
            id: 'grants',
            header: t('admin.roles.column.grants'),
            sortingComparator: (a, b) => a.grantCount - b.grantCount,
            cell: (r) => (
              <RouterLink href={adminPath(`grants?roleId=${encodeURIComponent(r.id)}`)}>
                {formatNumber(r.grantCount)}
              </RouterLink>
            ),
          },
        ]}
      />
      {form ? (
        <RoleFormModal
          role={form === 'edit' ? selected : null}
          defaultAccountId={accountId}
          onDismiss={() => setForm(null)}
          onSaved={async (role) => {
            setForm(null);
            flash.notify(
              form === 'edit'
                ? t('admin.roles.done.saved', { name: role.displayName })
                : t('admin.roles.done.created', { name: role.displayName }),
            );
            await invalidate();
          }}
        />
      ) : null}
      <ConfirmModal
        visible={confirmDelete && selected !== null}
        title={t('admin.roles.confirm.deleteTitle', { name: selected?.displayName ?? '' })}
        confirmLabel={t('admin.action.delete')}
        busy={remove.isPending}
        error={remove.error}
        onConfirm={() => selected && remove.mutate(selected)}
        onDismiss={() => setConfirmDelete(false)}
      >
        {t('admin.roles.confirm.deleteBody', { count: selected?.grantCount ?? 0 })}
      </ConfirmModal>
    </SpaceBetween>
  );
}
