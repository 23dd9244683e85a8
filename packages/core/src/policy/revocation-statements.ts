/**
 * Reading the statements of Gatehouse's revocation policies: the names, keys and shapes they use,
 * and what one statement revokes (revocation-document.ts plans whole documents from these).
 */
import { AppError } from '../shared/app-error';
import { isRecord } from './json-document';
import { parsePolicyDate } from './match';

/** The name AWS's console uses for "Revoke active sessions"; the console and Gatehouse agree on it. */
export const ROLE_REVOCATION_POLICY = 'AWSRevokeOlderSessions';
/** Narrowed statements live apart, so a console revocation (which rewrites its policy) keeps them. */
export const USER_REVOCATION_POLICY = 'GatehouseRevokeUserSessions';
/** Every statement Gatehouse writes has a Sid with this prefix; others are not Gatehouse's to touch. */
export const REVOCATION_SID_PREFIX = 'GatehouseRevoke';
export const TOKEN_ISSUE_TIME_KEY = 'aws:TokenIssueTime';
export const SOURCE_IDENTITY_KEY = 'aws:SourceIdentity';
export const GRANT_TAG_KEY = 'aws:PrincipalTag/gatehouse:grant';
export const LOGIN_TAG_KEY = 'aws:PrincipalTag/gatehouse:login';

export type RevocationTarget =
  | { scope: 'role' }
  | { scope: 'user'; sourceIdentity: string }
  | { scope: 'grant'; grantId: string }
  | { scope: 'grant_user'; grantId: string; sourceIdentity: string }
  | { scope: 'login'; loginId: string };

export interface RevocationEntry {
  target: RevocationTarget;
  cutoff: Date;
}

export interface PlannedRevocation {
  /**
   * GatehouseRevokeUserSessions (pretty JSON) to PutRolePolicy, or null when it would hold no
   * statement: then DeleteRolePolicy it if it exists (IAM refuses a policy without statements, and
   * what it held can deny nothing any more), and leave it absent otherwise.
   */
  document: string | null;
  /**
   * Set when an entry is role-wide itself, or when entries did not fit and fell back: the worker
   * merges it into AWSRevokeOlderSessions with mergeRevocationPolicy, and must do so BEFORE writing
   * `document`, because entries covered by this cut-off are no longer in the document.
   */
  roleWideCutoff: Date | null;
  /** Entries (targets) written in a statement that also holds other targets. */
  merged: number;
  /** Targets dropped because their cut-off is older than the longest session (12 h): they deny nothing. */
  pruned: number;
  /** Some narrowed entries did not fit in the budget and went to `roleWideCutoff`. */
  fellBack: boolean;
}

/** What one revocation statement denies, read back from a document. */
export interface RevocationStatementRead {
  /** Several when its values are lists; both keys listed in one statement mean every pair. */
  targets: RevocationTarget[];
  /** The cut-off as written (the latest, when it lists several: IAM ORs them). */
  cutoff: string;
  cutoffMs: number;
}

export type Json = Record<string, unknown>;
export type Narrowed = Exclude<RevocationTarget, { scope: 'role' }>;
export type Scope = Narrowed['scope'];
export interface Dated {
  target: Narrowed;
  cutoff: number;
  key: string;
}

/** AWS writes `Action: ["*"]`; people write `"*"`. Either is the revoke-everything shape. */
function isStar(value: unknown): boolean {
  return value === '*' || (Array.isArray(value) && value.length === 1 && value[0] === '*');
}

/** A string or a non-empty list of strings, as IAM accepts for the values of one key. */
function stringList(value: unknown): string[] | null {
  const list: unknown[] = Array.isArray(value) ? value : [value];
  return list.length > 0 && list.every((v) => typeof v === 'string') ? (list as string[]) : null;
}

function readCutoff(date: unknown): { cutoff: string; cutoffMs: number } | null {
  if (!isRecord(date)) return null;
  const [key, ...more] = Object.keys(date);
  // Condition key names are case-insensitive in IAM.
  if (key === undefined || more.length > 0 || key.toLowerCase() !== TOKEN_ISSUE_TIME_KEY.toLowerCase())
    return null;
  let best: { cutoff: string; cutoffMs: number } | null = null;
  for (const cutoff of stringList(date[key]) ?? []) {
    const cutoffMs = parsePolicyDate(cutoff);
    if (cutoffMs === null) return null;
    if (!best || cutoffMs > best.cutoffMs) best = { cutoff, cutoffMs };
  }
  return best;
}

