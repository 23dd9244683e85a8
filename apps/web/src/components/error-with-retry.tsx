import Button from '@cloudscape-design/components/button';
import SpaceBetween from '@cloudscape-design/components/space-between';
import { useI18n } from '../i18n';
import { ErrorAlert } from './error-alert';

/** A load that failed: what went wrong, and a way to ask again without reloading the page. */
export function ErrorWithRetry({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const { t } = useI18n();
  return (
    <SpaceBetween size="m">
      <ErrorAlert error={error} />
      <Button onClick={onRetry}>{t('app.retry')}</Button>
    </SpaceBetween>
  );
}
