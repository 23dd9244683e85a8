/** The frame of one admin item's page: where it sits, its announcements, and it once loaded. */
import type { ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { useMutation } from '@tanstack/react-query';
import BreadcrumbGroup from '@cloudscape-design/components/breadcrumb-group';
import Button from '@cloudscape-design/components/button';
import Header from '@cloudscape-design/components/header';
import SpaceBetween from '@cloudscape-design/components/space-between';
import Spinner from '@cloudscape-design/components/spinner';
import { del } from '../../../api';
import { useI18n } from '../../../i18n';
import { ApiErrorAlert } from './errors';
import type { Flash } from './flash';
import { useAdminPath, useRouterFollow } from './nav';
import { useInvalidateAdmin } from './queries';

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

export function DetailPage<T>({
  crumbs,
  flash,
  query,
  children,
}: {
  crumbs: ReadonlyArray<{ text: string; path: string }>;
  flash: Flash;
  query: { isPending: boolean; isError: boolean; error: unknown; data: T | undefined };
  children: (item: T) => ReactNode;
}) {
  const item = query.data;
  return (
    <SpaceBetween size="m">
      <AdminBreadcrumbs items={crumbs} />
      {flash.element}
      {query.isPending ? (
        <Spinner size="large" />
      ) : query.isError || item === undefined ? (
        <ApiErrorAlert error={query.error} />
      ) : (
        children(item)
      )}
    </SpaceBetween>
  );
}

/** The item's name as the page heading, with Edit and Delete beside it. */
export function EditDeleteHeader({
  title,
  description,
  onEdit,
  onDelete,
}: {
  title: string;
  description: string;
  onEdit: () => void;
  onDelete: () => void;
}) {
  const { t } = useI18n();
  return (
    <Header
      variant="h1"
      description={description || undefined}
      actions={
        <SpaceBetween direction="horizontal" size="xs">
          <Button onClick={onEdit}>{t('admin.action.edit')}</Button>
          <Button onClick={onDelete}>{t('admin.action.delete')}</Button>
        </SpaceBetween>
      }
    >
      {title}
    </Header>
  );
}

/**
 * Deleting the item a page shows: afterwards the page is gone, so its list opens instead and
 * says what happened (the message travels in the history state, see useFlash).
 */
export function useDeleteAndReturn<T>(url: (item: T) => string, listPath: string, done: (item: T) => string) {
  const adminPath = useAdminPath();
  const navigate = useNavigate();
  const invalidate = useInvalidateAdmin();
  return useMutation({
    mutationFn: (item: T) => del(url(item)),
    onSuccess: async (_result, item) => {
      await invalidate();
      void navigate(adminPath(listPath), { state: { flash: done(item) } });
    },
  });
}
