import type { ReactNode } from 'react';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import Modal from '@cloudscape-design/components/modal';
import type { ModalProps } from '@cloudscape-design/components/modal';
import { useI18n } from '../../../i18n';

/** A dialog with nothing to decide, only to read (and copy): one button closes it. */
export function InfoModal({
  header,
  size,
  closeLabel,
  onDismiss,
  children,
}: {
  header: string;
  size?: ModalProps.Size;
  /** "Done" unless given: most of these show the outcome of something just done. */
  closeLabel?: string;
  onDismiss: () => void;
  children: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <Modal
      visible
      size={size}
      onDismiss={onDismiss}
      header={header}
      footer={
        <Box float="right">
          <Button variant="primary" onClick={onDismiss}>
            {closeLabel ?? t('admin.action.done')}
          </Button>
        </Box>
      }
    >
      {children}
    </Modal>
  );
}
