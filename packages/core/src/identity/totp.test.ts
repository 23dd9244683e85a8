import { describe, expect, it } from 'vitest';
import { generate } from 'otplib';
import { createTotpSecret, matchTotp, normaliseTotpCode, totpStepAt, totpUri } from './totp';

describe('normaliseTotpCode', () => {
  it.each([
    ['123456', '123456'],
    [' 123456 ', '123456'],
    ['123 456', '123456'],
    ['123-456', '123456'],
    ['１２３４５６', '123456'],
    ['　１２３ ４５６', '123456'],
  ])('%j → %j', (input, expected) => expect(normaliseTotpCode(input)).toBe(expected));

  it.each(['', '12345', '1234567', 'abcdef', '12345a', '١٢٣٤٥٦x'])('rejects %j', (input) =>
    expect(normaliseTotpCode(input)).toBeNull(),
  );
});

describe('matchTotp', () => {
  const secret = createTotpSecret();
  const nowMs = 1_800_000_000_000;
  const at = (steps: number) => generate({ secret, epoch: nowMs / 1000 + steps * 30 });

  it('accepts the current step and one either side, returning the step', async () => {
    const step = totpStepAt(nowMs);
    for (const delta of [-1, 0, 1]) {
      expect(await matchTotp(secret, await at(delta), { nowMs, lastUsedStep: null })).toBe(step + delta);
    }
  });

  it('rejects two steps away and steps at or before the last used one', async () => {
    expect(await matchTotp(secret, await at(-2), { nowMs, lastUsedStep: null })).toBeNull();
    expect(await matchTotp(secret, await at(2), { nowMs, lastUsedStep: null })).toBeNull();
    const step = totpStepAt(nowMs);
    expect(await matchTotp(secret, await at(0), { nowMs, lastUsedStep: step })).toBeNull();
    expect(await matchTotp(secret, await at(1), { nowMs, lastUsedStep: step })).toBe(step + 1);
  });

  it('returns null for malformed input instead of throwing', async () => {
    expect(await matchTotp(secret, 'not a code', { nowMs, lastUsedStep: null })).toBeNull();
  });

  it('builds an otpauth URI with issuer and label', () => {
    expect(totpUri('JBSWY3DPEHPK3PXP', 'alice', 'Gatehouse')).toMatch(
      /^otpauth:\/\/totp\/Gatehouse:alice\?.*secret=JBSWY3DPEHPK3PXP/,
    );
  });
});
