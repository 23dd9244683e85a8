/**
 * One role: its settings, its health in IAM, the trust policy to paste, revocation (by hand, and
 * what Gatehouse revoked by itself) and its grants.
 */
import SpaceBetween from '@cloudscape-design/components/space-between';
import type { AdminRole } from '@gatehouse/contracts';
import { useI18n } from '../../../i18n';
import { EditableDetailPage } from '../shared/detail-page';
import { useRole } from '../shared/queries';
import { GrantsTable } from '../grants/grants-table';
import { RoleRevocations } from '../revocations/role-revocations';
import { RevocationPanel } from './revocation-panel';
import { RoleFormModal } from './role-form-modal';
import { RoleHealthPanel } from './role-health-panel';
import { RoleOverview } from './role-overview';
import { TrustPolicyPanel } from './trust-policy-panel';

export function RoleDetailPage() {
  const { t } = useI18n();
  return (
    <EditableDetailPage<AdminRole>
      area="roles"
      load={useRole}
      nameOf={(r) => r.displayName}
      deleteBody={(r) => t('admin.roles.confirm.deleteBody', { count: r.grantCount })}
      renderForm={(r, props) => <RoleFormModal role={r} defaultAccountId={r.accountId} {...props} />}
    >
      {(role, flash) => (
        <SpaceBetween size="l">
          <RoleOverview role={role} />
          <RoleHealthPanel roleId={role.id} />
          <TrustPolicyPanel roleId={role.id} />
          <RevocationPanel role={role} />
          <RoleRevocations role={role} />
          <GrantsTable query={{ roleId: role.id }} title={t('admin.roles.grants')} notify={flash.notify} />
        </SpaceBetween>
      )}
    </EditableDetailPage>
  );
}
