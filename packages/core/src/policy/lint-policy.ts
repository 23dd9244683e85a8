/**
 * Reads a pasted policy and says precisely what is wrong with it, with a line and column for
 * every finding so a UI can show it beside the text: broken JSON (with the edit that fixes it),
 * elements IAM rejects, principals and values that can never match, dangerous trust (anyone may
 * assume the role), and, when the broker's principal is known, whether Gatehouse itself gets in
 * (sts:AssumeRole, sts:SetSourceIdentity and sts:TagSession, and no Deny in its way).
 */
import { BROKER_ACTIONS, brokerPrincipalFromArn, checkBrokerTrust } from './check-broker-trust';
import type { BrokerTrustCheck } from './check-broker-trust';
import { parsePolicyDate } from './match';
import { CURRENT_POLICY_VERSION } from './model';
import type { ConditionClause, IssueSeverity, Policy, PolicyStatement } from './model';
import { readPolicy } from './read-policy';
import { createLineIndex, formatJsonPath, locateJsonPath, nodeAtJsonPath } from './json-document';
import type { JsonNode, JsonPath, TextEdit, TextRange } from './json-document';
import { parsePolicyJson } from './parse-policy-json';
import { parseCidr } from '../source-cidrs';

export type PolicyKind = 'trust' | 'identity';

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

type KeyType = 'string' | 'arn' | 'ip' | 'bool' | 'date' | 'numeric';
interface KeySpec {
  type: KeyType;
  multi?: boolean;
}

/** Global and STS condition keys (names lower-cased), from AWS's condition key reference. */
const KNOWN_KEYS: Record<string, KeySpec> = {
  'aws:calledvia': { type: 'string', multi: true },
  'aws:calledviafirst': { type: 'string' },
  'aws:calledvialast': { type: 'string' },
  'aws:currenttime': { type: 'date' },
  'aws:epochtime': { type: 'date' },
  'aws:federatedprovider': { type: 'string' },
  'aws:multifactorauthage': { type: 'numeric' },
  'aws:multifactorauthpresent': { type: 'bool' },
  'aws:principalaccount': { type: 'string' },
  'aws:principalarn': { type: 'arn' },
  'aws:principalisawsservice': { type: 'bool' },
  'aws:principalorgid': { type: 'string' },
  'aws:principalorgpaths': { type: 'string', multi: true },
  'aws:principalservicename': { type: 'string' },
  'aws:principalservicenameslist': { type: 'string', multi: true },
  'aws:principaltype': { type: 'string' },
  'aws:referer': { type: 'string' },
  'aws:requestedregion': { type: 'string' },
  'aws:resourceaccount': { type: 'string' },
  'aws:resourceorgid': { type: 'string' },
  'aws:resourceorgpaths': { type: 'string', multi: true },
  'aws:securetransport': { type: 'bool' },
  'aws:sourceaccount': { type: 'string' },
  'aws:sourcearn': { type: 'arn' },
  'aws:sourceidentity': { type: 'string' },
  'aws:sourceip': { type: 'ip' },
  'aws:sourceorgid': { type: 'string' },
  'aws:sourceorgpaths': { type: 'string', multi: true },
  'aws:sourcevpc': { type: 'string' },
  'aws:sourcevpce': { type: 'string' },
  'aws:sourcevpcarn': { type: 'arn' },
  'aws:tagkeys': { type: 'string', multi: true },
  'aws:tokenissuetime': { type: 'date' },
  'aws:useragent': { type: 'string' },
  'aws:userid': { type: 'string' },
  'aws:username': { type: 'string' },
  'aws:viaawsservice': { type: 'bool' },
  'aws:vpcsourceip': { type: 'ip' },
  'aws:ec2instancesourcevpc': { type: 'string' },
  'aws:ec2instancesourceprivateipv4': { type: 'ip' },
  'sts:awsservicename': { type: 'string' },
  'sts:durationseconds': { type: 'numeric' },
  'sts:externalid': { type: 'string' },
  'sts:rolesessionname': { type: 'string' },
  'sts:sourceidentity': { type: 'string' },
  'sts:transitivetagkeys': { type: 'string', multi: true },
  'sts:requestcontext': { type: 'string' },
  'sts:requestcontextproviders': { type: 'arn', multi: true },
};
const TAG_KEY_PREFIXES = ['aws:principaltag/', 'aws:requesttag/', 'aws:resourcetag/'];

