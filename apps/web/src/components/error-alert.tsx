import Alert from '@cloudscape-design/components/alert';
import Box from '@cloudscape-design/components/box';
import { ApiError } from '../api';
import { describeError } from '../errors';
import { useI18n } from '../i18n';

/**
 * A failed request, said plainly. `fields` names the form fields that show their own API
 * reasons: when every reason belongs to one of them, the form says it all and this stays quiet.
 */
export function ErrorAlert({ error, fields = [] }: { error: unknown; fields?: readonly string[] }) {
  const i18n = useI18n();
  if (!error) return null;
  if (
    error instanceof ApiError &&
    error.status === 400 &&
    error.fields.length > 0 &&
    error.fields.every((f) => fields.some((name) => f.field === name || f.field.startsWith(`${name}.`)))
  ) {
    return null;
  }
  const described = describeError(i18n, error);
  return (
    <Alert type="error" statusIconAriaLabel={i18n.t('error.label')}>
      <span role="alert">{described.message}</span>
      {described.detail && (
        <Box variant="p" color="text-body-secondary">
          <span lang="en">{described.detail}</span>
        </Box>
      )}
      {described.requestId && (
        <Box variant="small" color="text-body-secondary">
          {i18n.t('error.requestId', { id: described.requestId })}
        </Box>
      )}
    </Alert>
  );
}
