/**
 * The GatehouseRevokeUserSessions inline policy, planned as a whole from every revocation Gatehouse
 * keeps in force on one role. Each statement is AWS's documented revocation, an inline Deny of
 * everything for credentials whose `aws:TokenIssueTime` is before a cut-off, narrowed with
 * `StringEquals` to what every Gatehouse session carries: SourceIdentity (the user, fixed for the
 * session and for anything chained from it) and the session tags gatehouse:grant and
 * gatehouse:login. The cut-off is what keeps sessions issued after a re-grant working.
 *
 * Planning is pure: the worker reads the policy, plans, writes. The plan depends only on the set
 * of revocations and `now`, so applying the same outbox rows twice writes the same document.
 *
 * Size. A role's inline policies share one budget (10,240 characters for IAM, whitespace not
 * counted), and a statement for one user costs ~230 of them: ~40 users would exhaust it. So, in order:
 *  1. Precise: each target keeps its own cut-off. Targets of one shape with the same cut-off share
 *     one statement with a list of values (IAM ORs the values of one key); that costs nothing.
 *  2. Folded: the oldest entries (of every shape, oldest first) move into one statement per shape
 *     with the LATEST cut-off among them, until the document fits. The cost: a folded target's
 *     sessions issued between its own cut-off and the later one are denied too. A user revoked at
 *     09:00, re-granted at 09:05 and signed in at 09:10 loses that session when folded with a
 *     09:30 cut-off; they simply get a new session (issued after every cut-off). A folded statement
 *     is also pruned only once its latest cut-off is 12 h old.
 *  3. One statement per shape: everything folded. For a user under a grant that is one statement
 *     listing every such user and every such grant, which IAM reads as every pair, so a user's
 *     session under a grant revoked only for someone else is denied too (again: a new session).
 *  4. Fall back: the oldest entries leave the document for a role-wide cut-off in
 *     AWSRevokeOlderSessions, which denies every session of the role issued before it: everyone
 *     on the role signs in again. `fellBack` says so, for the audit.
 */
import { createHash } from 'node:crypto';
import { sanitiseTagValue } from '../broker/aws-names';
import { MAX_SESSION_SECONDS } from '../broker/session-duration';
import { AppError } from '../shared/app-error';
import { isRecord } from './json-document';
import { policySize } from './lint-policy';
import { CURRENT_POLICY_VERSION } from './model';

import type {
  Dated,
  Json,
  Narrowed,
  RevocationEntry,
  RevocationTarget,
  PlannedRevocation,
  Scope,
} from './revocation-statements';
import {
  GRANT_TAG_KEY,
  LOGIN_TAG_KEY,
  REVOCATION_SID_PREFIX,
  SOURCE_IDENTITY_KEY,
  TOKEN_ISSUE_TIME_KEY,
  USER_REVOCATION_POLICY,
  isGatehouseSid,
  parseStoredPolicy,
  readRevocationStatement,
} from './revocation-statements';

export * from './revocation-statements';

function targetKey(t: RevocationTarget): string {
  if (t.scope === 'role') return '["role"]';
  if (t.scope === 'user') return JSON.stringify([t.scope, t.sourceIdentity]);
  if (t.scope === 'grant') return JSON.stringify([t.scope, t.grantId]);
  if (t.scope === 'grant_user') return JSON.stringify([t.scope, t.grantId, t.sourceIdentity]);
  return JSON.stringify([t.scope, t.loginId]);
}

interface Existing {
  /** Version and Id as they were, so the statements kept mean what they meant. */
  header: Json;
  kept: unknown[];
  keptSids: string[];
  read: Array<{ target: RevocationTarget; cutoff: number }>;
}

