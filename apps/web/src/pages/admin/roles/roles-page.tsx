/** Roles the broker may assume, per account; narrowed by `?accountId=` from the accounts list. */
import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { useMutation } from '@tanstack/react-query';
import Button from '@cloudscape-design/components/button';
import type { AdminRole, RoleHealthList } from '@gatehouse/contracts';
import { post } from '../../../api';
import { useI18n } from '../../../i18n';
import { EntityListPage } from '../shared/entity-list-page';
import { ApiErrorAlert } from '../shared/errors';
import { useFlash } from '../shared/flash';
import { AccountSelect } from '../shared/pickers';
import { useAccounts, useInvalidateAdmin, useRoleHealthList, useRoles } from '../shared/queries';
import { useSetSearchParam } from '../shared/search-params';
import { useRoleColumns } from './role-columns';
import type { RoleRow } from './role-columns';
import { RoleFormModal } from './role-form-modal';

const roleFilterFields = (r: RoleRow) => [
  r.displayName,
  r.roleName,
  r.arn,
  r.description,
  r.account?.name,
  r.account?.awsAccountId,
];

export function RolesPage() {
  const { t } = useI18n();
  const flash = useFlash();
  const invalidate = useInvalidateAdmin();
  const [params] = useSearchParams();
  const setParam = useSetSearchParam();
  const accountId = params.get('accountId');
  const roles = useRoles();
  const accounts = useAccounts();
  const health = useRoleHealthList();
  const rows = useMemo<RoleRow[] | undefined>(
    () =>
      roles.data
        ?.filter((r) => !accountId || r.accountId === accountId)
        .map((r) => ({
          ...r,
          account: accounts.data?.find((a) => a.id === r.accountId),
          health: health.data?.find((h) => h.roleId === r.id),
        })),
    [roles.data, accounts.data, health.data, accountId],
  );
  const columns = useRoleColumns();

  // Asks IAM about the selected role, or every role when none is selected.
  const check = useMutation({
    mutationFn: (roleIds: string[] | undefined) =>
      post<RoleHealthList>('/api/admin/role-health/refresh', roleIds ? { roleIds } : {}),
    onSuccess: async (result) => {
      const problems = result.roles.filter((r) => r.status === 'error' || r.status === 'warning').length;
      flash.notify(
        t('admin.roles.health.done', {
          checked: t('admin.roles.health.doneChecked', { count: result.roles.length }),
          attention: t('admin.roles.health.doneAttention', { count: problems }),
        }),
        problems > 0 ? 'warning' : 'success',
      );
      await invalidate();
    },
  });

  return (
    <EntityListPage<RoleRow, AdminRole>
      area="roles"
      flash={flash}
      rows={rows}
      status={roles}
      filterFields={roleFilterFields}
      nameOf={(r) => r.displayName}
      deleteBody={(r) => t('admin.roles.confirm.deleteBody', { count: r?.grantCount ?? 0 })}
      banner={<ApiErrorAlert error={check.error} onDismiss={() => check.reset()} />}
      renderActions={(selected) => (
        <Button loading={check.isPending} onClick={() => check.mutate(selected ? [selected.id] : undefined)}>
          {selected ? t('admin.roles.health.checkSelected') : t('admin.roles.health.checkAll')}
        </Button>
      )}
      filtersBeside={
        <AccountSelect
          selectedId={accountId}
          onChange={(id) => setParam('accountId', id)}
          placeholder={t('admin.roles.filterAccount')}
          ariaLabel={t('admin.roles.filterAccount')}
          clearLabel={t('admin.roles.anyAccount')}
        />
      }
      filtered={Boolean(accountId)}
      renderForm={({ item, onDismiss, onSaved }) => (
        <RoleFormModal role={item} defaultAccountId={accountId} onDismiss={onDismiss} onSaved={onSaved} />
      )}
      columnDefinitions={columns}
    />
  );
}
