/**
 * Where one revocation stands, in words and not only colour: applied, pending (with its next
 * try), failing (why, and when it is tried again) or given up (the sessions expired anyway).
 */
import Box from '@cloudscape-design/components/box';
import SpaceBetween from '@cloudscape-design/components/space-between';
import StatusIndicator from '@cloudscape-design/components/status-indicator';
import { useI18n } from '../../../i18n';
import { STATUS_LOOK } from './revocation-labels';
import type { Revocation } from './revocation-model';

export function RevocationStatus({
  revocation: r,
  withNextAttempt = true,
}: {
  revocation: Revocation;
  /** Off where the table has a column of its own for the next try. */
  withNextAttempt?: boolean;
}) {
  const { t, formatDateTime } = useI18n();
  const look = STATUS_LOOK[r.status];
  const details: string[] = [];
  if (r.status === 'failing' || r.status === 'given_up') {
    if (r.lastError) details.push(t('admin.revocations.lastError', { error: r.lastError }));
  }
  if (r.status === 'failing' && r.attempts > 0) {
    details.push(t('admin.revocations.attempts', { count: r.attempts }));
  }
  if (withNextAttempt && r.nextAttemptAt && (r.status === 'pending' || r.status === 'failing')) {
    details.push(
      t(r.status === 'failing' ? 'admin.revocations.nextRetry' : 'admin.revocations.nextAttempt', {
        at: formatDateTime(r.nextAttemptAt),
      }),
    );
  }
  if (r.status === 'given_up') {
    details.push(t('admin.revocations.givenUp', { at: formatDateTime(r.sessionsEndAt) }));
  }
  return (
    <SpaceBetween size="xxxs">
      <StatusIndicator type={look.type}>{t(look.label)}</StatusIndicator>
      {details.map((text) => (
        <Box key={text} variant="small" color="text-body-secondary">
          {text}
        </Box>
      ))}
    </SpaceBetween>
  );
}

/** When a pending or failing revocation is tried next; nothing once it is applied or given up. */
export function nextAttemptText(r: Revocation, formatDateTime: (value: string) => string): string {
  return r.nextAttemptAt && (r.status === 'pending' || r.status === 'failing')
    ? formatDateTime(r.nextAttemptAt)
    : '—';
}
