/**
 * A whole-list admin page (accounts, groups, roles): pick one row to edit or delete it (after
 * confirming), or create a new one; each change is announced and every admin list refetched.
 */
import { useState } from 'react';
import type { ReactNode } from 'react';
import { useMutation } from '@tanstack/react-query';
import Button from '@cloudscape-design/components/button';
import SpaceBetween from '@cloudscape-design/components/space-between';
import type { TableProps } from '@cloudscape-design/components/table';
import { del } from '../../../api';
import { useDocumentTitle } from '../../../hooks/use-document-title';
import { useI18n } from '../../../i18n';
import { AdminTable } from './admin-table';
import type { QueryStatus } from './admin-table';
import { useClientCollection } from './collection';
import type { ClientCollectionOptions } from './collection';
import { ConfirmModal } from './confirm-modal';
import type { Flash } from './flash';
import type { FormModalProps } from './form-modal';
import { itemUrl, useInvalidateAdmin } from './queries';
import { useConfirmation } from './use-confirmation';
import { useRowSelection } from './use-row-selection';

/**
 * The areas listed this way. Each names its API collection (`/api/admin/<area>`) and its
 * messages, which follow one pattern (`admin.<area>.done.created`, ...).
 */
export type EntityArea = 'accounts' | 'groups' | 'roles';

/** What the create/edit dialog is handed: null creates. */
export interface EntityFormProps<T, Saved> extends FormModalProps<Saved> {
  item: T | null;
}

/** `Saved` is what the form's request answers, when the rows carry more than that (joined names). */
export function EntityListPage<T extends { id: string }, Saved = T>({
  area,
  flash,
  rows,
  status,
  filterFields,
  nameOf,
  deleteBody,
  columnDefinitions,
  renderForm,
  renderActions,
  renderModals,
  filtersBeside,
  filtered,
  banner,
}: {
  area: EntityArea;
  flash: Flash;
  /** Undefined until loaded. */
  rows: readonly T[] | undefined;
  status: QueryStatus;
  filterFields: ClientCollectionOptions<T>['filterFields'];
  /** How messages and the selection name an item (and a saved one). */
  nameOf: (item: T | Saved) => string;
  /** What deleting the selected item takes with it. */
  deleteBody: (item: T | null) => string;
  columnDefinitions: TableProps<T>['columnDefinitions'];
  renderForm: (props: EntityFormProps<T, Saved>) => ReactNode;
  /** Buttons before Edit, for what else one can do with the selected row. */
  renderActions?: (selected: T | null) => ReactNode;
  /** Dialogs those buttons open. */
  renderModals?: (selected: T | null) => ReactNode;
  filtersBeside?: ReactNode;
  /** True when a filter other than the text one narrows the list. */
  filtered?: boolean;
  /** Shown above the table (the failure of one of those other actions). */
  banner?: ReactNode;
}) {
  const { t } = useI18n();
  const title = t(`admin.nav.${area}`);
  useDocumentTitle(title);
  const invalidate = useInvalidateAdmin();
  const collection = useClientCollection(rows, { filterFields });
  const selection = useRowSelection(rows, (r) => r.id);
  const selected = selection.selected[0] ?? null;
  const [form, setForm] = useState<'create' | 'edit' | null>(null);
  const confirm = useConfirmation(() => remove.reset());

  const remove = useMutation({
    mutationFn: (item: T) => del(itemUrl(area, item.id)),
    onSuccess: async (_result, item) => {
      confirm.hide();
      selection.clear();
      flash.notify(t(`admin.${area}.done.deleted`, { name: nameOf(item) }));
      await invalidate();
    },
  });

  return (
    <SpaceBetween size="m">
      {flash.element}
      {banner}
      <AdminTable<T>
        collection={collection}
        status={status}
        title={title}
        counter={rows?.length}
        description={t(`admin.${area}.description`)}
        actions={
          <SpaceBetween direction="horizontal" size="xs">
            {renderActions?.(selected)}
            <Button disabled={!selected} onClick={() => setForm('edit')}>
              {t('admin.action.edit')}
            </Button>
            <Button disabled={!selected} onClick={confirm.show}>
              {t('admin.action.delete')}
            </Button>
            <Button variant="primary" onClick={() => setForm('create')}>
              {t(`admin.${area}.create.button`)}
            </Button>
          </SpaceBetween>
        }
        filterLabel={t(`admin.${area}.filter`)}
        filtersBeside={filtersBeside}
        filtered={filtered || collection.filteringText !== ''}
        emptyText={t(`admin.${area}.empty`)}
        selection={{ type: 'single', ...selection, nameOf }}
        trackBy="id"
        columnDefinitions={columnDefinitions}
      />
      {form
        ? renderForm({
            item: form === 'edit' ? selected : null,
            onDismiss: () => setForm(null),
            onSaved: async (saved) => {
              setForm(null);
              const done = form === 'edit' ? 'saved' : 'created';
              flash.notify(t(`admin.${area}.done.${done}`, { name: nameOf(saved) }));
              await invalidate();
            },
          })
        : null}
      {renderModals?.(selected)}
      <ConfirmModal
        visible={confirm.open && selected !== null}
        title={t(`admin.${area}.confirm.deleteTitle`, { name: selected ? nameOf(selected) : '' })}
        confirmLabel={t('admin.action.delete')}
        busy={remove.isPending}
        error={remove.error}
        onConfirm={() => selected && remove.mutate(selected)}
        onDismiss={confirm.hide}
      >
        {deleteBody(selected)}
      </ConfirmModal>
    </SpaceBetween>
  );
}
