/**
 * Evaluates one IAM policy (a role trust policy, or an identity-based policy) for one concrete
 * request, the way AWS documents it: a matching Deny wins over any Allow, an Allow is needed
 * otherwise, and with neither the answer is an implicit deny. The answer names the statement
 * that decided and, for statements that did not apply, why not, so an admin sees which condition
 * keeps the broker out.
 *
 * Fidelity notes (AWS's documented rules, implemented here):
 * - a missing condition key makes a condition false, except for negated operators (true),
 *   `...IfExists` (true) and `Null`; several values of one key are ORed, and NORed for negated
 *   operators; several keys and several operators are ANDed;
 * - `ForAllValues` is true when the key is absent or empty, `ForAnyValue` false;
 * - condition key names are case-insensitive, string values case-sensitive unless `IgnoreCase`;
 * - `Arn*` operators compare the six ARN fields one by one, each with `*` / `?` wildcards;
 * - policy variables (`${aws:username}`, `${*}`, `${key, 'default'}`) apply from Version 2012-10-17.
 * An operator this evaluator does not know is reported and fails closed: an Allow with it does
 * not apply, a Deny with it does.
 */
import type { JsonPath } from './json-document';
import { accountOf, actionMatches, compareOne, principalMatches, resourceMatches } from './match';
import { CURRENT_POLICY_VERSION, statementLabel } from './model';
import type { ConditionClause, EvaluationRequest, Policy, PolicyStatement, RequestPrincipal } from './model';

export type Decision = 'allow' | 'explicit_deny' | 'implicit_deny';

export interface ConditionTrace {
  operator: string;
  key: string;
  /** `unsupported`: the operator is unknown here; the statement fails closed. */
  result: boolean | 'unsupported';
  reason: string;
  path: JsonPath;
}

export interface StatementTrace {
  index: number;
  sid: string | null;
  effect: 'Allow' | 'Deny';
  path: JsonPath;
  principal: 'match' | 'no_match' | 'implicit';
  action: 'match' | 'no_match';
  resource: 'match' | 'no_match' | 'not_applicable';
  conditions: ConditionTrace[];
  applies: boolean;
}

export interface Evaluation {
  decision: Decision;
  /** Indexes of the statements that decided: the matching Denies, or the matching Allows. */
  deciding: number[];
  statements: StatementTrace[];
  /** Condition keys the policy tests that the request did not carry. */
  missingKeys: string[];
  /** Operators that could not be evaluated. */
  unsupported: string[];
  explanation: string;
}

type Context = Map<string, string[]>;

/** Decides one request against one policy. */
export function evaluatePolicy(policy: Policy, request: EvaluationRequest): Evaluation {
  const context = contextOf(request);
  const variables = policy.version === CURRENT_POLICY_VERSION;
  const missing = new Set<string>();
  const unsupported = new Set<string>();
  const traces = policy.statements.map((s) => {
    const trace = traceStatement(s, request, context, variables);
    for (const t of trace.conditions) if (t.result === 'unsupported') unsupported.add(t.operator);
    for (const c of s.conditions)
      if (c.family !== 'null' && !context.has(c.key.toLowerCase())) missing.add(c.key);
    return trace;
  });
  const { decision, deciding, explanation } = decide(traces, request);
  return {
    decision,
    deciding,
    statements: traces,
    missingKeys: [...missing].sort(),
    unsupported: [...unsupported].sort(),
    explanation,
  };
}

/** Which elements of one statement match the request, and so whether it applies. */
function traceStatement(
  s: PolicyStatement,
  request: EvaluationRequest,
  context: Context,
  variables: boolean,
): StatementTrace {
  const principal: StatementTrace['principal'] = s.principal
    ? principalMatches(s.principal, request.principal)
      ? 'match'
      : 'no_match'
    : s.notPrincipal
      ? principalMatches(s.notPrincipal, request.principal)
        ? 'no_match'
        : 'match'
      : 'implicit';
  const action: StatementTrace['action'] = s.action
    ? actionMatches(s.action, request.action)
      ? 'match'
      : 'no_match'
    : actionMatches(s.notAction ?? [], request.action)
      ? 'no_match'
      : 'match';
  let resource: StatementTrace['resource'] = 'not_applicable';
  if (s.resource || s.notResource) {
    if (request.resource === undefined) resource = 'no_match';
    else if (s.resource)
      resource = resourceMatches(s.resource, request.resource, context, variables) ? 'match' : 'no_match';
    else
      resource = resourceMatches(s.notResource ?? [], request.resource, context, variables)
        ? 'no_match'
        : 'match';
  }
  const conditions = s.conditions.map((c) => evaluateClause(c, context, variables));
  // Fail closed: an unknown operator keeps an Allow from applying and makes a Deny apply.
  const conditionsHold = conditions.every((t) =>
    t.result === 'unsupported' ? s.effect === 'Deny' : t.result,
  );
  const applies = principal !== 'no_match' && action === 'match' && resource !== 'no_match' && conditionsHold;
  return {
    index: s.index,
    sid: s.sid,
    effect: s.effect,
    path: s.path,
    principal,
    action,
    resource,
    conditions,
    applies,
  };
}

