import StatusIndicator from '@cloudscape-design/components/status-indicator';
import type { StatusIndicatorProps } from '@cloudscape-design/components/status-indicator';
import { useI18n } from '../../../i18n';

/** A yes/no state as a status: success when on, `offType` (stopped unless said) when off. */
export function TwoStateStatus({
  on,
  onText,
  offText,
  offType = 'stopped',
}: {
  on: boolean;
  onText: string;
  offText: string;
  offType?: StatusIndicatorProps.Type;
}) {
  return on ? (
    <StatusIndicator type="success">{onText}</StatusIndicator>
  ) : (
    <StatusIndicator type={offType}>{offText}</StatusIndicator>
  );
}

/** Whether an account or a user is in use, in its area's words (`admin.<area>.status.enabled`). */
export function EnabledStatus({ area, disabled }: { area: 'accounts' | 'users'; disabled: boolean }) {
  const { t } = useI18n();
  return (
    <TwoStateStatus
      on={!disabled}
      onText={t(`admin.${area}.status.enabled`)}
      offText={t(`admin.${area}.status.disabled`)}
    />
  );
}
