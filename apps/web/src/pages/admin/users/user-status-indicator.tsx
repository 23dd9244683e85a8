import StatusIndicator from '@cloudscape-design/components/status-indicator';
import type { StatusIndicatorProps } from '@cloudscape-design/components/status-indicator';
import type { AdminUser } from '@gatehouse/contracts';
import { useI18n } from '../../../i18n';
import type { MessageKey } from '../../../i18n';
import { userStatus } from './user-status';
import type { UserStatus } from './user-status';

const LOOK: Record<UserStatus, { type: StatusIndicatorProps.Type; label: MessageKey }> = {
  disabled: { type: 'stopped', label: 'admin.users.status.disabled' },
  locked: { type: 'warning', label: 'admin.users.status.locked' },
  awaitingEnrolment: { type: 'pending', label: 'admin.users.status.awaitingEnrolment' },
  mfaPending: { type: 'pending', label: 'admin.users.status.mfaPending' },
  active: { type: 'success', label: 'admin.users.status.active' },
};

export function UserStatusIndicator({ user }: { user: AdminUser }) {
  const { t, formatDateTime } = useI18n();
  const status = userStatus(user, new Date());
  const look = LOOK[status];
  return (
    <StatusIndicator type={look.type}>
      {status === 'locked' && user.lockedUntil
        ? t('admin.users.status.lockedUntil', { at: formatDateTime(user.lockedUntil) })
        : t(look.label)}
    </StatusIndicator>
  );
}
