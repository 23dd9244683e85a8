import { AppError } from './app-error';

export const MIN_SESSION_SECONDS = 900;
export const MAX_SESSION_SECONDS = 43200;
/** AWS caps role chaining (the broker itself on role credentials) at one hour, whatever the role says. */
export const CHAINED_MAX_SECONDS = 3600;

/**
 * The longest session AWS will actually grant. Clamped into 900..43200 so a bad stored value
 * (a grant of 60 s, a role read as 0) cannot produce a duration AWS rejects outright.
 */
export function maxSessionSeconds(input: {
  roleMaxSeconds: number;
  grantMaxSeconds: number | null;
  chained: boolean;
}): number {
  const limit = Math.min(
    input.roleMaxSeconds,
    input.grantMaxSeconds ?? input.roleMaxSeconds,
    input.chained ? CHAINED_MAX_SECONDS : MAX_SESSION_SECONDS,
  );
  // NaN would slip through Math.min/max; the safe floor is AWS's minimum.
  if (Number.isNaN(limit)) return MIN_SESSION_SECONDS;
  return Math.max(MIN_SESSION_SECONDS, Math.floor(limit));
}

/**
 * A request AWS could never honour is the user's mistake and is rejected; a request longer than
 * this role allows is lowered to the real maximum, which the user is shown, because failing would
 * only make them guess the number.
 */
export function resolveSessionDuration(input: {
  requestedSeconds: number | undefined;
  roleMaxSeconds: number;
  grantMaxSeconds: number | null;
  chained: boolean;
}): { durationSeconds: number; maxSeconds: number; clamped: boolean } {
  const maxSeconds = maxSessionSeconds(input);
  const requested = input.requestedSeconds;
  if (requested === undefined) return { durationSeconds: maxSeconds, maxSeconds, clamped: false };
  if (!Number.isInteger(requested) || requested < MIN_SESSION_SECONDS || requested > MAX_SESSION_SECONDS) {
    throw new AppError(
      'validation',
      `Session duration must be a whole number of seconds between ${MIN_SESSION_SECONDS} and ${MAX_SESSION_SECONDS}.`,
      {
        fields: [
          {
            field: 'durationSeconds',
            reason: `must be between ${MIN_SESSION_SECONDS} and ${MAX_SESSION_SECONDS}`,
          },
        ],
      },
    );
  }
  if (requested > maxSeconds) return { durationSeconds: maxSeconds, maxSeconds, clamped: true };
  return { durationSeconds: requested, maxSeconds, clamped: false };
}

/**
 * The federation endpoint rejects SessionDuration when the credentials come from a role session
 * (the console session then lasts as long as the credentials) or from GetFederationToken.
 */
export function sendSessionDuration(broker: { isRoleSession: boolean; isFederationToken: boolean }): boolean {
  return !broker.isRoleSession && !broker.isFederationToken;
}
