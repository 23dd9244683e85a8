/**
 * AWS limits the plaintext of an inline session policy to 2,048 characters. The broker sends the
 * minified JSON returned here, so that is what is measured (in UTF-16 units, never fewer than
 * AWS's characters); whitespace an admin used for readability costs nothing.
 */
export const MAX_SESSION_POLICY_CHARS = 2048;
// Far above anything that could minify to 2,048 characters; bounds the work done on hostile input.
const MAX_INPUT_CHARS = 100_000;

const VERSIONS = ['2012-10-17', '2008-10-17'];
const TOP_LEVEL_KEYS = new Set(['Version', 'Id', 'Statement']);
const STATEMENT_KEYS = new Set([
  'Sid',
  'Effect',
  'Action',
  'NotAction',
  'Resource',
  'NotResource',
  'Condition',
]);
// IAM rejects actions without a service prefix ("Actions/Conditions must be prefaced by a vendor").
const ACTION = /^(?:\*|[a-z0-9-]+:[A-Za-z0-9*?]+)$/i;

type Result = { ok: true; minified: string } | { ok: false; reason: string };

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkStringList(
  value: unknown,
  where: string,
  check: (item: string) => string | null,
): string | null {
  const items = Array.isArray(value) ? value : [value];
  if (items.length === 0) return `${where} must not be an empty list`;
  for (const [index, item] of items.entries()) {
    const at = Array.isArray(value) ? `${where}[${index}]` : where;
    if (typeof item !== 'string' || item === '') return `${at} must be a non-empty string`;
    const problem = check(item);
    if (problem) return `${at} ${problem}`;
  }
  return null;
}

function checkPair(
  statement: Record<string, unknown>,
  where: string,
  [positive, negative]: [string, string],
  check: (item: string) => string | null,
): string | null {
  const hasPositive = positive in statement;
  const hasNegative = negative in statement;
  if (hasPositive && hasNegative) return `${where} must have ${positive} or ${negative}, not both`;
  if (!hasPositive && !hasNegative) return `${where} must have ${positive} or ${negative}`;
  const key = hasPositive ? positive : negative;
  return checkStringList(statement[key], `${where}.${key}`, check);
}

function checkStatement(statement: unknown, where: string): string | null {
  if (!isObject(statement)) return `${where} must be an object`;
  for (const key of Object.keys(statement)) {
    if (key === 'Principal' || key === 'NotPrincipal') {
      return `${where}.${key} is not allowed in a session policy`;
    }
    if (!STATEMENT_KEYS.has(key)) return `${where}.${key} is not a policy element`;
  }
  if ('Sid' in statement && typeof statement.Sid !== 'string') return `${where}.Sid must be a string`;
  if (statement.Effect !== 'Allow' && statement.Effect !== 'Deny')
    return `${where}.Effect must be Allow or Deny`;
  const action = checkPair(statement, where, ['Action', 'NotAction'], (item) =>
    ACTION.test(item) ? null : 'must be "*" or "service:Action"',
  );
  if (action) return action;
  const resource = checkPair(statement, where, ['Resource', 'NotResource'], (item) =>
    item === '*' || item.startsWith('arn:') ? null : 'must be "*" or an ARN',
  );
  if (resource) return resource;
  if ('Condition' in statement) {
    const condition = statement.Condition;
    if (!isObject(condition)) return `${where}.Condition must be an object`;
    for (const [operator, block] of Object.entries(condition)) {
      if (!isObject(block)) return `${where}.Condition.${operator} must be an object`;
    }
  }
  return null;
}

/** Validates an admin's inline session policy and returns the exact text to send to AWS. */
export function validateSessionPolicy(json: string): Result {
  if (json.length > MAX_INPUT_CHARS) {
    return {
      ok: false,
      reason: `Policy must be at most ${MAX_SESSION_POLICY_CHARS} characters when minified`,
    };
  }
  let policy: unknown;
  try {
    policy = JSON.parse(json);
  } catch (error) {
    return { ok: false, reason: `Policy is not valid JSON: ${(error as Error).message}` };
  }
  if (!isObject(policy)) return { ok: false, reason: 'Policy must be a JSON object' };
  for (const key of Object.keys(policy)) {
    if (!TOP_LEVEL_KEYS.has(key)) return { ok: false, reason: `${key} is not a policy element` };
  }
  if (typeof policy.Version !== 'string' || !VERSIONS.includes(policy.Version)) {
    return { ok: false, reason: 'Version must be "2012-10-17" (or the legacy "2008-10-17")' };
  }
  if ('Id' in policy && typeof policy.Id !== 'string') return { ok: false, reason: 'Id must be a string' };
  const statement = policy.Statement;
  if (Array.isArray(statement)) {
    if (statement.length === 0) return { ok: false, reason: 'Statement must not be an empty list' };
    for (const [index, entry] of statement.entries()) {
      const problem = checkStatement(entry, `Statement[${index}]`);
      if (problem) return { ok: false, reason: problem };
    }
  } else if (statement === undefined) {
    return { ok: false, reason: 'Statement is required' };
  } else {
    const problem = checkStatement(statement, 'Statement');
    if (problem) return { ok: false, reason: problem };
  }
  const minified = JSON.stringify(policy);
  if (minified.length > MAX_SESSION_POLICY_CHARS) {
    return {
      ok: false,
      reason: `Policy is ${minified.length} characters when minified; AWS allows at most ${MAX_SESSION_POLICY_CHARS}`,
    };
  }
  return { ok: true, minified };
}
