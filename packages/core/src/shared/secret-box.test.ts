import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { deriveKey, open, seal } from './secret-box';

describe('seal/open', () => {
  const key = deriveKey(randomBytes(32), 'test');

  it('round-trips and produces fresh ciphertext each time', () => {
    const a = seal(key, 'JBSWY3DPEHPK3PXP', 'totp:u1');
    const b = seal(key, 'JBSWY3DPEHPK3PXP', 'totp:u1');
    expect(a.equals(b)).toBe(false);
    expect(open(key, a, 'totp:u1')).toBe('JBSWY3DPEHPK3PXP');
  });

  it('fails on another key, another record or a flipped bit', () => {
    const sealed = seal(key, 'secret', 'totp:u1');
    expect(() => open(deriveKey(randomBytes(32), 'test'), sealed, 'totp:u1')).toThrow();
    expect(() => open(key, sealed, 'totp:u2')).toThrow();
    const flipped = Buffer.from(sealed);
    flipped[flipped.length - 1]! ^= 1;
    expect(() => open(key, flipped, 'totp:u1')).toThrow();
  });

  it('derives different keys per purpose', () => {
    const master = randomBytes(32);
    expect(deriveKey(master, 'a').equals(deriveKey(master, 'b'))).toBe(false);
  });
});
