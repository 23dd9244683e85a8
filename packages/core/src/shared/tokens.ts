import { createHash, randomBytes } from 'node:crypto';

/** A bearer secret for cookies and one-time links: 256 bits, URL-safe. */
export function createToken(): string {
  return randomBytes(32).toString('base64url');
}

/** What the database stores instead of a token, so a leaked table grants nothing. */
export function tokenId(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

export function isWellFormedToken(value: string): boolean {
  return TOKEN_SHAPE.test(value);
}
