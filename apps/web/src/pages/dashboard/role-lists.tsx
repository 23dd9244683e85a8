/** The dashboard's lists of roles: favourites, recently used, and each account's own. */
import Container from '@cloudscape-design/components/container';
import CopyToClipboard from '@cloudscape-design/components/copy-to-clipboard';
import Header from '@cloudscape-design/components/header';
import SpaceBetween from '@cloudscape-design/components/space-between';
import type { MyAccount } from '@gatehouse/contracts';
import { useI18n } from '../../i18n';
import { AccountLabel, accountStyle } from '../../components/account-colour';
import { RoleRow } from './role-row';
import type { RoleActions } from './role-row';
import { formatAccountId } from './search';
import type { RoleEntry } from './search';

/** `opening` is the role whose console is being opened, whichever list it was clicked in. */
export function RoleList({
  label,
  rows,
  actions,
  opening,
  showAccount = false,
}: {
  label: string;
  rows: ReadonlyArray<{ entry: RoleEntry; note?: string }>;
  actions: RoleActions;
  opening: string | null;
  /** Outside an account's own section, each row says which account it is in. */
  showAccount?: boolean;
}) {
  return (
    <ul className="gh-roles" aria-label={label}>
      {rows.map(({ entry, note }) => (
        <RoleRow
          key={entry.role.roleId}
          entry={entry}
          actions={actions}
          opening={opening === entry.role.roleId}
          showAccount={showAccount}
          note={note}
        />
      ))}
    </ul>
  );
}

export function AccountSection({
  account,
  entries,
  actions,
  opening,
}: {
  account: MyAccount;
  entries: RoleEntry[];
  actions: RoleActions;
  opening: string | null;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const headingId = `account-${account.id}`;
  return (
    <section aria-labelledby={headingId}>
      <Container
        media={{
          content: <div className="gh-account-stripe" style={accountStyle(account.colour)} />,
          position: 'top',
          height: 6,
        }}
        header={
          <Header
            variant="h3"
            description={account.description || undefined}
            info={<span className="gh-partition">{account.partition}</span>}
          >
            <span id={headingId}>
              <AccountLabel name={account.name} colour={account.colour} />
            </span>
          </Header>
        }
      >
        <SpaceBetween size="s">
          <div className="gh-account__id">
            <span>{t('dashboard.accountId')}</span>
            <span className="gh-mono">{formatAccountId(account.awsAccountId)}</span>
            <CopyToClipboard
              variant="icon"
              textToCopy={account.awsAccountId}
              copyButtonAriaLabel={t('dashboard.copyAccountId', { account: account.name })}
              copySuccessText={t('copy.done')}
              copyErrorText={t('copy.failed')}
            />
            {account.defaultRegion && (
              <span>{t('dashboard.defaultRegion', { region: account.defaultRegion })}</span>
            )}
          </div>
          <RoleList
            label={t('dashboard.rolesIn', { account: account.name })}
            rows={entries.map((entry) => ({ entry }))}
            actions={actions}
            opening={opening}
          />
        </SpaceBetween>
      </Container>
    </section>
  );
}
