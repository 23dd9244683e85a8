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
import { formatJsonPath } from './json-document';
import { ipAllowed, parseCidr } from '../source-cidrs';

export const CURRENT_POLICY_VERSION = '2012-10-17';
export const LEGACY_POLICY_VERSION = '2008-10-17';

export type IssueSeverity = 'error' | 'danger' | 'warning' | 'info';

/** A structural problem found while reading a policy; the linter adds positions. */
export interface PolicyIssue {
  code: string;
  severity: IssueSeverity;
  message: string;
  hint: string | null;
  path: JsonPath;
  /** Whether the issue is about the key text or the value at `path`. */
  target: 'key' | 'value';
}

export interface PrincipalSet {
  /** `"Principal": "*"`. */
  wildcard: boolean;
  /** Values per principal type (AWS, Service, Federated, CanonicalUser). */
  byType: Record<string, string[]>;
  path: JsonPath;
}

export type OperatorFamily = 'string' | 'numeric' | 'date' | 'bool' | 'binary' | 'ip' | 'arn' | 'null';

export interface ConditionClause {
  /** As written, e.g. `ForAnyValue:StringLikeIfExists`. */
  operator: string;
  /** Without qualifier and IfExists, e.g. `StringLike`. */
  base: string;
  family: OperatorFamily | null;
  negated: boolean;
  qualifier: 'ForAllValues' | 'ForAnyValue' | null;
  ifExists: boolean;
  key: string;
  values: string[];
  path: JsonPath;
}

export interface PolicyStatement {
  /** 0-based position in the Statement list. */
  index: number;
  path: JsonPath;
  sid: string | null;
  effect: 'Allow' | 'Deny';
  principal: PrincipalSet | null;
  notPrincipal: PrincipalSet | null;
  action: string[] | null;
  notAction: string[] | null;
  resource: string[] | null;
  notResource: string[] | null;
  conditions: ConditionClause[];
}

export interface Policy {
  version: string | null;
  statements: PolicyStatement[];
}

interface OperatorSpec {
  family: OperatorFamily;
  negated: boolean;
}

const OPERATORS: Record<string, OperatorSpec> = {
  StringEquals: { family: 'string', negated: false },
  StringNotEquals: { family: 'string', negated: true },
  StringEqualsIgnoreCase: { family: 'string', negated: false },
  StringNotEqualsIgnoreCase: { family: 'string', negated: true },
  StringLike: { family: 'string', negated: false },
  StringNotLike: { family: 'string', negated: true },
  NumericEquals: { family: 'numeric', negated: false },
  NumericNotEquals: { family: 'numeric', negated: true },
  NumericLessThan: { family: 'numeric', negated: false },
  NumericLessThanEquals: { family: 'numeric', negated: false },
  NumericGreaterThan: { family: 'numeric', negated: false },
  NumericGreaterThanEquals: { family: 'numeric', negated: false },
  DateEquals: { family: 'date', negated: false },
  DateNotEquals: { family: 'date', negated: true },
  DateLessThan: { family: 'date', negated: false },
  DateLessThanEquals: { family: 'date', negated: false },
  DateGreaterThan: { family: 'date', negated: false },
  DateGreaterThanEquals: { family: 'date', negated: false },
  Bool: { family: 'bool', negated: false },
  BinaryEquals: { family: 'binary', negated: false },
  IpAddress: { family: 'ip', negated: false },
  NotIpAddress: { family: 'ip', negated: true },
  ArnEquals: { family: 'arn', negated: false },
  ArnLike: { family: 'arn', negated: false },
  ArnNotEquals: { family: 'arn', negated: true },
  ArnNotLike: { family: 'arn', negated: true },
  Null: { family: 'null', negated: false },
};

export const CONDITION_OPERATORS: readonly string[] = Object.keys(OPERATORS);

