/**
 * Role form checks the browser can make: a role reference that is a name, /path/name or an ARN,
 * a session length in range, and session policy text that is at least JSON. IAM's finer rules
 * (2,048 characters minified, statement shape) are the server's.
 */
import type { AdminRoleCreate } from '@gatehouse/contracts';
import { parseSessionMinutes } from '../shared/duration';

export interface RoleFormState {
  accountId: string | null;
  role: string;
  displayName: string;
  description: string;
  maxMinutes: string;
  sessionPolicy: string;
  requiresStepUp: boolean;
}

export type RoleProblem =
  | { field: 'accountId'; problem: 'required' }
  | { field: 'role'; problem: 'required' | 'pathNeedsSlash' }
  | { field: 'displayName'; problem: 'required' }
  | { field: 'maxSessionSeconds'; problem: 'required' | 'notWhole' | 'range' }
  | { field: 'sessionPolicy'; problem: 'notJson' | 'notObject'; detail?: string };

/** `role/Admin` is the tail of an ARN, not a path: the server refuses it, say why before asking. */
function roleReferenceProblem(value: string): 'required' | 'pathNeedsSlash' | null {
  if (value === '') return 'required';
  if (!value.startsWith('arn:') && !value.startsWith('/') && value.includes('/')) return 'pathNeedsSlash';
  return null;
}

/** Empty means "no session policy"; otherwise it must parse to a JSON object. */
export function sessionPolicyProblem(
  text: string,
): { problem: 'notJson' | 'notObject'; detail?: string } | null {
  if (text.trim() === '') return null;
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
      ? null
      : { problem: 'notObject' };
  } catch (err) {
    return { problem: 'notJson', detail: err instanceof Error ? err.message : String(err) };
  }
}

/**
 * A new role may leave the display name empty (the server uses the role name); an existing one
 * keeps a name, since clearing it would say nothing about what to show instead.
 */
export function checkRole(
  state: RoleFormState,
  { existing }: { existing: boolean },
): { problems: RoleProblem[]; body: AdminRoleCreate | null } {
  const problems: RoleProblem[] = [];
  if (existing && state.displayName.trim() === '')
    problems.push({ field: 'displayName', problem: 'required' });
  if (!state.accountId) problems.push({ field: 'accountId', problem: 'required' });
  const role = state.role.trim();
  const roleProblem = roleReferenceProblem(role);
  if (roleProblem) problems.push({ field: 'role', problem: roleProblem });
  const duration = parseSessionMinutes(state.maxMinutes, { optional: false });
  if (!duration.ok) problems.push({ field: 'maxSessionSeconds', problem: duration.problem });
  const policy = sessionPolicyProblem(state.sessionPolicy);
  if (policy) problems.push({ field: 'sessionPolicy', ...policy });
  if (problems.length > 0 || !state.accountId || !duration.ok || duration.seconds === null) {
    return { problems, body: null };
  }
  return {
    problems,
    body: {
      accountId: state.accountId,
      role,
      displayName: state.displayName.trim(),
      description: state.description.trim(),
      maxSessionSeconds: duration.seconds,
      sessionPolicy: state.sessionPolicy.trim() === '' ? null : state.sessionPolicy,
      requiresStepUp: state.requiresStepUp,
    },
  };
}

/** Pretty-prints a stored (minified) policy for editing; leaves anything unparseable as it is. */
export function formatPolicy(text: string | null): string {
  if (!text) return '';
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}