/** Actions a role trust policy can meaningfully allow. */
const TRUST_ACTIONS = [
  'sts:AssumeRole',
  'sts:AssumeRoleWithSAML',
  'sts:AssumeRoleWithWebIdentity',
  'sts:SetSourceIdentity',
  'sts:TagSession',
  'sts:SetContext',
];

const FAMILY_OF_TYPE: Record<KeyType, string[]> = {
  string: ['string', 'arn'],
  arn: ['arn', 'string'],
  ip: ['ip'],
  bool: ['bool'],
  date: ['date', 'numeric'],
  numeric: ['numeric'],
};

const OPERATOR_FOR_TYPE: Record<KeyType, string> = {
  string: 'StringEquals / StringLike',
  arn: 'ArnEquals / ArnLike',
  ip: 'IpAddress / NotIpAddress',
  bool: 'Bool',
  date: 'DateLessThan / DateGreaterThan',
  numeric: 'NumericLessThan / NumericGreaterThan',
};

function keySpec(key: string): KeySpec | null | 'provider' {
  const lower = key.toLowerCase();
  const known = KNOWN_KEYS[lower];
  if (known) return known;
  if (TAG_KEY_PREFIXES.some((p) => lower.startsWith(p) && lower.length > p.length)) return { type: 'string' };
  const prefix = lower.split(':')[0] ?? '';
  // saml:*, and web identity keys named after the provider (accounts.google.com:aud, …).
  if (prefix === 'saml' || (prefix.includes('.') && lower.includes(':'))) return 'provider';
  return null;
}

const PRINCIPAL_ARN =
  /^arn:(aws|aws-cn|aws-us-gov):(iam|sts)::([^:]*):(root|user\/.+|role\/.+|assumed-role\/[^/]+\/[^/]+|federated-user\/.+)$/;
const UNIQUE_ID = /^(AROA|AIDA|AGPA|ANPA|ASIA|AKIA)[A-Z0-9]{12,}$/;

function describeChar(c: string): string {
  return `"${c}" (U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')})`;
}

export function lintPolicy(text: string, options: LintOptions = {}): LintResult {
  return lintText(text, options, 0);
}

function applyEdit(text: string, edit: TextEdit): string {
  return text.slice(0, edit.offset) + edit.insert + text.slice(edit.offset + edit.deleteCount);
}

/** Maps an offset in the text after `edit` back to the text before it. */
function offsetBefore(offset: number, edit: TextEdit): number {
  if (offset <= edit.offset) return offset;
  if (offset >= edit.offset + edit.insert.length) return offset - edit.insert.length + edit.deleteCount;
  return edit.offset;
}

