/** The frame of one admin item's page: where it sits in the area, its announcements, the item once loaded. */
import { useState } from 'react';
import type { ReactNode } from 'react';
import { useNavigate, useParams } from 'react-router';
import { useMutation } from '@tanstack/react-query';
import BreadcrumbGroup from '@cloudscape-design/components/breadcrumb-group';
import Button from '@cloudscape-design/components/button';
import Header from '@cloudscape-design/components/header';
import SpaceBetween from '@cloudscape-design/components/space-between';
import Spinner from '@cloudscape-design/components/spinner';
import { del } from '../../../api';
import { useDocumentTitle } from '../../../hooks/use-document-title';
import { useI18n } from '../../../i18n';
import { ConfirmModal } from './confirm-modal';
import type { EntityArea } from './entity-list-page';
import { ApiErrorAlert } from './errors';
import { useFlash } from './flash';
import type { Flash } from './flash';
import type { FormModalProps } from './form-modal';
import { useAdminPath, useRouterFollow } from './nav';
import { itemUrl, useInvalidateAdmin } from './queries';
import { useConfirmation } from './use-confirmation';

/** `path` is inside the admin area (`groups/1`), wherever the shell mounted it. */
export function AdminBreadcrumbs({ items }: { items: ReadonlyArray<{ text: string; path: string }> }) {
  const { t } = useI18n();
  const adminPath = useAdminPath();
  const follow = useRouterFollow();
  return (
    <BreadcrumbGroup
      ariaLabel={t('admin.breadcrumbs')}
      onFollow={follow}
      items={items.map((item) => ({ text: item.text, href: adminPath(item.path) }))}
    />
  );
}

interface ItemQuery<T> {
  isPending: boolean;
  isError: boolean;
  error: unknown;
  data: T | undefined;
}

/** The page of `/<area>/<id>`: titled by the item's name once known, by its area until then. */
export function DetailPage<T>({
  area,
  load,
  nameOf,
  children,
}: {
  area: EntityArea | 'users';
  /** The area's query for one item by id (`useGroup`, ...). */
  load: (id: string) => ItemQuery<T>;
  nameOf: (item: T) => string;
  children: (item: T, flash: Flash) => ReactNode;
}) {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const flash = useFlash();
  const query = load(id);
  const item = query.data;
  const name = item === undefined ? undefined : nameOf(item);
  const areaName = t(`admin.nav.${area}`);
  useDocumentTitle(name ?? areaName);
  return (
    <SpaceBetween size="m">
      <AdminBreadcrumbs
        items={[
          { text: areaName, path: area },
          { text: name ?? id, path: `${area}/${id}` },
        ]}
      />
      {flash.element}
      {query.isPending ? (
        <Spinner size="large" />
      ) : query.isError || item === undefined ? (
        <ApiErrorAlert error={query.error} />
      ) : (
        children(item, flash)
      )}
    </SpaceBetween>
  );
}

/**
 * An item one can edit and delete from its own page: its name as the heading with both actions,
 * its panels below. Once deleted the page is gone, so the area's list opens instead and says
 * what happened (the message travels in the history state, see useFlash).
 */
export function EditableDetailPage<T extends { id: string; description: string }>({
  area,
  load,
  nameOf,
  deleteBody,
  renderForm,
  children,
}: {
  area: EntityArea;
  load: (id: string) => ItemQuery<T>;
  nameOf: (item: T) => string;
  /** What deleting it takes with it. */
  deleteBody: (item: T) => string;
  renderForm: (item: T, props: FormModalProps<T>) => ReactNode;
  /** The panels below the heading. */
  children: (item: T, flash: Flash) => ReactNode;
}) {
  return (
    <DetailPage area={area} load={load} nameOf={nameOf}>
      {(item, flash) => (
        <EditableItem
          area={area}
          item={item}
          name={nameOf}
          flash={flash}
          deleteBody={deleteBody(item)}
          renderForm={(props) => renderForm(item, props)}
        >
          {children(item, flash)}
        </EditableItem>
      )}
    </DetailPage>
  );
}

function EditableItem<T extends { id: string; description: string }>({
  area,
  item,
  name,
  flash,
  deleteBody,
  renderForm,
  children,
}: {
  area: EntityArea;
  item: T;
  name: (item: T) => string;
  flash: Flash;
  deleteBody: string;
  renderForm: (props: FormModalProps<T>) => ReactNode;
  children: ReactNode;
}) {
  const { t } = useI18n();
  const adminPath = useAdminPath();
  const navigate = useNavigate();
  const invalidate = useInvalidateAdmin();
  const [editing, setEditing] = useState(false);
  const confirm = useConfirmation(() => remove.reset());
  const remove = useMutation({
    mutationFn: () => del(itemUrl(area, item.id)),
    onSuccess: async () => {
      await invalidate();
      void navigate(adminPath(area), {
        state: { flash: t(`admin.${area}.done.deleted`, { name: name(item) }) },
      });
    },
  });

  return (
    <>
      <SpaceBetween size="l">
        <Header
          variant="h1"
          description={item.description || undefined}
          actions={
            <SpaceBetween direction="horizontal" size="xs">
              <Button onClick={() => setEditing(true)}>{t('admin.action.edit')}</Button>
              <Button onClick={confirm.show}>{t('admin.action.delete')}</Button>
            </SpaceBetween>
          }
        >
          {name(item)}
        </Header>
        {children}
      </SpaceBetween>
      {editing
        ? renderForm({
            onDismiss: () => setEditing(false),
            onSaved: async (saved) => {
              setEditing(false);
              flash.notify(t(`admin.${area}.done.saved`, { name: name(saved) }));
              await invalidate();
            },
          })
        : null}
      <ConfirmModal
        visible={confirm.open}
        title={t(`admin.${area}.confirm.deleteTitle`, { name: name(item) })}
        confirmLabel={t('admin.action.delete')}
        busy={remove.isPending}
        error={remove.error}
        onConfirm={() => remove.mutate()}
        onDismiss={confirm.hide}
      >
        {deleteBody}
      </ConfirmModal>
    </>
  );
}
