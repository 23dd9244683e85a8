import { AwsCallError } from '@gatehouse/core';
import type { AwsErrorClass } from '@gatehouse/core';

/** The design's ceiling for one port call, retries and back-off included. */
export const MAX_CALL_TIMEOUT_MS = 10_000;
export const DEFAULT_MAX_ATTEMPTS = 3;
const MAX_MAX_ATTEMPTS = 5;
const BACKOFF_BASE_MS = 200;
const BACKOFF_CAP_MS = 2_000;
// A retry that cannot get at least this long before the deadline would only turn a real error into a timeout.
const MIN_USEFUL_ATTEMPT_MS = 250;

export interface RetryPolicy {
  timeoutMs: number;
  maxAttempts: number;
  retryable: ReadonlySet<AwsErrorClass>;
}

export function resolveLimits(
  adapter: string,
  options: { timeoutMs?: number | undefined; maxAttempts?: number | undefined },
): { timeoutMs: number; maxAttempts: number } {
  const timeoutMs = options.timeoutMs ?? MAX_CALL_TIMEOUT_MS;
  const maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  if (!Number.isInteger(timeoutMs) || timeoutMs < 1 || timeoutMs > MAX_CALL_TIMEOUT_MS) {
    throw new RangeError(
      `${adapter}: timeoutMs must be an integer from 1 to ${MAX_CALL_TIMEOUT_MS}, got ${timeoutMs}`,
    );
  }
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1 || maxAttempts > MAX_MAX_ATTEMPTS) {
    throw new RangeError(
      `${adapter}: maxAttempts must be an integer from 1 to ${MAX_MAX_ATTEMPTS}, got ${maxAttempts}`,
    );
  }
  return { timeoutMs, maxAttempts };
}

/** Exponential back-off capped at 2 s with "equal jitter": never zero, never in lock-step with other callers. */
export function backoffDelayMs(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** (attempt - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/** Thrown into an attempt when the call's overall deadline passes; the classifier maps it to `timeout`. */
export class DeadlineExceededError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`no answer within ${timeoutMs} ms`);
    this.name = 'DeadlineExceededError';
  }
}

/**
 * Runs `attempt` until it succeeds, fails with a class that is not retryable, runs out of attempts or
 * passes the deadline. Each attempt gets an AbortSignal for the time left, and is also raced against
 * that deadline, because not every SDK step (credential resolution, for one) listens to the signal.
 */
export async function callWithRetry<T>(
  policy: RetryPolicy,
  attempt: (signal: AbortSignal) => Promise<T>,
  classify: (err: unknown, attempts: number) => AwsCallError,
): Promise<T> {
  const deadline = Date.now() + policy.timeoutMs;
  for (let attempts = 1; ; attempts++) {
    let error: AwsCallError;
    try {
      return await withDeadline(attempt, deadline - Date.now(), policy.timeoutMs);
    } catch (err) {
      error = classify(err, attempts);
    }
    if (!policy.retryable.has(error.errorClass) || attempts >= policy.maxAttempts) throw error;
    const delay = backoffDelayMs(attempts);
    if (Date.now() + delay + MIN_USEFUL_ATTEMPT_MS > deadline) throw error;
    await sleep(delay);
  }
}

async function withDeadline<T>(
  attempt: (signal: AbortSignal) => Promise<T>,
  remainingMs: number,
  timeoutMs: number,
): Promise<T> {
  if (remainingMs <= 0) throw new DeadlineExceededError(timeoutMs);
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const err = new DeadlineExceededError(timeoutMs);
      controller.abort(err);
      reject(err);
    }, remainingMs);
  });
  try {
    return await Promise.race([attempt(controller.signal), deadline]);
  } finally {
    clearTimeout(timer);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Node's socket error codes, wherever an SDK or fetch has tucked them (`code`, `cause.code`, `errno`). */
export function systemErrorCode(err: unknown): string | undefined {
  for (let e: unknown = err, depth = 0; e && typeof e === 'object' && depth < 4; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^E[A-Z_]+$/.test(code)) return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'UND_ERR_SOCKET',
]);

export function isNetworkCode(code: string | undefined): boolean {
  return code !== undefined && NETWORK_CODES.has(code);
}

export function isTimeoutError(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && typeof e === 'object' && depth < 4; depth++) {
    const { name, code } = e as { name?: unknown; code?: unknown };
    if (e instanceof DeadlineExceededError) return true;
    if (name === 'TimeoutError' || code === 'ETIMEDOUT' || code === 'ESOCKETTIMEDOUT') return true;
    if (
      code === 'UND_ERR_CONNECT_TIMEOUT' ||
      code === 'UND_ERR_HEADERS_TIMEOUT' ||
      code === 'UND_ERR_BODY_TIMEOUT'
    ) {
      return true;
    }
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

export function callError(
  errorClass: AwsErrorClass,
  message: string,
  attempts: number,
  extra: { awsCode?: string | undefined; cause?: unknown } = {},
): AwsCallError {
  return new AwsCallError(errorClass, message, {
    attempts,
    ...(extra.awsCode === undefined ? {} : { awsCode: extra.awsCode }),
    ...(extra.cause === undefined ? {} : { cause: extra.cause }),
  });
}
