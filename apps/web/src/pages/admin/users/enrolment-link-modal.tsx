/** The one time an enrolment link is visible: copy it now, it cannot be shown again. */
import Alert from '@cloudscape-design/components/alert';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import CopyToClipboard from '@cloudscape-design/components/copy-to-clipboard';
import FormField from '@cloudscape-design/components/form-field';
import Modal from '@cloudscape-design/components/modal';
import SpaceBetween from '@cloudscape-design/components/space-between';
import type { EnrolmentLink } from '@gatehouse/contracts';
import { useI18n } from '../../../i18n';

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
    <Modal
      visible
      onDismiss={onDismiss}
      header={t('admin.users.link.title', { username })}
      footer={
        <Box float="right">
          <Button variant="primary" onClick={onDismiss}>
            {t('admin.action.done')}
          </Button>
        </Box>
      }
    >
      <SpaceBetween size="m">
        <Alert type="warning">{t('admin.users.link.once')}</Alert>
        <FormField
          label={t('admin.users.link.label')}
          description={t('admin.users.link.expires', { at: formatDateTime(link.expiresAt) })}
        >
          <CopyToClipboard
            variant="inline"
            textToCopy={link.url}
            copyButtonAriaLabel={t('admin.users.link.copy')}
            copySuccessText={t('admin.copy.success')}
            copyErrorText={t('admin.copy.error')}
          />
        </FormField>
        <Box variant="p" color="text-body-secondary">
          {t('admin.users.link.howTo')}
        </Box>
      </SpaceBetween>
    </Modal>
  );
}
