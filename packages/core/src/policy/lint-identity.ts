/** Lint rules for identity-based (permissions) policies. */
import type { LintContext } from './lint-context';
import { statementLabel } from './model';
import type { Policy } from './model';

export function lintIdentity(policy: Policy, ctx: LintContext): void {
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
        `${statementLabel(s, 'Statement')} has no Resource.`,
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
