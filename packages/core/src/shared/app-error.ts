/**
 * The one error type core throws. The server's error handler maps `code` to an HTTP status;
 * `message` is shown to the client for 4xx codes only.
 */
export const appErrorStatus = {
  bad_request: 400,
  validation: 400,
  unauthorized: 401,
  mfa_required: 401,
  forbidden: 403,
  /** A password sign-in of a user whose authenticator was reset: only an enrolment link goes on. */
  enrolment_link_required: 403,
  csrf: 403,
  not_found: 404,
  conflict: 409,
  gone: 410,
  unsupported_media_type: 415,
  locked: 423,
  rate_limited: 429,
  internal: 500,
  bad_gateway: 502,
  aws_access_denied: 502,
  unavailable: 503,
  gateway_timeout: 504,
} as const;

export type AppErrorCode = keyof typeof appErrorStatus;

export interface FieldIssue {
  field: string;
  reason: string;
}

export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly fields: readonly FieldIssue[] | undefined;
  readonly retryAfterSeconds: number | undefined;

  constructor(
    code: AppErrorCode,
    message: string,
    options: { fields?: FieldIssue[]; retryAfterSeconds?: number; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.fields = options.fields;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }

  get statusCode(): number {
    return appErrorStatus[this.code];
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}
