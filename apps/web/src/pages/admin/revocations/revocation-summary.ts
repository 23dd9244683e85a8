/**
 * The one sentence above a user's revocations: for a disabled user, plainly whether their AWS
 * sessions are already cut off on every role; for anyone, whether anything is still outstanding.
 * Pending or failing anywhere means "not yet", never "done".
 */
import type { AlertProps } from '@cloudscape-design/components/alert';
import type { I18n } from '../../../i18n';
import { revocationTotal } from './revocation-model';
import type { RevocationList } from './revocation-model';

export interface RevocationSummary {
  type: AlertProps.Type;
  text: string;
}

/** Roles in the rows, by ARN (a role removed from Gatehouse has no id): denied if any row there is applied. */
function rolesOf(list: RevocationList): { roles: number; denied: number } {
  const applied = new Map<string, boolean>();
  for (const r of list.revocations) {
    applied.set(r.role.arn, (applied.get(r.role.arn) ?? false) || r.status === 'applied');
  }
  return { roles: applied.size, denied: [...applied.values()].filter(Boolean).length };
}

export function summariseUserRevocations(
  list: RevocationList,
  disabled: boolean,
  { t, formatNumber }: Pick<I18n, 't' | 'formatNumber'>,
): RevocationSummary {
  const { pending, failing } = list.counts;
  const total = revocationTotal(list.counts);
  const outstanding = pending + failing;
  if (total === 0) {
    return {
      type: 'info',
      text: disabled ? t('admin.revocations.summary.noneDisabled') : t('admin.revocations.summary.none'),
    };
  }
  if (outstanding > 0) {
    const vars = { count: outstanding, total: formatNumber(total) };
    return {
      type: failing > 0 ? 'error' : 'warning',
      text: disabled
        ? t('admin.revocations.summary.outstandingDisabled', vars)
        : t('admin.revocations.summary.outstanding', vars),
    };
  }
  if (!disabled) return { type: 'success', text: t('admin.revocations.summary.allDone', { count: total }) };
  const { roles, denied } = rolesOf(list);
  return {
    type: 'success',
    text:
      denied === roles
        ? t('admin.revocations.summary.cutOff', { count: roles })
        : t('admin.revocations.summary.cutOffExpired', { count: roles, denied: formatNumber(denied) }),
  };
}
