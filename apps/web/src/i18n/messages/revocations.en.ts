/** English strings of the revocations at AWS shown on the user and role pages (admin area). */
export const revocations = {
  'admin.revocations.user.title': 'AWS sessions',
  'admin.revocations.user.description':
    'When access is taken away, Gatehouse denies at AWS the sessions already issued: one revocation per role they had sessions on.',
  'admin.revocations.user.tableLabel': 'Revocations of the AWS sessions of {username}',
  'admin.revocations.user.empty': 'No AWS sessions of this user have been revoked.',
  'admin.revocations.role.title': 'Automatic revocations',
  'admin.revocations.role.description':
    'Sessions of this role Gatehouse denies at AWS by itself because access was taken away: a user disabled, a grant deleted or expired, a CLI login revoked.',
  'admin.revocations.role.tableLabel': 'Automatic revocations on {role}',
  'admin.revocations.role.empty': 'Gatehouse has not revoked any session of this role by itself.',
  'admin.revocations.shown': 'Showing the newest {shown} of {total}.',

  'admin.revocations.column.role': 'Role',
  'admin.revocations.column.target': 'Sessions of',
  'admin.revocations.column.reason': 'Reason',
  'admin.revocations.column.scope': 'Which sessions',
  'admin.revocations.column.cutoff': 'Issued before',
  'admin.revocations.column.status': 'Status',
  'admin.revocations.column.nextAttempt': 'Next try',
  'admin.revocations.column.liveSessions': 'Live sessions then',
  'admin.revocations.column.applied': 'Applied',
  'admin.revocations.account': 'Account {id}',
  'admin.revocations.roleGone': 'No longer in Gatehouse',
  'admin.revocations.everyone': 'Everyone',
  'admin.revocations.grant': 'Grant {id}',
  'admin.revocations.login': 'CLI login {id}',
  'admin.revocations.requestedBy': 'by {name}',
  'admin.revocations.requestedByServer': 'by Gatehouse',

  'admin.revocations.status.pending': 'Pending',
  'admin.revocations.status.applied': 'Applied',
  'admin.revocations.status.failing': 'Failing',
  'admin.revocations.status.given_up': 'Retries stopped',
  'admin.revocations.nextAttempt': 'Next try {at}',
  'admin.revocations.nextRetry': 'Retrying {at}',
  'admin.revocations.lastError': 'Last error: {error}',
  'admin.revocations.attempts.one': '{count} attempt so far',
  'admin.revocations.attempts.other': '{count} attempts so far',
  'admin.revocations.givenUp': 'The sessions expired at {at} anyway, so Gatehouse stopped retrying.',

  'admin.revocations.reason.user_disabled': 'User disabled',
  'admin.revocations.reason.mfa_reset': 'Authenticator reset',
  'admin.revocations.reason.grant_deleted': 'Grant deleted',
  'admin.revocations.reason.grant_expired': 'Grant expired',
  'admin.revocations.reason.membership_removed': 'Removed from a group',
  'admin.revocations.reason.cli_login_revoked': 'CLI login revoked',
  'admin.revocations.reason.signed_out_everywhere': 'Signed out everywhere',
  'admin.revocations.reason.role_removed': 'Role removed',
  'admin.revocations.reason.account_removed': 'AWS account removed',
  'admin.revocations.reason.account_disabled': 'AWS account disabled',

  'admin.revocations.scope.role': 'All sessions of the role',
  'admin.revocations.scope.user': 'All of the user’s sessions',
  'admin.revocations.scope.grant': 'Sessions issued under one grant',
  'admin.revocations.scope.grant_user': 'The user’s sessions under one group grant',
  'admin.revocations.scope.login': 'Sessions issued through one CLI login',

  'admin.revocations.summary.none':
    'No revocations: Gatehouse has not had to cut off any AWS session of theirs.',
  'admin.revocations.summary.noneDisabled':
    'They are disabled and had no live AWS sessions when their access was taken away: there was nothing to cut off at AWS.',
  'admin.revocations.summary.cutOff.one':
    'Their AWS sessions are cut off everywhere: the {count} AWS role they had sessions on denies those sessions now.',
  'admin.revocations.summary.cutOff.other':
    'Their AWS sessions are cut off everywhere: all {count} AWS roles they had sessions on deny those sessions now.',
  'admin.revocations.summary.cutOffExpired.one':
    'Their AWS sessions no longer work anywhere: on the {count} AWS role they had sessions on, the sessions expired before the deny could be written.',
  'admin.revocations.summary.cutOffExpired.other':
    'Their AWS sessions no longer work anywhere: {denied} of the {count} AWS roles they had sessions on deny those sessions now, and on the others the sessions expired before the deny could be written.',
  'admin.revocations.summary.outstandingDisabled.one':
    'Their AWS sessions are not cut off everywhere yet: {count} of {total} revocations is still pending or failing, so their sessions may still work on that role until it is applied.',
  'admin.revocations.summary.outstandingDisabled.other':
    'Their AWS sessions are not cut off everywhere yet: {count} of {total} revocations are still pending or failing, so their sessions may still work on those roles until they are applied.',
  'admin.revocations.summary.allDone.one':
    'Nothing is outstanding: the {count} revocation is applied at AWS or no longer needed.',
  'admin.revocations.summary.allDone.other':
    'Nothing is outstanding: all {count} revocations are applied at AWS or no longer needed.',
  'admin.revocations.summary.outstanding.one':
    '{count} of {total} revocations is still pending or failing: the sessions it targets may still work on that role until it is applied.',
  'admin.revocations.summary.outstanding.other':
    '{count} of {total} revocations are still pending or failing: the sessions they target may still work on those roles until they are applied.',
} as const;
