import { randomInt } from 'node:crypto';
import { hmacHex } from '../shared/secret-box';

export const RECOVERY_CODE_COUNT = 10;
// No 0/O, 1/I/L: codes are read off paper.
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** Ten codes of 10 characters (~49 bits each), shown as `XXXXX-XXXXX`. */
export function createRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
  return Array.from({ length: count }, () => {
    const chars = Array.from({ length: 10 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
    return `${chars.slice(0, 5)}-${chars.slice(5)}`;
  });
}

export function normaliseRecoveryCode(input: string): string | null {
  const compact = input.normalize('NFKC').toUpperCase().replace(/[\s-]/g, '');
  return /^[A-Z0-9]{10}$/.test(compact) ? compact : null;
}

/** Codes carry ~49 bits of entropy, so a keyed hash suffices and keeps sign-in cheap. */
export function hashRecoveryCode(key: Buffer, normalisedCode: string): string {
  return hmacHex(key, normalisedCode);
}
