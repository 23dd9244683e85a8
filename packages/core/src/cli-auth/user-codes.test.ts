import { describe, expect, it } from 'vitest';
import { createUserCode, formatUserCode, isWellFormedCliToken, normaliseUserCode } from './user-codes';

describe('user codes', () => {
  it('are eight letters without vowels or look-alikes', () => {
    const codes = Array.from({ length: 500 }, createUserCode);
    for (const code of codes) expect(code).toMatch(/^[BCDFGHJKLMNPQRSTVWXZ]{8}$/);
    expect(new Set(codes).size).toBeGreaterThan(495);
  });

  it('are read back whatever the case, dashes, spaces or width the user typed', () => {
    expect(formatUserCode('BCDFGHJK')).toBe('BCDF-GHJK');
    for (const typed of ['BCDF-GHJK', 'bcdf-ghjk', ' bcdf ghjk ', 'ＢＣＤＦ－ＧＨＪＫ', 'BCDFGHJK']) {
      expect(normaliseUserCode(typed), typed).toBe('BCDFGHJK');
    }
    for (const bad of ['BCDF-GHJ', 'BCDF-GHJKL', 'ABCD-EFGH', 'BCDF-GH0K', '']) {
      expect(normaliseUserCode(bad), bad).toBeNull();
    }
  });
});

describe('CLI tokens', () => {
  it('have a recognisable prefix and 256 bits of base64url', () => {
    expect(isWellFormedCliToken(`ghcli_${'A'.repeat(43)}`)).toBe(true);
    expect(isWellFormedCliToken('A'.repeat(43))).toBe(false);
    expect(isWellFormedCliToken(`ghcli_${'A'.repeat(42)}`)).toBe(false);
    expect(isWellFormedCliToken(`ghcli_${'A'.repeat(42)}=`)).toBe(false);
  });
});
