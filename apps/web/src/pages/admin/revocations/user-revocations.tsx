/**
 * A user's AWS sessions as Gatehouse revoked them: one sentence on where things stand (for a
 * disabled user, whether they are cut off everywhere), then a row per role. Refreshes by itself
 * while anything is pending or failing.
 */
import Alert from '@cloudscape-design/components/alert';
import SpaceBetween from '@cloudscape-design/components/space-between';
import type { AdminUser } from '@gatehouse/contracts';
import { Panel } from '../../../components/panel';
import { useI18n } from '../../../i18n';
import { useRevocations } from '../shared/queries';
import { summariseUserRevocations } from './revocation-summary';
import { REVOCATIONS_PER_REQUEST, RevocationTable, ShownNote } from './revocation-table';

export function UserRevocations({ user }: { user: AdminUser }) {
  const i18n = useI18n();
  const { t } = i18n;
  const list = useRevocations({ userId: user.id, limit: REVOCATIONS_PER_REQUEST });
  const summary = list.data ? summariseUserRevocations(list.data, user.disabled, i18n) : null;
  return (
    <Panel title={t('admin.revocations.user.title')} description={t('admin.revocations.user.description')}>
      <SpaceBetween size="m">
        {/* Polite: the sentence changes by itself as revocations are applied. */}
        <div aria-live="polite">{summary ? <Alert type={summary.type}>{summary.text}</Alert> : null}</div>
        <RevocationTable
          view="user"
          revocations={list.data?.revocations}
          status={list}
          tableLabel={t('admin.revocations.user.tableLabel', { username: user.username })}
          emptyText={t('admin.revocations.user.empty')}
        />
        <ShownNote list={list.data} />
      </SpaceBetween>
    </Panel>
  );
}
