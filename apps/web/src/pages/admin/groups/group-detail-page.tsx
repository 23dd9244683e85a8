/** One group: its members (add several at once, remove with confirmation) and its grants. */
import SpaceBetween from '@cloudscape-design/components/space-between';
import type { AdminGroup } from '@gatehouse/contracts';
import { useI18n } from '../../../i18n';
import { EditableDetailPage } from '../shared/detail-page';
import { useGroup } from '../shared/queries';
import { GrantsTable } from '../grants/grants-table';
import { GroupFormModal } from './group-form-modal';
import { GroupMembers } from './group-members';

export function GroupDetailPage() {
  const { t } = useI18n();
  return (
    <EditableDetailPage<AdminGroup>
      area="groups"
      load={useGroup}
      nameOf={(g) => g.name}
      deleteBody={(g) => t('admin.groups.confirm.deleteBody', { count: g.memberCount })}
      renderForm={(g, props) => <GroupFormModal group={g} {...props} />}
    >
      {(group, flash) => (
        <SpaceBetween size="l">
          <GroupMembers groupId={group.id} groupName={group.name} notify={flash.notify} />
          <GrantsTable
            query={{ groupId: group.id }}
            title={t('admin.groups.grants')}
            description={t('admin.groups.grantsHint')}
            notify={flash.notify}
          />
        </SpaceBetween>
      )}
    </EditableDetailPage>
  );
}
