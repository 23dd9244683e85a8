/** Reads a statement's Condition element: operator blocks of condition keys and their values. */
import { isRecord } from './json-document';
import type { JsonPath } from './json-document';
import type { ConditionClause, ReportIssue } from './model';
import { CONDITION_OPERATORS, parseConditionOperator } from './parse-condition-operator';
import { readValues, typeName } from './read-values';

export function readCondition(value: unknown, path: JsonPath, issue: ReportIssue): ConditionClause[] | null {
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
      // IAM compares condition values as text, so numbers and booleans are taken as written.
      const values = readValues(rawValues, keyPath, {
        text: (item) =>
          typeof item === 'string' || typeof item === 'number' || typeof item === 'boolean'
            ? String(item)
            : null,
        refused: (item, at) =>
          issue(
            'error',
            'condition_values_invalid',
            at,
            `Condition values must be strings, numbers or booleans, not ${typeName(item)}.`,
          ),
        empty: () =>
          issue(
            'error',
            'condition_values_invalid',
            keyPath,
            `${operator} ${key} has an empty list of values.`,
          ),
      });
      if (!values) continue;
      const { base, family, negated, qualifier, ifExists } = parsed;
      clauses.push({ operator, base, family, negated, qualifier, ifExists, key, values, path: keyPath });
    }
  }
  return clauses;
}
