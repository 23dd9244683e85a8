/**
 * Whether a request matches what a statement names: principals (accounts, roots, roles and their
 * sessions), actions and resources with `*` / `?` wildcards, and the condition operators' value
 * comparisons (strings with policy variables, numbers, dates, IP ranges, ARNs field by field).
 */
import { ipAllowed, parseCidr } from '../broker/source-cidrs';
import type { OperatorFamily, PrincipalSet, RequestPrincipal } from './model';

type PatternPart = { literal: string } | { wildcard: '*' | '?' };

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

/** A pattern without variables (actions, ARN fields): only the wildcards. */
function wildcardPattern(value: string): PatternPart[] {
  return expandValue(value, new Map(), false) ?? [];
}

function asText(parts: PatternPart[]): string {
  return parts.map((p) => ('literal' in p ? p.literal : p.wildcard)).join('');
}

/** A decimal number as the Numeric operators accept it; null otherwise. */
export function parseNumeric(value: string): number | null {
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

/** The Numeric and Date operators: Equals, LessThan(Equals), GreaterThan(Equals). */
function compareOrdered(base: string, a: number | null, b: number | null): boolean {
  if (a === null || b === null) return false;
  if (base.endsWith('LessThanEquals')) return a <= b;
  if (base.endsWith('LessThan')) return a < b;
  if (base.endsWith('GreaterThanEquals')) return a >= b;
  if (base.endsWith('GreaterThan')) return a > b;
  return a === b;
}

/** Whether one request value matches one policy value under the (non-negated) operator. */
export function compareOne(
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
    case 'numeric':
      return compareOrdered(base, parseNumeric(requestValue), parseNumeric(policyValue));
    case 'date':
      return compareOrdered(base, parsePolicyDate(requestValue), parsePolicyDate(policyValue));
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
        globMatch(wildcardPattern(field), valueFields[i] as string, false),
      );
    }
    case 'null':
      return false;
  }
}

export function accountOf(arn: string): string | null {
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

export function actionMatches(patterns: string[], action: string): boolean {
  return patterns.some((p) => globMatch(wildcardPattern(p), action, true));
}

export function resourceMatches(
  patterns: string[],
  resource: string,
  context: Map<string, string[]>,
  variables: boolean,
): boolean {
  return patterns.some((p) => {
    const parts = expandValue(p, context, variables);
    return parts !== null && globMatch(parts, resource, false);
  });
}