const TOP_LEVEL_KEYS = ['Version', 'Id', 'Statement'];
const STATEMENT_KEYS = [
  'Sid',
  'Effect',
  'Principal',
  'NotPrincipal',
  'Action',
  'NotAction',
  'Resource',
  'NotResource',
  'Condition',
];
const PRINCIPAL_TYPES = ['AWS', 'Service', 'Federated', 'CanonicalUser'];
const ACTION_PATTERN = /^(?:\*|[A-Za-z0-9-]+:[A-Za-z0-9*?]+)$/;

/** Splits `ForAnyValue:StringLikeIfExists` into its parts; null when the base is unknown. */
export function parseConditionOperator(
  operator: string,
): Omit<ConditionClause, 'key' | 'values' | 'path' | 'operator'> & { known: boolean } {
  let rest = operator;
  let qualifier: ConditionClause['qualifier'] = null;
  for (const q of ['ForAllValues', 'ForAnyValue'] as const) {
    if (rest.startsWith(`${q}:`)) {
      qualifier = q;
      rest = rest.slice(q.length + 1);
    }
  }
  let ifExists = false;
  if (rest.endsWith('IfExists') && rest !== 'IfExists') {
    ifExists = true;
    rest = rest.slice(0, -'IfExists'.length);
  }
  const spec = OPERATORS[rest];
  return {
    base: rest,
    family: spec?.family ?? null,
    negated: spec?.negated ?? false,
    qualifier,
    ifExists,
    known: spec !== undefined,
  };
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function closest(word: string, candidates: readonly string[]): string | null {
  const lower = word.toLowerCase().replace(/s$/, '');
  return (
    candidates.find((c) => c.toLowerCase() === word.toLowerCase()) ??
    candidates.find((c) => c.toLowerCase() === lower) ??
    null
  );
}

/**
 * Reads a parsed JSON value as a policy. Statements with errors that make them meaningless (no
 * valid Effect, no Action) are left out of `policy`, and every problem is an issue; AWS would
 * reject a policy with any `error` issue, so callers decide whether to evaluate at all.
 */
export function readPolicy(value: unknown): { policy: Policy | null; issues: PolicyIssue[] } {
  const issues: PolicyIssue[] = [];
  const issue = (
    severity: IssueSeverity,
    code: string,
    path: JsonPath,
    message: string,
    hint: string | null = null,
    target: 'key' | 'value' = 'value',
  ) => issues.push({ code, severity, message, hint, path, target });

  if (!isRecord(value)) {
    issue(
      'error',
      'not_an_object',
      [],
      `A policy is a JSON object ({ … }); this document is ${typeName(value)}.`,
    );
    return { policy: null, issues };
  }
  const keys = Object.keys(value);
  const looksLikeStsOutput = keys.includes('Credentials') || keys.includes('AssumedRoleUser');
  for (const key of keys) {
    if (TOP_LEVEL_KEYS.includes(key)) continue;
    const guess = closest(key, TOP_LEVEL_KEYS);
    issue(
      'error',
      'unknown_top_level_key',
      [key],
      `Unknown top-level element "${key}": a policy has only Version, Id and Statement.`,
      guess
        ? `Element names are case-sensitive: write "${guess}".`
        : looksLikeStsOutput
          ? 'This is the output of `aws sts assume-role` (temporary credentials), not a policy.'
          : null,
      'key',
    );
  }

  let version: string | null = null;
  if (!('Version' in value)) {
    issue(
      'warning',
      'version_missing',
      [],
      'Version is missing, so IAM reads the policy as version 2008-10-17, where policy variables such as ${aws:username} are plain text.',
      'Add "Version": "2012-10-17" as the first element.',
    );
  } else if (value['Version'] === CURRENT_POLICY_VERSION) {
    version = CURRENT_POLICY_VERSION;
  } else if (value['Version'] === LEGACY_POLICY_VERSION) {
    version = LEGACY_POLICY_VERSION;
    issue(
      'warning',
      'version_legacy',
      ['Version'],
      'Version 2008-10-17 is the legacy policy language: policy variables are not supported.',
      'Use "Version": "2012-10-17".',
    );
  } else {
    issue(
      'error',
      'version_invalid',
      ['Version'],
      `Version must be "2012-10-17" (or the legacy "2008-10-17"), not ${JSON.stringify(value['Version'])}.`,
      'Version names the policy language, not the date of your policy: it is always "2012-10-17".',
    );
  }

  if (!('Statement' in value)) {
    issue('error', 'statement_missing', [], 'The policy has no Statement.', 'Add a "Statement" list.');
    return { policy: looksLikeStsOutput ? null : { version, statements: [] }, issues };
  }
  const raw = value['Statement'];
  let list: Array<{ item: unknown; path: JsonPath }>;
  if (Array.isArray(raw)) {
    list = raw.map((item, index) => ({ item, path: ['Statement', index] }));
    if (raw.length === 0) {
      issue(
        'warning',
        'statement_empty',
        ['Statement'],
        'The Statement list is empty: the policy allows nothing.',
      );
    }
  } else if (isRecord(raw)) {
    list = [{ item: raw, path: ['Statement'] }];
  } else {
    issue(
      'error',
      'statement_invalid',
      ['Statement'],
      `Statement must be an object or a list of objects, not ${typeName(raw)}.`,
    );
    return { policy: { version, statements: [] }, issues };
  }

  const statements: PolicyStatement[] = [];
  const sids = new Map<string, JsonPath>();
  list.forEach(({ item, path }, index) => {
    const statement = readStatement(item, path, index, issue, sids);
    if (statement) statements.push(statement);
  });
  return { policy: { version, statements }, issues };
}

type IssueFn = (
  severity: IssueSeverity,
  code: string,
  path: JsonPath,
  message: string,
  hint?: string | null,
  target?: 'key' | 'value',
) => void;

function readStringList(value: unknown, path: JsonPath, element: string, issue: IssueFn): string[] | null {
  const items = Array.isArray(value) ? value : [value];
  if (Array.isArray(value) && value.length === 0) {
    issue('error', 'empty_list', path, `${element} is an empty list.`);
    return null;
  }
  const out: string[] = [];
  items.forEach((item, i) => {
    if (typeof item === 'string') out.push(item);
    else
      issue(
        'error',
        'not_a_string',
        Array.isArray(value) ? [...path, i] : path,
        `${element} values must be strings, not ${typeName(item)}.`,
      );
  });
  return out.length === items.length ? out : null;
}

function readPrincipal(value: unknown, path: JsonPath, element: string, issue: IssueFn): PrincipalSet | null {
  if (value === '*') return { wildcard: true, byType: {}, path };
  if (!isRecord(value)) {
    issue(
      'error',
      'principal_invalid',
      path,
      `${element} must be "*" or an object such as { "AWS": "arn:aws:iam::111122223333:root" }, not ${typeName(value)}.`,
    );
    return null;
  }
  const byType: Record<string, string[]> = {};
  let ok = true;
  for (const [type, values] of Object.entries(value)) {
    if (!PRINCIPAL_TYPES.includes(type)) {
      const guess = closest(type, PRINCIPAL_TYPES);
      issue(
        'error',
        'principal_type_unknown',
        [...path, type],
        `Unknown principal type "${type}" in ${element}: use AWS, Service, Federated or CanonicalUser.`,
        guess ? `Principal types are case-sensitive: write "${guess}".` : null,
        'key',
      );
      ok = false;
      continue;
    }
    const list = readStringList(values, [...path, type], `${element}.${type}`, issue);
    if (list) byType[type] = list;
    else ok = false;
  }
  if (Object.keys(value).length === 0) {
    issue('error', 'principal_empty', path, `${element} names no principal.`);
    return null;
  }
  return ok ? { wildcard: false, byType, path } : null;
}

function readCondition(value: unknown, path: JsonPath, issue: IssueFn): ConditionClause[] | null {
  if (!isRecord(value)) {
    issue(
      'error',
      'condition_invalid',
      path,
      `Condition must be an object of operators, such as { "StringEquals": { "aws:PrincipalAccount": "111122223333" } }, not ${typeName(value)}.`,
    );
    return null;
  }
  const clauses: ConditionClause[] = [];
  for (const [operator, block] of Object.entries(value)) {
    const opPath = [...path, operator];
    const parsed = parseConditionOperator(operator);
    if (!parsed.known) {
      const guess = CONDITION_OPERATORS.find((o) => o.toLowerCase() === parsed.base.toLowerCase());
      issue(
        'error',
        'condition_operator_unknown',
        opPath,
        `Unknown condition operator "${operator}"; IAM rejects the policy.`,
        guess
          ? `Operator names are case-sensitive: write "${operator.replace(parsed.base, guess)}".`
          : `Known operators: ${CONDITION_OPERATORS.join(', ')} (with optional IfExists and ForAllValues:/ForAnyValue:).`,
        'key',
      );
    } else if (parsed.family === 'null' && (parsed.ifExists || parsed.qualifier)) {
      issue(
        'error',
        'condition_operator_invalid',
        opPath,
        `"${operator}" is not valid: Null already tests whether the key exists and takes no IfExists or set qualifier.`,
        null,
        'key',
      );
    }
    if (!isRecord(block)) {
      issue(
        'error',
        'condition_invalid',
        opPath,
        `The value of ${operator} must be an object of condition keys, not ${typeName(block)}.`,
      );
      continue;
    }
    if (Object.keys(block).length === 0) {
      issue('error', 'condition_invalid', opPath, `${operator} names no condition key.`);
    }
    for (const [key, rawValues] of Object.entries(block)) {
      const keyPath = [...opPath, key];
      const items = Array.isArray(rawValues) ? rawValues : [rawValues];
      if (Array.isArray(rawValues) && rawValues.length === 0) {
        issue(
          'error',
          'condition_values_invalid',
          keyPath,
          `${operator} ${key} has an empty list of values.`,
        );
        continue;
      }
      const values: string[] = [];
      items.forEach((item, i) => {
        if (typeof item === 'string' || typeof item === 'number' || typeof item === 'boolean')
          values.push(String(item));
        else
          issue(
            'error',
            'condition_values_invalid',
            Array.isArray(rawValues) ? [...keyPath, i] : keyPath,
            `Condition values must be strings, numbers or booleans, not ${typeName(item)}.`,
          );
      });
      if (values.length !== items.length) continue;
      clauses.push({
        operator,
        base: parsed.base,
        family: parsed.family,
        negated: parsed.negated,
        qualifier: parsed.qualifier,
        ifExists: parsed.ifExists,
        key,
        values,
        path: keyPath,
      });
    }
  }
  return clauses;
}

function readStatement(
  item: unknown,
  path: JsonPath,
  index: number,
  issue: IssueFn,
  sids: Map<string, JsonPath>,
): PolicyStatement | null {
  if (!isRecord(item)) {
    issue('error', 'statement_not_object', path, `A statement must be an object, not ${typeName(item)}.`);
    return null;
  }
  for (const key of Object.keys(item)) {
    if (STATEMENT_KEYS.includes(key)) continue;
    const guess = closest(key, STATEMENT_KEYS);
    issue(
      'error',
      'unknown_statement_key',
      [...path, key],
      `Unknown statement element "${key}".`,
      guess
        ? `Element names are case-sensitive and singular: write "${guess}".`
        : `A statement has only ${STATEMENT_KEYS.join(', ')}.`,
      'key',
    );
  }

  let sid: string | null = null;
  if ('Sid' in item) {
    if (typeof item['Sid'] !== 'string') {
      issue('error', 'sid_invalid', [...path, 'Sid'], `Sid must be a string, not ${typeName(item['Sid'])}.`);
    } else {
      sid = item['Sid'];
      if (!/^[A-Za-z0-9]*$/.test(sid)) {
        issue(
          'error',
          'sid_invalid',
          [...path, 'Sid'],
          `Sid "${sid}" may contain only ASCII letters and digits in IAM policies.`,
          `Write "${sid.replace(/[^A-Za-z0-9]/g, '') || 'Statement1'}".`,
        );
      }
      const first = sids.get(sid);
      if (first) {
        issue(
          'error',
          'sid_duplicate',
          [...path, 'Sid'],
          `Sid "${sid}" is already used by ${formatJsonPath(first)}; IAM requires unique Sids.`,
        );
      } else if (sid !== '') sids.set(sid, path);
    }
  }

  let effect: 'Allow' | 'Deny' | null = null;
  if (!('Effect' in item)) {
    issue(
      'error',
      'effect_missing',
      path,
      'The statement has no Effect.',
      'Add "Effect": "Allow" or "Deny".',
    );
  } else if (item['Effect'] === 'Allow' || item['Effect'] === 'Deny') {
    effect = item['Effect'];
  } else {
    const text = typeof item['Effect'] === 'string' ? item['Effect'] : '';
    const guess = ['Allow', 'Deny'].find((e) => e.toLowerCase() === text.trim().toLowerCase());
    issue(
      'error',
      'effect_invalid',
      [...path, 'Effect'],
      `Effect must be exactly "Allow" or "Deny", not ${JSON.stringify(item['Effect'])}.`,
      guess ? `Effect is case-sensitive: write "${guess}".` : null,
    );
  }

  let principal: PrincipalSet | null = null;
  let notPrincipal: PrincipalSet | null = null;
  if ('Principal' in item && 'NotPrincipal' in item) {
    issue(
      'error',
      'principal_and_notprincipal',
      path,
      'A statement cannot have both Principal and NotPrincipal.',
    );
  }
  if ('Principal' in item)
    principal = readPrincipal(item['Principal'], [...path, 'Principal'], 'Principal', issue);
  if ('NotPrincipal' in item)
    notPrincipal = readPrincipal(item['NotPrincipal'], [...path, 'NotPrincipal'], 'NotPrincipal', issue);

  let action: string[] | null = null;
  let notAction: string[] | null = null;
  if ('Action' in item && 'NotAction' in item) {
    issue('error', 'action_and_notaction', path, 'A statement cannot have both Action and NotAction.');
  } else if (!('Action' in item) && !('NotAction' in item)) {
    issue('error', 'action_missing', path, 'The statement has no Action.', 'Add "Action": "sts:AssumeRole".');
  }
  for (const element of ['Action', 'NotAction'] as const) {
    if (!(element in item)) continue;
    const list = readStringList(item[element], [...path, element], element, issue);
    if (!list) continue;
    list.forEach((a, i) => {
      if (!ACTION_PATTERN.test(a)) {
        issue(
          'error',
          'action_invalid',
          Array.isArray(item[element]) ? [...path, element, i] : [...path, element],
          `"${a}" is not an action: write service:Action, such as "sts:AssumeRole".`,
        );
      }
    });
    if (element === 'Action') action = list;
    else notAction = list;
  }

  let resource: string[] | null = null;
  let notResource: string[] | null = null;
  if ('Resource' in item && 'NotResource' in item) {
    issue(
      'error',
      'resource_and_notresource',
      path,
      'A statement cannot have both Resource and NotResource.',
    );
  }
  if ('Resource' in item)
    resource = readStringList(item['Resource'], [...path, 'Resource'], 'Resource', issue);
  if ('NotResource' in item)
    notResource = readStringList(item['NotResource'], [...path, 'NotResource'], 'NotResource', issue);

  let conditions: ConditionClause[] = [];
  if ('Condition' in item) conditions = readCondition(item['Condition'], [...path, 'Condition'], issue) ?? [];

  if (!effect || (!action && !notAction)) return null;
  return {
    index,
    path,
    sid,
    effect,
    principal,
    notPrincipal,
    action,
    notAction,
    resource,
    notResource,
    conditions,
  };
}

// --- evaluation ------------------------------------------------------------------------------

export type RequestPrincipal =
  /** An IAM user, role (for a role session: the role's ARN, plus the session ARN), or account root. */
  | { type: 'AWS'; arn: string; sessionArn?: string }
  | { type: 'Service'; name: string }
  | { type: 'Federated'; name: string }
  | { type: 'Anonymous' };

export type ContextValue = string | number | boolean | readonly string[];

export interface EvaluationRequest {
  principal: RequestPrincipal;
  action: string;
  /** The resource acted on; trust policies have none (the role itself is the resource). */
  resource?: string;
  /** Condition keys of the request (names are case-insensitive). */
  context?: Record<string, ContextValue>;
  /** Fills aws:CurrentTime and aws:EpochTime when the context does not. */
  now?: Date;
}

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

/**
 * `*` and `?` wildcards over the whole string. Not a RegExp: a policy with many wildcards must
 * not be able to make matching backtrack exponentially. Greedy with one remembered star: O(n·m).
 */
function globMatch(parts: PatternPart[], text: string, caseInsensitive: boolean): boolean {
  const tokens: string[] = [];
  const wild: boolean[] = [];
  for (const part of parts) {
    if ('literal' in part) {
      for (const c of part.literal) {
        tokens.push(caseInsensitive ? c.toLowerCase() : c);
        wild.push(false);
      }
    } else {
      tokens.push(part.wildcard);
      wild.push(true);
    }
  }
  const chars = [...(caseInsensitive ? text.toLowerCase() : text)];
  let p = 0;
  let t = 0;
  let star = -1;
  let resume = 0;
  while (t < chars.length) {
    if (p < tokens.length && (wild[p] ? tokens[p] === '?' : tokens[p] === chars[t])) {
      p++;
      t++;
    } else if (p < tokens.length && wild[p] && tokens[p] === '*') {
      star = p++;
      resume = t;
    } else if (star !== -1) {
      p = star + 1;
      t = ++resume;
    } else {
      return false;
    }
  }
  while (p < tokens.length && wild[p] && tokens[p] === '*') p++;
  return p === tokens.length;
}

type PatternPart = { literal: string } | { wildcard: '*' | '?' };

/**
 * A policy value as literal text and wildcards, with policy variables resolved; null when a
 * variable has no value in the request (the value then matches nothing).
 */
function expandValue(
  value: string,
  context: Map<string, string[]>,
  variables: boolean,
): PatternPart[] | null {
  const parts: PatternPart[] = [];
  let literal = '';
  const flush = () => {
    if (literal) parts.push({ literal });
    literal = '';
  };
  for (let i = 0; i < value.length; i++) {
    const c = value[i] as string;
    if (variables && c === '$' && value[i + 1] === '{') {
      const close = value.indexOf('}', i + 2);
      if (close !== -1) {
        const inner = value.slice(i + 2, close).trim();
        i = close;
        if (inner === '*' || inner === '?' || inner === '$') {
          literal += inner;
          continue;
        }
        const m = /^([^,]+?)\s*(?:,\s*'([^']*)')?$/.exec(inner);
        const key = (m?.[1] ?? inner).toLowerCase();
        const found = context.get(key);
        if (found && found.length === 1) literal += found[0];
        else if (m?.[2] !== undefined) literal += m[2];
        else return null;
        continue;
      }
    }
    if (c === '*' || c === '?') {
      flush();
      parts.push({ wildcard: c });
    } else literal += c;
  }
  flush();
  return parts;
}

