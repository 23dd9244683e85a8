/** Words for audit actions and outcomes; unknown actions (newer servers) show their code. */
import type { StatusIndicatorProps } from '@cloudscape-design/components/status-indicator';
import type { MessageKey } from '../../i18n';
import type { AuditOutcome } from './audit-filter';

export const ACTION_LABELS: Record<string, MessageKey> = {
  'setup.first_admin': 'audit.action.setup.first_admin',
  'auth.password': 'audit.action.auth.password',
  'auth.totp': 'audit.action.auth.totp',
  'auth.recovery_code': 'audit.action.auth.recovery_code',
  'auth.lockout': 'audit.action.auth.lockout',
  'auth.logout': 'audit.action.auth.logout',
  'auth.session_end': 'audit.action.auth.session_end',
  'auth.enrol': 'audit.action.auth.enrol',
  'auth.enrolment_link': 'audit.action.auth.enrolment_link',
  'auth.password_change': 'audit.action.auth.password_change',
  'auth.mfa_reset': 'audit.action.auth.mfa_reset',
  'auth.recovery_codes_regenerate': 'audit.action.auth.recovery_codes_regenerate',
  'auth.step_up': 'audit.action.auth.step_up',
  'access.console': 'audit.action.access.console',
  'access.credentials': 'audit.action.access.credentials',
  'admin.user_create': 'audit.action.admin.user_create',
  'admin.user_update': 'audit.action.admin.user_update',
  'admin.user_disable': 'audit.action.admin.user_disable',
  'admin.user_enable': 'audit.action.admin.user_enable',
  'admin.user_unlock': 'audit.action.admin.user_unlock',
  'admin.user_reset_mfa': 'audit.action.admin.user_reset_mfa',
  'admin.user_enrolment_link': 'audit.action.admin.user_enrolment_link',
  'admin.group_create': 'audit.action.admin.group_create',
  'admin.group_update': 'audit.action.admin.group_update',
  'admin.group_delete': 'audit.action.admin.group_delete',
  'admin.group_member_add': 'audit.action.admin.group_member_add',
  'admin.group_member_remove': 'audit.action.admin.group_member_remove',
  'admin.account_create': 'audit.action.admin.account_create',
  'admin.account_update': 'audit.action.admin.account_update',
  'admin.account_delete': 'audit.action.admin.account_delete',
  'admin.role_create': 'audit.action.admin.role_create',
  'admin.role_update': 'audit.action.admin.role_update',
  'admin.role_delete': 'audit.action.admin.role_delete',
  'admin.grant_create': 'audit.action.admin.grant_create',
  'admin.grant_update': 'audit.action.admin.grant_update',
  'admin.grant_delete': 'audit.action.admin.grant_delete',
  'admin.audit_export': 'audit.action.admin.audit_export',
  'cli.device_approve': 'audit.action.cli.device_approve',
  'cli.device_deny': 'audit.action.cli.device_deny',
  'cli.token_issue': 'audit.action.cli.token_issue',
  'cli.token_use': 'audit.action.cli.token_use',
  'cli.token_revoke': 'audit.action.cli.token_revoke',
  'cli.token_revoke_all': 'audit.action.cli.token_revoke_all',
};

/** Prefixes the action filter suggests before the exact names. */
export const ACTION_PREFIXES = ['access.', 'auth.', 'admin.', 'cli.', 'setup.'];

export const OUTCOME_LOOK: Record<AuditOutcome, { type: StatusIndicatorProps.Type; label: MessageKey }> = {
  success: { type: 'success', label: 'audit.outcome.success' },
  issued: { type: 'success', label: 'audit.outcome.issued' },
  failure: { type: 'error', label: 'audit.outcome.failure' },
  failed: { type: 'error', label: 'audit.outcome.failed' },
  denied: { type: 'warning', label: 'audit.outcome.denied' },
  pending: { type: 'pending', label: 'audit.outcome.pending' },
  abandoned: { type: 'stopped', label: 'audit.outcome.abandoned' },
};
