import type { ReactNode } from 'react';
import Button from '@cloudscape-design/components/button';
import type { ModalProps } from '@cloudscape-design/components/modal';
import { useI18n } from '../../../i18n';
import { AdminModal } from './admin-modal';

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
    <AdminModal
      header={header}
      size={size}
      onDismiss={onDismiss}
      footer={
        <Button variant="primary" onClick={onDismiss}>
          {closeLabel ?? t('admin.action.done')}
        </Button>
      }
    >
      {children}
    </AdminModal>
  );
}
