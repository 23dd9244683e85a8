/** Common English UI strings. */
export const common = {
  'app.name': 'Gatehouse',
  'app.language': 'Language',
  'app.signOut': 'Sign out',
  'app.profile': 'Profile',
  'app.dashboard': 'My access',
  'app.admin': 'Administration',
  'app.audit': 'Audit log',
  'app.loading': 'Loading…',
  'app.error': 'Something went wrong: {message}',
  'app.notFound': 'This page does not exist.',
  'duration.hours': '{h} h',
  'duration.minutes': '{m} min',
  'duration.hoursMinutes': '{h} h {m} min',
} as const;
