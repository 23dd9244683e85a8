import type { AdminUser } from '@gatehouse/contracts';

export type UserStatus = 'disabled' | 'locked' | 'awaitingEnrolment' | 'mfaPending' | 'active';

/** The one status an admin most needs to act on, in that order of precedence. */
export function userStatus(user: AdminUser, now: Date): UserStatus {
  if (user.disabled) return 'disabled';
  if (user.lockedUntil && new Date(user.lockedUntil).getTime() > now.getTime()) return 'locked';
  // No password yet, or an authenticator reset: either way only the enrolment link lets them in.
  if (!user.hasPassword || user.enrolmentLinkRequired) return 'awaitingEnrolment';
  if (!user.mfaEnrolled) return 'mfaPending';
  return 'active';
}

export function isLocked(user: AdminUser, now: Date): boolean {
  return user.lockedUntil !== null && new Date(user.lockedUntil).getTime() > now.getTime();
}
