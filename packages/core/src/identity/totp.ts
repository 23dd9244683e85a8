import { generateSecret, generateURI, verify } from 'otplib';

export const TOTP_PERIOD_SECONDS = 30;

/** 20 bytes (160 bits), as RFC 4226 recommends; base32 text. */
export function createTotpSecret(): string {
  return generateSecret({ length: 20 });
}

export function totpUri(secret: string, accountName: string, issuer: string): string {
  return generateURI({ issuer, label: accountName, secret });
}

const FULLWIDTH_DIGIT_ZERO = 0xff10;

/**
 * Users paste codes with spaces, dashes or fullwidth digits (Japanese IMEs). Normalise first,
 * then validate the shape: otplib throws on malformed tokens.
 */
export function normaliseTotpCode(input: string): string | null {
  const ascii = input
    .normalize('NFKC')
    .replace(/[\u3000\s-]/g, '')
    .replace(/[\uff10-\uff19]/g, (d) => String(d.charCodeAt(0) - FULLWIDTH_DIGIT_ZERO));
  return /^\d{6}$/.test(ascii) ? ascii : null;
}

export function totpStepAt(epochMs: number): number {
  return Math.floor(epochMs / 1000 / TOTP_PERIOD_SECONDS);
}

/**
 * Accepts the current step ±1. Returns the matched time step so the caller can atomically
 * record it as used (a step is never accepted twice); null when the code does not match
 * or belongs to a step at or before `lastUsedStep`.
 */
export async function matchTotp(
  secret: string,
  code: string,
  options: { nowMs: number; lastUsedStep: number | null },
): Promise<number | null> {
  const token = normaliseTotpCode(code);
  if (token === null) return null;
  const result = await verify({
    secret,
    token,
    epoch: Math.floor(options.nowMs / 1000),
    epochTolerance: TOTP_PERIOD_SECONDS,
    ...(options.lastUsedStep === null ? {} : { afterTimeStep: options.lastUsedStep }),
  });
  if (!result.valid) return null;
  return totpStepAt(options.nowMs) + result.delta;
}
