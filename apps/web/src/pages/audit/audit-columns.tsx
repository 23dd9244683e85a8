/** The audit table's columns; the time opens the event in full. */
import Button from '@cloudscape-design/components/button';
import StatusIndicator from '@cloudscape-design/components/status-indicator';
import type { TableProps } from '@cloudscape-design/components/table';
import type { AdminAccount, AdminRole, AuditEventSchema } from '@gatehouse/contracts';
import { useI18n } from '../../i18n';
import { WithDetail } from '../admin/shared/with-detail';
import { ACTION_LABELS, OUTCOME_LOOK } from './audit-labels';
import { shortId, targetName } from './audit-names';

export function useAuditColumns({
  onOpen,
  userNames,
  accounts,
  roles,
}: {
  onOpen: (event: AuditEventSchema) => void;
  userNames: ReadonlyMap<string, string>;
  accounts: readonly AdminAccount[] | undefined;
  roles: readonly AdminRole[] | undefined;
}): TableProps<AuditEventSchema>['columnDefinitions'] {
  const { t, formatDateTime } = useI18n();
  const accountName = (id: string | null) => {
    if (!id) return '—';
    const a = accounts?.find((x) => x.id === id);
    return a ? `${a.name} (${a.awsAccountId})` : shortId(id);
  };
  const roleName = (id: string | null) => {
    if (!id) return '—';
    return roles?.find((x) => x.id === id)?.displayName ?? shortId(id);
  };
  // Minimum widths keep lines wrapping between words on a phone (the table scrolls sideways)
  // instead of squeezing every column until dates break after each character.
  return [
    {
      id: 'time',
      header: t('audit.column.time'),
      isRowHeader: true,
      minWidth: 140,
      cell: (e) => (
        <Button
          variant="inline-link"
          onClick={() => onOpen(e)}
          ariaLabel={t('audit.detail.open', { time: formatDateTime(e.occurredAt), action: e.action })}
        >
          {formatDateTime(e.occurredAt)}
        </Button>
      ),
    },
    {
      id: 'action',
      header: t('audit.column.action'),
      minWidth: 180,
      cell: (e) => {
        const label = ACTION_LABELS[e.action];
        return (
          <WithDetail detail={label ? e.action : null}>
            <span>{label ? t(label) : e.action}</span>
          </WithDetail>
        );
      },
    },
    {
      id: 'outcome',
      header: t('audit.column.outcome'),
      minWidth: 110,
      cell: (e) => (
        <StatusIndicator type={OUTCOME_LOOK[e.outcome].type}>
          {t(OUTCOME_LOOK[e.outcome].label)}
        </StatusIndicator>
      ),
    },
    {
      id: 'actor',
      header: t('audit.column.actor'),
      minWidth: 100,
      cell: (e) => e.actorUsername ?? '—',
    },
    {
      id: 'target',
      header: t('audit.column.target'),
      minWidth: 110,
      cell: (e) => targetName(e, userNames) ?? '—',
    },
    {
      id: 'account',
      header: t('audit.column.account'),
      minWidth: 160,
      cell: (e) => accountName(e.accountId),
    },
    { id: 'role', header: t('audit.column.role'), minWidth: 140, cell: (e) => roleName(e.roleId) },
    { id: 'ip', header: t('audit.column.ip'), minWidth: 110, cell: (e) => e.ip ?? '—' },
  ];
}