function readExisting(existing: string | null): Existing {
  const result: Existing = { header: { Version: CURRENT_POLICY_VERSION }, kept: [], keptSids: [], read: [] };
  if (existing === null) return result;
  const { document: parsed, statements } = parseStoredPolicy(existing, USER_REVOCATION_POLICY);
  if (typeof parsed['Version'] === 'string') result.header['Version'] = parsed['Version'];
  if (parsed['Id'] !== undefined) result.header['Id'] = parsed['Id'];
  for (const statement of statements) {
    // Only statements Gatehouse wrote (its Sid prefix, the old per-user form included) are read
    // back and rewritten; an unreadable one with that prefix is someone's edit and is kept.
    const found = isGatehouseSid(statement) ? readRevocationStatement(statement) : null;
    if (found) {
      for (const target of found.targets) result.read.push({ target, cutoff: found.cutoffMs });
      continue;
    }
    result.kept.push(statement);
    const sid = isRecord(statement) ? statement['Sid'] : undefined;
    if (typeof sid === 'string') result.keptSids.push(sid);
  }
  return result;
}

function invalid(reason: string): AppError {
  return new AppError('validation', `Revocation entry is not valid: ${reason}.`);
}

// STS's SourceIdentity pattern; it also keeps `${` (a policy variable) out of the document.
const SOURCE_IDENTITY = /^[A-Za-z0-9_+=,.@-]{2,64}$/;

function identity(value: string): string {
  if (!SOURCE_IDENTITY.test(value))
    throw invalid(`SourceIdentity ${JSON.stringify(value)} is not one STS accepts`);
  return value;
}

/** Sessions carry sanitiseTagValue(id) as the tag; the deny must name exactly that. */
function tagValue(value: string, what: string): string {
  const sanitised = sanitiseTagValue(value);
  if (sanitised.trim() === '') throw invalid(`${what} is empty`);
  return sanitised;
}

function normalise(entry: RevocationEntry): { target: RevocationTarget; cutoff: number } {
  const cutoff = entry.cutoff.getTime();
  if (!Number.isFinite(cutoff)) throw invalid('the cut-off is not a date');
  const target = { ...entry.target };
  if ('sourceIdentity' in target) target.sourceIdentity = identity(target.sourceIdentity);
  if ('grantId' in target) target.grantId = tagValue(target.grantId, 'the grant id');
  if ('loginId' in target) target.loginId = tagValue(target.loginId, 'the login id');
  return { target, cutoff };
}

interface Group {
  scope: Scope;
  cutoff: number;
  users: string[];
  grants: string[];
  logins: string[];
  /** Entries it revokes (a listed user × grant pair counts only when it was asked for). */
  entries: number;
}

function sortedUnique(values: Iterable<string>): string[] {
  return [...new Set(values)].sort();
}

function oneGroup(scope: Scope, cutoff: number, members: Narrowed[]): Group {
  const pick = (f: (t: Narrowed) => string | undefined) =>
    sortedUnique(members.map(f).filter((v): v is string => v !== undefined));
  return {
    scope,
    cutoff,
    users: pick((t) => ('sourceIdentity' in t ? t.sourceIdentity : undefined)),
    grants: pick((t) => ('grantId' in t ? t.grantId : undefined)),
    logins: pick((t) => ('loginId' in t ? t.loginId : undefined)),
    entries: members.length,
  };
}

/**
 * User-under-grant entries with one cut-off, as statements that deny exactly those pairs: users
 * with the same set of grants share one (users × grants). A user removed from a group with three
 * grants, or many users removed from one group, is one statement.
 */
function rectangles(cutoff: number, members: Narrowed[]): Group[] {
  const grantsOf = new Map<string, Set<string>>();
  for (const t of members) {
    if (t.scope !== 'grant_user') continue;
    const set = grantsOf.get(t.sourceIdentity) ?? new Set<string>();
    grantsOf.set(t.sourceIdentity, set.add(t.grantId));
  }
  const byGrants = new Map<string, { users: string[]; grants: string[] }>();
  for (const [user, set] of grantsOf) {
    const grants = sortedUnique(set);
    const key = JSON.stringify(grants);
    const found = byGrants.get(key) ?? { users: [], grants };
    found.users.push(user);
    byGrants.set(key, found);
  }
  return [...byGrants.values()].map(({ users, grants }) => ({
    scope: 'grant_user',
    cutoff,
    users: users.sort(),
    grants,
    logins: [],
    entries: users.length * grants.length,
  }));
}

const SCOPE_ORDER: Scope[] = ['user', 'grant', 'grant_user', 'login'];

