/**
 * Turns a failed request into words for the person in front of the screen, in their language.
 * The server's messages are English and written for users; where we know the code we say it
 * ourselves, and otherwise (in Japanese) we give a translated headline with the server's words
 * as the detail.
 */
import { ApiError } from './api';
import type { I18n, MessageKey } from './i18n';

export interface DescribedError {
  message: string;
  /** The server's own explanation, when the headline is ours and it adds something. */
  detail?: string;
  /** For 5xx answers: what an administrator needs to find the log line. */
  requestId?: string;
}

const STATUS_HEADLINES: Record<number, MessageKey> = {
  400: 'error.badRequest',
  401: 'error.signedOut',
  403: 'error.forbidden',
  404: 'error.notFound',
  409: 'error.conflict',
  410: 'error.gone',
  502: 'error.aws',
  503: 'error.unavailable',
  504: 'error.timeout',
};

/** "in 45 s" / "in 15 min": how long a lock or rate limit lasts. */
export function formatWait(i18n: Pick<I18n, 't' | 'formatDuration'>, seconds: number): string {
  if (seconds < 60) return i18n.t('duration.seconds', { s: Math.max(1, Math.ceil(seconds)) });
  return i18n.formatDuration(Math.ceil(seconds / 60) * 60);
}

/** A live countdown: `4:05`, `1:02:03`. Digits read the same in English and Japanese. */
export function formatClock(totalSeconds: number): string {
  const s = Math.max(0, Math.floor(totalSeconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
}

export function describeError(
  i18n: Pick<I18n, 't' | 'formatDuration' | 'locale'>,
  error: unknown,
): DescribedError {
  const { t } = i18n;
  if (!(error instanceof ApiError)) return { message: t('error.unexpected') };
  if (error.status === 0) return { message: t('error.network') };
  if (error.status === 423) {
    const wait = error.retryAfterSeconds;
    return { message: wait ? t('error.lockedFor', { wait: formatWait(i18n, wait) }) : t('error.locked') };
  }
  if (error.status === 429) {
    const wait = error.retryAfterSeconds;
    return {
      message: wait ? t('error.rateLimitedFor', { wait: formatWait(i18n, wait) }) : t('error.rateLimited'),
    };
  }
  if (error.code === 'csrf') return { message: t('error.csrf') };
  if (error.status === 415) return { message: t('error.unexpected') };
  const requestId = error.status >= 500 ? error.requestId : undefined;
  const withId = (d: DescribedError): DescribedError => (requestId ? { ...d, requestId } : d);
  if (error.status === 500) return withId({ message: t('error.internal') });
  const headlineKey = STATUS_HEADLINES[error.status];
  const serverSays = error.message.trim();
  // English readers get the server's sentence as it is: it already says what to do.
  if (i18n.locale === 'en' && serverSays) return withId({ message: serverSays });
  if (!headlineKey) return withId({ message: serverSays || t('error.unexpected') });
  return withId(serverSays ? { message: t(headlineKey), detail: serverSays } : { message: t(headlineKey) });
}

const FIELD_REASONS: Array<[RegExp, MessageKey]> = [
  [/^must be at least (\d+) characters$/, 'field.tooShort'],
  [/^must be at most (\d+) characters$/, 'field.tooLong'],
  [/^is too common/, 'field.tooCommon'],
  [/^must not be the username$/, 'field.notUsername'],
  [/^taken$/, 'field.taken'],
  [/^incorrect$/, 'field.incorrect'],
  [/^already used$/, 'field.alreadyUsed'],
  [/^invalid$/, 'field.invalidCode'],
  [/^must match format "email"$/, 'field.email'],
];

/** The reason the API gave for one field, translated when it is one we know. */
export function fieldReason(i18n: Pick<I18n, 't'>, reason: string): string {
  for (const [pattern, key] of FIELD_REASONS) {
    const match = pattern.exec(reason);
    if (match) return i18n.t(key, { count: Number(match[1] ?? '') });
  }
  return reason;
}

/** All the API's reasons for a field (a password can break several rules at once), joined. */
export function fieldErrorText(i18n: Pick<I18n, 't'>, error: unknown, field: string): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  const reasons = error.fields
    .filter((f) => f.field === field || f.field.startsWith(`${field}.`))
    .map((f) => fieldReason(i18n, f.reason));
  return reasons.length > 0 ? reasons.join(' ') : undefined;
}

/** Whether the API refused one of these fields (a wrong code, say), rather than the request as a whole. */
export function refusedField(error: unknown, ...fields: string[]): boolean {
  return error instanceof ApiError && fields.some((field) => error.fieldError(field) !== undefined);
}
