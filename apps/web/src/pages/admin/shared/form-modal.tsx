/**
 * The admin area's create and edit dialogs: the form in the body, Cancel and the submit button in
 * the footer, and whatever the API refused that no field shows at the top.
 */
import type { FormEvent, ReactNode } from 'react';
import type { ModalProps } from '@cloudscape-design/components/modal';
import SpaceBetween from '@cloudscape-design/components/space-between';
import { AdminModal, CancelAndAct } from './admin-modal';
import { ApiErrorAlert } from './errors';

export function FormModal({
  header,
  size,
  submitLabel,
  mutation,
  placedFields,
  intro,
  onSubmit,
  onDismiss,
  children,
}: {
  header: string;
  size?: ModalProps.Size;
  submitLabel: string;
  /** The save request: the dialog waits while it runs and shows what it refused. */
  mutation: { isPending: boolean; error: unknown };
  /** The fields that show the API's reasons themselves; any other reason goes in the alert. */
  placedFields: readonly string[];
  /** Shown above the alert: what the form is about, when it cannot be changed here. */
  intro?: ReactNode;
  onSubmit: () => void;
  onDismiss: () => void;
  /** The fields, as separate children: each is spaced as its own row. */
  children: ReactNode;
}) {
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit();
  };
  return (
    <AdminModal
      header={header}
      size={size}
      onDismiss={onDismiss}
      footer={
        <CancelAndAct label={submitLabel} busy={mutation.isPending} onAct={onSubmit} onCancel={onDismiss} />
      }
    >
      <form onSubmit={submit} noValidate>
        <SpaceBetween size="m">
          {intro}
          <ApiErrorAlert error={mutation.error} placedFields={placedFields} />
          {children}
          {/* Enter in any field submits, as in every other form. */}
          <button type="submit" hidden />
        </SpaceBetween>
      </form>
    </AdminModal>
  );
}

/** What a create/edit dialog is given: how to close it, and what to do with the saved item. */
export interface FormModalProps<T> {
  onDismiss: () => void;
  onSaved: (saved: T) => void;
}
