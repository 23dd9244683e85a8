/**
 * Grants as a table, for the grants page and for one user, group or role: filter, page, edit one,
 * delete several (after confirming).
 */
import { useState } from 'react';
import type { ReactNode } from 'react';
import Button from '@cloudscape-design/components/button';
import SpaceBetween from '@cloudscape-design/components/space-between';
import type { AdminGrant, AdminGrantListQuery } from '@gatehouse/contracts';
import { del } from '../../../api';
import { useI18n } from '../../../i18n';
import { AdminTable } from '../shared/admin-table';
import { useBulkChange } from '../shared/bulk-change';
import { useClientCollection } from '../shared/collection';
import { ConfirmModal } from '../shared/confirm-modal';
import { useAdminPath, useRouterFollow } from '../shared/nav';
import { itemUrl, useGrants, useInvalidateAdmin } from '../shared/queries';
import { useConfirmation } from '../shared/use-confirmation';
import { useRowSelection } from '../shared/use-row-selection';
import { useGrantColumns } from './grant-columns';
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

/** The create form starts with the role, user or group the list is narrowed to. */
function createGrantPath(query: AdminGrantListQuery): string {
  const search = new URLSearchParams(
    Object.entries(query).filter((e): e is [string, string] => typeof e[1] === 'string'),
  ).toString();
  return `grants/new${search ? `?${search}` : ''}`;
}

export function GrantsTable({
  query,
  title,
  description,
  notify,
  headingLevel = 'h2',
  filters,
}: {
  query: AdminGrantListQuery;
  title: string;
  description?: string;
  notify: (message: string) => void;
  headingLevel?: 'h1' | 'h2';
  /** Extra filter controls shown beside the text filter. */
  filters?: ReactNode;
}) {
  const { t, formatNumber } = useI18n();
  const columns = useGrantColumns();
  const adminPath = useAdminPath();
  const follow = useRouterFollow();
  const invalidate = useInvalidateAdmin();
  const grants = useGrants(query);
  const collection = useClientCollection(grants.data, { filterFields: grantFilterFields });
  const selection = useRowSelection(grants.data, (g) => g.id);
  const { selected } = selection;
  const [editing, setEditing] = useState<AdminGrant | null>(null);
  const confirm = useConfirmation(() => remove.reset());

  const remove = useBulkChange(
    (id: string) => del(itemUrl('grants', id)),
    (count) => {
      confirm.hide();
      selection.clear();
      notify(t('admin.grants.done.deleted', { count }));
    },
  );

  return (
    <>
      <AdminTable<AdminGrant>
        collection={collection}
        status={grants}
        heading={headingLevel}
        title={title}
        counter={grants.data?.length}
        description={description}
        actions={
          <SpaceBetween direction="horizontal" size="xs">
            <Button disabled={selected.length !== 1} onClick={() => setEditing(selected[0] ?? null)}>
              {t('admin.action.edit')}
            </Button>
            <Button disabled={selected.length === 0} onClick={confirm.show}>
              {t('admin.action.delete')}
            </Button>
            <Button variant="primary" href={adminPath(createGrantPath(query))} onFollow={follow}>
              {t('admin.grants.create.button')}
            </Button>
          </SpaceBetween>
        }
        filterLabel={t('admin.grants.filter')}
        filtersBeside={filters}
        emptyText={t('admin.grants.empty')}
        selection={{
          type: 'multi',
          ...selection,
          nameOf: (g) => `${g.subject.name} → ${g.role.displayName}`,
        }}
        trackBy="id"
        columnDefinitions={columns}
      />
      <ConfirmModal
        visible={confirm.open}
        title={t('admin.grants.confirm.deleteTitle', { count: selected.length })}
        confirmLabel={t('admin.action.delete')}
        busy={remove.isPending}
        error={remove.error}
        onConfirm={() => remove.mutate(selected.map((g) => g.id))}
        onDismiss={confirm.hide}
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