// A Map, not an object: a key such as "constructor" must not look like a known one.
const NARROWING = new Map<string, 'users' | 'grants' | 'logins'>([
  [SOURCE_IDENTITY_KEY.toLowerCase(), 'users'],
  [GRANT_TAG_KEY.toLowerCase(), 'grants'],
  [LOGIN_TAG_KEY.toLowerCase(), 'logins'],
]);

function readTargets(equals: unknown): RevocationTarget[] | null {
  if (equals === undefined) return [{ scope: 'role' }];
  if (!isRecord(equals)) return null;
  const found: Partial<Record<'users' | 'grants' | 'logins', string[]>> = {};
  for (const [key, value] of Object.entries(equals)) {
    const name = NARROWING.get(key.toLowerCase());
    const values = stringList(value);
    if (name === undefined || values === null || found[name]) return null;
    found[name] = values;
  }
  const { users, grants, logins } = found;
  if (logins) return users || grants ? null : logins.map((loginId) => ({ scope: 'login', loginId }));
  if (users && grants)
    return grants.flatMap((grantId) =>
      users.map((sourceIdentity) => ({ scope: 'grant_user' as const, grantId, sourceIdentity })),
    );
  if (users) return users.map((sourceIdentity) => ({ scope: 'user', sourceIdentity }));
  if (grants) return grants.map((grantId) => ({ scope: 'grant', grantId }));
  return null;
}

const STATEMENT_KEYS = new Set(['Sid', 'Effect', 'Action', 'Resource', 'Condition']);

/**
 * The targets one statement revokes, or null when it is not a revocation: a Deny of every action
 * on every resource, `DateLessThan aws:TokenIssueTime`, and optionally `StringEquals` on
 * SourceIdentity, the grant tag (or both), or the login tag. Anything else in it (another operator,
 * NotAction, another key) could change what it denies, so it is not read as a revocation.
 */
export function readRevocationStatement(statement: unknown): RevocationStatementRead | null {
  if (!isRecord(statement) || Object.keys(statement).some((k) => !STATEMENT_KEYS.has(k))) return null;
  if (statement['Effect'] !== 'Deny' || !isStar(statement['Action']) || !isStar(statement['Resource']))
    return null;
  const condition = statement['Condition'];
  if (!isRecord(condition)) return null;
  const { DateLessThan: date, StringEquals: equals, ...others } = condition;
  if (Object.keys(others).length > 0) return null;
  const cutoff = readCutoff(date);
  const targets = cutoff ? readTargets(equals) : null;
  return cutoff && targets ? { targets, ...cutoff } : null;
}

export function isGatehouseSid(statement: unknown): boolean {
  const sid = isRecord(statement) ? statement['Sid'] : undefined;
  return typeof sid === 'string' && sid.startsWith(REVOCATION_SID_PREFIX);
}

/**
 * A stored revocation policy, read before it is rewritten: the document and its statements (one
 * or a list). IAM stores only valid JSON, so anything else means something is badly wrong and
 * Gatehouse must not guess: it refuses to rewrite, naming the policy.
 */
export function parseStoredPolicy(
  existing: string,
  policyName: string,
): { document: Json; statements: unknown[] } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(existing);
  } catch {
    throw new AppError(
      'conflict',
      `The role's inline policy ${policyName} is not valid JSON, so Gatehouse will not rewrite it. Fix or delete it in IAM first.`,
    );
  }
  const raw = isRecord(parsed) ? parsed['Statement'] : undefined;
  if (!isRecord(parsed) || !(Array.isArray(raw) || isRecord(raw))) {
    throw new AppError(
      'conflict',
      `The role's inline policy ${policyName} has no statements Gatehouse understands, so it will not rewrite it.`,
    );
  }
  return { document: parsed, statements: Array.isArray(raw) ? raw : [raw] };
}
