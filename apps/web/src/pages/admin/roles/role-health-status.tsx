import StatusIndicator from '@cloudscape-design/components/status-indicator';
import type { StatusIndicatorProps } from '@cloudscape-design/components/status-indicator';
import type { RoleHealthEntry } from '@gatehouse/contracts';
import { useI18n } from '../../../i18n';
import type { MessageKey } from '../../../i18n';

export type HealthStatus = RoleHealthEntry['status'];

export const HEALTH_LOOK: Record<HealthStatus, { type: StatusIndicatorProps.Type; label: MessageKey }> = {
  ok: { type: 'success', label: 'admin.roles.health.ok' },
  warning: { type: 'warning', label: 'admin.roles.health.warning' },
  error: { type: 'error', label: 'admin.roles.health.error' },
  unknown: { type: 'info', label: 'admin.roles.health.unknown' },
  unchecked: { type: 'pending', label: 'admin.roles.health.unchecked' },
};

export function RoleHealthStatus({ status }: { status: HealthStatus }) {
  const { t } = useI18n();
  const look = HEALTH_LOOK[status];
  return <StatusIndicator type={look.type}>{t(look.label)}</StatusIndicator>;
}
