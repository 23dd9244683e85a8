/**
 * Reads a pasted policy and says precisely what is wrong with it, with a line and column for
 * every finding so a UI can show it beside the text: broken JSON (with the edit that fixes it),
 * elements IAM rejects, principals and values that can never match, dangerous trust (anyone may
 * assume the role), and, when the broker's principal is known, whether Gatehouse itself gets in
 * (sts:AssumeRole, sts:SetSourceIdentity and sts:TagSession, and no Deny in its way).
 */
import { brokerPrincipalFromArn, checkBrokerTrust } from './check-broker-trust';
import type { BrokerTrustCheck } from './check-broker-trust';
import { applyEdit, createLineIndex, formatJsonPath, locateJsonPath, nodeAtJsonPath } from './json-document';
import type { JsonPath, ParsedJson, TextEdit, TextPosition, TextRange } from './json-document';
import { lintBroker } from './lint-broker';
import { lintCharacters } from './lint-characters';
import { lintConditions } from './lint-conditions';
import type { AddFinding, LintContext } from './lint-context';
import { lintIdentity } from './lint-identity';
import { lintTrust, rawStatements } from './lint-trust';
import type { IssueSeverity, Policy, PolicyKind } from './model';
import { parsePolicyJson } from './parse-policy-json';
import { readPolicy } from './read-policy';

export interface PolicyFinding {
  code: string;
  severity: IssueSeverity;
  message: string;
  hint: string | null;
  /** Where in the document, e.g. Statement[0].Principal.AWS; null for the text as a whole. */
  path: string | null;
  /** 1-based; end is exclusive. Columns count UTF-16 code units. */
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** The same range as offsets into the text (UTF-16 code units), for editors that use them. */
  offset: number;
  endOffset: number;
  /** An edit that fixes it, when there is exactly one obvious fix. */
  fix: TextEdit | null;
}

export interface LintOptions {
  /** A role trust policy (default) or an identity-based (permissions) policy. */
  kind?: PolicyKind;
  /** The broker's ARN (user, role or assumed-role session): also check that the broker gets in. */
  brokerArn?: string | null;
  now?: Date;
}

export interface LintResult {
  findings: PolicyFinding[];
  counts: Record<IssueSeverity, number>;
  /** Parses, and nothing at error or danger level. */
  ok: boolean;
  policy: Policy | null;
  broker: BrokerTrustCheck | null;
  /**
   * JSON fixes assumed to read on: when the text does not parse and the error has one obvious
   * fix (a missing comma), the rest of the findings come from the text with that fix applied,
   * positioned in the original text, so one round trip shows everything.
   */
  assumedFixes: TextEdit[];
}

/** How many syntax errors in a row are fixed tentatively to lint the rest. */
const MAX_ASSUMED_FIXES = 5;

const SEVERITY_ORDER: Record<IssueSeverity, number> = { error: 0, danger: 1, warning: 2, info: 3 };

/** Non-whitespace characters, as IAM counts policy size. */
export function policySize(text: string): number {
  return text.replace(/\s/g, '').length;
}

/** AWS's default trust policy quota (it can be raised to 4096). */
export const TRUST_POLICY_MAX_CHARS = 2048;
export const MANAGED_POLICY_MAX_CHARS = 6144;

export function lintPolicy(text: string, options: LintOptions = {}): LintResult {
  return lintText(text, options, 0);
}

/** What a rule supplies; toFinding adds the positions and the readable path. */
type FindingInput = Pick<PolicyFinding, 'code' | 'severity' | 'message' | 'hint'> & {
  range: TextRange;
  path?: JsonPath | null;
  fix?: TextEdit | null;
};

function toFinding({ code, severity, message, hint, range, path, fix }: FindingInput): PolicyFinding {
  return {
    code,
    severity,
    message,
    hint,
    path: path ? formatJsonPath(path) || null : null,
    line: range.start.line,
    column: range.start.column,
    endLine: range.end.line,
    endColumn: range.end.column,
    offset: range.start.offset,
    endOffset: range.end.offset,
    fix: fix ?? null,
  };
}

function lintText(text: string, options: LintOptions, depth: number): LintResult {
  const positionAt = createLineIndex(text);
  const findings = lintCharacters(text, positionAt).map(toFinding);
  const parsed = parsePolicyJson(text);
  if (!parsed.ok) {
    const e = parsed.error;
    findings.push(
      toFinding({
        code: `json_${e.code}`,
        severity: 'error',
        message: e.message,
        hint: e.hint,
        range: e.range,
        fix: e.fix,
      }),
    );
    if (!e.fix || depth >= MAX_ASSUMED_FIXES) return finish(findings, null, null, []);
    return lintAssumingFix(text, e.fix, options, depth, positionAt, findings);
  }
  return lintParsed(text, parsed, options, findings);
}

