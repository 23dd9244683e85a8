/**
 * Runs the revocation worker (packages/core/src/onboarding/apply-revocations.ts) in this process:
 * a pass every second, never two at once here, and one at a time across the fleet (the pass takes
 * an advisory lock). The expiry sweep, which schedules the revocations of grants that expired,
 * runs every 30 seconds.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { Services } from './context';

export const REVOCATION_PASS_MS = 1_000;
const EXPIRY_SWEEP_MS = 30_000;

export function startRevocationWorker(
  services: Pick<Services, 'onboarding' | 'revocations'>,
  log: FastifyBaseLogger,
  options: { passMs?: number } = {},
): { stop(): Promise<void> } {
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> = Promise.resolve();
  let lastSweep = 0;

  async function pass(): Promise<void> {
    if (Date.now() - lastSweep >= EXPIRY_SWEEP_MS) {
      lastSweep = Date.now();
      const expired = await services.revocations.revokeExpiredGrants();
      if (expired.length > 0)
        log.info({ revocations: expired.length }, 'scheduled revocations of expired grants');
    }
    const done = await services.onboarding.applyDueRevocations();
    if (done.applied > 0) log.info({ applied: done.applied }, 'revocations applied at AWS');
    if (done.failing > 0) log.warn({ failing: done.failing }, 'revocations failed at AWS; retrying');
    for (const given of done.givenUp) {
      // Loud: access that was taken away in Gatehouse may have stayed open at AWS.
      log.error(given, 'gave up a revocation at AWS: its sessions expired before IAM took the deny');
    }
  }

  function schedule(): void {
    if (stopped) return;
    timer = setTimeout(() => {
      running = pass()
        .catch((err: unknown) => log.warn({ err }, 'revocation worker pass failed'))
        .finally(schedule);
    }, options.passMs ?? REVOCATION_PASS_MS);
    timer.unref();
  }
  schedule();

  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
