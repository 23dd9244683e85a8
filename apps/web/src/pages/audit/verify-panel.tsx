/** Walks the whole hash chain on the server and says whether any event was altered or removed. */
import { useQuery } from '@tanstack/react-query';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import Container from '@cloudscape-design/components/container';
import Header from '@cloudscape-design/components/header';
import SpaceBetween from '@cloudscape-design/components/space-between';
import StatusIndicator from '@cloudscape-design/components/status-indicator';
import type { AuditVerifyResult } from '@gatehouse/contracts';
import { get } from '../../api';
import { useI18n } from '../../i18n';
import { ApiErrorAlert } from '../admin/shared/errors';

export function VerifyPanel() {
  const { t, formatDateTime } = useI18n();
  // Only on request: the check reads every row, which is not free on a large log.
  const verify = useQuery({
    queryKey: ['audit', 'verify'],
    queryFn: () => get<AuditVerifyResult>('/api/admin/audit/verify'),
    enabled: false,
    gcTime: 0,
    retry: false,
  });
  const result = verify.data;
  return (
    <Container
      header={
        <Header
          variant="h2"
          description={t('audit.verify.description')}
          actions={
            <Button onClick={() => void verify.refetch()} loading={verify.isFetching}>
              {result ? t('audit.verify.again') : t('audit.verify.button')}
            </Button>
          }
        >
          {t('audit.verify.title')}
        </Header>
      }
    >
      <div aria-live="polite">
        {verify.isError ? (
          <ApiErrorAlert error={verify.error} />
        ) : result ? (
          <SpaceBetween size="xs">
            {result.intact ? (
              <StatusIndicator type="success">
                {t('audit.verify.intact', { count: result.checked })}
              </StatusIndicator>
            ) : (
              <StatusIndicator type="error">
                {t('audit.verify.broken', {
                  id: result.broken?.id ?? '?',
                  count: result.checked,
                })}
              </StatusIndicator>
            )}
            {result.broken ? (
              <Box variant="p">{t('audit.verify.reason', { reason: result.broken.reason })}</Box>
            ) : null}
            {result.broken ? <Box variant="p">{t('audit.verify.brokenHint')}</Box> : null}
            <Box variant="small" color="text-body-secondary">
              {t('audit.verify.checkedAt', { at: formatDateTime(new Date(verify.dataUpdatedAt)) })}
            </Box>
          </SpaceBetween>
        ) : (
          <Box color="text-body-secondary">{t('audit.verify.notYet')}</Box>
        )}
      </div>
    </Container>
  );
}