/** Maps an offset in the text after `edit` back to the text before it. */
function offsetBefore(offset: number, edit: TextEdit): number {
  if (offset <= edit.offset) return offset;
  if (offset >= edit.offset + edit.insert.length) return offset - edit.insert.length + edit.deleteCount;
  return edit.offset;
}

/** Lints the text as if `fix` were applied, and positions what that finds in the original text. */
function lintAssumingFix(
  text: string,
  fix: TextEdit,
  options: LintOptions,
  depth: number,
  positionAt: (offset: number) => TextPosition,
  findings: PolicyFinding[],
): LintResult {
  const rest = lintText(applyEdit(text, fix), options, depth + 1);
  for (const f of rest.findings) {
    // Characters IAM rejects were already reported on this text.
    if (f.code === 'invalid_character') continue;
    const start = positionAt(offsetBefore(f.offset, fix));
    const end = positionAt(Math.max(offsetBefore(f.endOffset, fix), start.offset));
    findings.push({
      ...f,
      line: start.line,
      column: start.column,
      endLine: end.line,
      endColumn: end.column,
      offset: start.offset,
      endOffset: end.offset,
      fix: f.fix ? { ...f.fix, offset: offsetBefore(f.fix.offset, fix) } : null,
    });
  }
  return finish(findings, rest.policy, rest.broker, [fix, ...rest.assumedFixes]);
}

/** The findings of a document that parses: duplicates, what readPolicy reports, then the rule groups. */
function lintParsed(
  text: string,
  parsed: Extract<ParsedJson, { ok: true }>,
  options: LintOptions,
  findings: PolicyFinding[],
): LintResult {
  const kind = options.kind ?? 'trust';
  const root = parsed.root;
  const at = (path: JsonPath, target: 'key' | 'value' = 'value') => locateJsonPath(root, path, target);
  for (const d of parsed.duplicates) {
    findings.push(
      toFinding({
        code: 'duplicate_key',
        severity: 'warning',
        message: `"${d.key}" appears twice in the same object (first at line ${d.firstRange.start.line}, column ${d.firstRange.start.column}); only the last one counts.`,
        hint: 'Merge the two into one element.',
        range: d.range,
        path: d.path,
      }),
    );
  }
  const { policy, issues } = readPolicy(parsed.value);
  for (const { code, severity, message, hint, path, target } of issues) {
    findings.push(toFinding({ code, severity, message, hint, range: at(path, target), path }));
  }
  if (!policy) return finish(findings, null, null, []);

  const add: AddFinding = (severity, code, path, message, hint = null, target = 'value', fix = null) =>
    findings.push(toFinding({ code, severity, message, hint, range: at(path, target), path, fix }));
  lintSize(text, kind, add);
  const ctx: LintContext = {
    add,
    listPath: (base, i) => (nodeAtJsonPath(root, base)?.kind === 'array' ? [...base, i] : base),
  };
  if (kind === 'trust') lintTrust(policy, rawStatements(root), ctx);
  else lintIdentity(policy, ctx);
  for (const s of policy.statements) lintConditions(s, kind, policy.version, ctx);

  let broker: BrokerTrustCheck | null = null;
  if (kind === 'trust' && options.brokerArn) {
    broker = checkBrokerTrust(policy, brokerPrincipalFromArn(options.brokerArn), {
      ...(options.now ? { now: options.now } : {}),
    });
    lintBroker(policy, broker, options.brokerArn, root, text, add);
  }
  return finish(findings, policy, broker, []);
}

function lintSize(text: string, kind: PolicyKind, add: AddFinding): void {
  const size = policySize(text);
  const limit = kind === 'trust' ? TRUST_POLICY_MAX_CHARS : MANAGED_POLICY_MAX_CHARS;
  if (size > limit) {
    add(
      'warning',
      'policy_too_long',
      [],
      `The policy has ${size} characters (whitespace not counted); IAM's default limit for ${kind === 'trust' ? 'a trust policy' : 'a managed policy'} is ${limit}.`,
      kind === 'trust' ? 'The trust policy quota can be raised to 4096 in Service Quotas.' : null,
    );
  }
}

function finish(
  findings: PolicyFinding[],
  policy: Policy | null,
  broker: BrokerTrustCheck | null,
  assumedFixes: TextEdit[],
): LintResult {
  findings.sort(
    (a, b) =>
      a.line - b.line ||
      a.column - b.column ||
      SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
      a.code.localeCompare(b.code),
  );
  const counts: Record<IssueSeverity, number> = { error: 0, danger: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  return { findings, counts, ok: counts.error === 0 && counts.danger === 0, policy, broker, assumedFixes };
}
