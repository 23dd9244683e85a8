import { AppError } from '../shared/app-error';

/** Usernames are case-insensitive and compared in NFKC lower case. */
export function normaliseUsername(input: string): string {
  return input.normalize('NFKC').trim().toLowerCase();
}

const USERNAME_SHAPE = /^[a-z0-9][a-z0-9._@+-]{1,62}[a-z0-9]$/;

/**
 * A conservative alphabet: usernames become AWS RoleSessionNames and session tag values, so
 * what is accepted here never needs escaping there.
 */
export function validateUsername(username: string): void {
  if (!USERNAME_SHAPE.test(username)) {
    throw new AppError(
      'validation',
      'Username must be 3–64 characters: letters, digits and . _ @ + -, starting and ending with a letter or digit.',
      {
        fields: [{ field: 'username', reason: 'invalid format' }],
      },
    );
  }
}
