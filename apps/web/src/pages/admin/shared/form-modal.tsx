/**
 * The admin area's create and edit dialogs: the form in the body, Cancel and the submit button in
 * the footer, and whatever the API refused that no field shows at the top.
 */
import type { FormEvent, ReactNode } from 'react';
import { useMutation } from '@tanstack/react-query';
import SpaceBetween from '@cloudscape-design/components/space-between';
import { patch, post } from '../../../api';
import { AdminModal, CancelAndAct } from './admin-modal';
import type { ModalFrame } from './admin-modal';
import { ApiErrorAlert } from './errors';
import { itemUrl } from './queries';

export function FormModal({
  submitLabel,
  mutation,
  placedFields,
  intro,
  onSubmit,
  children,
  ...frame
}: ModalFrame & {
  submitLabel: string;
  /** The save request: the dialog waits while it runs and shows what it refused. */
  mutation: { isPending: boolean; error: unknown };
  /** The fields that show the API's reasons themselves; any other reason goes in the alert. */
  placedFields: readonly string[];
  /** Shown above the alert: what the form is about, when it cannot be changed here. */
  intro?: ReactNode;
  onSubmit: () => void;
  /** The fields, as separate children: each is spaced as its own row. */
  children: ReactNode;
}) {
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit();
  };
  return (
    <AdminModal
      {...frame}
      footer={
        <CancelAndAct
          label={submitLabel}
          busy={mutation.isPending}
          onAct={onSubmit}
          onCancel={frame.onDismiss}
        />
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

/**
 * Saving a dialog's item: a new one is posted to its collection, an existing one patched in
 * place. `asUpdate` drops what cannot change once created.
 */
export function useSaveItem<Body, T>(
  collection: string,
  existing: { id: string } | null,
  onSaved: (saved: T) => void,
  asUpdate: (body: Body) => unknown = (body) => body,
) {
  return useMutation({
    mutationFn: (body: Body) =>
      existing
        ? patch<T>(itemUrl(collection, existing.id), asUpdate(body))
        : post<T>(`/api/admin/${collection}`, body),
    onSuccess: onSaved,
  });
}
