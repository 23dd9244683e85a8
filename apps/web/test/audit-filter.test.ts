import { describe, expect, it } from 'vitest';
import {
  EMPTY_FILTER,
  absoluteBound,
  apiFilter,
  auditExportUrl,
  auditListUrl,
  filterFromSearch,
  filterToSearch,
  rangeProblem,
  subtract,
} from '../src/pages/audit/audit-filter';
import type { AuditFilterState } from '../src/pages/audit/audit-filter';
import { knownUserNames, targetName } from '../src/pages/audit/audit-names';
import type { AuditEventSchema } from '@gatehouse/contracts';

const USER = '11111111-1111-4111-8111-111111111111';
const ACCOUNT = '22222222-2222-4222-8222-222222222222';
const ROLE = '33333333-3333-4333-8333-333333333333';

describe('filter in the address bar', () => {
  it('round-trips every filter', () => {
    const state: AuditFilterState = {
      user: USER,
      account: ACCOUNT,
      role: ROLE,
      action: 'access.',
      outcome: 'denied',
      range: { type: 'relative', amount: 24, unit: 'hour' },
    };
    const search = filterToSearch(state);
    expect(search.toString()).toBe(
      `user=${USER}&account=${ACCOUNT}&role=${ROLE}&action=access.&outcome=denied&last=24-hour`,
    );
    expect(filterFromSearch(search)).toEqual(state);
  });

  it('keeps an absolute range as the picker gave it', () => {
    const range = {
      type: 'absolute' as const,
      startDate: '2030-01-01T00:00:00+09:00',
      endDate: '2030-01-02',
    };
    expect(filterFromSearch(filterToSearch({ ...EMPTY_FILTER, range })).range).toEqual(range);
  });

  it('drops what it does not understand instead of failing', () => {
    expect(
      filterFromSearch(
        new URLSearchParams(
          'user=alice&account=1&outcome=maybe&last=3-fortnight&from=yesterday&to=today&action=%20x%20',
        ),
      ),
    ).toEqual({ ...EMPTY_FILTER, action: 'x' });
    expect(filterFromSearch(new URLSearchParams('last=0-hour')).range).toBeNull();
  });
});

describe('what the API is asked', () => {
  const now = new Date('2030-03-31T12:00:00.000Z');

  it('resolves a relative range against one fixed now', () => {
    expect(
      apiFilter({ ...EMPTY_FILTER, range: { type: 'relative', amount: 24, unit: 'hour' } }, now),
    ).toEqual({
      from: '2030-03-30T12:00:00.000Z',
    });
    expect(subtract(now, 90, 'second').toISOString()).toBe('2030-03-31T11:58:30.000Z');
    expect(subtract(new Date(2030, 2, 31, 12, 0, 0), 2, 'week')).toEqual(new Date(2030, 2, 17, 12, 0, 0));
  });

  it('subtracts calendar months and years', () => {
    const local = new Date(2030, 4, 15, 10, 0, 0);
    expect(subtract(local, 1, 'month')).toEqual(new Date(2030, 3, 15, 10, 0, 0));
    expect(subtract(local, 1, 'year')).toEqual(new Date(2029, 4, 15, 10, 0, 0));
  });

  it('turns picker dates into instants; a date alone covers the whole day', () => {
    expect(absoluteBound('2030-01-02T03:04:05+09:00', 'start')).toBe('2030-01-01T18:04:05.000Z');
    expect(absoluteBound('2030-01-02', 'start')).toBe(new Date(2030, 0, 2, 0, 0, 0, 0).toISOString());
    expect(absoluteBound('2030-01-02', 'end')).toBe(new Date(2030, 0, 2, 23, 59, 59, 999).toISOString());
    expect(absoluteBound('soon', 'end')).toBeNull();
  });

  it('passes the other filters through and leaves out empty ones', () => {
    expect(apiFilter({ ...EMPTY_FILTER, user: USER, action: '  auth.* ', outcome: 'failure' }, now)).toEqual({
      user: USER,
      action: 'auth.*',
      outcome: 'failure',
    });
    expect(apiFilter(EMPTY_FILTER, now)).toEqual({});
  });

  it('builds the list and export addresses with the same filter', () => {
    const filter = { user: USER, action: 'access.', from: '2030-03-30T12:00:00.000Z' };
    expect(auditListUrl(filter, null, 50)).toBe(
      `/api/admin/audit?user=${USER}&action=access.&from=2030-03-30T12%3A00%3A00.000Z&limit=50`,
    );
    expect(auditListUrl(filter, 'YTE6MTA', 50)).toContain('&cursor=YTE6MTA&limit=50');
    expect(auditExportUrl(filter, 'jsonl')).toBe(
      `/api/admin/audit/export?user=${USER}&action=access.&from=2030-03-30T12%3A00%3A00.000Z&format=jsonl`,
    );
    expect(auditExportUrl({}, 'csv')).toBe('/api/admin/audit/export?format=csv');
  });
});

