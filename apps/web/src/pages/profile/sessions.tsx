/** The browser sessions signed in as me, this one marked; any other can be ended here. */
import { useQuery } from '@tanstack/react-query';
import Badge from '@cloudscape-design/components/badge';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import SpaceBetween from '@cloudscape-design/components/space-between';
import type { SessionList } from '@gatehouse/contracts';
import { get } from '../../api';
import { useI18n } from '../../i18n';
import { describeUserAgent } from '../../components/user-agent';
import { SignedInCards, useEnd } from './signed-in-cards';

export const SESSIONS_KEY = ['me', 'sessions'] as const;

type SessionRow = SessionList['sessions'][number];

export function Sessions() {
  const i18n = useI18n();
  const { t } = i18n;
  const sessions = useQuery({ queryKey: SESSIONS_KEY, queryFn: () => get<SessionList>('/api/me/sessions') });
  const end = useEnd(
    (id) => `/api/me/sessions/${id}`,
    SESSIONS_KEY,
    'session-ended',
    t('profile.sessionEnded'),
  );
  const device = (row: SessionRow) => {
    const { browser, os } = describeUserAgent(row.userAgent);
    if (browser && os) return t('profile.deviceOn', { browser, os });
    return browser ?? os ?? (row.userAgent || t('profile.unknownDevice'));
  };
  return (
    <SignedInCards<SessionRow>
      title={t('profile.sessions')}
      description={t('profile.sessionsDescription')}
      actions={
        <Button
          iconName="refresh"
          ariaLabel={t('profile.refreshSessions')}
          loading={sessions.isFetching}
          onClick={() => void sessions.refetch()}
        />
      }
      query={sessions}
      items={sessions.data?.sessions ?? []}
      emptyText={t('profile.noSessions')}
      cardHeader={(row) => (
        <SpaceBetween size="xs" direction="horizontal" alignItems="center">
          <span title={row.userAgent}>{device(row)}</span>
          {row.current && <Badge color="green">{t('profile.thisSession')}</Badge>}
        </SpaceBetween>
      )}
      sections={[
        { id: 'ip', header: t('profile.ip'), content: (row) => <span className="gh-mono">{row.ip}</span> },
        {
          id: 'created',
          header: t('profile.signedIn'),
          content: (row) => i18n.formatDateTime(row.createdAt),
        },
        {
          id: 'seen',
          header: t('profile.lastActive'),
          content: (row) => i18n.formatDateTime(row.lastSeenAt),
        },
        { id: 'expires', header: t('profile.expires'), content: (row) => i18n.formatDateTime(row.expiresAt) },
        {
          id: 'actions',
          content: (row) =>
            row.current ? (
              <Box color="text-body-secondary" variant="small">
                {t('profile.currentHint')}
              </Box>
            ) : (
              <Button
                ariaLabel={t('profile.endSessionFor', { device: device(row), ip: row.ip })}
                loading={end.isPending && end.variables === row.id}
                onClick={() => end.mutate(row.id)}
              >
                {t('profile.endSession')}
              </Button>
            ),
        },
      ]}
    />
  );
}
