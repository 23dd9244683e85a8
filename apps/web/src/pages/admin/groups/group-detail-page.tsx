/** One group: its members (add several at once, remove with confirmation) and its grants. */
import { useState } from 'react';
import { useParams } from 'react-router';
import SpaceBetween from '@cloudscape-design/components/space-between';
import type { AdminGroup } from '@gatehouse/contracts';
import { useDocumentTitle } from '../../../hooks/use-document-title';
import { useI18n } from '../../../i18n';
import { ConfirmModal } from '../shared/confirm-modal';
import { DetailPage, EditDeleteHeader, useDeleteAndReturn } from '../shared/detail-page';
import { useFlash } from '../shared/flash';
import { useAdminPath } from '../shared/nav';
import { itemUrl, useGroup, useInvalidateAdmin } from '../shared/queries';
import { GrantsTable } from '../grants/grants-table';
import { GroupFormModal } from './group-form-modal';
import { GroupMembers } from './group-members';

export function GroupDetailPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const adminPath = useAdminPath();
  const flash = useFlash();
  const invalidate = useInvalidateAdmin();
  const group = useGroup(id);
  useDocumentTitle(group.data?.name ?? t('admin.nav.groups'));
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [editing, setEditing] = useState(false);
  const remove = useDeleteAndReturn<AdminGroup>(
    (g) => itemUrl('groups', g.id),
    'groups',
    (g) => t('admin.groups.done.deleted', { name: g.name }),
  );

  const name = group.data?.name ?? id;
  return (
    <DetailPage
      crumbs={[
        { text: t('admin.nav.groups'), path: 'groups' },
        { text: name, path: `groups/${id}` },
      ]}
      flash={flash}
      query={group}
    >
      {(data) => (
        <>
          <SpaceBetween size="l">
            <EditDeleteHeader
              title={data.name}
              description={data.description}
              onEdit={() => setEditing(true)}
              onDelete={() => {
                remove.reset();
                setConfirmDelete(true);
              }}
            />
            <GroupMembers groupId={id} groupName={name} notify={flash.notify} />
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
              group={data}
              onDismiss={() => setEditing(false)}
              onSaved={async (g) => {
                setEditing(false);
                flash.notify(t('admin.groups.done.saved', { name: g.name }));
                await invalidate();
              }}
            />
          ) : null}
          <ConfirmModal
            visible={confirmDelete}
            title={t('admin.groups.confirm.deleteTitle', { name })}
            confirmLabel={t('admin.action.delete')}
            busy={remove.isPending}
            error={remove.error}
            onConfirm={() => remove.mutate(data)}
            onDismiss={() => setConfirmDelete(false)}
          >
            {t('admin.groups.confirm.deleteBody', { count: data.memberCount })}
          </ConfirmModal>
        </>
      )}
    </DetailPage>
  );
}