function asText(parts: PatternPart[]): string {
  return parts.map((p) => ('literal' in p ? p.literal : p.wildcard)).join('');
}

function parseNumeric(value: string): number | null {
  return /^-?\d+(?:\.\d+)?$/.test(value.trim()) ? Number(value) : null;
}

/** W3C ISO 8601 dates (with or without time) or epoch seconds. */
export function parsePolicyDate(value: string): number | null {
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  if (!/^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/.test(text))
    return null;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? null : ms;
}

function splitArn(value: string): string[] | null {
  const parts = value.split(':');
  if (parts.length < 6) return null;
  return [...parts.slice(0, 5), parts.slice(5).join(':')];
}

/** Whether one request value matches one policy value under the (non-negated) operator. */
function compareOne(
  base: string,
  family: OperatorFamily,
  requestValue: string,
  policyValue: string,
  context: Map<string, string[]>,
  variables: boolean,
): boolean {
  switch (family) {
    case 'string': {
      const parts = expandValue(policyValue, context, variables);
      if (!parts) return false;
      if (base === 'StringLike' || base === 'StringNotLike') return globMatch(parts, requestValue, false);
      const text = asText(parts);
      return base.includes('IgnoreCase')
        ? text.toLowerCase() === requestValue.toLowerCase()
        : text === requestValue;
    }
    case 'numeric': {
      const a = parseNumeric(requestValue);
      const b = parseNumeric(policyValue);
      if (a === null || b === null) return false;
      if (base.endsWith('LessThanEquals')) return a <= b;
      if (base.endsWith('LessThan')) return a < b;
      if (base.endsWith('GreaterThanEquals')) return a >= b;
      if (base.endsWith('GreaterThan')) return a > b;
      return a === b;
    }
    case 'date': {
      const a = parsePolicyDate(requestValue);
      const b = parsePolicyDate(policyValue);
      if (a === null || b === null) return false;
      if (base.endsWith('LessThanEquals')) return a <= b;
      if (base.endsWith('LessThan')) return a < b;
      if (base.endsWith('GreaterThanEquals')) return a >= b;
      if (base.endsWith('GreaterThan')) return a > b;
      return a === b;
    }
    case 'bool':
      return requestValue.toLowerCase() === policyValue.toLowerCase();
    case 'binary':
      return requestValue === policyValue;
    case 'ip':
      return parseCidr(policyValue).ok && ipAllowed(requestValue, [policyValue]);
    case 'arn': {
      const parts = expandValue(policyValue, context, variables);
      if (!parts) return false;
      const pattern = asText(parts);
      const valueFields = splitArn(requestValue);
      const patternFields = splitArn(pattern);
      if (!valueFields) return false;
      if (!patternFields) return pattern === '*';
      return patternFields.every((field, i) =>
        globMatch(expandValue(field, new Map(), false) ?? [], valueFields[i] as string, false),
      );
    }
    case 'null':
      return false;
  }
}

