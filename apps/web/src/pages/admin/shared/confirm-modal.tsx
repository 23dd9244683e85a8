/** Destructive actions are confirmed in a modal that names what will happen and shows failures in place. */
import type { ReactNode } from 'react';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import Modal from '@cloudscape-design/components/modal';
import SpaceBetween from '@cloudscape-design/components/space-between';
import { useI18n } from '../../../i18n';
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
  const { t } = useI18n();
  // Mounted only while open: a page holds several of these, and closed ones need not sit in the DOM.
  if (!visible) return null;
  return (
    <Modal
      visible
      onDismiss={onDismiss}
      header={title}
      footer={
        <Box float="right">
          <SpaceBetween direction="horizontal" size="xs">
            <Button variant="link" onClick={onDismiss} disabled={busy}>
              {t('admin.action.cancel')}
            </Button>
            <Button variant="primary" onClick={onConfirm} loading={busy}>
              {confirmLabel}
            </Button>
          </SpaceBetween>
        </Box>
      }
    >
      <SpaceBetween size="m">
        <Box>{children}</Box>
        <ApiErrorAlert error={error} />
      </SpaceBetween>
    </Modal>
  );
}
