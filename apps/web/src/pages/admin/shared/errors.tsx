/** How an API failure reaches an admin: reasons beside their fields, everything else as one alert. */
import Alert from '@cloudscape-design/components/alert';
import Box from '@cloudscape-design/components/box';
import { ApiError } from '../../../api';
import { useI18n } from '../../../i18n';
import type { MessageKey } from '../../../i18n';

export type ErrorKind =
  | 'validation'
  | 'conflict'
  | 'notFound'
  | 'forbidden'
  | 'unauthorized'
  | 'rateLimited'
  | 'network'
  | 'unavailable'
  | 'other';

export function errorKind(error: unknown): ErrorKind {
  if (!(error instanceof ApiError)) return 'other';
  if (error.status === 0) return 'network';
  if (error.status === 400) return 'validation';
  if (error.status === 401) return 'unauthorized';
  if (error.status === 403) return 'forbidden';
  if (error.status === 404) return 'notFound';
  if (error.status === 409) return 'conflict';
  if (error.status === 429) return 'rateLimited';
  if (error.status >= 500) return 'unavailable';
  return 'other';
}

/** The API's reason for one field (or any of its items, `sourceCidrs.2`), to show beside it. */
export function fieldErrorOf(error: unknown, field: string): string | undefined {
  return error instanceof ApiError ? error.fieldError(field) : undefined;
}

/** Field reasons by item index: `userIds.3` → { 3: reason }. */
export function indexedFieldErrors(error: unknown, field: string): Map<number, string> {
  const out = new Map<number, string>();
  if (!(error instanceof ApiError)) return out;
  for (const f of error.fields) {
    const match = new RegExp(`^${field}\\.(\\d+)$`).exec(f.field);
    if (match?.[1] !== undefined) out.set(Number(match[1]), f.reason);
  }
  return out;
}

/**
 * A validation error whose every field is shown beside a control needs no alert; anything else
 * (a conflict, a missing row, a field this form does not show, no answer at all) does.
 */
export function needsAlert(error: unknown, placedFields: readonly string[]): boolean {
  if (!error) return false;
  if (!(error instanceof ApiError) || error.status !== 400 || error.fields.length === 0) return true;
  return error.fields.some((f) => !placedFields.some((p) => f.field === p || f.field.startsWith(`${p}.`)));
}

const TITLES: Record<ErrorKind, MessageKey> = {
  validation: 'admin.error.validation',
  conflict: 'admin.error.conflict',
  notFound: 'admin.error.notFound',
  forbidden: 'admin.error.forbidden',
  unauthorized: 'admin.error.unauthorized',
  rateLimited: 'admin.error.rateLimited',
  network: 'admin.error.network',
  unavailable: 'admin.error.unavailable',
  other: 'admin.error.failed',
};

const HINTS: Partial<Record<ErrorKind, MessageKey>> = {
  notFound: 'admin.error.notFoundHint',
  unauthorized: 'admin.error.unauthorizedHint',
  unavailable: 'admin.error.unavailableHint',
};

export function ApiErrorAlert({
  error,
  placedFields = [],
  onDismiss,
}: {
  error: unknown;
  placedFields?: readonly string[];
  onDismiss?: () => void;
}) {
  const { t } = useI18n();
  if (!needsAlert(error, placedFields)) return null;
  const kind = errorKind(error);
  const hint = HINTS[kind];
  const message = error instanceof Error ? error.message : String(error);
  const requestId = error instanceof ApiError ? error.requestId : undefined;
  return (
    <Alert type="error" header={t(TITLES[kind])} {...(onDismiss ? { dismissible: true, onDismiss } : {})}>
      {message}
      {hint ? <Box variant="p">{t(hint)}</Box> : null}
      {requestId ? (
        <Box variant="small" color="text-body-secondary">
          {t('admin.error.requestId', { id: requestId })}
        </Box>
      ) : null}
    </Alert>
  );
}
