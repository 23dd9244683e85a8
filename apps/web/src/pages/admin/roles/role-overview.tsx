/** A role's settings as its page opens: account, ARN, session length, step-up, grants, audit, policy. */
import type { AdminRole } from '@gatehouse/contracts';
import { CodeBlock } from '../../../components/code-block';
import { useI18n } from '../../../i18n';
import { CopyInline } from '../shared/copy-inline';
import { AUDIT_PATH, CountLink, RouterLink } from '../shared/nav';
import { Overview } from '../shared/overview';
import { useAccounts } from '../shared/queries';
import { AccountName } from '../accounts/account-name';
import { formatPolicy } from './role-model';

export function RoleOverview({ role }: { role: AdminRole }) {
  const { t, formatDuration } = useI18n();
  const accounts = useAccounts();
  const account = accounts.data?.find((a) => a.id === role.accountId);
  return (
    <Overview
      items={[
        {
          label: t('admin.roles.field.account'),
          value: account ? <AccountName account={account} /> : role.accountId,
        },
        {
          label: t('admin.roles.column.arn'),
          value: <CopyInline text={role.arn} copyLabel={t('admin.roles.copyArn')} />,
        },
        { label: t('admin.roles.field.maxSession'), value: formatDuration(role.maxSessionSeconds) },
        {
          label: t('admin.roles.field.stepUp'),
          value: role.requiresStepUp ? t('admin.roles.health.yes') : t('admin.roles.health.no'),
        },
        {
          label: t('admin.roles.column.grants'),
          value: <CountLink count={role.grantCount} path={`grants?roleId=${encodeURIComponent(role.id)}`} />,
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
    >
      {role.sessionPolicy ? (
        <CodeBlock text={formatPolicy(role.sessionPolicy)} label={t('admin.roles.field.sessionPolicy')} />
      ) : null}
    </Overview>
  );
}
