import Box from '@cloudscape-design/components/box';
import Spinner from '@cloudscape-design/components/spinner';
import StatusIndicator from '@cloudscape-design/components/status-indicator';
import { useI18n } from '../i18n';

export function Loading({ label }: { label?: string }) {
  const { t } = useI18n();
  return (
    <div role="status">
      <Box textAlign="center" padding="xxl">
        <Spinner size="large" />
        <Box variant="p" color="text-status-inactive">
          {label ?? t('app.loading')}
        </Box>
      </Box>
    </div>
  );
}

export function InlineLoading({ label }: { label?: string }) {
  const { t } = useI18n();
  return <StatusIndicator type="loading">{label ?? t('app.loading')}</StatusIndicator>;
}
