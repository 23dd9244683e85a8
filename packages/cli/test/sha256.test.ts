import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../src/sha256';

const node = (text: string) => createHash('sha256').update(text).digest('hex');

describe('sha256Hex', () => {
  it('matches the FIPS 180-4 examples', () => {
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256Hex('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
  });

  it('matches node:crypto at every padding boundary, for UTF-8 text and for long input', () => {
    for (let n = 0; n <= 300; n++) expect(sha256Hex('a'.repeat(n)), `${n} bytes`).toBe(node('a'.repeat(n)));
    for (const text of [
      'Prod (EU) ✓/Admin',
      '検証/管理者',
      '["https://g.example.com","u-1"]',
      '\u0000\ud83d\ude00',
    ]) {
      expect(sha256Hex(text)).toBe(node(text));
    }
    for (let i = 0; i < 200; i++) {
      const text = randomBytes(1 + (i % 97) * 3).toString('latin1');
      expect(sha256Hex(text)).toBe(node(text));
    }
    const long = randomBytes(3 * 1024 * 1024).toString('base64');
    expect(sha256Hex(long)).toBe(node(long));
  });
});