/**
 * The statements for `list` (oldest first) when its first `folded` entries share, per shape, the
 * latest cut-off among them. `onePerShape`: user-under-grant entries of one cut-off become one
 * users × grants statement instead of exact pairs.
 */
function groupsOf(list: Dated[], folded: number, onePerShape: boolean): Group[] {
  const foldedCutoff = new Map<Scope, number>();
  for (const e of list.slice(0, folded))
    foldedCutoff.set(e.target.scope, Math.max(foldedCutoff.get(e.target.scope) ?? e.cutoff, e.cutoff));
  const byCutoff = new Map<string, { scope: Scope; cutoff: number; members: Narrowed[] }>();
  list.forEach((e, i) => {
    const cutoff = i < folded ? (foldedCutoff.get(e.target.scope) ?? e.cutoff) : e.cutoff;
    const key = `${e.target.scope} ${cutoff}`;
    const found = byCutoff.get(key) ?? { scope: e.target.scope, cutoff, members: [] };
    found.members.push(e.target);
    byCutoff.set(key, found);
  });
  const groups = [...byCutoff.values()].flatMap(({ scope, cutoff, members }) =>
    scope === 'grant_user' && !onePerShape ? rectangles(cutoff, members) : [oneGroup(scope, cutoff, members)],
  );
  const first = (g: Group) => g.users[0] ?? g.grants[0] ?? g.logins[0] ?? '';
  return groups.sort(
    (a, b) =>
      SCOPE_ORDER.indexOf(a.scope) - SCOPE_ORDER.indexOf(b.scope) ||
      a.cutoff - b.cutoff ||
      first(a).localeCompare(first(b)),
  );
}

const SID_LABEL: Record<Scope, string> = {
  user: 'Users',
  grant: 'Grants',
  grant_user: 'GrantUsers',
  login: 'Logins',
};

function oneOrList(values: string[]): string | string[] {
  return values.length === 1 ? (values[0] as string) : values;
}

/** The statement for one group; its Sid is derived from what it denies, unique in the document. */
function statementOf(group: Group, usedSids: Set<string>): Json {
  const cutoff = new Date(group.cutoff).toISOString();
  const equals: Json = {};
  if (group.users.length > 0) equals[SOURCE_IDENTITY_KEY] = oneOrList(group.users);
  if (group.grants.length > 0) equals[GRANT_TAG_KEY] = oneOrList(group.grants);
  if (group.logins.length > 0) equals[LOGIN_TAG_KEY] = oneOrList(group.logins);
  const hash = createHash('sha256')
    .update(JSON.stringify([group.scope, cutoff, equals]))
    .digest('hex')
    .slice(0, 12);
  // IAM wants Sids unique and alphanumeric; a kept statement could already use this one.
  const base = `${REVOCATION_SID_PREFIX}${SID_LABEL[group.scope]}${hash}`;
  let sid = base;
  for (let n = 2; usedSids.has(sid); n++) sid = `${base}${n}`;
  usedSids.add(sid);
  return {
    Sid: sid,
    Effect: 'Deny',
    Action: ['*'],
    Resource: ['*'],
    Condition: { DateLessThan: { [TOKEN_ISSUE_TIME_KEY]: cutoff }, StringEquals: equals },
  };
}

interface Layout {
  text: string;
  size: number;
  statements: number;
  merged: number;
}

function render(existing: Existing, list: Dated[], folded: number, onePerShape: boolean): Layout {
  const used = new Set(existing.keptSids);
  const groups = groupsOf(list, folded, onePerShape);
  const ours = groups.map((g) => statementOf(g, used));
  const text = JSON.stringify({ ...existing.header, Statement: [...existing.kept, ...ours] }, null, 2);
  const merged = groups.reduce((n, g) => n + (g.entries > 1 ? g.entries : 0), 0);
  return { text, size: policySize(text), statements: existing.kept.length + ours.length, merged };
}

/** The smallest i in [lo, hi] for which `ok` holds, taking `ok(hi)` as given. */
function smallest(lo: number, hi: number, ok: (i: number) => boolean): number {
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (ok(mid)) hi = mid;
    else lo = mid + 1;
  }
  return hi;
}

