/**
 * Every failure is one readable line on stderr and one of these exit codes, so scripts (and the
 * AWS CLI running `credential_process`) can tell them apart. The table is in the README.
 */
export const EXIT = {
  ok: 0,
  /** Anything unexpected, or a local problem (a file that cannot be read or written). */
  failure: 1,
  usage: 2,
  notLoggedIn: 3,
  /** The CLI token expired or was revoked (by the user, an admin, or a disabled account). */
  loginExpired: 4,
  unreachable: 5,
  notGranted: 6,
  stepUp: 7,
  ambiguous: 8,
  /** `gatehouse login` was denied in the portal, or its code expired unapproved. */
  loginDenied: 9,
  /** The portal answered with an error of its own (AWS refused, audit unavailable, …). */
  server: 10,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export class CliError extends Error {
  constructor(
    readonly exitCode: number,
    message: string,
    /** Shown with --debug only: request ids, HTTP statuses, causes. */
    readonly detail?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'CliError';
  }
}

export function usage(message: string): CliError {
  return new CliError(EXIT.usage, `${message} (see \`gatehouse --help\`)`);
}
