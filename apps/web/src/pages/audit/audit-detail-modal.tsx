/** Every field of one audit event, the details JSON in full, and the chain hashes. */
import Box from '@cloudscape-design/components/box';
import CopyToClipboard from '@cloudscape-design/components/copy-to-clipboard';
import Header from '@cloudscape-design/components/header';
import SpaceBetween from '@cloudscape-design/components/space-between';
import type { AdminAccount, AdminRole, AuditEventSchema } from '@gatehouse/contracts';
import { useI18n } from '../../i18n';
import { InfoModal } from '../admin/shared/info-modal';
import { AuditEventPairs } from './audit-event-pairs';

export function detailsJson(details: unknown): string {
  return details === undefined ? 'null' : JSON.stringify(details, null, 2);
}

function DetailsJson({ details }: { details: unknown }) {
  const { t } = useI18n();
  const json = detailsJson(details);
  return (
    <SpaceBetween size="xs">
      <Header
        variant="h3"
        actions={
          <CopyToClipboard
            variant="button"
            textToCopy={json}
            copyButtonText={t('audit.detail.copyJson')}
            copySuccessText={t('admin.copy.success')}
            copyErrorText={t('admin.copy.error')}
          />
        }
      >
        {t('audit.detail.details')}
      </Header>
      {/* Focusable, so the scrollable JSON can be scrolled from the keyboard. */}
      <div
        tabIndex={0}
        role="region"
        aria-label={t('audit.detail.details')}
        style={{ maxHeight: 360, overflow: 'auto' }}
      >
        <Box variant="pre">{json}</Box>
      </div>
    </SpaceBetween>
  );
}

export function AuditDetailModal({
  event,
  accounts,
  roles,
  userNames,
  onDismiss,
}: {
  event: AuditEventSchema | null;
  accounts: readonly AdminAccount[];
  roles: readonly AdminRole[];
  /** Usernames by id, as the page knows them. */
  userNames: ReadonlyMap<string, string>;
  onDismiss: () => void;
}) {
  const { t } = useI18n();
  if (!event) return null;
  return (
    <InfoModal
      size="large"
      header={t('audit.detail.title', { id: event.id })}
      closeLabel={t('admin.action.close')}
      onDismiss={onDismiss}
    >
      <SpaceBetween size="l">
        <AuditEventPairs event={event} accounts={accounts} roles={roles} userNames={userNames} />
        <DetailsJson details={event.details} />
      </SpaceBetween>
    </InfoModal>
  );
}
