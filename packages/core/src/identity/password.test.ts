import { describe, expect, it } from 'vitest';
import { hashPassword, passwordProblems, verifyPassword } from './password';

describe('passwordProblems', () => {
  it('accepts 8 to 256 characters that are not common', () => {
    expect(passwordProblems('kettle-orbit-9')).toEqual([]);
    expect(passwordProblems('x'.repeat(200) + 'y'.repeat(56))).toEqual([]);
  });

  it('rejects short, overlong, common and username passwords', () => {
    expect(passwordProblems('short')).toEqual(['must be at least 8 characters']);
    expect(passwordProblems('z'.repeat(257))).toEqual(['must be at most 256 characters']);
    expect(passwordProblems('Password1')[0]).toMatch(/too common/);
    expect(passwordProblems('iloveyou')[0]).toMatch(/too common/);
    expect(passwordProblems('alice.smith', { username: 'Alice.Smith' })).toContain(
      'must not be the username',
    );
  });

  it('counts characters, not bytes', () => {
    expect(passwordProblems('パスワードです安全')).toEqual([]);
  });
});

describe('argon2id hashing', () => {
  it('uses argon2id m=19456 t=2 p=1 and verifies without truncation', async () => {
    const long = 'a'.repeat(100) + 'tail-1';
    const hash = await hashPassword(long);
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(hash, long)).toBe(true);
    expect(await verifyPassword(hash, 'a'.repeat(100) + 'tail-2')).toBe(false);
    expect(await verifyPassword('not-a-hash', long)).toBe(false);
  });
});
