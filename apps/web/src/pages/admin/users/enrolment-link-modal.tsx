/** The one time an enrolment link is visible: copy it now, it cannot be shown again. */
import Alert from '@cloudscape-design/components/alert';
import Box from '@cloudscape-design/components/box';
import FormField from '@cloudscape-design/components/form-field';
import SpaceBetween from '@cloudscape-design/components/space-between';
import type { EnrolmentLink } from '@gatehouse/contracts';
import { useI18n } from '../../../i18n';
import { CopyInline } from '../shared/copy-inline';
import { InfoModal } from '../shared/info-modal';

export function EnrolmentLinkModal({
  link,
  username,
  onDismiss,
}: {
  link: EnrolmentLink | null;
  username: string;
  onDismiss: () => void;
}) {
  const { t, formatDateTime } = useI18n();
  if (!link) return null;
  return (
    <InfoModal header={t('admin.users.link.title', { username })} onDismiss={onDismiss}>
      <SpaceBetween size="m">
        <Alert type="warning">{t('admin.users.link.once')}</Alert>
        <FormField
          label={t('admin.users.link.label')}
          description={t('admin.users.link.expires', { at: formatDateTime(link.expiresAt) })}
        >
          <CopyInline text={link.url} copyLabel={t('admin.users.link.copy')} />
        </FormField>
        <Box variant="p" color="text-body-secondary">
          {t('admin.users.link.howTo')}
        </Box>
      </SpaceBetween>
    </InfoModal>
  );
}
