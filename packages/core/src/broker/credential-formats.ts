import { CREDENTIAL_FORMATS } from '@gatehouse/contracts/credential-formats';
import type { CredentialFormat } from '@gatehouse/contracts/credential-formats';
import { AppError } from '../shared/app-error';
import { isRegion } from './aws-names';
import type { AwsCredentials } from './ports';

export { CREDENTIAL_FORMATS };
export type { CredentialFormat };

/**
 * Values made only of these characters (every real key, secret, token, timestamp and region) are
 * printed exactly as `aws configure export-credentials` prints them; anything else is quoted for
 * the target shell, or refused where that shell has no safe quoting.
 */
const PLAIN = /^[A-Za-z0-9+/=_.:@,-]+$/;
// C0/C1 controls and Unicode line/paragraph separators end a line in at least one of the targets.
const LINE_BREAKING = /[\p{Cc}\u2028\u2029]/u;
const PROFILE = /^[A-Za-z0-9_.@+=,:/-]{1,128}$/;

type Variable = readonly [name: string, value: string];

/** For checking a requested profile name before credentials are issued rather than after. */
export function isProfileName(value: string): boolean {
  return PROFILE.test(value);
}

function unsafeFor(format: CredentialFormat, why: string): AppError {
  return new AppError('validation', `These credentials cannot be written safely as ${format}.`, {
    fields: [{ field: 'format', reason: why }],
  });
}

/** POSIX sh: inside single quotes nothing is special, and a quote is closed, escaped, reopened. */
function shQuote(value: string): string {
  return PLAIN.test(value) ? value : `'${value.replaceAll("'", `'\\''`)}'`;
}

/**
 * PowerShell expands `$` and backtick escapes inside double quotes and treats the typographic
 * quotes as quotes too, so odd values go in single quotes with every single-quote variant doubled.
 */
function psQuote(value: string): string {
  return PLAIN.test(value) ? `"${value}"` : `'${value.replace(/['\u2018\u2019\u201a\u201b]/g, '$&$&')}'`;
}

/** fish: single quotes only honour `\\` and `\'`. */
function fishQuote(value: string): string {
  return PLAIN.test(value) ? `"${value}"` : `'${value.replace(/[\\']/g, '\\$&')}'`;
}

/**
 * cmd has no escape that works both typed and in a batch file for `%` and `!`, and a `"` inside
 * `set "…"` reopens the line to `&` and `|`, so those values are refused instead of guessed at.
 */
function cmdLine(name: string, value: string): string {
  if (PLAIN.test(value)) return `set ${name}=${value}`;
  if (/["%!]/.test(value)) throw unsafeFor('windows-cmd', 'value contains " % or !, which cmd cannot quote');
  return `set "${name}=${value}"`;
}

/** dotenv parsers disagree on escapes; single quotes are literal in all of them, so only those. */
function dotenvLine(name: string, value: string): string {
  if (PLAIN.test(value)) return `${name}=${value}`;
  if (value.includes("'")) throw unsafeFor('dotenv', "value contains ', which dotenv cannot quote");
  return `${name}='${value}'`;
}

function isoSeconds(date: Date): string {
  if (Number.isNaN(date.getTime()))
    throw new AppError('internal', 'Credential expiration is not a valid date.');
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function lines(items: readonly string[]): string {
  return `${items.join('\n')}\n`;
}

/**
 * Renders temporary credentials for the CLI, the web page's copy buttons, or a credentials file.
 * The expiration is RFC 3339 UTC to the second (`2026-01-01T00:00:00Z`, as STS returns it); the AWS
 * CLI itself prints `+00:00`, and every SDK reads either.
 */
export function formatCredentials(
  creds: AwsCredentials,
  format: CredentialFormat,
  options: { profile?: string; region?: string | null } = {},
): string {
  const expiration = isoSeconds(creds.expiration);
  if (format === 'process') {
    return `${JSON.stringify({
      Version: 1,
      AccessKeyId: creds.accessKeyId,
      SecretAccessKey: creds.secretAccessKey,
      SessionToken: creds.sessionToken,
      Expiration: expiration,
    })}\n`;
  }

  for (const value of [creds.accessKeyId, creds.secretAccessKey, creds.sessionToken]) {
    if (value === '' || LINE_BREAKING.test(value)) {
      throw new AppError('internal', 'Credentials contain characters that cannot be written safely.');
    }
  }

  if (format === 'ini') {
    const profile = options.profile ?? 'default';
    if (!isProfileName(profile)) {
      throw new AppError('validation', 'Profile name is not valid.', {
        fields: [
          {
            field: 'profile',
            reason: 'must be 1–128 letters, digits or _ . @ + = , : / - (no spaces or brackets)',
          },
        ],
      });
    }
    // INI values cannot be quoted, which is why line breaks were refused above.
    return lines([
      `[${profile}]`,
      `aws_access_key_id = ${creds.accessKeyId}`,
      `aws_secret_access_key = ${creds.secretAccessKey}`,
      `aws_session_token = ${creds.sessionToken}`,
    ]);
  }

  const region = options.region;
  if (region && !isRegion(region)) {
    throw new AppError('validation', 'Region is not valid.', {
      fields: [{ field: 'region', reason: 'must be an AWS region such as eu-west-1' }],
    });
  }
  const variables: Variable[] = [
    ['AWS_ACCESS_KEY_ID', creds.accessKeyId],
    ['AWS_SECRET_ACCESS_KEY', creds.secretAccessKey],
    ['AWS_SESSION_TOKEN', creds.sessionToken],
    ['AWS_CREDENTIAL_EXPIRATION', expiration],
  ];
  if (region) variables.push(['AWS_REGION', region], ['AWS_DEFAULT_REGION', region]);

  switch (format) {
    case 'env':
      return lines(variables.map(([name, value]) => `export ${name}=${shQuote(value)}`));
    case 'env-no-export':
      return lines(variables.map(([name, value]) => `${name}=${shQuote(value)}`));
    case 'powershell':
      return lines(variables.map(([name, value]) => `$Env:${name}=${psQuote(value)}`));
    case 'windows-cmd':
      return lines(variables.map(([name, value]) => cmdLine(name, value)));
    case 'fish':
      return lines(variables.map(([name, value]) => `set -gx ${name} ${fishQuote(value)}`));
    case 'dotenv':
      return lines(variables.map(([name, value]) => dotenvLine(name, value)));
    default: {
      const unknown: never = format;
      throw new AppError('validation', 'Unknown credential format.', {
        fields: [
          { field: 'format', reason: `${String(unknown)} is not one of ${CREDENTIAL_FORMATS.join(', ')}` },
        ],
      });
    }
  }
}