function lintText(text: string, options: LintOptions, depth: number): LintResult {
  const kind = options.kind ?? 'trust';
  const positionAt = createLineIndex(text);
  const findings: PolicyFinding[] = [];
  const toFinding = (
    f: Omit<
      PolicyFinding,
      'line' | 'column' | 'endLine' | 'endColumn' | 'offset' | 'endOffset' | 'path' | 'fix'
    > & {
      range: TextRange;
      path?: JsonPath | null;
      fix?: TextEdit | null;
    },
  ): PolicyFinding => ({
    code: f.code,
    severity: f.severity,
    message: f.message,
    hint: f.hint,
    path: f.path ? formatJsonPath(f.path) || null : null,
    line: f.range.start.line,
    column: f.range.start.column,
    endLine: f.range.end.line,
    endColumn: f.range.end.column,
    offset: f.range.start.offset,
    endOffset: f.range.end.offset,
    fix: f.fix ?? null,
  });

  // IAM accepts tab, LF, CR and U+0020..U+00FF only; a pasted placeholder in Japanese is the usual culprit.
  const badLines = new Set<number>();
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (
      code === 9 ||
      code === 10 ||
      code === 13 ||
      (code >= 0x20 && code <= 0xff) ||
      (i === 0 && code === 0xfeff)
    )
      continue;
    const start = positionAt(i);
    if (badLines.has(start.line)) continue;
    badLines.add(start.line);
    const char = String.fromCodePoint(text.codePointAt(i) ?? code);
    const placeholder = /<[^<>\n]*>/.exec(text.slice(text.lastIndexOf('<', i), text.indexOf('>', i) + 1));
    findings.push(
      toFinding({
        code: 'invalid_character',
        severity: 'error',
        message: `IAM accepts only ASCII and Latin-1 characters in a policy; ${describeChar(char)} at line ${start.line}, column ${start.column} is not one of them.`,
        hint:
          placeholder && text.lastIndexOf('<', i) !== -1 && text.indexOf('>', i) !== -1
            ? `${placeholder[0]} is a placeholder from an example: replace it with the real value.`
            : 'Retype the text in plain ASCII (no full-width characters, no typographic quotes).',
        range: { start, end: positionAt(i + char.length) },
      }),
    );
    if (badLines.size >= 10) break;
  }

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
    const fix = e.fix;
    if (!fix || depth >= MAX_ASSUMED_FIXES) return finish(findings, null, null, []);
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
  for (const issue of issues) {
    findings.push(
      toFinding({
        code: issue.code,
        severity: issue.severity,
        message: issue.message,
        hint: issue.hint,
        range: at(issue.path, issue.target),
        path: issue.path,
      }),
    );
  }
  if (!policy) return finish(findings, null, null, []);

  const add = (
    severity: IssueSeverity,
    code: string,
    path: JsonPath,
    message: string,
    hint: string | null = null,
    target: 'key' | 'value' = 'value',
    fix: TextEdit | null = null,
  ) => findings.push(toFinding({ code, severity, message, hint, range: at(path, target), path, fix }));

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

  // Path of the i-th value of an element that may be written as one value or as a list.
  const listPath = (base: JsonPath, i: number): JsonPath =>
    nodeAtJsonPath(root, base)?.kind === 'array' ? [...base, i] : base;
  const ctx: Ctx = { add, listPath };
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

type Add = (
  severity: IssueSeverity,
  code: string,
  path: JsonPath,
  message: string,
  hint?: string | null,
  target?: 'key' | 'value',
  fix?: TextEdit | null,
) => void;

interface Ctx {
  add: Add;
  listPath: (base: JsonPath, i: number) => JsonPath;
}

/** The raw statement objects by index, to see elements the reader dropped (Resource in a trust policy). */
function rawStatements(root: JsonNode): Array<Record<string, unknown>> {
  if (root.kind !== 'object') return [];
  const entry = [...root.entries].reverse().find((e) => e.key === 'Statement');
  if (!entry) return [];
  const plain = (node: JsonNode): Record<string, unknown> =>
    node.kind === 'object' ? Object.fromEntries(node.entries.map((e) => [e.key, true])) : {};
  if (entry.value.kind === 'array') return entry.value.items.map(plain);
  return [plain(entry.value)];
}

