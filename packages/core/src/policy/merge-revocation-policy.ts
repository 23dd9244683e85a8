/**
 * Session revocation the way AWS documents it: an inline Deny on the role for every action, only
 * for credentials whose `aws:TokenIssueTime` is before a cut-off (the console's
 * "Revoke active sessions" writes the same AWSRevokeOlderSessions policy). The per-user variant
 * adds `StringEquals aws:SourceIdentity`, which Gatehouse sets to the user's id on every session.
 *
 * Existing documents are merged, never overwritten: other statements are kept as they are, a
 * cut-off only ever moves forward, and per-user statements older than the longest possible
 * session (12 h) are dropped because they can no longer deny anything.
 */
import { isRecord } from './json-document';
import { parsePolicyDate } from './match';
import { CURRENT_POLICY_VERSION } from './model';
import { MAX_SESSION_SECONDS } from '../broker/session-duration';
import {
  ROLE_REVOCATION_POLICY,
  USER_REVOCATION_POLICY,
  parseStoredPolicy,
  readRevocationStatement,
} from './revocation-document';
import type { RevocationTarget } from './revocation-document';

// The names moved to revocation-document.ts (which plans the whole per-user document); they are
// still exported here for the callers that import them from this module.
export { ROLE_REVOCATION_POLICY, USER_REVOCATION_POLICY };
const USER_SID_PREFIX = 'GatehouseRevokeUser';

export interface RevocationRequest {
  cutoff: Date;
  /** Revoke only sessions carrying this SourceIdentity (one user); null for every session of the role. */
  sourceIdentity: string | null;
  now: Date;
}

export interface MergedRevocation {
  policyName: string;
  /** Pretty-printed JSON to PutRolePolicy. */
  document: string;
  /** The cut-off now in force for this scope (later of the existing and the requested one). */
  cutoff: string;
  /** Expired per-user statements dropped. */
  pruned: number;
  /** Statements of the existing document kept untouched. */
  kept: number;
}

type Json = Record<string, unknown>;

/** AWS writes `Action: ["*"]`; people write `"*"`. Either is the revoke-everything shape. */
function isStar(value: unknown): boolean {
  return value === '*' || (Array.isArray(value) && value.length === 1 && value[0] === '*');
}

function revocationCutoff(statement: Json): { cutoff: string; sourceIdentity: string | null } | null {
  if (statement['Effect'] !== 'Deny' || !isStar(statement['Action']) || !isStar(statement['Resource']))
    return null;
  const condition = statement['Condition'];
  if (!isRecord(condition)) return null;
  const operators = Object.keys(condition);
  const date = condition['DateLessThan'];
  if (!isRecord(date) || Object.keys(date).length !== 1) return null;
  const cutoff = date['aws:TokenIssueTime'];
  if (typeof cutoff !== 'string' || parsePolicyDate(cutoff) === null) return null;
  if (operators.length === 1) return { cutoff, sourceIdentity: null };
  const equals = condition['StringEquals'];
  if (operators.length !== 2 || !isRecord(equals) || Object.keys(equals).length !== 1) return null;
  const sid = equals['aws:SourceIdentity'];
  if (typeof sid !== 'string') return null;
  return { cutoff, sourceIdentity: sid };
}

function later(a: string, b: string): string {
  return (parsePolicyDate(a) ?? 0) >= (parsePolicyDate(b) ?? 0) ? a : b;
}

function userSid(sourceIdentity: string): string {
  return `${USER_SID_PREFIX}${sourceIdentity.replace(/[^A-Za-z0-9]/g, '')}`.slice(0, 128);
}

export function revocationStatement(cutoff: string, sourceIdentity: string | null): Json {
  if (sourceIdentity === null) {
    return {
      Effect: 'Deny',
      Action: ['*'],
      Resource: ['*'],
      Condition: { DateLessThan: { 'aws:TokenIssueTime': cutoff } },
    };
  }
  return {
    Sid: userSid(sourceIdentity),
    Effect: 'Deny',
    Action: ['*'],
    Resource: ['*'],
    Condition: {
      DateLessThan: { 'aws:TokenIssueTime': cutoff },
      StringEquals: { 'aws:SourceIdentity': sourceIdentity },
    },
  };
}

function existingStatements(existing: string | null, policyName: string): Json[] {
  if (existing === null) return [];
  return parseStoredPolicy(existing, policyName).statements.filter(isRecord);
}

