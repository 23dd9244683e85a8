/** Destructive actions are confirmed in a modal that names what will happen and shows failures in place. */
import type { ReactNode } from 'react';
import Box from '@cloudscape-design/components/box';
import SpaceBetween from '@cloudscape-design/components/space-between';
import { AdminModal, CancelAndAct } from './admin-modal';
import { ApiErrorAlert } from './errors';

export function ConfirmModal({
  visible,
  title,
  children,
  confirmLabel,
  busy,
  error,
  onConfirm,
  onDismiss,
}: {
  visible: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  busy: boolean;
  error: unknown;
  onConfirm: () => void;
  onDismiss: () => void;
}) {
  // Mounted only while open: a page holds several of these, and closed ones need not sit in the DOM.
  if (!visible) return null;
  return (
    <AdminModal
      header={title}
      onDismiss={onDismiss}
      footer={<CancelAndAct label={confirmLabel} busy={busy} onAct={onConfirm} onCancel={onDismiss} />}
    >
      <SpaceBetween size="m">
        <Box>{children}</Box>
        <ApiErrorAlert error={error} />
      </SpaceBetween>
    </AdminModal>
  );
}