function lintTrust(policy: Policy, raw: Array<Record<string, unknown>>, ctx: Ctx): void {
  const { add, listPath } = ctx;
  const statements = policy.statements;
  const looksLikeIdentity =
    statements.length > 0 &&
    statements.every((s) => !s.principal && !s.notPrincipal) &&
    statements.some((s) => s.resource || s.notResource);
  if (looksLikeIdentity) {
    add(
      'error',
      'identity_policy_as_trust',
      [],
      'This is an identity-based (permissions) policy, not a role trust policy: it has Resource and no Principal.',
      'It belongs to the users or roles that switch into the role. A trust policy is attached to the role itself and names who may assume it in "Principal" (Resource is not allowed there); Gatehouse can generate it.',
    );
  }
  for (const s of statements) {
    const hasResource = s.resource !== null || s.notResource !== null || 'Resource' in (raw[s.index] ?? {});
    if (!looksLikeIdentity && !s.principal && !s.notPrincipal) {
      add(
        'error',
        'principal_missing',
        s.path,
        `${statementLabel(s)} has no Principal: a trust policy must name who may assume the role.`,
        'Add "Principal": { "AWS": "<the broker\'s ARN>" }.',
      );
    }
    if (!looksLikeIdentity && hasResource) {
      add(
        'error',
        'resource_in_trust_policy',
        [...s.path, s.resource ? 'Resource' : 'NotResource'],
        'A trust policy cannot have Resource: the resource is the role itself (IAM rejects it as a prohibited field).',
        'Delete the Resource element.',
        'key',
      );
    }
    for (const [element, list] of [
      ['Action', s.action],
      ['NotAction', s.notAction],
    ] as const) {
      list?.forEach((a, i) => {
        const path = listPath([...s.path, element], i);
        if (a === '*' || a.toLowerCase() === 'sts:*') {
          if (s.effect === 'Allow' && element === 'Action') {
            add(
              'warning',
              'broad_trust_action',
              path,
              `"${a}" in a trust policy also allows SAML and web-identity federation into this role.`,
              'List the actions: "sts:AssumeRole", "sts:SetSourceIdentity", "sts:TagSession".',
            );
          }
          return;
        }
        if (!a.toLowerCase().startsWith('sts:')) {
          add(
            'warning',
            'non_sts_action',
            path,
            `"${a}" has no effect in a trust policy, which only controls sts: actions.`,
            looksLikeIdentity
              ? null
              : 'Permissions of the role go into its permissions policies, not its trust policy.',
          );
          return;
        }
        const known = TRUST_ACTIONS.find((t) => t.toLowerCase() === a.toLowerCase());
        if (!known && !/[*?]/.test(a)) {
          const near = TRUST_ACTIONS.find((t) => t.toLowerCase().startsWith(a.toLowerCase().slice(0, 10)));
          add(
            'warning',
            'unknown_sts_action',
            path,
            `"${a}" is not an STS action that a trust policy controls.`,
            near ? `Did you mean "${near}"?` : `Trust policies control ${TRUST_ACTIONS.join(', ')}.`,
          );
        }
      });
    }
    if (s.effect === 'Allow' && s.notPrincipal) {
      add(
        'danger',
        'allow_not_principal',
        [...s.path, 'NotPrincipal'],
        'Allow with NotPrincipal trusts every principal in every AWS account except the ones listed.',
        'Use "Principal" with the principals that may assume the role.',
        'key',
      );
    }
    if (s.principal) lintPrincipal(s, ctx);
  }
}

function lintPrincipal(s: PolicyStatement, ctx: Ctx): void {
  const { add, listPath } = ctx;
  const set = s.principal;
  if (!set) return;
  const path = set.path;
  const conditional = s.conditions.length > 0;
  const wildcardMessage = (where: string) =>
    conditional
      ? `${where} lets any principal in any AWS account assume the role whenever the conditions hold.`
      : `${where} with no Condition lets anyone, in any AWS account, assume this role.`;
  if (set.wildcard && s.effect === 'Allow') {
    add(
      conditional ? 'warning' : 'danger',
      conditional ? 'wildcard_principal_conditional' : 'wildcard_principal',
      path,
      wildcardMessage('"Principal": "*"'),
      "Name the broker's exact ARN instead, or at least pin aws:PrincipalAccount / aws:PrincipalOrgID.",
    );
  }
  for (const [type, values] of Object.entries(set.byType)) {
    values.forEach((v, i) => {
      const vPath = listPath([...path, type], i);
      if (type === 'Service') {
        if (!/^[a-z0-9.-]+\.amazonaws\.com(?:\.cn)?$/.test(v)) {
          add(
            'warning',
            'service_principal_invalid',
            vPath,
            `"${v}" does not look like a service principal (such as ec2.amazonaws.com).`,
          );
        }
        return;
      }
      if (type !== 'AWS') return;
      if (v === '*') {
        if (s.effect === 'Allow') {
          add(
            conditional ? 'warning' : 'danger',
            conditional ? 'wildcard_principal_conditional' : 'wildcard_principal',
            vPath,
            wildcardMessage('"AWS": "*"'),
            "Name the broker's exact ARN instead, or at least pin aws:PrincipalAccount / aws:PrincipalOrgID.",
          );
        }
        return;
      }
      if (/^\d{12}$/.test(v) || /^arn:[^:]+:iam::\d{12}:root$/.test(v)) {
        add(
          'info',
          'account_principal',
          vPath,
          `${v} trusts every user and role of that account whose own permissions allow sts:AssumeRole on this role.`,
          "To trust only Gatehouse, name the broker's exact role or user ARN.",
        );
        return;
      }
      if (UNIQUE_ID.test(v)) {
        add(
          'warning',
          'principal_deleted',
          vPath,
          `"${v}" is a unique id, which IAM shows when the principal named here was deleted: it no longer trusts anyone.`,
          'Put the ARN of the principal back (recreating a role with the same name does not restore the trust).',
        );
        return;
      }
      const m = PRINCIPAL_ARN.exec(v);
      if (!m) {
        add(
          'error',
          'principal_invalid_arn',
          vPath,
          `"${v}" is not a principal IAM accepts: use a 12-digit account id or an ARN such as arn:aws:iam::111122223333:role/name.`,
        );
        return;
      }
      if (!/^\d{12}$/.test(m[3] ?? '')) {
        add(
          'error',
          'principal_account_invalid',
          vPath,
          `The account "${m[3]}" in ${v} is not a 12-digit AWS account id; IAM rejects the policy ("Invalid principal").`,
          'This looks like a placeholder from an example: put the real account id.',
        );
        return;
      }
      if (/[*?]/.test(v)) {
        add(
          'error',
          'principal_wildcard_arn',
          vPath,
          `Wildcards are not allowed inside a principal ARN (${v}).`,
          'Trust the account ("arn:aws:iam::ACCOUNT:root") and narrow it with an ArnLike condition on aws:PrincipalArn.',
        );
      }
    });
  }
}