/** The document to write for a revocation, merged into the existing one of the same name. */
export function mergeRevocationPolicy(existing: string | null, request: RevocationRequest): MergedRevocation {
  const policyName = request.sourceIdentity === null ? ROLE_REVOCATION_POLICY : USER_REVOCATION_POLICY;
  const requested = request.cutoff.toISOString();
  const expiredBefore = request.now.getTime() - MAX_SESSION_SECONDS * 1000;
  const out: Json[] = [];
  let cutoff = requested;
  let merged = false;
  let pruned = 0;
  let kept = 0;
  for (const statement of existingStatements(existing, policyName)) {
    const found = revocationCutoff(statement);
    if (found && found.sourceIdentity === request.sourceIdentity && !merged) {
      cutoff = later(found.cutoff, requested);
      out.push(revocationStatement(cutoff, request.sourceIdentity));
      merged = true;
      continue;
    }
    const ours = typeof statement['Sid'] === 'string' && statement['Sid'].startsWith(USER_SID_PREFIX);
    if (ours && found && (parsePolicyDate(found.cutoff) ?? 0) < expiredBefore) {
      pruned++;
      continue;
    }
    out.push(statement);
    kept++;
  }
  if (!merged) out.push(revocationStatement(cutoff, request.sourceIdentity));
  const document = JSON.stringify({ Version: CURRENT_POLICY_VERSION, Statement: out }, null, 2);
  return { policyName, document, cutoff, pruned, kept };
}

export interface RevocationState {
  /** The latest cut-off for every session of the role, if any. */
  roleWide: string | null;
  /** By `aws:SourceIdentity` (the user id, see sourceIdentityFor), every session of the user. */
  users: Array<{ sourceIdentity: string; cutoff: string }>;
  /** By the `gatehouse:grant` session tag, the sessions issued under the grant (every user). */
  grants: Array<{ grantId: string; cutoff: string }>;
  /** Both keys in one statement: one user's sessions under one grant. */
  grantUsers: Array<{ grantId: string; sourceIdentity: string; cutoff: string }>;
  /** By the `gatehouse:login` session tag, the sessions issued through one CLI login. */
  logins: Array<{ loginId: string; cutoff: string }>;
  /** Inline policies that hold revocations. */
  policyNames: string[];
}

/** Which revocations are in force, from the role's inline policies (any name, any Sid). */
export function readRevocations(
  policies: ReadonlyArray<{ name: string; document: string }>,
): RevocationState {
  const state: RevocationState = {
    roleWide: null,
    users: [],
    grants: [],
    grantUsers: [],
    logins: [],
    policyNames: [],
  };
  // One target may be revoked in several statements (or policies): the latest cut-off is in force.
  const latest = new Map<string, { target: RevocationTarget; cutoff: string; ms: number }>();
  for (const { name, document } of policies) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(document);
    } catch {
      continue;
    }
    const raw = isRecord(parsed) ? parsed['Statement'] : undefined;
    let holds = false;
    for (const item of Array.isArray(raw) ? raw : [raw]) {
      const found = readRevocationStatement(item);
      if (!found) continue;
      holds = true;
      for (const target of found.targets) {
        const key = JSON.stringify(target);
        const before = latest.get(key);
        if (!before || found.cutoffMs > before.ms)
          latest.set(key, { target, cutoff: found.cutoff, ms: found.cutoffMs });
      }
    }
    if (holds) state.policyNames.push(name);
  }
  for (const { target: t, cutoff } of latest.values()) {
    if (t.scope === 'role') state.roleWide = cutoff;
    else if (t.scope === 'user') state.users.push({ sourceIdentity: t.sourceIdentity, cutoff });
    else if (t.scope === 'grant') state.grants.push({ grantId: t.grantId, cutoff });
    else if (t.scope === 'grant_user')
      state.grantUsers.push({ grantId: t.grantId, sourceIdentity: t.sourceIdentity, cutoff });
    else state.logins.push({ loginId: t.loginId, cutoff });
  }
  state.users.sort((a, b) => a.sourceIdentity.localeCompare(b.sourceIdentity));
  state.grants.sort((a, b) => a.grantId.localeCompare(b.grantId));
  state.grantUsers.sort(
    (a, b) => a.grantId.localeCompare(b.grantId) || a.sourceIdentity.localeCompare(b.sourceIdentity),
  );
  state.logins.sort((a, b) => a.loginId.localeCompare(b.loginId));
  return state;
}
