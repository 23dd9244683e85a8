/** A role that needs step-up is issued only within this long of the session's last TOTP code. */
import type { Clock } from '../shared/ports';
import type { Authenticated } from '../identity/identity-deps';

export const STEP_UP_WINDOW_MS = 5 * 60_000;

export function stepUpFresh(now: Clock, auth: Authenticated): boolean {
  const at = auth.session.mfaAt;
  return at !== null && now().getTime() - at.getTime() <= STEP_UP_WINDOW_MS;
}

/** Until when this session's step-up (TOTP within the last 5 minutes) lasts, if it still does. */
export function stepUpValidUntil(deps: { now: Clock }, auth: Authenticated): string | null {
  const until = auth.session.mfaAt ? auth.session.mfaAt.getTime() + STEP_UP_WINDOW_MS : null;
  return until !== null && until > deps.now().getTime() ? new Date(until).toISOString() : null;
}
