/** One role: its settings, its health in IAM, the trust policy to paste, revocation and its grants. */
import { useParams } from 'react-router';
import type { AdminRole } from '@gatehouse/contracts';
import { useI18n } from '../../../i18n';
import { DetailPage, EditableDetail } from '../shared/detail-page';
import { useAdminPath } from '../shared/nav';
import { useRole } from '../shared/queries';
import { GrantsTable } from '../grants/grants-table';
import { RevocationPanel } from './revocation-panel';
import { RoleFormModal } from './role-form-modal';
import { RoleHealthPanel } from './role-health-panel';
import { RoleOverview } from './role-overview';
import { TrustPolicyPanel } from './trust-policy-panel';

export function RoleDetailPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const adminPath = useAdminPath();
  const query = useRole(id);
  return (
    <DetailPage area="roles" id={id} name={query.data?.displayName} query={query}>
      {(role, flash) => (
        <EditableDetail<AdminRole>
          area="roles"
          item={role}
          name={(r) => r.displayName}
          description={role.description}
          flash={flash}
          deleteBody={t('admin.roles.confirm.deleteBody', { count: role.grantCount })}
          renderForm={(props) => <RoleFormModal role={role} defaultAccountId={role.accountId} {...props} />}
        >
          <RoleOverview role={role} />
          <RoleHealthPanel roleId={role.id} />
          <TrustPolicyPanel roleId={role.id} />
          <RevocationPanel role={role} />
          <GrantsTable
            query={{ roleId: role.id }}
            title={t('admin.roles.grants')}
            notify={flash.notify}
            createHref={adminPath(`grants/new?roleId=${encodeURIComponent(role.id)}`)}
          />
        </EditableDetail>
      )}
    </DetailPage>
  );
}
