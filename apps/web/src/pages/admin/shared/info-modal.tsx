import type { ReactNode } from 'react';
import Button from '@cloudscape-design/components/button';
import { useI18n } from '../../../i18n';
import { AdminModal } from './admin-modal';
import type { ModalFrame } from './admin-modal';

/** A dialog with nothing to decide, only to read (and copy): one button closes it. */
export function InfoModal({
  closeLabel,
  children,
  ...frame
}: ModalFrame & {
  /** "Done" unless given: most of these show the outcome of something just done. */
  closeLabel?: string;
  children: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <AdminModal
      {...frame}
      footer={
        <Button variant="primary" onClick={frame.onDismiss}>
          {closeLabel ?? t('admin.action.done')}
        </Button>
      }
    >
      {children}
    </AdminModal>
  );
}
