import { describe, expect, it } from 'vitest';
import { parseConditionOperator } from './parse-condition-operator';

describe('parseConditionOperator', () => {
  it.each([
    ['StringEquals', { base: 'StringEquals', qualifier: null, ifExists: false, negated: false, known: true }],
    [
      'StringNotLikeIfExists',
      { base: 'StringNotLike', qualifier: null, ifExists: true, negated: true, known: true },
    ],
    [
      'ForAllValues:StringLike',
      { base: 'StringLike', qualifier: 'ForAllValues', ifExists: false, known: true },
    ],
    [
      'ForAnyValue:ArnNotEqualsIfExists',
      { base: 'ArnNotEquals', qualifier: 'ForAnyValue', ifExists: true, negated: true },
    ],
    ['stringequals', { known: false }],
  ])('%s', (operator, expected) => {
    expect(parseConditionOperator(operator)).toMatchObject(expected);
  });
});
