/** One role: its settings, its health in IAM, the trust policy to paste, revocation and its grants. */
import { useState } from 'react';
import { useParams } from 'react-router';
import SpaceBetween from '@cloudscape-design/components/space-between';
import type { AdminRole } from '@gatehouse/contracts';
import { useDocumentTitle } from '../../../hooks/use-document-title';
import { useI18n } from '../../../i18n';
import { ConfirmModal } from '../shared/confirm-modal';
import { DetailPage, EditDeleteHeader, useDeleteAndReturn } from '../shared/detail-page';
import { useFlash } from '../shared/flash';
import { useAdminPath } from '../shared/nav';
import { itemUrl, useInvalidateAdmin, useRole } from '../shared/queries';
import { GrantsTable } from '../grants/grants-table';
import { RevocationPanel } from './revocation-panel';
import { RoleFormModal } from './role-form-modal';
import { RoleHealthPanel } from './role-health-panel';
import { RoleOverview } from './role-overview';
import { TrustPolicyPanel } from './trust-policy-panel';

export function RoleDetailPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const adminPath = useAdminPath();
  const flash = useFlash();
  const invalidate = useInvalidateAdmin();
  const query = useRole(id);
  const [editing, setEditing] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  useDocumentTitle(query.data?.displayName ?? t('admin.nav.roles'));
  const remove = useDeleteAndReturn<AdminRole>(
    (r) => itemUrl('roles', r.id),
    'roles',
    (r) => t('admin.roles.done.deleted', { name: r.displayName }),
  );

  return (
    <DetailPage
      crumbs={[
        { text: t('admin.nav.roles'), path: 'roles' },
        { text: query.data?.displayName ?? id, path: `roles/${id}` },
      ]}
      flash={flash}
      query={query}
    >
      {(role) => (
        <>
          <SpaceBetween size="l">
            <EditDeleteHeader
              title={role.displayName}
              description={role.description}
              onEdit={() => setEditing(true)}
              onDelete={() => {
                remove.reset();
                setConfirmDelete(true);
              }}
            />
            <RoleOverview role={role} />
            <RoleHealthPanel roleId={role.id} />
            <TrustPolicyPanel roleId={role.id} />
            <RevocationPanel role={role} />
            <GrantsTable
              query={{ roleId: role.id }}
              title={t('admin.roles.grants')}
              notify={flash.notify}
              createHref={adminPath(`grants/new?roleId=${encodeURIComponent(role.id)}`)}
            />
          </SpaceBetween>
          {editing ? (
            <RoleFormModal
              role={role}
              defaultAccountId={role.accountId}
              onDismiss={() => setEditing(false)}
              onSaved={async (saved) => {
                setEditing(false);
                flash.notify(t('admin.roles.done.saved', { name: saved.displayName }));
                await invalidate();
              }}
            />
          ) : null}
          <ConfirmModal
            visible={confirmDelete}
            title={t('admin.roles.confirm.deleteTitle', { name: role.displayName })}
            confirmLabel={t('admin.action.delete')}
            busy={remove.isPending}
            error={remove.error}
            onConfirm={() => remove.mutate(role)}
            onDismiss={() => setConfirmDelete(false)}
          >
            {t('admin.roles.confirm.deleteBody', { count: role.grantCount })}
          </ConfirmModal>
        </>
      )}
    </DetailPage>
  );
}
