/** One role: its settings, its health in IAM, the trust policy to paste, revocation and its grants. */
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { useMutation } from '@tanstack/react-query';
import BreadcrumbGroup from '@cloudscape-design/components/breadcrumb-group';
import Button from '@cloudscape-design/components/button';
import Container from '@cloudscape-design/components/container';
import CopyToClipboard from '@cloudscape-design/components/copy-to-clipboard';
import Header from '@cloudscape-design/components/header';
import KeyValuePairs from '@cloudscape-design/components/key-value-pairs';
import SpaceBetween from '@cloudscape-design/components/space-between';
import Spinner from '@cloudscape-design/components/spinner';
import type { AdminRole } from '@gatehouse/contracts';
import { del } from '../../../api';
import { CodeBlock } from '../../../components/code-block';
import { useDocumentTitle } from '../../../hooks/use-document-title';
import { useI18n } from '../../../i18n';
import { ConfirmModal } from '../shared/confirm-modal';
import { ApiErrorAlert } from '../shared/errors';
import { useFlash } from '../shared/flash';
import { AUDIT_PATH, RouterLink, useAdminPath, useRouterFollow } from '../shared/nav';
import { useAccounts, useInvalidateAdmin, useRole } from '../shared/queries';
import { GrantsTable } from '../grants/grants-table';
import { ColourSwatch } from '../accounts/colour-picker';
import { RevocationPanel } from './revocation-panel';
import { RoleFormModal } from './role-form-modal';
import { RoleHealthPanel } from './role-health-panel';
import { formatPolicy } from './role-model';
import { TrustPolicyPanel } from './trust-policy-panel';

export function RoleDetailPage() {
  const { id = '' } = useParams();
  const { t, formatDuration, formatNumber } = useI18n();
  const adminPath = useAdminPath();
  const follow = useRouterFollow();
  const navigate = useNavigate();
  const flash = useFlash();
  const invalidate = useInvalidateAdmin();
  const query = useRole(id);
  const accounts = useAccounts();
  const role = query.data;
  const account = accounts.data?.find((a) => a.id === role?.accountId);
  const [editing, setEditing] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  useDocumentTitle(role?.displayName ?? t('admin.nav.roles'));

  const remove = useMutation({
    mutationFn: (r: AdminRole) => del(`/api/admin/roles/${encodeURIComponent(r.id)}`),
    onSuccess: async (_r, r) => {
      await invalidate();
      void navigate(adminPath('roles'), {
        state: { flash: t('admin.roles.done.deleted', { name: r.displayName }) },
      });
    },
  });

  return (
    <SpaceBetween size="m">
      <BreadcrumbGroup
        ariaLabel={t('admin.breadcrumbs')}
        onFollow={follow}
        items={[
          { text: t('admin.nav.roles'), href: adminPath('roles') },
          { text: role?.displayName ?? id, href: adminPath(`roles/${id}`) },
        ]}
      />
      {flash.element}
      {query.isPending ? (
        <Spinner size="large" />
      ) : query.isError || !role ? (
        <ApiErrorAlert error={query.error} />
      ) : (
        <>
          <SpaceBetween size="l">
            <Header
              variant="h1"
              description={role.description || undefined}
              actions={
                <SpaceBetween direction="horizontal" size="xs">
                  <Button onClick={() => setEditing(true)}>{t('admin.action.edit')}</Button>
                  <Button
                    onClick={() => {
                      remove.reset();
                      setConfirmDelete(true);
                    }}
                  >
                    {t('admin.action.delete')}
                  </Button>
                </SpaceBetween>
              }
            >
              {role.displayName}
            </Header>
            <Container header={<Header variant="h2">{t('admin.users.detail.overview')}</Header>}>
              <SpaceBetween size="m">
                <KeyValuePairs
                  columns={3}
                  items={[
                    {
                      label: t('admin.roles.field.account'),
                      value: account ? (
                        <SpaceBetween direction="horizontal" size="xs" alignItems="center">
                          <ColourSwatch colour={account.colour} />
                          <span>
                            {account.name} ({account.awsAccountId})
                          </span>
                        </SpaceBetween>
                      ) : (
                        role.accountId
                      ),
                    },
                    {
                      label: t('admin.roles.column.arn'),
                      value: (
                        <CopyToClipboard
                          variant="inline"
                          textToCopy={role.arn}
                          copyButtonAriaLabel={t('admin.roles.copyArn')}
                          copySuccessText={t('admin.copy.success')}
                          copyErrorText={t('admin.copy.error')}
                        />
                      ),
                    },
                    {
                      label: t('admin.roles.field.maxSession'),
                      value: formatDuration(role.maxSessionSeconds),
                    },
                    {
                      label: t('admin.roles.field.stepUp'),
                      value: role.requiresStepUp ? t('admin.roles.health.yes') : t('admin.roles.health.no'),
                    },
                    {
                      label: t('admin.roles.column.grants'),
                      value: (
                        <RouterLink href={adminPath(`grants?roleId=${encodeURIComponent(role.id)}`)}>
                          {formatNumber(role.grantCount)}
                        </RouterLink>
                      ),
                    },
                    {
                      label: t('admin.users.detail.audit'),
                      value: (
                        <RouterLink href={`${AUDIT_PATH}?role=${encodeURIComponent(role.id)}`}>
                          {t('admin.roles.auditLink')}
                        </RouterLink>
                      ),
                    },
                  ]}
                />
                {role.sessionPolicy ? (
                  <CodeBlock
                    text={formatPolicy(role.sessionPolicy)}
                    label={t('admin.roles.field.sessionPolicy')}
                  />
                ) : null}
              </SpaceBetween>
            </Container>
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
    </SpaceBetween>
  );
}
