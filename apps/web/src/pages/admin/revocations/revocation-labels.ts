/**
 * The words and looks of a revocation's reason, scope and status: one message per literal of the
 * contract, so a literal added there does not compile here until it has its words.
 */
import type { StatusIndicatorProps } from '@cloudscape-design/components/status-indicator';
import type { RevocationReason, RevocationScope, RevocationStatus } from '@gatehouse/contracts';
import type { MessageKey } from '../../../i18n';

export const REASON_LABEL: Record<RevocationReason, MessageKey> = {
  user_disabled: 'admin.revocations.reason.user_disabled',
  mfa_reset: 'admin.revocations.reason.mfa_reset',
  grant_deleted: 'admin.revocations.reason.grant_deleted',
  grant_expired: 'admin.revocations.reason.grant_expired',
  membership_removed: 'admin.revocations.reason.membership_removed',
  cli_login_revoked: 'admin.revocations.reason.cli_login_revoked',
  signed_out_everywhere: 'admin.revocations.reason.signed_out_everywhere',
  role_removed: 'admin.revocations.reason.role_removed',
  account_removed: 'admin.revocations.reason.account_removed',
  account_disabled: 'admin.revocations.reason.account_disabled',
};

export const SCOPE_LABEL: Record<RevocationScope, MessageKey> = {
  role: 'admin.revocations.scope.role',
  user: 'admin.revocations.scope.user',
  grant: 'admin.revocations.scope.grant',
  grant_user: 'admin.revocations.scope.grant_user',
  login: 'admin.revocations.scope.login',
};

/** Pending is on its way, applied is done, failing is retried, given up stopped (sessions expired). */
export const STATUS_LOOK: Record<RevocationStatus, { type: StatusIndicatorProps.Type; label: MessageKey }> = {
  pending: { type: 'pending', label: 'admin.revocations.status.pending' },
  applied: { type: 'success', label: 'admin.revocations.status.applied' },
  failing: { type: 'error', label: 'admin.revocations.status.failing' },
  given_up: { type: 'stopped', label: 'admin.revocations.status.given_up' },
};