/** The most precise layout of `list` that fits, or null when not even one statement per shape does. */
function arrange(existing: Existing, list: Dated[], budget: number): Layout | null {
  const fits = (layout: Layout) => layout.size <= budget;
  const precise = render(existing, list, 0, false);
  if (fits(precise)) return precise;
  if (fits(render(existing, list, list.length, false))) {
    // Folding more entries is not strictly smaller every step (an entry may leave a shared
    // statement for another), so this finds a fitting fold, not always the least one.
    const folded = smallest(1, list.length, (k) => fits(render(existing, list, k, false)));
    return render(existing, list, folded, false);
  }
  const onePerShape = render(existing, list, list.length, true);
  return fits(onePerShape) ? onePerShape : null;
}

/**
 * The oldest m entries go role-wide, and every entry whose cut-off is not later than theirs leaves
 * the document with them (the role-wide cut-off denies its sessions already). The least m whose
 * remainder fits wins: as few users as possible are cut off together with everyone.
 */
function fallBack(existing: Existing, list: Dated[], budget: number): { layout: Layout; cutoff: number } {
  const rest = (m: number) => {
    const cutoff = (list[m - 1] as Dated).cutoff;
    return { cutoff, list: list.filter((e) => e.cutoff > cutoff) };
  };
  const m = smallest(1, list.length, (i) => arrange(existing, rest(i).list, budget) !== null);
  const { cutoff, list: remainder } = rest(m);
  // With m = all entries only the kept statements remain; they are what they are.
  return { layout: arrange(existing, remainder, budget) ?? render(existing, [], 0, false), cutoff };
}

/**
 * Plans GatehouseRevokeUserSessions from the document IAM holds (`existing`, null when absent)
 * and new entries. Statements that are not Gatehouse's are kept untouched; Gatehouse's are read
 * back and merged with `entries` (a target keeps its latest cut-off); targets whose cut-off is
 * older than the longest session are pruned. Throws `conflict` when `existing` cannot be read and
 * `validation` for an entry IAM could not match (an invalid SourceIdentity or date).
 */
export function planRevocations(
  existing: string | null,
  entries: RevocationEntry[],
  options: { now: Date; budgetChars: number },
): PlannedRevocation {
  const doc = readExisting(existing);
  // No session outlives MAX_SESSION_SECONDS, so a cut-off older than that denies nothing.
  const expiredBefore = options.now.getTime() - MAX_SESSION_SECONDS * 1000;
  let roleWide: number | null = null;
  const latest = new Map<string, Dated>();
  for (const { target, cutoff } of [...doc.read, ...entries.map(normalise)]) {
    if (target.scope === 'role') {
      roleWide = Math.max(roleWide ?? cutoff, cutoff);
      continue;
    }
    const key = targetKey(target);
    const before = latest.get(key);
    // Cut-offs only move forward: an older request never re-admits sessions a newer one denied.
    if (!before || cutoff > before.cutoff) latest.set(key, { target, cutoff, key });
  }
  let pruned = 0;
  if (roleWide !== null && roleWide < expiredBefore) {
    roleWide = null;
    pruned++;
  }
  const list: Dated[] = [];
  for (const entry of latest.values()) {
    if (entry.cutoff < expiredBefore) pruned++;
    else list.push(entry);
  }
  list.sort((a, b) => a.cutoff - b.cutoff || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));

  let layout = arrange(doc, list, options.budgetChars);
  let fellBack = false;
  if (layout === null && list.length > 0) {
    const fallback = fallBack(doc, list, options.budgetChars);
    layout = fallback.layout;
    roleWide = Math.max(roleWide ?? fallback.cutoff, fallback.cutoff);
    fellBack = true;
  }
  // Only when the statements kept alone exceed the budget: nothing of Gatehouse's can fit.
  layout ??= render(doc, [], 0, false);
  return {
    document: layout.statements === 0 ? null : layout.text,
    roleWideCutoff: roleWide === null ? null : new Date(roleWide),
    merged: layout.merged,
    pruned,
    fellBack,
  };
}
