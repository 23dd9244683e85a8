import { AwsCallError } from '@gatehouse/core';
import type { AwsCredentials, AwsErrorClass, FederationPort } from '@gatehouse/core';
import {
  callError,
  callWithRetry,
  isNetworkCode,
  isTimeoutError,
  resolveLimits,
  systemErrorCode,
} from './retry';
import type { RetryPolicy } from './retry';

export interface FederationAdapterOptions {
  /** Whole-call budget, retries included; at most 10 000 ms (the default). */
  timeoutMs?: number;
  /** Attempts per call, first one included; default 3. */
  maxAttempts?: number;
}

const FEDERATION_RETRYABLE = new Set<AwsErrorClass>(['throttled', 'server_error', 'network']);
const MIN_SESSION_DURATION = 900;
const MAX_SESSION_DURATION = 43_200;
const MAX_BODY_BYTES = 64 * 1024;

/**
 * The request URL carries the session credentials, so nothing derived from it (the URL, fetch's own
 * error messages, the response body) goes into an error: messages name status codes and error codes only.
 */
export function createFederationAdapter(options: FederationAdapterOptions = {}): FederationPort {
  const { timeoutMs, maxAttempts } = resolveLimits('createFederationAdapter', options);
  const policy: RetryPolicy = { timeoutMs, maxAttempts, retryable: FEDERATION_RETRYABLE };

  return {
    async getSigninToken(input: {
      federationUrl: string;
      credentials: AwsCredentials;
      sessionDurationSeconds?: number;
    }): Promise<string> {
      const url = buildRequestUrl(input);
      const durationSent = input.sessionDurationSeconds !== undefined;
      return callWithRetry(
        policy,
        async (signal) => {
          const response = await fetch(url, {
            method: 'GET',
            headers: { accept: 'application/json' },
            // A redirect would resend the credentials to wherever it points.
            redirect: 'manual',
            signal,
          });
          return readSigninToken(response, durationSent);
        },
        classifyFetchError,
      );
    },
  };
}

function buildRequestUrl(input: {
  federationUrl: string;
  credentials: AwsCredentials;
  sessionDurationSeconds?: number;
}): URL {
  let url: URL;
  try {
    url = new URL(input.federationUrl);
  } catch {
    throw new AwsCallError('invalid_request', 'The federation endpoint is not a valid URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new AwsCallError('invalid_request', 'The federation endpoint must be an http(s) URL');
  }
  const { accessKeyId, secretAccessKey, sessionToken } = input.credentials;
  if (!accessKeyId || !secretAccessKey || !sessionToken) {
    throw new AwsCallError(
      'invalid_request',
      'Console sign-in needs temporary credentials (access key id, secret access key and session token)',
    );
  }
  const duration = input.sessionDurationSeconds;
  if (
    duration !== undefined &&
    (!Number.isInteger(duration) || duration < MIN_SESSION_DURATION || duration > MAX_SESSION_DURATION)
  ) {
    throw new AwsCallError(
      'invalid_request',
      `SessionDuration must be a whole number of seconds from ${MIN_SESSION_DURATION} to ${MAX_SESSION_DURATION}`,
    );
  }
  url.searchParams.set('Action', 'getSigninToken');
  url.searchParams.set(
    'Session',
    JSON.stringify({ sessionId: accessKeyId, sessionKey: secretAccessKey, sessionToken }),
  );
  if (duration !== undefined) url.searchParams.set('SessionDuration', String(duration));
  return url;
}

async function readSigninToken(response: Response, durationSent: boolean): Promise<string> {
  const { status } = response;
  if (status !== 200) {
    // Drain so the connection can be reused; the body is never looked at (it may echo the request).
    await response.body?.cancel().catch(() => undefined);
    throw federationStatusError(status, durationSent);
  }
  const text = await readLimited(response);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new AwsCallError(
      'malformed_response',
      'The federation endpoint answered 200 with a body that is not JSON',
    );
  }
  const token =
    parsed && typeof parsed === 'object' ? (parsed as { SigninToken?: unknown }).SigninToken : undefined;
  if (typeof token !== 'string' || token.length === 0) {
    throw new AwsCallError('malformed_response', 'The federation endpoint answered without a SigninToken');
  }
  return token;
}

async function readLimited(response: Response): Promise<string> {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > MAX_BODY_BYTES) {
    await response.body?.cancel().catch(() => undefined);
    throw new AwsCallError('malformed_response', 'The federation endpoint answered with an oversized body');
  }
  const text = await response.text();
  if (text.length > MAX_BODY_BYTES) {
    throw new AwsCallError('malformed_response', 'The federation endpoint answered with an oversized body');
  }
  return text;
}

/** Internal marker carrying the HTTP status through the retry loop. */
class FederationHttpError extends Error {
  constructor(
    readonly errorClass: AwsErrorClass,
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = 'FederationHttpError';
  }
}

function federationStatusError(status: number, durationSent: boolean): FederationHttpError {
  if (status === 400) {
    return new FederationHttpError(
      'invalid_request',
      'The federation endpoint rejected the sign-in request (HTTP 400). The session credentials may be ' +
        'expired or not temporary role credentials' +
        (durationSent
          ? ', or SessionDuration was sent although the session came from role chaining or GetFederationToken ' +
            '(where AWS does not accept it)'
          : '') +
        '.',
      status,
    );
  }
  if (status === 401 || status === 403) {
    return new FederationHttpError(
      'access_denied',
      `The federation endpoint refused the session credentials (HTTP ${status}): they may be expired, revoked, ` +
        'or denied console access by a policy.',
      status,
    );
  }
  if (status === 404) {
    return new FederationHttpError(
      'not_found',
      'The federation endpoint URL was not found (HTTP 404)',
      status,
    );
  }
  if (status === 429)
    return new FederationHttpError('throttled', 'The federation endpoint throttled (HTTP 429)', status);
  if (status >= 500) {
    return new FederationHttpError('server_error', `The federation endpoint failed (HTTP ${status})`, status);
  }
  if (status >= 300 && status < 400) {
    return new FederationHttpError(
      'malformed_response',
      `The federation endpoint answered with a redirect (HTTP ${status}); it was not followed`,
      status,
    );
  }
  return new FederationHttpError('unknown', `The federation endpoint answered HTTP ${status}`, status);
}

function classifyFetchError(err: unknown, attempts: number): AwsCallError {
  if (err instanceof AwsCallError) {
    return new AwsCallError(err.errorClass, err.message, {
      attempts,
      ...(err.awsCode ? { awsCode: err.awsCode } : {}),
    });
  }
  if (err instanceof FederationHttpError) {
    return callError(err.errorClass, err.message, attempts, { awsCode: `HTTP ${err.status}` });
  }
  // fetch's errors can quote the request URL, which holds the credentials: keep only the codes.
  const sysCode = systemErrorCode(err);
  if (isNetworkCode(sysCode)) {
    return callError('network', `The federation endpoint could not be reached (${sysCode})`, attempts);
  }
  if (isTimeoutError(err) || (err instanceof Error && err.name === 'AbortError')) {
    return callError('timeout', 'The federation endpoint did not answer in time', attempts);
  }
  if (err instanceof TypeError && err.message === 'fetch failed') {
    return callError('network', 'The federation endpoint could not be reached', attempts);
  }
  return callError('unknown', 'The federation request failed', attempts);
}
