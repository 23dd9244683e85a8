/** One group: its members (add several at once, remove with confirmation) and its grants. */
import { useParams } from 'react-router';
import type { AdminGroup } from '@gatehouse/contracts';
import { useI18n } from '../../../i18n';
import { DetailPage, EditableDetail } from '../shared/detail-page';
import { useAdminPath } from '../shared/nav';
import { useGroup } from '../shared/queries';
import { GrantsTable } from '../grants/grants-table';
import { GroupFormModal } from './group-form-modal';
import { GroupMembers } from './group-members';

export function GroupDetailPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const adminPath = useAdminPath();
  const group = useGroup(id);
  return (
    <DetailPage area="groups" id={id} name={group.data?.name} query={group}>
      {(data, flash) => (
        <EditableDetail<AdminGroup>
          area="groups"
          item={data}
          name={(g) => g.name}
          description={data.description}
          flash={flash}
          deleteBody={t('admin.groups.confirm.deleteBody', { count: data.memberCount })}
          renderForm={(props) => <GroupFormModal group={data} {...props} />}
        >
          <GroupMembers groupId={id} groupName={data.name} notify={flash.notify} />
          <GrantsTable
            query={{ groupId: id }}
            title={t('admin.groups.grants')}
            description={t('admin.groups.grantsHint')}
            notify={flash.notify}
            createHref={adminPath(`grants/new?groupId=${encodeURIComponent(id)}`)}
          />
        </EditableDetail>
      )}
    </DetailPage>
  );
}
