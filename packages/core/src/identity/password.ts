import { hash, verify } from '@node-rs/argon2';
import { dictionary } from '@zxcvbn-ts/language-common';
import { AppError } from '../shared/app-error';

/** OWASP ASVS 5 / OWASP cheat sheet minimum for argon2id. */
export const ARGON2_OPTIONS = {
  algorithm: 2, // Algorithm.Argon2id (a const enum, which isolated modules cannot read)
  memoryCost: 19456,
  timeCost: 2,
  parallelism: 1,
} as const;

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 256;

let commonPasswords: Set<string> | undefined;

function isCommonPassword(password: string): boolean {
  commonPasswords ??= new Set(dictionary['passwords-common'].map((p) => p.toLowerCase()));
  return commonPasswords.has(password.toLowerCase());
}

/** Length counts code points, so a password of emoji is measured as a person would. */
export function passwordProblems(password: string, context: { username?: string } = {}): string[] {
  const problems: string[] = [];
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) problems.push(`must be at least ${PASSWORD_MIN_LENGTH} characters`);
  if (length > PASSWORD_MAX_LENGTH) problems.push(`must be at most ${PASSWORD_MAX_LENGTH} characters`);
  if (length >= PASSWORD_MIN_LENGTH && isCommonPassword(password)) {
    problems.push('is too common; choose one that is not on lists of leaked passwords');
  }
  if (context.username && password.toLowerCase() === context.username.toLowerCase()) {
    problems.push('must not be the username');
  }
  return problems;
}

export function assertAcceptablePassword(password: string, context: { username?: string } = {}): void {
  const problems = passwordProblems(password, context);
  if (problems.length > 0) {
    throw new AppError('validation', `Password ${problems.join('; ')}.`, {
      fields: problems.map((reason) => ({ field: 'password', reason })),
    });
  }
}

export function hashPassword(password: string): Promise<string> {
  return hash(password.normalize('NFC'), ARGON2_OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password.normalize('NFC'));
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;

/**
 * Unknown users still cost one argon2 verification, so timing does not tell whether a
 * username exists.
 */
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummyHash ??= hashPassword('gatehouse-dummy-password-never-matches');
  await verifyPassword(await dummyHash, password);
  return false;
}
