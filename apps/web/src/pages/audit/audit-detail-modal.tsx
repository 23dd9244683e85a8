/** Every field of one audit event, the details JSON in full, and the chain hashes. */
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import CopyToClipboard from '@cloudscape-design/components/copy-to-clipboard';
import Header from '@cloudscape-design/components/header';
import KeyValuePairs from '@cloudscape-design/components/key-value-pairs';
import Modal from '@cloudscape-design/components/modal';
import SpaceBetween from '@cloudscape-design/components/space-between';
import StatusIndicator from '@cloudscape-design/components/status-indicator';
import type { AdminAccount, AdminRole, AuditEventSchema } from '@gatehouse/contracts';
import { useI18n } from '../../i18n';
import { RouterLink, useAdminPath } from '../admin/shared/nav';
import { ACTION_LABELS, OUTCOME_LOOK } from './audit-labels';
import { nameInEvent } from './audit-names';

export function detailsJson(details: unknown): string {
  return details === undefined ? 'null' : JSON.stringify(details, null, 2);
}

function Mono({ children }: { children: string }) {
  return (
    <Box variant="code">
      <span style={{ wordBreak: 'break-all' }}>{children}</span>
    </Box>
  );
}

export function AuditDetailModal({
  event,
  accounts,
  roles,
  userNames,
  onDismiss,
}: {
  event: AuditEventSchema | null;
  accounts: readonly AdminAccount[];
  roles: readonly AdminRole[];
  /** Usernames by id, as the page knows them. */
  userNames: ReadonlyMap<string, string>;
  onDismiss: () => void;
}) {
  const { t, formatDateTime } = useI18n();
  const adminPath = useAdminPath();
  if (!event) return null;
  const account = accounts.find((a) => a.id === event.accountId);
  const role = roles.find((r) => r.id === event.roleId);
  const label = ACTION_LABELS[event.action];
  const target = event.targetUserId
    ? (nameInEvent(event) ?? userNames.get(event.targetUserId) ?? event.targetUserId)
    : null;
  const json = detailsJson(event.details);
  const none = '—';
  return (
    <Modal
      visible
      size="large"
      onDismiss={onDismiss}
      header={t('audit.detail.title', { id: event.id })}
      footer={
        <Box float="right">
          <Button variant="primary" onClick={onDismiss}>
            {t('admin.action.close')}
          </Button>
        </Box>
      }
    >
      <SpaceBetween size="l">
        <KeyValuePairs
          columns={2}
          items={[
            {
              label: t('audit.column.time'),
              value: (
                <SpaceBetween size="xxxs">
                  <span>{formatDateTime(event.occurredAt)}</span>
                  <Mono>{event.occurredAt}</Mono>
                </SpaceBetween>
              ),
            },
            {
              label: t('audit.column.action'),
              value: (
                <SpaceBetween size="xxxs">
                  {label ? <span>{t(label)}</span> : null}
                  <Mono>{event.action}</Mono>
                </SpaceBetween>
              ),
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
              value: event.actorId ? (
                <SpaceBetween size="xxxs">
                  <RouterLink href={adminPath(`users/${event.actorId}`)}>
                    {event.actorUsername ?? event.actorId}
                  </RouterLink>
                  <Mono>{event.actorId}</Mono>
                </SpaceBetween>
              ) : (
                (event.actorUsername ?? none)
              ),
            },
            {
              label: t('audit.column.target'),
              value: event.targetUserId ? (
                <SpaceBetween size="xxxs">
                  <RouterLink href={adminPath(`users/${event.targetUserId}`)}>{target}</RouterLink>
                  <Mono>{event.targetUserId}</Mono>
                </SpaceBetween>
              ) : (
                none
              ),
            },
            {
              label: t('audit.column.account'),
              value: event.accountId ? (
                <SpaceBetween size="xxxs">
                  {account ? (
                    <span>
                      {account.name} ({account.awsAccountId})
                    </span>
                  ) : null}
                  <Mono>{event.accountId}</Mono>
                </SpaceBetween>
              ) : (
                none
              ),
            },
            {
              label: t('audit.column.role'),
              value: event.roleId ? (
                <SpaceBetween size="xxxs">
                  {role ? <span>{role.displayName}</span> : null}
                  {role ? <Mono>{role.arn}</Mono> : null}
                  <Mono>{event.roleId}</Mono>
                </SpaceBetween>
              ) : (
                none
              ),
            },
            { label: t('audit.column.ip'), value: event.ip ?? none },
            { label: t('audit.detail.userAgent'), value: event.userAgent ?? none },
            {
              label: t('audit.detail.requestId'),
              value: event.requestId ? <Mono>{event.requestId}</Mono> : none,
            },
            {
              label: t('audit.detail.correlationId'),
              value: event.correlationId ? <Mono>{event.correlationId}</Mono> : none,
            },
            { label: t('audit.detail.prevHash'), value: <Mono>{event.prevHash}</Mono> },
            { label: t('audit.detail.hash'), value: <Mono>{event.hash}</Mono> },
          ]}
        />
        <SpaceBetween size="xs">
          <Header
            variant="h3"
            actions={
              <CopyToClipboard
                variant="button"
                textToCopy={json}
                copyButtonText={t('audit.detail.copyJson')}
                copySuccessText={t('admin.copy.success')}
                copyErrorText={t('admin.copy.error')}
              />
            }
          >
            {t('audit.detail.details')}
          </Header>
          {/* Focusable, so the scrollable JSON can be scrolled from the keyboard. */}
          <div
            tabIndex={0}
            role="region"
            aria-label={t('audit.detail.details')}
            style={{ maxHeight: 360, overflow: 'auto' }}
          >
            <Box variant="pre">{json}</Box>
          </div>
        </SpaceBetween>
      </SpaceBetween>
    </Modal>
  );
}
