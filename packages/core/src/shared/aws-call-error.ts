/** The one error AWS adapters throw (STS, IAM, federation), after their own bounded retries. */

export type AwsErrorClass =
  | 'access_denied'
  | 'throttled'
  | 'server_error'
  | 'timeout'
  | 'network'
  | 'malformed_response'
  | 'invalid_request'
  | 'not_found'
  | 'unknown';

export class AwsCallError extends Error {
  readonly errorClass: AwsErrorClass;
  readonly awsCode: string | undefined;
  readonly attempts: number;

  constructor(
    errorClass: AwsErrorClass,
    message: string,
    options: { awsCode?: string; attempts?: number; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AwsCallError';
    this.errorClass = errorClass;
    this.awsCode = options.awsCode;
    this.attempts = options.attempts ?? 1;
  }
}
