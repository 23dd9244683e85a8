/**
 * Session lengths are entered in minutes and sent in seconds. STS accepts 900 to 43 200 seconds;
 * the server checks the same range and the role's own maximum applies on top.
 */
export const MIN_SESSION_MINUTES = 15;
export const MAX_SESSION_MINUTES = 720;

export type MinutesCheck =
  { ok: true; seconds: number | null } | { ok: false; problem: 'required' | 'notWhole' | 'range' };

/** Digits may be typed fullwidth (１２０); an empty field means "no value" when optional. */
export function parseSessionMinutes(text: string, { optional }: { optional: boolean }): MinutesCheck {
  const value = text.normalize('NFKC').trim();
  if (value === '') return optional ? { ok: true, seconds: null } : { ok: false, problem: 'required' };
  if (!/^\d+$/.test(value)) return { ok: false, problem: 'notWhole' };
  const minutes = Number(value);
  if (minutes < MIN_SESSION_MINUTES || minutes > MAX_SESSION_MINUTES) return { ok: false, problem: 'range' };
  return { ok: true, seconds: minutes * 60 };
}

/** What to put back in the field for a stored value (seconds not on a minute are rounded up). */
export function minutesText(seconds: number | null | undefined): string {
  return seconds === null || seconds === undefined ? '' : String(Math.ceil(seconds / 60));
}
