/** Who the broker itself is at AWS (GetCallerIdentity), cached: it decides role chaining and trust. */
import { AppError } from '../shared/app-error';
import { AwsCallError } from '../shared/aws-call-error';
import type { Clock } from '../shared/ports';
import type { BrokerIdentity, StsPort } from './ports';

export interface BrokerIdentityProvider {
  /** The cached identity, refreshed when older than its TTL; throws `unavailable` when AWS cannot say. */
  get(): Promise<BrokerIdentity>;
  /** The last known state without calling AWS. */
  peek(): { identity: BrokerIdentity | null; error: string | null; checkedAt: Date | null };
  refresh(): Promise<BrokerIdentity>;
}

export function createBrokerIdentityProvider(
  sts: StsPort,
  options: { ttlMs: number; now: Clock },
): BrokerIdentityProvider {
  const { now } = options;
  let identity: BrokerIdentity | null = null;
  let error: string | null = null;
  let checkedAt: Date | null = null;
  let inflight: Promise<BrokerIdentity> | null = null;

  async function refresh(): Promise<BrokerIdentity> {
    inflight ??= (async () => {
      try {
        identity = await sts.getCallerIdentity();
        error = null;
        return identity;
      } catch (err) {
        error = err instanceof AwsCallError ? `${err.errorClass}: ${err.message}` : (err as Error).message;
        throw new AppError(
          'unavailable',
          'Gatehouse cannot reach AWS with its own credentials right now (GetCallerIdentity failed). Tell an administrator.',
          { cause: err },
        );
      } finally {
        checkedAt = now();
        inflight = null;
      }
    })();
    return inflight;
  }

  return {
    async get() {
      if (identity && checkedAt && now().getTime() - checkedAt.getTime() < options.ttlMs) return identity;
      return refresh();
    },
    peek: () => ({ identity, error, checkedAt }),
    refresh,
  };
}