describe('rangeProblem', () => {
  it('refuses incomplete, backwards and empty ranges', () => {
    expect(rangeProblem(null)).toBeNull();
    expect(rangeProblem({ type: 'absolute', startDate: '2030-01-02', endDate: '2030-01-01' })).toBe('order');
    expect(rangeProblem({ type: 'absolute', startDate: '2030-01-01', endDate: '2030-01-01' })).toBeNull();
    expect(rangeProblem({ type: 'absolute', startDate: '', endDate: '2030-01-01' })).toBe('incomplete');
    expect(rangeProblem({ type: 'relative', amount: 0, unit: 'day' })).toBe('amount');
    expect(rangeProblem({ type: 'relative', amount: 3, unit: 'day' })).toBeNull();
  });
});

describe('targetName', () => {
  const event: AuditEventSchema = {
    id: '7',
    occurredAt: '2030-01-01T00:00:00.000Z',
    action: 'admin.user_unlock',
    outcome: 'success',
    actorId: USER,
    actorUsername: 'root-admin',
    targetUserId: '99999999-9999-4999-8999-999999999999',
    accountId: null,
    roleId: null,
    correlationId: null,
    ip: null,
    userAgent: null,
    requestId: null,
    details: { username: 'bob' },
    prevHash: 'a',
    hash: 'b',
  };

  it('names the target from the details, the actor when they are the same, or a short id', () => {
    expect(targetName(event)).toBe('bob');
    expect(targetName({ ...event, targetUserId: USER })).toBe('root-admin');
    expect(targetName({ ...event, details: null })).toBe('99999999…');
    expect(targetName({ ...event, targetUserId: null })).toBeNull();
  });

  it('finds the name in a created user’s snapshot and in a grant’s subject', () => {
    const target = event.targetUserId ?? '';
    const created = {
      ...event,
      action: 'admin.user_create',
      details: { before: null, after: { username: 'dave' } },
    };
    expect(targetName(created)).toBe('dave');
    const granted = {
      ...event,
      action: 'admin.grant_create',
      details: { grantId: 'g', subject: { type: 'user', id: target, name: 'erin' }, before: null },
    };
    expect(targetName(granted)).toBe('erin');
  });

  it('names a user the event does not from the users and events the page has, else a short id', () => {
    const removed = { ...event, action: 'admin.group_member_remove', details: { groupId: 'g', after: null } };
    expect(targetName(removed)).toBe('99999999…');
    const target = event.targetUserId ?? '';
    const fromUsers = knownUserNames([], [{ id: target, username: 'frank' }]);
    expect(targetName(removed, fromUsers)).toBe('frank');
    // Someone who acted in another event on the page is known by that name.
    const theirSignIn = {
      ...event,
      id: '8',
      action: 'auth.password',
      actorId: target,
      actorUsername: 'gina',
    };
    expect(targetName(removed, knownUserNames([theirSignIn, removed], []))).toBe('gina');
  });
});
