/** What every routes file shares: the app's type, what it is given, the error schemas, the limits. */
import type {
  FastifyInstance,
  FastifyBaseLogger,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ErrorBody } from '@gatehouse/contracts';
import type { Config } from '../config';
import type { Services } from '../context';
import type { Caches } from '../http/caches';

export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

/** What routes are given: the services of every area, and nothing below them. */
export interface RouteDeps {
  config: Config;
  services: Services;
  caches: Pick<Caches, 'access'>;
  webDist: string;
}

export const ok = { ok: true as const };

export const errors = {
  400: ErrorBody,
  401: ErrorBody,
  403: ErrorBody,
  409: ErrorBody,
  415: ErrorBody,
  423: ErrorBody,
  429: ErrorBody,
};

/** Routes that may answer 404 or find the database unavailable. */
export const lookupErrors = { ...errors, 404: ErrorBody, 503: ErrorBody };

/** Routes that call AWS. */
export const awsErrors = { ...lookupErrors, 502: ErrorBody, 504: ErrorBody };

/** Sign-in, codes and re-authentication: per client IP, GATEHOUSE_LOGIN_RATE_LIMIT a minute. */
export function signInLimit(config: Config) {
  return { rateLimit: { max: config.loginRateLimitPerMinute, timeWindow: 60_000 } };
}

export const iso = (d: Date): string => d.toISOString();
export const isoOrNull = (d: Date | null): string | null => (d ? d.toISOString() : null);

/** A stored record on the wire: its dates as ISO 8601 strings. */
export function wireRecord<T extends { createdAt: Date; updatedAt: Date }>(
  record: T,
): Omit<T, 'createdAt' | 'updatedAt'> & { createdAt: string; updatedAt: string } {
  return { ...record, createdAt: iso(record.createdAt), updatedAt: iso(record.updatedAt) };
}