function lintIdentity(policy: Policy, ctx: Ctx): void {
  const { add, listPath } = ctx;
  for (const s of policy.statements) {
    if (s.principal || s.notPrincipal) {
      add(
        'error',
        'principal_in_identity_policy',
        [...s.path, s.principal ? 'Principal' : 'NotPrincipal'],
        'An identity-based policy cannot have Principal: it applies to whoever it is attached to.',
        'Delete Principal, or use this document as a role trust policy instead.',
        'key',
      );
    }
    if (!s.resource && !s.notResource) {
      add(
        'error',
        'resource_missing',
        s.path,
        `${statementLabel(s)} has no Resource.`,
        'Add "Resource": "*" or the ARNs it applies to.',
      );
    }
    s.resource?.forEach((r, i) => {
      const path = listPath([...s.path, 'Resource'], i);
      const fields = r.split(':');
      if (
        r !== '*' &&
        fields.length >= 6 &&
        fields[2] === 'iam' &&
        fields[4] !== '' &&
        !/^\d{12}$/.test(fields[4] ?? '')
      ) {
        add(
          'warning',
          'resource_account_invalid',
          path,
          `The account "${fields[4]}" in ${r} is not a 12-digit AWS account id, so this Resource matches nothing.`,
          'This looks like a placeholder from an example: put the real account id.',
        );
      }
      if (r === '*' && s.effect === 'Allow' && s.action?.some((a) => a.toLowerCase() === 'sts:assumerole')) {
        add(
          'info',
          'assume_any_role',
          path,
          'sts:AssumeRole on "*" lets the holder assume any role, in any account, whose trust policy trusts them.',
          'Name the role ARNs it is meant for.',
        );
      }
    });
  }
}

const MULTI_HINT = 'Use ForAnyValue: or ForAllValues: with a multivalued key.';

