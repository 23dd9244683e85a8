import StatusIndicator from '@cloudscape-design/components/status-indicator';
import type { StatusIndicatorProps } from '@cloudscape-design/components/status-indicator';

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
