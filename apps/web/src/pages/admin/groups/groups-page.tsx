/** Groups: create, rename, delete (their memberships and grants go with them). */
import type { AdminGroup } from '@gatehouse/contracts';
import { useI18n } from '../../../i18n';
import { byNumber, nameColumn } from '../shared/admin-table';
import { EntityListPage } from '../shared/entity-list-page';
import { useFlash } from '../shared/flash';
import { RouterLink, useAdminPath } from '../shared/nav';
import { useGroups } from '../shared/queries';
import { GroupFormModal } from './group-form-modal';

const groupFilterFields = (g: AdminGroup) => [g.name, g.description];

export function GroupsPage() {
  const { t, formatDateTime, formatNumber } = useI18n();
  const adminPath = useAdminPath();
  const flash = useFlash();
  const groups = useGroups();

  return (
    <EntityListPage<AdminGroup>
      area="groups"
      flash={flash}
      rows={groups.data}
      status={groups}
      filterFields={groupFilterFields}
      nameOf={(g) => g.name}
      deleteBody={(g) => t('admin.groups.confirm.deleteBody', { count: g?.memberCount ?? 0 })}
      renderForm={({ item, onDismiss, onSaved }) => (
        <GroupFormModal group={item} onDismiss={onDismiss} onSaved={onSaved} />
      )}
      columnDefinitions={[
        nameColumn(
          'name',
          t('admin.groups.field.name'),
          (g) => g.name,
          (g) => <RouterLink href={adminPath(`groups/${g.id}`)}>{g.name}</RouterLink>,
        ),
        { id: 'description', header: t('admin.field.description'), cell: (g) => g.description || '—' },
        {
          id: 'members',
          header: t('admin.groups.column.members'),
          sortingComparator: byNumber((x) => x.memberCount),
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
  );
}
