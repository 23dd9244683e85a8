/**
 * The revocations Gatehouse scheduled by itself on one role (a user disabled, a grant gone, a CLI
 * login revoked, ...), beside the manual "revoke sessions" panel. Refreshes by itself while
 * anything is pending or failing.
 */
import SpaceBetween from '@cloudscape-design/components/space-between';
import type { AdminRole } from '@gatehouse/contracts';
import { Panel } from '../../../components/panel';
import { useI18n } from '../../../i18n';
import { useRevocations } from '../shared/queries';
import { REVOCATIONS_PER_REQUEST, RevocationTable, ShownNote } from './revocation-table';

export function RoleRevocations({ role }: { role: AdminRole }) {
  const { t } = useI18n();
  const list = useRevocations({ roleId: role.id, limit: REVOCATIONS_PER_REQUEST });
  return (
    <Panel title={t('admin.revocations.role.title')} description={t('admin.revocations.role.description')}>
      <SpaceBetween size="m">
        <RevocationTable
          view="role"
          revocations={list.data?.revocations}
          status={list}
          tableLabel={t('admin.revocations.role.tableLabel', { role: role.displayName })}
          emptyText={t('admin.revocations.role.empty')}
        />
        <ShownNote list={list.data} />
      </SpaceBetween>
    </Panel>
  );
}
