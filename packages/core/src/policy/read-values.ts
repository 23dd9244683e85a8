/**
 * IAM lets most elements be written as one value or as a list of them; these read both forms alike,
 * and name a wrong value's type in words.
 */
import type { JsonPath } from './json-document';

export function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}

/** Where the i-th value of an element written as one value or as a list is. */
export function itemPath(value: unknown, path: JsonPath, i: number): JsonPath {
  return Array.isArray(value) ? [...path, i] : path;
}

/** How one element takes its values (see readValues). */
export interface ValueRules {
  /** The value as text, or null when the element does not take it. */
  text: (item: unknown) => string | null;
  refused: (item: unknown, path: JsonPath) => void;
  empty: () => void;
}

/**
 * The values of an element written as one value or as a list, as text; null (with issues) for an
 * empty list, or unless every value is taken.
 */
export function readValues(value: unknown, path: JsonPath, rules: ValueRules): string[] | null {
  if (Array.isArray(value) && value.length === 0) {
    rules.empty();
    return null;
  }
  const items = Array.isArray(value) ? value : [value];
  const out: string[] = [];
  items.forEach((item, i) => {
    const read = rules.text(item);
    if (read !== null) out.push(read);
    else rules.refused(item, itemPath(value, path, i));
  });
  return out.length === items.length ? out : null;
}
