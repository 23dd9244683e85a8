import { createHash } from 'node:crypto';
import { AppError } from '../shared/app-error';
import type { Partition } from '../shared/access-records';
import type { SessionTag } from './ports';

export const PARTITIONS: readonly Partition[] = ['aws', 'aws-cn', 'aws-us-gov'];

export function isAccountId(value: string): boolean {
  return /^[0-9]{12}$/.test(value);
}

// IAM's own patterns (CreateRole): names use `[\w+=,.@-]`, paths are `/` or `/…/` of `!`..`~`.
const ROLE_NAME = /^[A-Za-z0-9_+=,.@-]{1,64}$/;
const ROLE_PATH = /^\/(?:[!-~]+\/)?$/;
const MAX_PATH_LENGTH = 512;
const ROLE_ARN = /^arn:([^:]*):iam::([^:]*):role(\/.*)$/;

function roleError(reason: string): AppError {
  return new AppError('validation', `Role is not valid: ${reason}.`, { fields: [{ field: 'role', reason }] });
}

function splitPathAndName(pathAndName: string): { path: string; roleName: string } {
  const cut = pathAndName.lastIndexOf('/');
  const path = pathAndName.slice(0, cut + 1);
  const roleName = pathAndName.slice(cut + 1);
  if (!ROLE_NAME.test(roleName)) {
    throw roleError('role name must be 1–64 characters of letters, digits and _ + = , . @ -');
  }
  if (path.length > MAX_PATH_LENGTH || !ROLE_PATH.test(path)) {
    throw roleError(
      'role path must start and end with / and contain at most 512 printable ASCII characters without spaces',
    );
  }
  return { path, roleName };
}

/**
 * Accepts what an admin pastes (a name, a path and name, or a role ARN) and returns the one ARN
 * the broker stores. An ARN from another account or partition is an error rather than silently
 * rewritten, because it usually means the role was registered under the wrong account.
 */
export function parseRoleReference(
  input: string,
  account: { accountId: string; partition: Partition },
): { roleName: string; path: string; arn: string } {
  const value = input.trim();
  let pathAndName: string;
  if (value.startsWith('arn:')) {
    const match = ROLE_ARN.exec(value);
    if (!match) throw roleError('ARN must look like arn:<partition>:iam::<account id>:role/<path/>name');
    const [, partition = '', accountId = '', rest = ''] = match;
    if (!(PARTITIONS as readonly string[]).includes(partition)) {
      throw roleError(`ARN partition ${partition || '(empty)'} is not one of ${PARTITIONS.join(', ')}`);
    }
    if (!isAccountId(accountId)) throw roleError('ARN account must be 12 digits');
    if (partition !== account.partition) {
      throw roleError(`ARN is in partition ${partition}, not ${account.partition}`);
    }
    if (accountId !== account.accountId) {
      throw roleError(`ARN is in account ${accountId}, not ${account.accountId}`);
    }
    pathAndName = rest;
  } else if (value.startsWith('/')) {
    pathAndName = value;
  } else if (value.includes('/')) {
    // `role/Admin` pasted from an ARN's tail would otherwise silently become path /role/.
    throw roleError('a role path must start with /, or paste the full ARN');
  } else {
    pathAndName = `/${value}`;
  }
  const { path, roleName } = splitPathAndName(pathAndName);
  return { roleName, path, arn: `arn:${account.partition}:iam::${account.accountId}:role${path}${roleName}` };
}

// Only the directions AWS uses, so ISO partitions (us-iso-east-1, eu-isoe-west-1) and the
// sovereign cloud, which this broker cannot sign in to, are not mistaken for commercial regions.
const REGION = /^(?:us-gov|[a-z]{2})-(?:central|(?:north|south)(?:east|west)?|east|west)-[1-9][0-9]?$/;

export function isRegion(value: string): boolean {
  return REGION.test(value);
}