function lintConditions(s: PolicyStatement, kind: PolicyKind, version: string | null, ctx: Ctx): void {
  const { add } = ctx;
  for (const c of s.conditions) {
    const spec = keySpec(c.key);
    const keyPath = c.path;
    if (spec === null) {
      const lower = c.key.toLowerCase();
      const serviceKey = !lower.startsWith('aws:') && !lower.startsWith('sts:');
      if (!(serviceKey && kind === 'identity')) {
        add(
          'warning',
          'condition_key_unknown',
          keyPath,
          serviceKey
            ? `Condition key "${c.key}" is not available in AssumeRole requests, so this condition never sees a value.`
            : `Unknown condition key "${c.key}": a misspelt key is simply absent, so the condition silently never matches (or always does, for negated operators).`,
          null,
          'key',
        );
      }
    } else if (spec !== 'provider') {
      if (c.family && !FAMILY_OF_TYPE[spec.type].includes(c.family) && c.family !== 'null') {
        add(
          'warning',
          'condition_operator_mismatch',
          keyPath,
          `${c.key} holds ${spec.type === 'ip' ? 'an IP address' : `a ${spec.type}`} value; ${c.base} compares it as ${c.family}.`,
          `Use ${OPERATOR_FOR_TYPE[spec.type]}.`,
          'key',
        );
      }
      if (spec.multi && !c.qualifier && c.family !== 'null') {
        add(
          'warning',
          'multivalued_key_without_set_operator',
          keyPath,
          `${c.key} can hold several values in one request.`,
          MULTI_HINT,
          'key',
        );
      }
      if (!spec.multi && c.qualifier) {
        add(
          'warning',
          'set_operator_on_single_valued_key',
          keyPath,
          `${c.qualifier} on the single-valued key ${c.key} can make the policy more permissive than it reads.`,
          `Use ${c.operator.replace(`${c.qualifier}:`, '')}.`,
          'key',
        );
      }
    }
    if (c.qualifier === 'ForAllValues' && !c.negated && s.effect === 'Allow') {
      add(
        'warning',
        'for_all_values_allow',
        keyPath,
        `ForAllValues is also true when the request has no ${c.key} at all, so this Allow applies to requests without it.`,
        `Add "Null": { "${c.key}": "false" } to require the key.`,
        'key',
      );
    }
    lintConditionValues(c, ctx);
    if (
      kind === 'trust' &&
      c.key.toLowerCase() === 'aws:multifactorauthpresent' &&
      s.effect === 'Allow' &&
      c.values.some((v) => v.toLowerCase() === 'true')
    ) {
      add(
        'warning',
        'mfa_condition_blocks_broker',
        keyPath,
        'Gatehouse calls AssumeRole with its own credentials, which carry no AWS MFA, so this condition keeps the broker out.',
        'Gatehouse checks every user\'s TOTP itself and sets the session tag gatehouse:mfa=true: require "StringEquals": { "aws:RequestTag/gatehouse:mfa": "true" } instead.',
        'key',
      );
    }
    if (version !== CURRENT_POLICY_VERSION && c.values.some((v) => v.includes('${'))) {
      add(
        'warning',
        'policy_variable_without_version',
        keyPath,
        `Policy variables are only substituted with "Version": "2012-10-17"; here "\${" is literal text.`,
      );
    }
  }
}

function lintConditionValues(c: ConditionClause, ctx: Ctx): void {
  const { add, listPath } = ctx;
  c.values.forEach((v, i) => {
    const path = listPath(c.path, i);
    const never = 'the condition can never match it';
    switch (c.family) {
      case 'ip': {
        const parsed = parseCidr(v);
        if (!parsed.ok) {
          add(
            'error',
            'condition_value_invalid',
            path,
            `"${v}" is not an IP address or CIDR range (${parsed.reason}); ${never}.`,
            /x/i.test(v)
              ? 'This looks like a placeholder from an example: put your real address range, e.g. 203.0.113.0/24.'
              : null,
          );
        }
        break;
      }
      case 'date':
        if (parsePolicyDate(v) === null) {
          add(
            'error',
            'condition_value_invalid',
            path,
            `"${v}" is not a date: use ISO 8601 (2026-01-31T09:00:00Z) or epoch seconds.`,
          );
        }
        break;
      case 'numeric':
        if (!/^-?\d+(?:\.\d+)?$/.test(v.trim())) {
          add('error', 'condition_value_invalid', path, `"${v}" is not a number; ${never}.`);
        }
        break;
      case 'bool':
      case 'null':
        if (v.toLowerCase() !== 'true' && v.toLowerCase() !== 'false') {
          add('error', 'condition_value_invalid', path, `${c.base} takes "true" or "false", not "${v}".`);
        }
        break;
      case 'arn':
        if (v !== '*' && v.split(':').length < 6) {
          add(
            'warning',
            'condition_value_not_arn',
            path,
            `"${v}" is not an ARN; ${c.base} compares the six ARN fields.`,
          );
        } else if (v !== '*') {
          const account = v.split(':')[4] ?? '';
          if (account !== '' && !/^(\d{12}|[*?]+)$/.test(account) && !account.includes('${')) {
            add(
              'warning',
              'condition_value_account_invalid',
              path,
              `The account "${account}" in ${v} is not a 12-digit AWS account id, so this value matches nothing.`,
              'This looks like a placeholder from an example: put the real account id.',
            );
          }
        }
        break;
      default:
        break;
    }
  });
}

