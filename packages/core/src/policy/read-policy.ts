/**
 * Reads a parsed JSON value as an IAM policy: checks every element the way IAM does (names are
 * case-sensitive, Effect is exactly Allow or Deny, values are strings) and normalises what it
 * accepts into the model, so evaluation and linting work on lists rather than "one value or a list".
 */
import { formatJsonPath, isRecord } from './json-document';
import type { JsonPath } from './json-document';
import { CURRENT_POLICY_VERSION, LEGACY_POLICY_VERSION } from './model';
import type { Policy, PolicyIssue, PolicyStatement, PrincipalSet, ReportIssue } from './model';
import { readCondition } from './read-condition';
import { itemPath, readValues, typeName } from './read-values';

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
  const issue: ReportIssue = (severity, code, path, message, hint = null, target = 'value') =>
    issues.push({ code, severity, message, hint, path, target });

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
  const version = readVersion(value, issue);

  if (!('Statement' in value)) {
    issue('error', 'statement_missing', [], 'The policy has no Statement.', 'Add a "Statement" list.');
    return { policy: looksLikeStsOutput ? null : { version, statements: [] }, issues };
  }
  const list = statementList(value['Statement'], issue);
  const statements: PolicyStatement[] = [];
  const sids = new Map<string, JsonPath>();
  list?.forEach(({ item, path }, index) => {
    const statement = readStatement(item, path, index, issue, sids);
    if (statement) statements.push(statement);
  });
  return { policy: { version, statements }, issues };
}

function readVersion(value: Record<string, unknown>, issue: ReportIssue): string | null {
  if (!('Version' in value)) {
    issue(
      'warning',
      'version_missing',
      [],
      'Version is missing, so IAM reads the policy as version 2008-10-17, where policy variables such as ${aws:username} are plain text.',
      'Add "Version": "2012-10-17" as the first element.',
    );
    return null;
  }
  if (value['Version'] === CURRENT_POLICY_VERSION) return CURRENT_POLICY_VERSION;
  if (value['Version'] === LEGACY_POLICY_VERSION) {
    issue(
      'warning',
      'version_legacy',
      ['Version'],
      'Version 2008-10-17 is the legacy policy language: policy variables are not supported.',
      'Use "Version": "2012-10-17".',
    );
    return LEGACY_POLICY_VERSION;
  }
  issue(
    'error',
    'version_invalid',
    ['Version'],
    `Version must be "2012-10-17" (or the legacy "2008-10-17"), not ${JSON.stringify(value['Version'])}.`,
    'Version names the policy language, not the date of your policy: it is always "2012-10-17".',
  );
  return null;
}

/** The statements with their paths (Statement may be one object); null when it is neither. */
function statementList(raw: unknown, issue: ReportIssue): Array<{ item: unknown; path: JsonPath }> | null {
  if (Array.isArray(raw)) {
    if (raw.length === 0) {
      issue(
        'warning',
        'statement_empty',
        ['Statement'],
        'The Statement list is empty: the policy allows nothing.',
      );
    }
    return raw.map((item, index) => ({ item, path: ['Statement', index] }));
  }
  if (isRecord(raw)) return [{ item: raw, path: ['Statement'] }];
  issue(
    'error',
    'statement_invalid',
    ['Statement'],
    `Statement must be an object or a list of objects, not ${typeName(raw)}.`,
  );
  return null;
}

function readStatement(
  item: unknown,
  path: JsonPath,
  index: number,
  issue: ReportIssue,
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
  const sid = readSid(item, path, issue, sids);
  const effect = readEffect(item, path, issue);
  const [principal, notPrincipal] = readEither(item, path, 'Principal', issue, readPrincipal);
  if (!('Action' in item) && !('NotAction' in item)) {
    issue('error', 'action_missing', path, 'The statement has no Action.', 'Add "Action": "sts:AssumeRole".');
  }
  const [action, notAction] = readEither(item, path, 'Action', issue, readActions);
  const [resource, notResource] = readEither(item, path, 'Resource', issue, readStringList);
  const conditions =
    'Condition' in item ? (readCondition(item['Condition'], [...path, 'Condition'], issue) ?? []) : [];

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

function readSid(
  item: Record<string, unknown>,
  path: JsonPath,
  issue: ReportIssue,
  sids: Map<string, JsonPath>,
): string | null {
  if (!('Sid' in item)) return null;
  const sid = item['Sid'];
  if (typeof sid !== 'string') {
    issue('error', 'sid_invalid', [...path, 'Sid'], `Sid must be a string, not ${typeName(sid)}.`);
    return null;
  }
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
  return sid;
}

function readEffect(
  item: Record<string, unknown>,
  path: JsonPath,
  issue: ReportIssue,
): 'Allow' | 'Deny' | null {
  if (!('Effect' in item)) {
    issue(
      'error',
      'effect_missing',
      path,
      'The statement has no Effect.',
      'Add "Effect": "Allow" or "Deny".',
    );
    return null;
  }
  const effect = item['Effect'];
  if (effect === 'Allow' || effect === 'Deny') return effect;
  const text = typeof effect === 'string' ? effect : '';
  const guess = ['Allow', 'Deny'].find((e) => e.toLowerCase() === text.trim().toLowerCase());
  issue(
    'error',
    'effect_invalid',
    [...path, 'Effect'],
    `Effect must be exactly "Allow" or "Deny", not ${JSON.stringify(effect)}.`,
    guess ? `Effect is case-sensitive: write "${guess}".` : null,
  );
  return null;
}

type ReadElement<T> = (value: unknown, path: JsonPath, element: string, issue: ReportIssue) => T | null;

/**
 * An element and its Not form (Principal and NotPrincipal, …), of which a statement may have one;
 * having both is `principal_and_notprincipal` (and so on).
 */
function readEither<T>(
  item: Record<string, unknown>,
  path: JsonPath,
  element: 'Principal' | 'Action' | 'Resource',
  issue: ReportIssue,
  read: ReadElement<T>,
): [T | null, T | null] {
  const notElement = `Not${element}`;
  if (element in item && notElement in item) {
    const code = `${element.toLowerCase()}_and_${notElement.toLowerCase()}`;
    issue('error', code, path, `A statement cannot have both ${element} and ${notElement}.`);
  }
  return [element, notElement].map((name) =>
    name in item ? read(item[name], [...path, name], name, issue) : null,
  ) as [T | null, T | null];
}

function readStringList(
  value: unknown,
  path: JsonPath,
  element: string,
  issue: ReportIssue,
): string[] | null {
  return readValues(value, path, {
    text: (item) => (typeof item === 'string' ? item : null),
    refused: (item, at) =>
      issue('error', 'not_a_string', at, `${element} values must be strings, not ${typeName(item)}.`),
    empty: () => issue('error', 'empty_list', path, `${element} is an empty list.`),
  });
}

function readActions(value: unknown, path: JsonPath, element: string, issue: ReportIssue): string[] | null {
  const list = readStringList(value, path, element, issue);
  list?.forEach((a, i) => {
    if (!ACTION_PATTERN.test(a)) {
      issue(
        'error',
        'action_invalid',
        itemPath(value, path, i),
        `"${a}" is not an action: write service:Action, such as "sts:AssumeRole".`,
      );
    }
  });
  return list;
}

function readPrincipal(
  value: unknown,
  path: JsonPath,
  element: string,
  issue: ReportIssue,
): PrincipalSet | null {
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
