/** TOTP codes for scripted users (demo seeding, e2e), computed as an authenticator app would. */
import { generate } from 'otplib';

export const TOTP_PERIOD_SECONDS = 30;
/** A code from the previous step is accepted until the next boundary; don't send one closer to it than this. */
const BOUNDARY_MARGIN_MS = 5_000;

export function totpStep(nowMs = Date.now()): number {
  return Math.floor(nowMs / 1000 / TOTP_PERIOD_SECONDS);
}

export function msLeftInStep(nowMs = Date.now()): number {
  return TOTP_PERIOD_SECONDS * 1000 - (nowMs % (TOTP_PERIOD_SECONDS * 1000));
}

export function totpCode(secret: string, step = totpStep()): Promise<string> {
  return generate({ secret, epoch: step * TOTP_PERIOD_SECONDS });
}

/**
 * One authenticator: hands out codes the server accepts (its window is the current step ±1) and
 * never a step it has already handed out (the server accepts each step once). It starts with the
 * previous step, so the current code is still unused for a person reading it off the screen.
 */
export class TotpDevice {
  /** @param lastStep the last step this authenticator's codes were used for, if known */
  constructor(
    readonly secret: string,
    private lastStep = Number.NEGATIVE_INFINITY,
  ) {}

  /** The step of the last code handed out (−∞ before the first). */
  get lastUsedStep(): number {
    return this.lastStep;
  }

  async nextCode(): Promise<string> {
    for (;;) {
      const now = Date.now();
      const current = totpStep(now);
      let step = Math.max(current - 1, this.lastStep + 1);
      if (step === current - 1 && msLeftInStep(now) < BOUNDARY_MARGIN_MS) step = current;
      if (step <= current + 1) {
        this.lastStep = step;
        return totpCode(this.secret, step);
      }
      await new Promise((resolve) => setTimeout(resolve, msLeftInStep(now) + 100));
    }
  }
}
