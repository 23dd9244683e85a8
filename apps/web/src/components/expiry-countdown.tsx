import StatusIndicator from '@cloudscape-design/components/status-indicator';
import { formatClock } from '../errors';
import { useI18n } from '../i18n';
import { useNow } from '../hooks/use-now';

/** Seconds left before this moment, never negative. */
export function secondsUntil(iso: string, now: number): number {
  return Math.max(0, Math.floor((Date.parse(iso) - now) / 1000));
}

/** A live countdown to when temporary credentials stop working. */
export function ExpiryCountdown({ expiration }: { expiration: string }) {
  const { t } = useI18n();
  const now = useNow(1000);
  const left = secondsUntil(expiration, now);
  if (left <= 0) return <StatusIndicator type="error">{t('creds.expired')}</StatusIndicator>;
  return (
    <StatusIndicator type={left < 300 ? 'warning' : 'success'}>
      {t('creds.expiresIn', { time: formatClock(left) })}
    </StatusIndicator>
  );
}
