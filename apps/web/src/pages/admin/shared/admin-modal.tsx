/** The frame of the admin area's dialogs: buttons at the bottom right, Cancel before the action. */
import type { ReactNode } from 'react';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import Modal from '@cloudscape-design/components/modal';
import type { ModalProps } from '@cloudscape-design/components/modal';
import SpaceBetween from '@cloudscape-design/components/space-between';
import { useI18n } from '../../../i18n';

/** What every admin dialog is given: its title, its width, and how to close it. */
export interface ModalFrame {
  header: string;
  size?: ModalProps.Size;
  onDismiss: () => void;
}

export function AdminModal({
  header,
  size,
  footer,
  onDismiss,
  children,
}: ModalFrame & { footer: ReactNode; children: ReactNode }) {
  return (
    <Modal
      visible
      size={size}
      onDismiss={onDismiss}
      header={header}
      footer={<Box float="right">{footer}</Box>}
    >
      {children}
    </Modal>
  );
}

/** Cancel, then the dialog's action; while it runs, Cancel waits and the action spins. */
export function CancelAndAct({
  label,
  busy,
  onAct,
  onCancel,
}: {
  label: string;
  busy: boolean;
  onAct: () => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  return (
    <SpaceBetween direction="horizontal" size="xs">
      <Button variant="link" onClick={onCancel} disabled={busy}>
        {t('admin.action.cancel')}
      </Button>
      <Button variant="primary" onClick={onAct} loading={busy}>
        {label}
      </Button>
    </SpaceBetween>
  );
}