function decide(
  traces: StatementTrace[],
  request: EvaluationRequest,
): Pick<Evaluation, 'decision' | 'deciding' | 'explanation'> {
  const denies = traces.filter((t) => t.applies && t.effect === 'Deny');
  const allows = traces.filter((t) => t.applies && t.effect === 'Allow');
  const who = describePrincipal(request.principal);
  const label = (t: StatementTrace) => statementLabel(t);
  if (denies.length > 0) {
    return {
      decision: 'explicit_deny',
      deciding: denies.map((t) => t.index),
      explanation:
        `${request.action} by ${who} is explicitly denied by ${denies.map(label).join(', ')}; ` +
        'an explicit Deny overrides any Allow.',
    };
  }
  if (allows.length > 0) {
    return {
      decision: 'allow',
      deciding: allows.map((t) => t.index),
      explanation: `${request.action} by ${who} is allowed by ${allows.map(label).join(', ')}.`,
    };
  }
  const near = traces.filter(
    (t) =>
      t.effect === 'Allow' && t.principal !== 'no_match' && t.action === 'match' && t.resource !== 'no_match',
  );
  const why = near.map((t) => {
    const failed = t.conditions.filter((c) => c.result !== true);
    return `${label(t)} does not apply because ${failed.map((c) => c.reason).join(' and ')}`;
  });
  return {
    decision: 'implicit_deny',
    deciding: [],
    explanation:
      `No statement allows ${request.action} by ${who}, so it is implicitly denied` +
      (why.length > 0 ? `: ${why.join('; ')}.` : '.'),
  };
}

function show(values: readonly string[]): string {
  const shown = values.slice(0, 5).map((v) => JSON.stringify(v));
  return values.length > 5 ? `${shown.join(', ')}, …` : shown.join(', ');
}

function evaluateClause(clause: ConditionClause, context: Context, variables: boolean): ConditionTrace {
  const trace = (result: boolean | 'unsupported', reason: string): ConditionTrace => ({
    operator: clause.operator,
    key: clause.key,
    result,
    reason,
    path: clause.path,
  });
  if (clause.family === null) return trace('unsupported', `operator ${clause.operator} is not understood`);
  const present = context.get(clause.key.toLowerCase());
  const absent = present === undefined || present.length === 0;

  if (clause.family === 'null') {
    const wantsAbsent = clause.values.some((v) => v.toLowerCase() === 'true');
    const wantsPresent = clause.values.some((v) => v.toLowerCase() === 'false');
    const result = (absent && wantsAbsent) || (!absent && wantsPresent);
    return trace(result, `${clause.key} is ${absent ? 'absent' : 'present'} in the request`);
  }

  const family = clause.family;
  const matchesAny = (v: string) =>
    clause.values.some((p) => compareOne(clause.base, family, v, p, context, variables));
  // Negated operators: the request value must match none of the policy values (NOR).
  const satisfies = (v: string) => (clause.negated ? !matchesAny(v) : matchesAny(v));

  if (clause.qualifier === 'ForAllValues') {
    if (absent) return trace(true, `${clause.key} is absent, and ForAllValues holds for an empty set`);
    const failing = (present as string[]).filter((v) => !satisfies(v));
    return failing.length === 0
      ? trace(true, `every value of ${clause.key} satisfies ${clause.base} ${show(clause.values)}`)
      : trace(
          false,
          `${show(failing)} of ${clause.key} does not satisfy ${clause.base} ${show(clause.values)}`,
        );
  }
  if (clause.qualifier === 'ForAnyValue') {
    if (absent) return trace(false, `${clause.key} is absent, and ForAnyValue needs at least one value`);
    const passing = (present as string[]).filter(satisfies);
    return passing.length > 0
      ? trace(true, `${show(passing)} of ${clause.key} satisfies ${clause.base} ${show(clause.values)}`)
      : trace(false, `no value of ${clause.key} satisfies ${clause.base} ${show(clause.values)}`);
  }
  if (absent) {
    if (clause.ifExists) return trace(true, `${clause.key} is absent, and ${clause.operator} then holds`);
    if (clause.negated) return trace(true, `${clause.key} is absent, and a negated operator then holds`);
    return trace(false, `${clause.key} is not in the request`);
  }
  const values = present as string[];
  const ok = clause.negated ? values.every(satisfies) : values.some(satisfies);
  return trace(
    ok,
    `${clause.key} = ${show(values)} ${ok ? 'satisfies' : 'does not satisfy'} ${clause.base} ${show(clause.values)}`,
  );
}

function principalTypeOf(principal: RequestPrincipal): string | null {
  if (principal.type !== 'AWS') return null;
  if (/:root$/.test(principal.arn)) return 'Account';
  if (principal.sessionArn) return 'AssumedRole';
  if (/:user\//.test(principal.arn)) return 'User';
  if (/:federated-user\//.test(principal.arn)) return 'FederatedUser';
  return null;
}

/** The request's condition keys, lower-cased, with the keys AWS fills in for every request. */
function contextOf(request: EvaluationRequest): Context {
  const map = new Map<string, string[]>();
  for (const [key, value] of Object.entries(request.context ?? {})) {
    map.set(key.toLowerCase(), Array.isArray(value) ? [...(value as string[])] : [String(value)]);
  }
  const fill = (key: string, value: string | null) => {
    if (value !== null && !map.has(key.toLowerCase())) map.set(key.toLowerCase(), [value]);
  };
  if (request.principal.type === 'AWS') {
    fill('aws:PrincipalArn', request.principal.arn);
    fill('aws:PrincipalAccount', accountOf(request.principal.arn));
    fill('aws:PrincipalType', principalTypeOf(request.principal));
  }
  if (request.principal.type === 'Service') fill('aws:PrincipalServiceName', request.principal.name);
  const now = request.now ?? new Date();
  fill('aws:CurrentTime', now.toISOString());
  fill('aws:EpochTime', String(Math.floor(now.getTime() / 1000)));
  return map;
}

function describePrincipal(p: RequestPrincipal): string {
  if (p.type === 'AWS') return p.arn;
  if (p.type === 'Anonymous') return 'an anonymous caller';
  return `${p.type} principal ${p.name}`;
}
