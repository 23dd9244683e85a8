import { AppError } from '../shared/app-error';
import { MAX_SESSION_SECONDS, MIN_SESSION_SECONDS } from '../shared/session-limits';

export { MAX_SESSION_SECONDS, MIN_SESSION_SECONDS };
/** AWS caps role chaining (the broker itself on role credentials) at one hour, whatever the role says. */
export const CHAINED_MAX_SECONDS = 3600;

export type SessionLimitSource =
  /** Gatehouse's setting for the role (mirrors the role's MaxSessionDuration). */
  | 'role'
  /** The role's MaxSessionDuration as IAM last reported it, when lower than Gatehouse's setting. */
  | 'iam_role'
  /** The grant's own cap. */
  | 'grant'
  /** The broker runs on role credentials: AWS caps chained sessions at one hour. */
  | 'role_chaining'
  /** AWS's 12-hour ceiling. */
  | 'aws_maximum'
  /** A stored value below AWS's 15-minute floor (or unreadable) was raised to it. */
  | 'aws_minimum';

export interface SessionLimitInput {
  roleMaxSeconds: number;
  grantMaxSeconds: number | null;
  chained: boolean;
  /** The role's MaxSessionDuration from IAM (role health), when known. */
  iamMaxSeconds?: number | null;
  /** The broker runs on GetFederationToken credentials (no SessionDuration for the console). */
  federationToken?: boolean;
}

export interface SessionLimit {
  maxSeconds: number;
  limitedBy: SessionLimitSource;
  /** One sentence for people: which limit applied and what the others were. */
  explanation: string;
  /**
   * Whether the console sign-in may send SessionDuration. Without it (role or federation-token
   * credentials) the console session lasts as long as the credentials.
   */
  consoleSessionDuration: boolean;
}

function hours(seconds: number): string {
  if (seconds % 3600 === 0) return `${seconds / 3600} h`;
  if (seconds % 60 === 0) return `${seconds / 60} min`;
  return `${seconds} s`;
}

const LIMIT_TEXT: Record<SessionLimitSource, (s: number) => string> = {
  role: (s) => `the role allows ${hours(s)} in Gatehouse`,
  iam_role: (s) => `the role's MaxSessionDuration in IAM is ${hours(s)}`,
  grant: (s) => `the grant caps sessions at ${hours(s)}`,
  role_chaining: () => 'Gatehouse runs on role credentials, and AWS caps chained role sessions at 1 h',
  aws_maximum: () => 'AWS allows at most 12 h',
  aws_minimum: () => "the configured limit is below AWS's 15-minute minimum, so 15 min applies",
};

/**
 * The one place that decides how long a session can really last, for a role, a grant and the
 * broker's own identity, and says which limit applied. Clamped into 900..43200 so a bad stored
 * value (a grant of 60 s, a role read as 0) cannot produce a duration AWS rejects outright.
 */
export function decideSessionLimit(input: SessionLimitInput): SessionLimit {
  // In order of precedence when several limits are equal: the structural one explains best.
  const candidates: Array<[SessionLimitSource, number]> = [];
  if (input.chained) candidates.push(['role_chaining', CHAINED_MAX_SECONDS]);
  if (
    input.iamMaxSeconds !== undefined &&
    input.iamMaxSeconds !== null &&
    input.iamMaxSeconds < input.roleMaxSeconds
  )
    candidates.push(['iam_role', input.iamMaxSeconds]);
  candidates.push(['role', input.roleMaxSeconds]);
  if (input.grantMaxSeconds !== null) candidates.push(['grant', input.grantMaxSeconds]);
  candidates.push(['aws_maximum', MAX_SESSION_SECONDS]);

  // NaN would slip through comparisons: it counts as unusable, below the floor.
  const usable = (value: number) => (Number.isNaN(value) ? Number.NEGATIVE_INFINITY : value);
  let [limitedBy, limit] = candidates[0] as [SessionLimitSource, number];
  for (const [source, value] of candidates) {
    if (usable(value) < usable(limit)) [limitedBy, limit] = [source, value];
  }
  let maxSeconds = Math.floor(usable(limit));
  if (maxSeconds < MIN_SESSION_SECONDS) {
    maxSeconds = MIN_SESSION_SECONDS;
    limitedBy = 'aws_minimum';
  }
  const others = candidates
    .filter(([source, value]) => source !== limitedBy && source !== 'aws_maximum' && value > maxSeconds)
    .map(([source, value]) => LIMIT_TEXT[source](value));
  const consoleSessionDuration = sendSessionDuration({
    isRoleSession: input.chained,
    isFederationToken: input.federationToken ?? false,
  });
  const explanation =
    `At most ${hours(maxSeconds)}: ${LIMIT_TEXT[limitedBy](maxSeconds)}` +
    (others.length > 0 ? ` (${others.join('; ')})` : '') +
    '.' +
    (consoleSessionDuration ? '' : ' Console sessions last as long as the credentials.');
  return { maxSeconds, limitedBy, explanation, consoleSessionDuration };
}

/** The real maximum in seconds; see decideSessionLimit for which limit applied and why. */
export function maxSessionSeconds(input: SessionLimitInput): number {
  return decideSessionLimit(input).maxSeconds;
}

/**
 * A request AWS could never honour is the user's mistake and is rejected; a request longer than
 * this role allows is lowered to the real maximum, which the user is shown, because failing would
 * only make them guess the number.
 */
export function resolveSessionDuration(input: SessionLimitInput & { requestedSeconds: number | undefined }): {
  durationSeconds: number;
  maxSeconds: number;
  clamped: boolean;
  limit: SessionLimit;
} {
  const limit = decideSessionLimit(input);
  const maxSeconds = limit.maxSeconds;
  const requested = input.requestedSeconds;
  if (requested === undefined) return { durationSeconds: maxSeconds, maxSeconds, clamped: false, limit };
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
  if (requested > maxSeconds) return { durationSeconds: maxSeconds, maxSeconds, clamped: true, limit };
  return { durationSeconds: requested, maxSeconds, clamped: false, limit };
}

/**
 * The federation endpoint rejects SessionDuration when the credentials come from a role session
 * (the console session then lasts as long as the credentials) or from GetFederationToken.
 */
export function sendSessionDuration(broker: { isRoleSession: boolean; isFederationToken: boolean }): boolean {
  return !broker.isRoleSession && !broker.isFederationToken;
}
