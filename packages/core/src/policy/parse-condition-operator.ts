/**
 * The condition operators IAM knows, and how an operator as written (`ForAnyValue:StringLikeIfExists`)
 * splits into the set qualifier, the base operator and IfExists.
 */
import type { ConditionClause, OperatorFamily } from './model';

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
  // Own names only: an operator written `constructor` is unknown, not Object's constructor.
  const spec = Object.hasOwn(OPERATORS, rest) ? OPERATORS[rest] : undefined;
  return {
    base: rest,
    family: spec?.family ?? null,
    negated: spec?.negated ?? false,
    qualifier,
    ifExists,
    known: spec !== undefined,
  };
}