function statementLabel(s: { index: number; sid: string | null }): string {
  return s.sid ? `Statement ${s.index + 1} ("${s.sid}")` : `Statement ${s.index + 1}`;
}

/** Replaces the Action value of a statement so that it also lists `missing`. */
function addActionsFix(root: JsonNode, text: string, s: PolicyStatement, missing: string[]): TextEdit | null {
  if (!s.action) return null;
  const range = locateJsonPath(root, [...s.path, 'Action']);
  const current = text.slice(range.start.offset, range.end.offset);
  if (!current.startsWith('"') && !current.startsWith('[')) return null;
  const list = [...s.action, ...missing];
  return {
    offset: range.start.offset,
    deleteCount: range.end.offset - range.start.offset,
    insert: `[${list.map((a) => JSON.stringify(a)).join(', ')}]`,
  };
}

function lintBroker(
  policy: Policy,
  check: BrokerTrustCheck,
  brokerArn: string,
  root: JsonNode,
  text: string,
  add: Add,
): void {
  const byAction = new Map(check.actions.map((a) => [a.action, a]));
  const assume = byAction.get('sts:AssumeRole');
  const severity: IssueSeverity = check.unverifiable ? 'warning' : 'error';
  const unverifiableNote = check.unverifiable
    ? ` Whether it applies depends on ${check.unknowableKeys.join(', ')}, which Gatehouse cannot check for its own calls.`
    : '';

  for (const a of check.actions) {
    if (a.decision !== 'explicit_deny') continue;
    for (const index of a.deciding) {
      const s = policy.statements.find((st) => st.index === index);
      if (!s) continue;
      add(
        severity,
        'deny_blocks_broker',
        s.path,
        `${statementLabel(s)} denies ${a.action} to the broker (${brokerArn}), so Gatehouse cannot issue sessions for this role.${unverifiableNote}`,
        'Narrow the Deny (for example with a condition the broker does not meet), or exclude the broker from it.',
      );
    }
  }
  if (assume && assume.decision === 'implicit_deny') {
    add(
      severity,
      'broker_not_trusted',
      [],
      `The policy does not let the broker (${brokerArn}) assume the role. ${assume.explanation}${unverifiableNote}`,
      `Add a statement that allows ${BROKER_ACTIONS.join(', ')} to "Principal": { "AWS": "${brokerPrincipalFromArn(brokerArn).principalArn}" } (Gatehouse generates it).`,
    );
    return;
  }
  if (!assume || assume.decision !== 'allow') return;
  const allowing = policy.statements.find((s) => s.index === assume.deciding[0]);
  const missing = check.actions.filter((a) => a.decision === 'implicit_deny').map((a) => a.action);
  for (const action of missing) {
    const why =
      action === 'sts:SetSourceIdentity'
        ? 'Gatehouse sets SourceIdentity to the user on every AssumeRole (it follows the session into CloudTrail), so AWS refuses the call without it.'
        : 'Gatehouse passes session tags (gatehouse:user, gatehouse:mfa, …) on every AssumeRole, so AWS refuses the call without it.';
    add(
      severity,
      action === 'sts:SetSourceIdentity'
        ? 'broker_missing_set_source_identity'
        : 'broker_missing_tag_session',
      allowing ? [...allowing.path, 'Action'] : [],
      `The broker may call sts:AssumeRole but not ${action}. ${why}${unverifiableNote}`,
      allowing
        ? `Add "${action}" to the Action of ${statementLabel(allowing)}.`
        : `Allow "${action}" for the broker.`,
      'value',
      allowing ? addActionsFix(root, text, allowing, missing) : null,
    );
  }
}
