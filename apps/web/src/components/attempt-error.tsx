/**
 * The error of a sign-in style attempt. A lock (423) or a rate limit (429) comes with
 * Retry-After: it counts down live and `useAttemptBlock` keeps the form's button disabled
 * until it is over, so nobody burns attempts into a wall.
 */
import { useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import type { UseMutationOptions } from '@tanstack/react-query';
import Alert from '@cloudscape-design/components/alert';
import Box from '@cloudscape-design/components/box';
import { ApiError } from '../api';
import { formatClock, formatWait } from '../errors';
import { useI18n } from '../i18n';
import { useNow } from '../hooks/use-now';
import { ErrorAlert } from './error-alert';

export interface AttemptBlock {
  /** Epoch ms until which trying again is pointless. */
  until: number;
  /** As the server said it, for the announcement; the countdown below it is live. */
  seconds: number;
  kind: 'locked' | 'rateLimited';
}

export function blockOf(error: unknown, now = Date.now()): AttemptBlock | null {
  if (!(error instanceof ApiError) || (error.status !== 423 && error.status !== 429)) return null;
  const seconds = error.retryAfterSeconds ?? (error.status === 429 ? 60 : 0);
  if (seconds <= 0) return null;
  return { until: now + seconds * 1000, seconds, kind: error.status === 423 ? 'locked' : 'rateLimited' };
}

/** Where a form's attempts stand: blocked for `remaining` seconds, or free to try. */
export interface AttemptState {
  block: AttemptBlock | null;
  remaining: number;
  blocked: boolean;
}

/** Remembers the block from the latest failure; `blocked` turns false by itself when it ends. */
export function useAttemptBlock() {
  const [block, setBlock] = useState<AttemptBlock | null>(null);
  const now = useNow(1000, block !== null);
  const remaining = block ? Math.max(0, Math.ceil((block.until - now) / 1000)) : 0;
  return {
    block: remaining > 0 ? block : null,
    remaining,
    blocked: remaining > 0,
    record: (error: unknown) => setBlock(blockOf(error)),
    clear: () => setBlock(null),
  };
}

/** A mutation that is one attempt: each try forgets the last block, each failure records its own. */
export function useAttemptMutation<TData, TVariables>(
  options: Omit<UseMutationOptions<TData, Error, TVariables>, 'onMutate'>,
) {
  const attempt = useAttemptBlock();
  const mutation = useMutation<TData, Error, TVariables>({
    ...options,
    onMutate: () => attempt.clear(),
    onError: (error, ...rest) => {
      attempt.record(error);
      return options.onError?.(error, ...rest);
    },
  });
  return [mutation, attempt] as const;
}

export function AttemptError({
  error,
  attempt: { block, remaining },
  fields,
  override,
}: {
  error: unknown;
  attempt: Pick<AttemptState, 'block' | 'remaining'>;
  fields?: readonly string[];
  /** Our own words for this failure (e.g. the generic "wrong username or password"). */
  override?: string | undefined;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  if (block) {
    const wait = formatWait(i18n, block.seconds);
    return (
      <Alert type="error" statusIconAriaLabel={t('error.label')}>
        <span role="alert">
          {block.kind === 'locked' ? t('error.lockedFor', { wait }) : t('error.rateLimitedFor', { wait })}
        </span>
        <Box variant="p" color="text-body-secondary">
          {t('attempt.retryIn', { time: formatClock(remaining) })}
        </Box>
      </Alert>
    );
  }
  if (!error) return null;
  // The lock or rate limit has run out: nothing left to say about it.
  if (error instanceof ApiError && (error.status === 423 || error.status === 429)) return null;
  if (override) {
    return (
      <Alert type="error" statusIconAriaLabel={t('error.label')}>
        <span role="alert">{override}</span>
      </Alert>
    );
  }
  return <ErrorAlert error={error} {...(fields ? { fields } : {})} />;
}
