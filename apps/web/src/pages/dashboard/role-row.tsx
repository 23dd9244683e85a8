/** One role a user may enter: what it is, how long a session lasts, and its two ways in. */
import { memo } from 'react';
import Badge from '@cloudscape-design/components/badge';
import Button from '@cloudscape-design/components/button';
import ButtonDropdown from '@cloudscape-design/components/button-dropdown';
import ToggleButton from '@cloudscape-design/components/toggle-button';
import { useI18n } from '../../i18n';
import type { MessageKey } from '../../i18n';
import { AccountLabel } from '../../components/account-colour';
import type { RoleEntry } from './search';
import { formatAccountId } from './search';

/** Limits other than the role's own setting are worth naming: they explain a surprising maximum. */
const LIMIT_REASONS: Partial<Record<string, MessageKey>> = {
  iam_role: 'role.limit.iamRole',
  grant: 'role.limit.grant',
  role_chaining: 'role.limit.roleChaining',
  aws_minimum: 'role.limit.awsMinimum',
};

export interface RoleActions {
  openConsole: (entry: RoleEntry) => void;
  chooseConsole: (entry: RoleEntry) => void;
  openCli: (entry: RoleEntry) => void;
  toggleFavourite: (entry: RoleEntry) => void;
}

export const RoleRow = memo(function RoleRow({
  entry,
  actions,
  opening,
  showAccount = false,
  note,
}: {
  entry: RoleEntry;
  actions: RoleActions;
  opening: boolean;
  showAccount?: boolean;
  /** E.g. "Console · 5 minutes ago" in the recently used list. */
  note?: string;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const { account, role } = entry;
  const groups = role.via.filter((v) => v.startsWith('group:')).map((v) => v.slice('group:'.length));
  const label = `${role.displayName} (${account.name})`;
  const limitReason = LIMIT_REASONS[role.maxSessionLimitedBy];

  return (
    <li className="gh-role">
      <div className="gh-role__main">
        <ToggleButton
          variant="icon"
          iconName="star"
          pressedIconName="star-filled"
          pressed={role.favourite}
          ariaLabel={t('role.favourite', { role: label })}
          onChange={() => actions.toggleFavourite(entry)}
        />
        <div className="gh-role__text">
          <div className="gh-role__title">
            <span className="gh-role__name">{role.displayName}</span>
            {role.requiresStepUp && <Badge color="blue">{t('role.stepUp')}</Badge>}
            {role.grantExpiresAt && (
              <Badge color="grey">
                {t('role.until', { date: i18n.formatDateTime(role.grantExpiresAt) })}
              </Badge>
            )}
          </div>
          <div className="gh-role__meta">
            {showAccount && (
              <span className="gh-role__account">
                <AccountLabel name={account.name} colour={account.colour} />{' '}
                <span className="gh-mono">{formatAccountId(account.awsAccountId)}</span>
              </span>
            )}
            <span className="gh-mono">{role.roleName}</span>
            <span>
              {limitReason
                ? t('role.maxSessionLimited', {
                    duration: i18n.formatDuration(role.maxSessionSeconds),
                    why: t(limitReason),
                  })
                : t('role.maxSession', { duration: i18n.formatDuration(role.maxSessionSeconds) })}
            </span>
            {groups.length > 0 && <span>{t('role.viaGroups', { groups: groups.join(', ') })}</span>}
            {note && <span>{note}</span>}
          </div>
          {role.description && <div className="gh-role__description">{role.description}</div>}
        </div>
      </div>
      <div className="gh-role__actions">
        {role.allowConsole && (
          <ButtonDropdown
            variant="normal"
            mainAction={{
              text: t('role.openConsole'),
              ariaLabel: t('role.openConsoleFor', { role: label }),
              loading: opening,
              loadingText: t('role.opening'),
              onClick: () => actions.openConsole(entry),
            }}
            ariaLabel={t('role.consoleOptionsFor', { role: label })}
            items={[{ id: 'options', text: t('role.consoleOptions') }]}
            onItemClick={() => actions.chooseConsole(entry)}
          />
        )}
        {role.allowCli && (
          <Button
            iconName="key"
            ariaLabel={t('role.cliFor', { role: label })}
            onClick={() => actions.openCli(entry)}
          >
            {t('role.cli')}
          </Button>
        )}
      </div>
    </li>
  );
});
