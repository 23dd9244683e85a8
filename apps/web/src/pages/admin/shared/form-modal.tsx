/**
 * The admin area's create and edit dialogs: the form in the body, Cancel and the submit button in
 * the footer, and whatever the API refused that no field shows at the top.
 */
import type { FormEvent, ReactNode } from 'react';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import Modal from '@cloudscape-design/components/modal';
import type { ModalProps } from '@cloudscape-design/components/modal';
import SpaceBetween from '@cloudscape-design/components/space-between';
import { useI18n } from '../../../i18n';
import { ApiErrorAlert } from './errors';

export function FormModal({
  header,
  size,
  submitLabel,
  busy,
  error,
  placedFields,
  intro,
  onSubmit,
  onDismiss,
  children,
}: {
  header: string;
  size?: ModalProps.Size;
  submitLabel: string;
  busy: boolean;
  error: unknown;
  /** The fields that show the API's reasons themselves; any other reason goes in the alert. */
  placedFields: readonly string[];
  /** Shown above the alert: what the form is about, when it cannot be changed here. */
  intro?: ReactNode;
  onSubmit: () => void;
  onDismiss: () => void;
  /** The fields, as separate children: each is spaced as its own row. */
  children: ReactNode;
}) {
  const { t } = useI18n();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit();
  };
  return (
    <Modal
      visible
      size={size}
      onDismiss={onDismiss}
      header={header}
      footer={
        <Box float="right">
          <SpaceBetween direction="horizontal" size="xs">
            <Button variant="link" onClick={onDismiss} disabled={busy}>
              {t('admin.action.cancel')}
            </Button>
            <Button variant="primary" onClick={onSubmit} loading={busy}>
              {submitLabel}
            </Button>
          </SpaceBetween>
        </Box>
      }
    >
      <form onSubmit={submit} noValidate>
        <SpaceBetween size="m">
          {intro}
          <ApiErrorAlert error={error} placedFields={placedFields} />
          {children}
          {/* Enter in any field submits, as in every other form. */}
          <button type="submit" hidden />
        </SpaceBetween>
      </form>
    </Modal>
  );
}
