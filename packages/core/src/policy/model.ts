/**
 * An IAM policy as Gatehouse reads it (readPolicy), evaluates it (evaluatePolicy) and lints it
 * (lintPolicy): statements with their elements normalised to lists, each remembering its path in
 * the document so that findings can point at the text.
 */
import type { JsonPath } from './json-document';

export const CURRENT_POLICY_VERSION = '2012-10-17';
export const LEGACY_POLICY_VERSION = '2008-10-17';

/** A role trust policy, or an identity-based (permissions) policy. */
export type PolicyKind = 'trust' | 'identity';

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

/** How the reader and the lint rules report: the finding first, where it is, then words for people. */
export type ReportIssue = (
  severity: IssueSeverity,
  code: string,
  path: JsonPath,
  message: string,
  hint?: string | null,
  target?: 'key' | 'value',
) => void;

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

/**
 * How messages name a statement: by its 1-based position, with its Sid when it has one. `word` is
 * "Statement" where the name starts a sentence.
 */
export function statementLabel(
  s: { index: number; sid: string | null },
  word: 'statement' | 'Statement' = 'statement',
): string {
  return s.sid ? `${word} ${s.index + 1} ("${s.sid}")` : `${word} ${s.index + 1}`;
}
