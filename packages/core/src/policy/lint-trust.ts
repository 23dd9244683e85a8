/**
 * Lint rules for role trust policies: who may assume the role (a wildcard, NotPrincipal, whole
 * accounts, deleted principals, placeholder accounts) and which actions a trust policy can
 * meaningfully allow; and the telltale signs of an identity policy pasted in its place.
 */
import { nodeAtJsonPath } from './json-document';
import type { JsonNode, JsonPath } from './json-document';
import type { AddFinding, LintContext } from './lint-context';
import { statementLabel } from './model';
import type { Policy, PolicyStatement } from './model';

/** Actions a role trust policy can meaningfully allow. */
const TRUST_ACTIONS = [
  'sts:AssumeRole',
  'sts:AssumeRoleWithSAML',
  'sts:AssumeRoleWithWebIdentity',
  'sts:SetSourceIdentity',
  'sts:TagSession',
  'sts:SetContext',
];

const PRINCIPAL_ARN =
  /^arn:(aws|aws-cn|aws-us-gov):(iam|sts)::([^:]*):(root|user\/.+|role\/.+|assumed-role\/[^/]+\/[^/]+|federated-user\/.+)$/;
const UNIQUE_ID = /^(AROA|AIDA|AGPA|ANPA|ASIA|AKIA)[A-Z0-9]{12,}$/;

/** The raw statement objects by index, to see elements the reader dropped (Resource in a trust policy). */
export function rawStatements(root: JsonNode): Array<Record<string, unknown>> {
  const statements = nodeAtJsonPath(root, ['Statement']);
  if (!statements) return [];
  const plain = (node: JsonNode): Record<string, unknown> =>
    node.kind === 'object' ? Object.fromEntries(node.entries.map((e) => [e.key, true])) : {};
  if (statements.kind === 'array') return statements.items.map(plain);
  return [plain(statements)];
}

export function lintTrust(policy: Policy, raw: Array<Record<string, unknown>>, ctx: LintContext): void {
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
        `${statementLabel(s, 'Statement')} has no Principal: a trust policy must name who may assume the role.`,
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
      list?.forEach((a, i) =>
        lintTrustAction(s, element, a, listPath([...s.path, element], i), looksLikeIdentity, add),
      );
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

function lintTrustAction(
  s: PolicyStatement,
  element: 'Action' | 'NotAction',
  a: string,
  path: JsonPath,
  looksLikeIdentity: boolean,
  add: AddFinding,
): void {
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
}

function lintPrincipal(s: PolicyStatement, ctx: LintContext): void {
  const { add, listPath } = ctx;
  const set = s.principal;
  if (!set) return;
  const conditional = s.conditions.length > 0;
  const wildcard = (path: JsonPath, where: string) => {
    if (s.effect !== 'Allow') return;
    add(
      conditional ? 'warning' : 'danger',
      conditional ? 'wildcard_principal_conditional' : 'wildcard_principal',
      path,
      conditional
        ? `${where} lets any principal in any AWS account assume the role whenever the conditions hold.`
        : `${where} with no Condition lets anyone, in any AWS account, assume this role.`,
      "Name the broker's exact ARN instead, or at least pin aws:PrincipalAccount / aws:PrincipalOrgID.",
    );
  };
  if (set.wildcard) wildcard(set.path, '"Principal": "*"');
  for (const [type, values] of Object.entries(set.byType)) {
    values.forEach((v, i) => {
      const path = listPath([...set.path, type], i);
      if (type === 'Service' && !/^[a-z0-9.-]+\.amazonaws\.com(?:\.cn)?$/.test(v)) {
        add(
          'warning',
          'service_principal_invalid',
          path,
          `"${v}" does not look like a service principal (such as ec2.amazonaws.com).`,
        );
      } else if (type === 'AWS' && v === '*') wildcard(path, '"AWS": "*"');
      else if (type === 'AWS') lintAwsPrincipal(v, path, add);
    });
  }
}

/** One value of "AWS": an account, a principal ARN, or what IAM leaves when the principal is deleted. */
function lintAwsPrincipal(v: string, path: JsonPath, add: AddFinding): void {
  if (/^\d{12}$/.test(v) || /^arn:[^:]+:iam::\d{12}:root$/.test(v)) {
    add(
      'info',
      'account_principal',
      path,
      `${v} trusts every user and role of that account whose own permissions allow sts:AssumeRole on this role.`,
      "To trust only Gatehouse, name the broker's exact role or user ARN.",
    );
    return;
  }
  if (UNIQUE_ID.test(v)) {
    add(
      'warning',
      'principal_deleted',
      path,
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
      path,
      `"${v}" is not a principal IAM accepts: use a 12-digit account id or an ARN such as arn:aws:iam::111122223333:role/name.`,
    );
    return;
  }
  if (!/^\d{12}$/.test(m[3] ?? '')) {
    add(
      'error',
      'principal_account_invalid',
      path,
      `The account "${m[3]}" in ${v} is not a 12-digit AWS account id; IAM rejects the policy ("Invalid principal").`,
      'This looks like a placeholder from an example: put the real account id.',
    );
    return;
  }
  if (/[*?]/.test(v)) {
    add(
      'error',
      'principal_wildcard_arn',
      path,
      `Wildcards are not allowed inside a principal ARN (${v}).`,
      'Trust the account ("arn:aws:iam::ACCOUNT:root") and narrow it with an ArnLike condition on aws:PrincipalArn.',
    );
  }
}
