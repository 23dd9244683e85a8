/** AWS accounts: id, name, partition, console colour, default region. */
import { useState } from 'react';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import SpaceBetween from '@cloudscape-design/components/space-between';
import type { AdminAccount } from '@gatehouse/contracts';
import { useI18n } from '../../../i18n';
import { byNumber, nameColumn } from '../shared/admin-table';
import { EntityListPage } from '../shared/entity-list-page';
import { useFlash } from '../shared/flash';
import { CountLink } from '../shared/nav';
import { useAccounts } from '../shared/queries';
import { EnabledStatus } from '../shared/two-state-status';
import { AccountFormModal, PARTITION_LABELS } from './account-form-modal';
import { ColourSwatch } from './colour-picker';
import { DiscoverRolesModal } from './discover-roles-modal';

const accountFilterFields = (a: AdminAccount) => [
  a.name,
  a.awsAccountId,
  a.description,
  a.partition,
  a.defaultRegion,
];

export function AccountsPage() {
  const { t } = useI18n();
  const flash = useFlash();
  const accounts = useAccounts();
  const [discovering, setDiscovering] = useState(false);

  return (
    <EntityListPage<AdminAccount>
      area="accounts"
      flash={flash}
      rows={accounts.data}
      status={accounts}
      filterFields={accountFilterFields}
      nameOf={(a) => a.name}
      deleteBody={(a) =>
        a && a.roleCount > 0
          ? t('admin.accounts.confirm.deleteHasRoles', { count: a.roleCount })
          : t('admin.accounts.confirm.deleteBody')
      }
      renderActions={(selected) => (
        <Button disabled={!selected} onClick={() => setDiscovering(true)}>
          {t('admin.accounts.discover.button')}
        </Button>
      )}
      renderModals={(selected) =>
        discovering && selected ? (
          <DiscoverRolesModal
            account={selected}
            onDismiss={() => setDiscovering(false)}
            notify={flash.notify}
          />
        ) : null
      }
      renderForm={({ item, onDismiss, onSaved }) => (
        <AccountFormModal account={item} onDismiss={onDismiss} onSaved={onSaved} />
      )}
      columnDefinitions={[
        nameColumn(
          'name',
          t('admin.accounts.field.name'),
          (a) => a.name,
          (a) => (
            <SpaceBetween direction="horizontal" size="xs" alignItems="center">
              <ColourSwatch colour={a.colour} />
              <span>{a.name}</span>
            </SpaceBetween>
          ),
        ),
        {
          id: 'awsAccountId',
          header: t('admin.accounts.field.accountId'),
          sortingComparator: (a, b) => a.awsAccountId.localeCompare(b.awsAccountId),
          cell: (a) => <Box variant="code">{a.awsAccountId}</Box>,
        },
        {
          id: 'partition',
          header: t('admin.accounts.field.partition'),
          cell: (a) => t(PARTITION_LABELS[a.partition]),
        },
        {
          id: 'defaultRegion',
          header: t('admin.accounts.field.defaultRegion'),
          cell: (a) => a.defaultRegion ?? '—',
        },
        {
          id: 'roles',
          header: t('admin.accounts.column.roles'),
          sortingComparator: byNumber((x) => x.roleCount),
          cell: (a) => <CountLink count={a.roleCount} path={`roles?accountId=${encodeURIComponent(a.id)}`} />,
        },
        {
          id: 'status',
          header: t('admin.users.column.status'),
          cell: (a) => <EnabledStatus area="accounts" disabled={a.disabled} />,
        },
        { id: 'description', header: t('admin.field.description'), cell: (a) => a.description || '—' },
      ]}
    />
  );
}