export function partitionOfRegion(region: string): Partition {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

const STS_NAME_CHARS = /^[A-Za-z0-9_+=,.@-]+$/;
const STS_NAME_DISALLOWED = /[^A-Za-z0-9_+=,.@-]/gu;
const STS_NAME_MAX = 64;

function shortHash(value: string, length: number): string {
  return createHash('sha256').update(value, 'utf8').digest('hex').slice(0, length);
}

/**
 * SourceIdentity cannot be changed for the life of the session (or any session chained from it),
 * so it must be the immutable user id itself, not something two users could share. A UUID is
 * already valid; anything else becomes a hash rather than a lossy sanitisation.
 */
export function sourceIdentityFor(userId: string): string {
  // `:` is outside the allowed set, so a valid id can never carry the reserved `aws:` prefix.
  const valid = userId.length >= 2 && userId.length <= STS_NAME_MAX && STS_NAME_CHARS.test(userId);
  return valid ? userId : `gh-${shortHash(userId, 40)}`;
}

/**
 * The session name appears in CloudTrail and in the assumed-role ARN, so it stays readable; it
 * identifies nobody on its own (SourceIdentity does), but long names keep a hash of the full input
 * so two users sharing a 55-character prefix still get different names.
 */
export function roleSessionNameFor(username: string): string {
  const sanitised = username.replace(STS_NAME_DISALLOWED, '-');
  if (sanitised.length > STS_NAME_MAX) {
    return `${sanitised.slice(0, STS_NAME_MAX - 9)}-${shortHash(username, 8)}`;
  }
  return sanitised.padEnd(2, '_');
}

export const MAX_SESSION_TAGS = 50;
export const MAX_TAG_KEY_LENGTH = 128;
export const MAX_TAG_VALUE_LENGTH = 256;

const TAG_VALUE_ALLOWED = /[\p{L}\p{N}_.:/=+@-]/u;
const TAG_SEPARATOR = /[\p{Z}\s]/u;

/**
 * Makes any string a valid session tag value (`[\p{L}\p{Z}\p{N}_.:/=+\-@]*`, ≤256). Every separator
 * and control whitespace becomes a plain space, so line and paragraph separators cannot split a
 * value in logs; everything else outside the set becomes `-`. Truncation never splits a surrogate
 * pair, and the limit is applied to UTF-16 units, which is never more than AWS's character count.
 */
export function sanitiseTagValue(value: string): string {
  let out = '';
  for (const char of value.normalize('NFC')) {
    const next = TAG_VALUE_ALLOWED.test(char) ? char : TAG_SEPARATOR.test(char) ? ' ' : '-';
    if (out.length + next.length > MAX_TAG_VALUE_LENGTH) break;
    out += next;
  }
  return out;
}

/**
 * The tags a revocation deny can name (`aws:PrincipalTag/...`): who, under which grant, through
 * which CLI login. They are transitive so a session the user chains from theirs keeps them and
 * cannot replace them, and a deny on the original session still catches the chained one.
 */
export const TRANSITIVE_SESSION_TAG_KEYS: readonly string[] = [
  'gatehouse:user-id',
  'gatehouse:grant',
  'gatehouse:login',
];

export function sessionTagsFor(input: {
  username: string;
  userId: string;
  mfa: boolean;
  grantId: string;
  via: 'console' | 'cli';
  /** The CLI login (token id) the request came through; absent for the portal. */
  loginId?: string | null;
}): SessionTag[] {
  return [
    { key: 'gatehouse:user', value: sanitiseTagValue(input.username) },
    { key: 'gatehouse:user-id', value: sanitiseTagValue(input.userId) },
    { key: 'gatehouse:mfa', value: input.mfa ? 'true' : 'false' },
    { key: 'gatehouse:grant', value: sanitiseTagValue(input.grantId) },
    { key: 'gatehouse:via', value: input.via === 'console' ? 'console' : 'cli' },
    ...(input.loginId ? [{ key: 'gatehouse:login', value: sanitiseTagValue(input.loginId) }] : []),
  ];
}

/**
 * The keys of `tags` to send as TransitiveTagKeys: only keys actually sent, since STS refuses a
 * transitive key that is not among the session's tags.
 */
export function transitiveTagKeysOf(tags: readonly SessionTag[]): string[] {
  return tags.filter((t) => TRANSITIVE_SESSION_TAG_KEYS.includes(t.key)).map((t) => t.key);
}
