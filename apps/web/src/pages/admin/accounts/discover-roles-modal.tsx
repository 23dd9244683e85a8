/**
 * Finds the account's IAM roles that already trust the broker and adds the chosen ones to
 * Gatehouse in one go (each audited as a role creation, then health-checked).
 */
import { useState } from 'react';
import { useMutation, useQuery } from '@tanstack/react-query';
import Alert from '@cloudscape-design/components/alert';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import SpaceBetween from '@cloudscape-design/components/space-between';
import StatusIndicator from '@cloudscape-design/components/status-indicator';
import Table from '@cloudscape-design/components/table';
import type {
  AdminAccount,
  RoleDiscovery,
  RoleImportRequest,
  RoleImportResponse,
} from '@gatehouse/contracts';
import { get, post } from '../../../api';
import { useI18n } from '../../../i18n';
import { AdminModal } from '../shared/admin-modal';
import { TableEmpty } from '../shared/admin-table';
import { ApiErrorAlert } from '../shared/errors';
import { useInvalidateAdmin } from '../shared/queries';
import { selectionLabels } from '../shared/table-labels';
import { WithDetail } from '../shared/with-detail';

type Found = RoleDiscovery['roles'][number];

export function DiscoverRolesModal({
  account,
  onDismiss,
  notify,
}: {
  account: AdminAccount;
  onDismiss: () => void;
  notify: (message: string) => void;
}) {
  const { t, formatDuration } = useI18n();
  const invalidate = useInvalidateAdmin();
  const [selected, setSelected] = useState<readonly Found[]>([]);
  // Asks IAM every time the dialog opens: the answer is only as good as the moment it was given.
  const discovery = useQuery({
    queryKey: ['admin', 'role-discovery', account.id],
    queryFn: () => get<RoleDiscovery>(`/api/admin/accounts/${encodeURIComponent(account.id)}/role-discovery`),
    gcTime: 0,
    retry: false,
  });
  const importing = useMutation({
    mutationFn: (body: RoleImportRequest) =>
      post<RoleImportResponse>(`/api/admin/accounts/${encodeURIComponent(account.id)}/role-imports`, body),
    onSuccess: async (result) => {
      const added = result.results.filter((r) => r.roleId).length;
      setSelected([]);
      if (added > 0) notify(t('admin.accounts.discover.done', { count: added, name: account.name }));
      await invalidate();
      await discovery.refetch();
    },
  });
  const failures = importing.data?.results.filter((r) => r.error) ?? [];

  return (
    <AdminModal
      size="max"
      onDismiss={onDismiss}
      header={t('admin.accounts.discover.title', { name: account.name })}
      footer={
        <SpaceBetween direction="horizontal" size="xs">
          <Button variant="link" onClick={onDismiss}>
            {t('admin.action.close')}
          </Button>
          <Button
            variant="primary"
            disabled={selected.length === 0}
            loading={importing.isPending}
            onClick={() => importing.mutate({ arns: selected.map((r) => r.arn) })}
          >
            {t('admin.accounts.discover.import', { count: selected.length })}
          </Button>
        </SpaceBetween>
      }
    >
      <SpaceBetween size="m">
        <Box variant="p">{t('admin.accounts.discover.description')}</Box>
        <ApiErrorAlert error={importing.error} />
        {failures.length > 0 ? (
          <Alert type="warning" header={t('admin.accounts.discover.failures')}>
            <ul>
              {failures.map((f) => (
                <li key={f.arn}>
                  <Box variant="code">{f.arn}</Box>: {f.error}
                </li>
              ))}
            </ul>
          </Alert>
        ) : null}
        {discovery.data?.truncated ? (
          <Alert type="info">
            {t('admin.accounts.discover.truncated', { count: discovery.data.scanned })}
          </Alert>
        ) : null}
        <Table<Found>
          variant="embedded"
          items={discovery.data?.roles ?? []}
          trackBy="arn"
          loading={discovery.isPending}
          loadingText={t('admin.accounts.discover.loading')}
          selectionType="multi"
          selectedItems={selected}
          onSelectionChange={({ detail }) => setSelected(detail.selectedItems)}
          isItemDisabled={(r) => r.managedRoleId !== null}
          ariaLabels={selectionLabels<Found>(t, (r) => r.roleName)}
          header={
            discovery.data ? (
              <Box variant="small" color="text-body-secondary">
                {t('admin.accounts.discover.checkedAs', {
                  principal: discovery.data.checkedAs,
                  count: discovery.data.scanned,
                })}
              </Box>
            ) : undefined
          }
          empty={<TableEmpty status={discovery} text={t('admin.accounts.discover.none')} />}
          columnDefinitions={[
            {
              id: 'name',
              header: t('admin.roles.field.role'),
              isRowHeader: true,
              cell: (r) => (
                <WithDetail detail={r.arn}>
                  <span>{r.roleName}</span>
                </WithDetail>
              ),
            },
            {
              id: 'trust',
              header: t('admin.accounts.discover.trust'),
              cell: (r) => (
                <SpaceBetween size="xxxs">
                  {r.unverifiable ? (
                    <StatusIndicator type="info">{t('admin.accounts.discover.unverifiable')}</StatusIndicator>
                  ) : r.trusted && !r.partial ? (
                    <StatusIndicator type="success">{t('admin.accounts.discover.trusted')}</StatusIndicator>
                  ) : (
                    <StatusIndicator type="warning">{t('admin.accounts.discover.partial')}</StatusIndicator>
                  )}
                  <Box variant="small">{r.explanation}</Box>
                </SpaceBetween>
              ),
            },
            {
              id: 'maxSession',
              header: t('admin.roles.field.maxSession'),
              cell: (r) => formatDuration(r.maxSessionSeconds),
            },
            {
              id: 'managed',
              header: t('admin.accounts.discover.inGatehouse'),
              cell: (r) =>
                r.managedRoleId ? (
                  <StatusIndicator type="success">{t('admin.accounts.discover.already')}</StatusIndicator>
                ) : (
                  '—'
                ),
            },
          ]}
        />
      </SpaceBetween>
    </AdminModal>
  );
}
