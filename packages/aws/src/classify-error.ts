/**
 * One mapping from AWS SDK failures to AwsCallError for every AWS adapter; each service brings
 * its own error codes. A response body is never attached (for STS it could hold credentials).
 */
import { AwsCallError } from '@gatehouse/core';
import { callError, isNetworkCode, isTimeoutError, systemErrorCode } from './retry';

export interface ErrorCodes {
  throttling: ReadonlySet<string>;
  accessDenied: ReadonlySet<string>;
  invalidRequest: ReadonlySet<string>;
  notFound: ReadonlySet<string>;
  serverError: ReadonlySet<string>;
}

/** Refused credentials, signatures or regions: STS and IAM answer with the same codes. */
const ACCESS_DENIED: ReadonlySet<string> = new Set([
  'AccessDenied',
  'AccessDeniedException',
  'ExpiredToken',
  'ExpiredTokenException',
  'InvalidClientTokenId',
  'SignatureDoesNotMatch',
  'UnrecognizedClientException',
  'RegionDisabledException',
  'InvalidAccessKeyId',
  'MissingAuthenticationToken',
  'IncompleteSignature',
]);

export const STS_ERROR_CODES: ErrorCodes = {
  throttling: new Set([
    'Throttling',
    'ThrottlingException',
    'ThrottledException',
    'TooManyRequestsException',
    'TooManyRequests',
    'RequestLimitExceeded',
    'RequestThrottled',
    'RequestThrottledException',
    'SlowDown',
    'PriorRequestNotComplete',
  ]),
  accessDenied: ACCESS_DENIED,
  invalidRequest: new Set([
    'ValidationError',
    'ValidationException',
    'InvalidParameterValue',
    'InvalidParameterCombination',
    'InvalidParameterException',
    'MissingParameter',
    'InvalidInput',
    'InvalidAction',
    'MalformedQueryString',
    'MalformedPolicyDocument',
    'MalformedPolicyDocumentException',
    'PackedPolicyTooLarge',
    'PackedPolicyTooLargeException',
    'InvalidIdentityToken',
  ]),
  notFound: new Set(['NoSuchEntity', 'NoSuchEntityException', 'NotFound', 'ResourceNotFoundException']),
  serverError: new Set([
    'InternalFailure',
    'InternalError',
    'ServiceUnavailable',
    'ServiceUnavailableException',
  ]),
};

export const IAM_ERROR_CODES: ErrorCodes = {
  // IAM answers ConcurrentModification while another change to the entity is in flight: retry.
  throttling: new Set([
    'Throttling',
    'ThrottlingException',
    'TooManyRequestsException',
    'RequestLimitExceeded',
    'ConcurrentModification',
    'ConcurrentModificationException',
  ]),
  accessDenied: ACCESS_DENIED,
  invalidRequest: new Set([
    'ValidationError',
    'ValidationException',
    'InvalidInput',
    'InvalidInputException',
    'InvalidParameterValue',
    'MalformedPolicyDocument',
    'MalformedPolicyDocumentException',
    'LimitExceeded',
    'LimitExceededException',
    'UnmodifiableEntity',
    'UnmodifiableEntityException',
    'PackedPolicyTooLarge',
  ]),
  notFound: new Set(['NoSuchEntity', 'NoSuchEntityException']),
  serverError: new Set([
    'ServiceFailure',
    'ServiceFailureException',
    'InternalFailure',
    'ServiceUnavailable',
  ]),
};

interface SdkErrorShape {
  name?: unknown;
  message?: unknown;
  Code?: unknown;
  $fault?: unknown;
  $metadata?: { httpStatusCode?: unknown };
}

export function classifySdkError(
  where: string,
  err: unknown,
  attempts: number,
  codes: ErrorCodes,
): AwsCallError {
  if (err instanceof AwsCallError) return err;
  const e = (err && typeof err === 'object' ? err : {}) as SdkErrorShape;
  const status = typeof e.$metadata?.httpStatusCode === 'number' ? e.$metadata.httpStatusCode : undefined;
  const code = typeof e.Code === 'string' ? e.Code : typeof e.name === 'string' ? e.name : undefined;
  const awsMessage = typeof e.message === 'string' ? e.message.slice(0, 500) : '';

  if (status === undefined) {
    // No HTTP answer: the failure happened here (socket, deadline, credential chain). These errors
    // carry no response body, so they are safe to keep as the cause.
    // Before the timeout check: the SDK renames ECONNRESET/EPIPE errors to TimeoutError (for its own retries).
    const sysCode = systemErrorCode(err);
    if (isNetworkCode(sysCode)) {
      return callError('network', `${where} could not be reached (${sysCode})`, attempts, { cause: err });
    }
    if (isTimeoutError(err)) {
      return callError('timeout', `${where} did not answer in time`, attempts, { cause: err });
    }
    if (code === 'CredentialsProviderError') {
      return callError(
        'unknown',
        `${where}: the broker has no AWS credentials (looked in env, profile, SSO, web identity, ECS/EC2 metadata): ${awsMessage}`,
        attempts,
        { cause: err },
      );
    }
    if (code === 'AbortError') return callError('timeout', `${where} was aborted`, attempts, { cause: err });
    return callError('unknown', `${where} failed: ${awsMessage || String(code)}`, attempts, { cause: err });
  }

  // With an HTTP answer the SDK error may hold the response body; a 2xx body would hold credentials,
  // so from here on the raw error is not attached.
  const detail = awsMessage ? `: ${awsMessage}` : '';
  const withCode = { awsCode: code };
  if (status >= 200 && status < 300) {
    return callError(
      'malformed_response',
      `${where} answered ${status} with a body that could not be read`,
      attempts,
    );
  }
  if (code && codes.throttling.has(code))
    return callError('throttled', `${where} throttled (${code})${detail}`, attempts, withCode);
  if (code && codes.accessDenied.has(code))
    return callError('access_denied', `${where} denied (${code})${detail}`, attempts, withCode);
  if (code && codes.notFound.has(code))
    return callError('not_found', `${where}: not found (${code})${detail}`, attempts, withCode);
  if (code && codes.invalidRequest.has(code)) {
    return callError(
      'invalid_request',
      `${where} rejected the request (${code})${detail}`,
      attempts,
      withCode,
    );
  }
  if (status === 429) return callError('throttled', `${where} throttled (HTTP 429)`, attempts, withCode);
  if (status >= 500 || (code && codes.serverError.has(code)) || e.$fault === 'server') {
    return callError(
      'server_error',
      `${where} failed on the AWS side (HTTP ${status}${code ? `, ${code}` : ''})`,
      attempts,
      withCode,
    );
  }
  if (status === 403)
    return callError(
      'access_denied',
      `${where} denied (HTTP 403${code ? `, ${code}` : ''})${detail}`,
      attempts,
      withCode,
    );
  if (status === 404)
    return callError(
      'not_found',
      `${where}: not found (HTTP 404${code ? `, ${code}` : ''})`,
      attempts,
      withCode,
    );
  if (status === 400) {
    return callError(
      'invalid_request',
      `${where} rejected the request (${code ?? 'HTTP 400'})${detail}`,
      attempts,
      withCode,
    );
  }
  return callError(
    'unknown',
    `${where} failed (HTTP ${status}${code ? `, ${code}` : ''})${detail}`,
    attempts,
    withCode,
  );
}
