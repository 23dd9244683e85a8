/** The codes of `gatehouse login`: what the user types in the portal, and the CLI token's shape. */
import { randomInt } from 'node:crypto';

/** No vowels (no words), no look-alikes (0/O, 1/I/L, 5/S…): RFC 8628 §6.1's suggestion. */
const USER_CODE_ALPHABET = 'BCDFGHJKLMNPQRSTVWXZ';
const USER_CODE_LENGTH = 8;
const USER_CODE_SHAPE = new RegExp(`^[${USER_CODE_ALPHABET}]{${USER_CODE_LENGTH}}$`);
export const CLI_TOKEN_PREFIX = 'ghcli_';
const CLI_TOKEN_SHAPE = /^ghcli_[A-Za-z0-9_-]{43}$/;

export function createUserCode(): string {
  let code = '';
  for (let i = 0; i < USER_CODE_LENGTH; i++) code += USER_CODE_ALPHABET[randomInt(USER_CODE_ALPHABET.length)];
  return code;
}

/** What the user typed (any case, dashes, spaces, fullwidth letters) → the canonical code, or null. */
export function normaliseUserCode(input: string): string | null {
  const code = input.normalize('NFKC').toUpperCase().replace(/[\s-]/g, '');
  return USER_CODE_SHAPE.test(code) ? code : null;
}

export function formatUserCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

export function isWellFormedCliToken(value: string): boolean {
  return CLI_TOKEN_SHAPE.test(value);
}

/** Names and hostnames come from the client: printable, single-line, bounded. */
export function cleanClientText(value: string, max: number): string {
  return value
    .replace(/[\p{C}\u2028\u2029]/gu, '?')
    .trim()
    .slice(0, max);
}
