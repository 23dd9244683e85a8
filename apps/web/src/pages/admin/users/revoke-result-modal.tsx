/** What revoking a user's AWS sessions did on each role they recently used. */
import Box from '@cloudscape-design/components/box';
import SpaceBetween from '@cloudscape-design/components/space-between';
import StatusIndicator from '@cloudscape-design/components/status-indicator';
import type { RevokeUserSessionsResponse } from '@gatehouse/contracts';
import { useI18n } from '../../../i18n';
import { InfoModal } from '../shared/info-modal';

export function RevokeResultModal({
  result,
  username,
  onDismiss,
}: {
  result: RevokeUserSessionsResponse | null;
  username: string;
  onDismiss: () => void;
}) {
  const { t, formatDateTime } = useI18n();
  if (!result) return null;
  return (
    <InfoModal header={t('admin.users.revoke.title', { username })} onDismiss={onDismiss}>
      <SpaceBetween size="s">
        <Box variant="p">
          {result.results.length === 0
            ? t('admin.users.revoke.none', { since: formatDateTime(result.since) })
            : t('admin.users.revoke.summary', { since: formatDateTime(result.since) })}
        </Box>
        {result.results.length > 0 ? (
          <ul>
            {result.results.map((r) => (
              <li key={r.roleId}>
                <SpaceBetween size="xxxs">
                  <Box variant="code">{r.roleArn ?? r.roleId}</Box>
                  {r.result ? (
                    <StatusIndicator type="success">
                      {t('admin.users.revoke.ok', { at: formatDateTime(r.result.cutoff) })}
                    </StatusIndicator>
                  ) : (
                    <StatusIndicator type="error">
                      {t('admin.users.revoke.failed', { reason: r.error ?? '' })}
                    </StatusIndicator>
                  )}
                </SpaceBetween>
              </li>
            ))}
          </ul>
        ) : null}
      </SpaceBetween>
    </InfoModal>
  );
}
