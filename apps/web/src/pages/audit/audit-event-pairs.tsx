/** One audit event as label–value pairs: each id is shown in full beneath the name it stands for. */
import type { ReactNode } from 'react';
import Box from '@cloudscape-design/components/box';
import KeyValuePairs from '@cloudscape-design/components/key-value-pairs';
import type { KeyValuePairsProps } from '@cloudscape-design/components/key-value-pairs';
import SpaceBetween from '@cloudscape-design/components/space-between';
import StatusIndicator from '@cloudscape-design/components/status-indicator';
import type { AdminAccount, AdminRole, AuditEventSchema } from '@gatehouse/contracts';
import { useI18n } from '../../i18n';
import { RouterLink, useAdminPath } from '../admin/shared/nav';
import { ACTION_LABELS, OUTCOME_LOOK } from './audit-labels';
import { nameInEvent } from './audit-names';

const NONE = '—';

function Mono({ children }: { children: string }) {
  return (
    <Box variant="code">
      <span style={{ wordBreak: 'break-all' }}>{children}</span>
    </Box>
  );
}

/** A name (when known) over the exact value the log holds. */
function Named({ children, value }: { children?: ReactNode; value: string }) {
  return (
    <SpaceBetween size="xxxs">
      {children}
      <Mono>{value}</Mono>
    </SpaceBetween>
  );
}

export function AuditEventPairs({
  event,
  accounts,
  roles,
  userNames,
}: {
  event: AuditEventSchema;
  accounts: readonly AdminAccount[];
  roles: readonly AdminRole[];
  userNames: ReadonlyMap<string, string>;
}) {
  const { t, formatDateTime } = useI18n();
  const adminPath = useAdminPath();
  const account = accounts.find((a) => a.id === event.accountId);
  const role = roles.find((r) => r.id === event.roleId);
  const label = ACTION_LABELS[event.action];
  const userLink = (id: string, name: string) => (
    <Named value={id}>
      <RouterLink href={adminPath(`users/${id}`)}>{name}</RouterLink>
    </Named>
  );
  const monoOrNone = (value: string | null | undefined) => (value ? <Mono>{value}</Mono> : NONE);
  const items: KeyValuePairsProps['items'] = [
    {
      label: t('audit.column.time'),
      value: (
        <Named value={event.occurredAt}>
          <span>{formatDateTime(event.occurredAt)}</span>
        </Named>
      ),
    },
    {
      label: t('audit.column.action'),
      value: <Named value={event.action}>{label ? <span>{t(label)}</span> : null}</Named>,
    },
    {
      label: t('audit.column.outcome'),
      value: (
        <StatusIndicator type={OUTCOME_LOOK[event.outcome].type}>
          {t(OUTCOME_LOOK[event.outcome].label)}
        </StatusIndicator>
      ),
    },
    {
      label: t('audit.column.actor'),
      value: event.actorId
        ? userLink(event.actorId, event.actorUsername ?? event.actorId)
        : (event.actorUsername ?? NONE),
    },
    {
      label: t('audit.column.target'),
      value: event.targetUserId
        ? userLink(
            event.targetUserId,
            nameInEvent(event) ?? userNames.get(event.targetUserId) ?? event.targetUserId,
          )
        : NONE,
    },
    {
      label: t('audit.column.account'),
      value: event.accountId ? (
        <Named value={event.accountId}>
          {account ? (
            <span>
              {account.name} ({account.awsAccountId})
            </span>
          ) : null}
        </Named>
      ) : (
        NONE
      ),
    },
    {
      label: t('audit.column.role'),
      value: event.roleId ? (
        <Named value={event.roleId}>
          {role ? <span>{role.displayName}</span> : null}
          {role ? <Mono>{role.arn}</Mono> : null}
        </Named>
      ) : (
        NONE
      ),
    },
    { label: t('audit.column.ip'), value: event.ip ?? NONE },
    { label: t('audit.detail.userAgent'), value: event.userAgent ?? NONE },
    { label: t('audit.detail.requestId'), value: monoOrNone(event.requestId) },
    { label: t('audit.detail.correlationId'), value: monoOrNone(event.correlationId) },
    { label: t('audit.detail.prevHash'), value: <Mono>{event.prevHash}</Mono> },
    { label: t('audit.detail.hash'), value: <Mono>{event.hash}</Mono> },
  ];
  return <KeyValuePairs columns={2} items={items} />;
}