function show(values: readonly string[]): string {
  const shown = values.slice(0, 5).map((v) => JSON.stringify(v));
  return values.length > 5 ? `${shown.join(', ')}, …` : shown.join(', ');
}

function evaluateClause(
  clause: ConditionClause,
  context: Map<string, string[]>,
  variables: boolean,
): ConditionTrace {
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

function accountOf(arn: string): string | null {
  const fields = arn.split(':');
  return fields.length >= 6 ? (fields[4] ?? null) : null;
}

function partitionOf(arn: string): string | null {
  const fields = arn.split(':');
  return fields.length >= 6 ? (fields[1] ?? null) : null;
}

/** Whether the request principal is one of the principals of a Principal/NotPrincipal element. */
export function principalMatches(set: PrincipalSet, principal: RequestPrincipal): boolean {
  if (set.wildcard) return true;
  for (const [type, values] of Object.entries(set.byType)) {
    for (const v of values) {
      if (type === 'AWS' && v === '*') return true;
      if (type === 'AWS' && principal.type === 'AWS') {
        const account = accountOf(principal.arn);
        // An account id, or its root ARN, stands for every principal of that account.
        if (/^\d{12}$/.test(v) && v === account) return true;
        const root = /^arn:([^:]+):iam::(\d{12}):root$/.exec(v);
        if (root) {
          if (root[2] === account && root[1] === partitionOf(principal.arn)) return true;
          continue;
        }
        const lower = v.toLowerCase();
        if (lower === principal.arn.toLowerCase()) return true;
        if (principal.sessionArn && lower === principal.sessionArn.toLowerCase()) return true;
      }
      if (
        type === 'Service' &&
        principal.type === 'Service' &&
        v.toLowerCase() === principal.name.toLowerCase()
      )
        return true;
      if (type === 'Federated' && principal.type === 'Federated' && v === principal.name) return true;
    }
  }
  return false;
}

function actionMatches(patterns: string[], action: string): boolean {
  return patterns.some((p) => globMatch(expandValue(p, new Map(), false) ?? [], action, true));
}

function resourceMatches(
  patterns: string[],
  resource: string,
  context: Map<string, string[]>,
  variables: boolean,
) {
  return patterns.some((p) => {
    const parts = expandValue(p, context, variables);
    return parts !== null && globMatch(parts, resource, false);
  });
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
function contextOf(request: EvaluationRequest): Map<string, string[]> {
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

function label(s: { index: number; sid: string | null }): string {
  return s.sid ? `statement ${s.index + 1} ("${s.sid}")` : `statement ${s.index + 1}`;
}

function describePrincipal(p: RequestPrincipal): string {
  if (p.type === 'AWS') return p.arn;
  if (p.type === 'Anonymous') return 'an anonymous caller';
  return `${p.type} principal ${p.name}`;
}

/** Decides one request against one policy. */
export function evaluatePolicy(policy: Policy, request: EvaluationRequest): Evaluation {
  const context = contextOf(request);
  const variables = policy.version === CURRENT_POLICY_VERSION;
  const missing = new Set<string>();
  const unsupported = new Set<string>();

  const traces = policy.statements.map((s): StatementTrace => {
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
    const conditions = s.conditions.map((c) => {
      const t = evaluateClause(c, context, variables);
      if (t.result === 'unsupported') unsupported.add(c.operator);
      if (c.family !== 'null' && !context.has(c.key.toLowerCase())) missing.add(c.key);
      return t;
    });
    // Fail closed: an unknown operator keeps an Allow from applying and makes a Deny apply.
    const conditionsHold = conditions.every((t) =>
      t.result === 'unsupported' ? s.effect === 'Deny' : t.result,
    );
    const applies =
      principal !== 'no_match' && action === 'match' && resource !== 'no_match' && conditionsHold;
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
  });

  const denies = traces.filter((t) => t.applies && t.effect === 'Deny');
  const allows = traces.filter((t) => t.applies && t.effect === 'Allow');
  const who = describePrincipal(request.principal);
  let decision: Decision;
  let deciding: number[];
  let explanation: string;
  if (denies.length > 0) {
    decision = 'explicit_deny';
    deciding = denies.map((t) => t.index);
    explanation =
      `${request.action} by ${who} is explicitly denied by ${denies.map(label).join(', ')}; ` +
      'an explicit Deny overrides any Allow.';
  } else if (allows.length > 0) {
    decision = 'allow';
    deciding = allows.map((t) => t.index);
    explanation = `${request.action} by ${who} is allowed by ${allows.map(label).join(', ')}.`;
  } else {
    decision = 'implicit_deny';
    deciding = [];
    const near = traces.filter(
      (t) =>
        t.effect === 'Allow' &&
        t.principal !== 'no_match' &&
        t.action === 'match' &&
        t.resource !== 'no_match',
    );
    const why = near.map((t) => {
      const failed = t.conditions.filter((c) => c.result !== true);
      return `${label(t)} does not apply because ${failed.map((c) => c.reason).join(' and ')}`;
    });
    explanation =
      `No statement allows ${request.action} by ${who}, so it is implicitly denied` +
      (why.length > 0 ? `: ${why.join('; ')}.` : '.');
  }
  return {
    decision,
    deciding,
    statements: traces,
    missingKeys: [...missing].sort(),
    unsupported: [...unsupported].sort(),
    explanation,
  };
}
