import { describe, expect, it } from 'vitest';
import { ApiError } from '../src/api';
import { checkAccount, consoleColourOf, normaliseColour } from '../src/pages/admin/accounts/account-model';
import type { AccountFormState } from '../src/pages/admin/accounts/account-model';
import { matchesFilter, paginate } from '../src/pages/admin/shared/collection';
import { minutesText, parseSessionMinutes } from '../src/pages/admin/shared/duration';
import { errorKind, fieldErrorOf, indexedFieldErrors, needsAlert } from '../src/pages/admin/shared/errors';
import { queryString } from '../src/pages/admin/shared/queries';
import { checkRole, formatPolicy } from '../src/pages/admin/roles/role-model';
import type { RoleFormState } from '../src/pages/admin/roles/role-model';
import { userStatus } from '../src/pages/admin/users/user-status';
import { grantQueryFromSearch } from '../src/pages/admin/grants/grants-page';
import type { AdminUser } from '@gatehouse/contracts';

const ACCOUNT_ID = '44444444-4444-4444-8444-444444444444';

function apiError(status: number, fields: Array<{ field: string; reason: string }> = [], message = 'Nope.') {
  return new ApiError(status, { requestId: 'req-1', statusCode: status, error: 'x', message, fields }, null);
}

describe('matchesFilter', () => {
  it('needs every term somewhere, case- and width-insensitively', () => {
    expect(matchesFilter(['Production', '123456789012'], 'prod 1234')).toBe(true);
    expect(matchesFilter(['Production', '123456789012'], 'ＰＲＯＤ')).toBe(true);
    expect(matchesFilter(['Production', '123456789012'], 'prod staging')).toBe(false);
    expect(matchesFilter([null, undefined, 'x'], '')).toBe(true);
  });
});

describe('paginate', () => {
  const items = Array.from({ length: 26 }, (_, i) => i);
  it('cuts pages and counts them', () => {
    expect(paginate(items, 2, 25)).toEqual({ items: [25], pagesCount: 2, currentPageIndex: 2 });
  });
  it('clamps a page that no longer exists after filtering', () => {
    expect(paginate(items.slice(0, 3), 4, 25)).toEqual({
      items: [0, 1, 2],
      pagesCount: 1,
      currentPageIndex: 1,
    });
    expect(paginate([], 1, 25)).toEqual({ items: [], pagesCount: 1, currentPageIndex: 1 });
  });
});

describe('session minutes', () => {
  it('parses whole minutes, fullwidth too, into seconds', () => {
    expect(parseSessionMinutes(' ６０ ', { optional: false })).toEqual({ ok: true, seconds: 3600 });
    expect(parseSessionMinutes('', { optional: true })).toEqual({ ok: true, seconds: null });
    expect(parseSessionMinutes('', { optional: false })).toEqual({ ok: false, problem: 'required' });
    expect(parseSessionMinutes('14', { optional: false })).toEqual({ ok: false, problem: 'range' });
    expect(parseSessionMinutes('-30', { optional: false })).toEqual({ ok: false, problem: 'notWhole' });
  });
  it('shows stored seconds as minutes', () => {
    expect(minutesText(5400)).toBe('90');
    expect(minutesText(901)).toBe('16');
    expect(minutesText(null)).toBe('');
  });
});

describe('API errors', () => {
  it('names the kind of failure from the status', () => {
    expect([0, 400, 401, 403, 404, 409, 429, 503, 418].map((s) => errorKind(apiError(s)))).toEqual([
      'network',
      'validation',
      'unauthorized',
      'forbidden',
      'notFound',
      'conflict',
      'rateLimited',
      'unavailable',
      'other',
    ]);
    expect(errorKind(new Error('boom'))).toBe('other');
  });

  it('finds a field’s reason, including its items', () => {
    const error = apiError(400, [
      { field: 'awsAccountId', reason: 'must be exactly 12 digits' },
      { field: 'sourceCidrs.2', reason: 'prefix must be a whole number from 0 to 32' },
      { field: 'userIds.0', reason: 'not found' },
    ]);
    expect(fieldErrorOf(error, 'awsAccountId')).toBe('must be exactly 12 digits');
    expect(fieldErrorOf(error, 'sourceCidrs')).toBe('prefix must be a whole number from 0 to 32');
    expect(fieldErrorOf(error, 'name')).toBeUndefined();
    expect(fieldErrorOf(new Error('x'), 'name')).toBeUndefined();
    expect([...indexedFieldErrors(error, 'userIds')]).toEqual([[0, 'not found']]);
  });

  it('needs an alert unless every reason is shown beside a field of the form', () => {
    expect(needsAlert(null, ['name'])).toBe(false);
    expect(needsAlert(apiError(400, [{ field: 'name', reason: 'is required' }]), ['name'])).toBe(false);
    expect(
      needsAlert(apiError(400, [{ field: 'body', reason: 'must NOT have additional properties' }]), ['name']),
    ).toBe(true);
    expect(needsAlert(apiError(400, []), ['name'])).toBe(true);
    expect(needsAlert(apiError(409, [{ field: 'username', reason: 'taken' }]), ['username'])).toBe(true);
    expect(needsAlert(apiError(404), [])).toBe(true);
    expect(needsAlert(new Error('network'), [])).toBe(true);
  });
});

