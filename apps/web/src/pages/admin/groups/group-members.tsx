/** A group's members: add several users at once, remove the selected ones after confirming. */
import { useState } from 'react';
import Button from '@cloudscape-design/components/button';
import FormField from '@cloudscape-design/components/form-field';
import type { GroupMemberList } from '@gatehouse/contracts';
import { del, post } from '../../../api';
import { useI18n } from '../../../i18n';
import { AdminTable, nameColumn } from '../shared/admin-table';
import { useBulkChange } from '../shared/bulk-change';
import { useClientCollection } from '../shared/collection';
import { ConfirmModal } from '../shared/confirm-modal';
import { ApiErrorAlert } from '../shared/errors';
import { RouterLink, useAdminPath } from '../shared/nav';
import { UserMultiselect } from '../shared/pickers';
import type { Option } from '../shared/pickers';
import { itemUrl, useMembers } from '../shared/queries';
import { EnabledStatus } from '../shared/two-state-status';
import { useConfirmation } from '../shared/use-confirmation';
import { useRowSelection } from '../shared/use-row-selection';

type Member = GroupMemberList['members'][number];
const memberFilterFields = (m: Member) => [m.username, m.displayName];

export function GroupMembers({
  groupId,
  groupName,
  notify,
}: {
  groupId: string;
  groupName: string;
  notify: (message: string) => void;
}) {
  const { t, formatDateTime } = useI18n();
  const adminPath = useAdminPath();
  const members = useMembers(groupId);
  const collection = useClientCollection(members.data, { filterFields: memberFilterFields });
  const [toAdd, setToAdd] = useState<readonly Option[]>([]);
  const selection = useRowSelection(members.data, (m) => m.userId);
  const { selected } = selection;
  const confirm = useConfirmation(() => remove.reset());

  const membersUrl = `${itemUrl('groups', groupId)}/members`;
  const add = useBulkChange(
    (userId: string) => post(membersUrl, { userId }),
    (count) => {
      setToAdd([]);
      notify(t('admin.groups.done.membersAdded', { count }));
    },
  );
  const remove = useBulkChange(
    (userId: string) => del(`${membersUrl}/${encodeURIComponent(userId)}`),
    (count) => {
      confirm.hide();
      selection.clear();
      notify(t('admin.groups.done.membersRemoved', { count }));
    },
  );

  const addForm = (
    <form
      key="add"
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
        <UserMultiselect selected={toAdd} onChange={setToAdd} placeholder={t('admin.grants.chooseUsers')} />
      </FormField>
    </form>
  );

  return (
    <>
      <AdminTable<Member>
        collection={collection}
        status={members}
        heading="h2"
        title={t('admin.groups.column.members')}
        counter={members.data?.length}
        actions={
          <Button disabled={selected.length === 0} onClick={confirm.show}>
            {t('admin.groups.removeMembers')}
          </Button>
        }
        filterLabel={t('admin.groups.filterMembers')}
        filterAbove={[
          addForm,
          <ApiErrorAlert key="add-error" error={add.error} onDismiss={() => add.reset()} />,
        ]}
        emptyText={t('admin.groups.noMembers')}
        selection={{ type: 'multi', ...selection, nameOf: (m) => m.username }}
        trackBy="userId"
        columnDefinitions={[
          nameColumn(
            'username',
            t('admin.users.field.username'),
            (m) => m.username,
            (m) => <RouterLink href={adminPath(`users/${m.userId}`)}>{m.username}</RouterLink>,
          ),
          { id: 'displayName', header: t('admin.users.field.displayName'), cell: (m) => m.displayName },
          {
            id: 'status',
            header: t('admin.users.column.status'),
            cell: (m) => <EnabledStatus area="users" disabled={m.disabled} />,
          },
          {
            id: 'addedAt',
            header: t('admin.groups.column.addedAt'),
            sortingComparator: (a, b) => a.addedAt.localeCompare(b.addedAt),
            cell: (m) => formatDateTime(m.addedAt),
          },
        ]}
      />
      <ConfirmModal
        visible={confirm.open}
        title={t('admin.groups.confirm.removeTitle', { count: selected.length, name: groupName })}
        confirmLabel={t('admin.groups.removeMembers')}
        busy={remove.isPending}
        error={remove.error}
        onConfirm={() => remove.mutate(selected.map((m) => m.userId))}
        onDismiss={confirm.hide}
      >
        {t('admin.groups.confirm.removeBody', { names: selected.map((m) => m.username).join(', ') })}
      </ConfirmModal>
    </>
  );
}