describe('account form', () => {
  const base: AccountFormState = {
    awsAccountId: '1234-5678-9012',
    name: ' Production ',
    partition: 'aws',
    colour: '#F2B0A9',
    description: '',
    defaultRegion: 'ap-northeast-1',
    disabled: false,
  };

  it('normalises what admins paste', () => {
    expect(checkAccount(base).body).toEqual({
      awsAccountId: '123456789012',
      name: 'Production',
      partition: 'aws',
      colour: '#f2b0a9',
      description: '',
      defaultRegion: 'ap-northeast-1',
      disabled: false,
    });
  });

  it('refuses a short id, a bad colour and a region of another partition', () => {
    const checked = checkAccount({ ...base, awsAccountId: '12345', colour: 'red', partition: 'aws-cn' });
    expect(checked.body).toBeNull();
    expect(checked.problems).toEqual(['awsAccountId', 'colour', 'defaultRegion']);
    expect(
      checkAccount({ ...base, partition: 'aws-us-gov', defaultRegion: 'us-gov-west-1' }).problems,
    ).toEqual([]);
  });

  it('recognises the console colours', () => {
    expect(consoleColourOf('#F2B0A9')).toBe('red');
    expect(consoleColourOf('#1d8102')).toBeNull();
    expect(normaliseColour('1D8102')).toBe('#1d8102');
    expect(normaliseColour('#1d810')).toBeNull();
  });
});

describe('role form', () => {
  const base: RoleFormState = {
    accountId: ACCOUNT_ID,
    role: ' ReadOnly ',
    displayName: '',
    description: '',
    maxMinutes: '60',
    sessionPolicy: '',
    requiresStepUp: true,
  };

  it('builds the request, sending no session policy as null', () => {
    expect(checkRole(base, { existing: false }).body).toEqual({
      accountId: ACCOUNT_ID,
      role: 'ReadOnly',
      displayName: '',
      description: '',
      maxSessionSeconds: 3600,
      sessionPolicy: null,
      requiresStepUp: true,
    });
  });

  it('explains role references and policies the server would refuse', () => {
    const checked = checkRole(
      { ...base, accountId: null, role: 'role/Admin', maxMinutes: '', sessionPolicy: '{"Version": ' },
      { existing: false },
    );
    expect(checked.body).toBeNull();
    expect(checked.problems.map((p) => `${p.field}:${p.problem}`)).toEqual([
      'accountId:required',
      'role:pathNeedsSlash',
      'maxSessionSeconds:required',
      'sessionPolicy:notJson',
    ]);
    expect(checkRole({ ...base, sessionPolicy: '[]' }, { existing: false }).problems).toEqual([
      { field: 'sessionPolicy', problem: 'notObject' },
    ]);
  });

  it('accepts paths and ARNs, and keeps a display name on existing roles', () => {
    expect(checkRole({ ...base, role: '/teams/ReadOnly' }, { existing: false }).problems).toEqual([]);
    expect(
      checkRole({ ...base, role: 'arn:aws:iam::123456789012:role/teams/ReadOnly' }, { existing: false })
        .problems,
    ).toEqual([]);
    expect(checkRole(base, { existing: true }).problems).toEqual([
      { field: 'displayName', problem: 'required' },
    ]);
  });

  it('pretty-prints a stored policy for editing', () => {
    expect(formatPolicy('{"Version":"2012-10-17"}')).toBe('{\n  "Version": "2012-10-17"\n}');
    expect(formatPolicy('not json')).toBe('not json');
    expect(formatPolicy(null)).toBe('');
  });
});

describe('user status', () => {
  const user: AdminUser = {
    id: '55555555-5555-4555-8555-555555555555',
    username: 'alice',
    displayName: 'Alice',
    email: null,
    isAdmin: false,
    disabled: false,
    mfaEnrolled: true,
    hasPassword: true,
    enrolmentLinkRequired: false,
    lockedUntil: null,
    lastLoginAt: null,
    createdAt: '2030-01-01T00:00:00.000Z',
    updatedAt: '2030-01-01T00:00:00.000Z',
    groups: [],
  };
  const now = new Date('2030-01-15T12:00:00.000Z');

  it('shows what an admin must act on first', () => {
    expect(userStatus(user, now)).toBe('active');
    expect(userStatus({ ...user, mfaEnrolled: false }, now)).toBe('mfaPending');
    expect(userStatus({ ...user, hasPassword: false, mfaEnrolled: false }, now)).toBe('awaitingEnrolment');
    // After an authenticator reset the password alone opens nothing: they wait for the link.
    expect(userStatus({ ...user, mfaEnrolled: false, enrolmentLinkRequired: true }, now)).toBe(
      'awaitingEnrolment',
    );
    expect(userStatus({ ...user, lockedUntil: '2030-01-15T12:10:00.000Z' }, now)).toBe('locked');
    expect(userStatus({ ...user, lockedUntil: '2030-01-15T11:50:00.000Z' }, now)).toBe('active');
    expect(userStatus({ ...user, disabled: true, lockedUntil: '2030-01-15T12:10:00.000Z' }, now)).toBe(
      'disabled',
    );
  });
});

describe('query strings', () => {
  it('leaves out empty values', () => {
    expect(queryString({ search: '', limit: 50, offset: 0, other: undefined })).toBe('?limit=50&offset=0');
    expect(queryString({ search: 'a b&c' })).toBe('?search=a+b%26c');
    expect(queryString({})).toBe('');
  });

  it('reads the grants filter from the address', () => {
    expect(grantQueryFromSearch(new URLSearchParams('roleId=r&groupId=g&other=x'))).toEqual({
      roleId: 'r',
      groupId: 'g',
    });
  });
});
