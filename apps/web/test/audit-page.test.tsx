// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { AuditEventSchema } from '@gatehouse/contracts';
import { fixtures, ids, renderArea, scriptApi } from './admin-harness';
import { resetAfterEach } from './reset';

resetAfterEach();

function event(id: number, overrides: Partial<AuditEventSchema> = {}): AuditEventSchema {
  return {
    id: String(id),
    occurredAt: `2030-01-01T00:00:${String(id % 60).padStart(2, '0')}.000Z`,
    action: 'access.console',
    outcome: 'issued',
    actorId: ids.user,
    actorUsername: 'alice',
    targetUserId: ids.user,
    accountId: ids.account,
    roleId: ids.role,
    correlationId: 'corr-1',
    ip: '203.0.113.9',
    userAgent: 'Mozilla/5.0',
    requestId: `req-${id}`,
    details: {
      durationSeconds: 3600,
      assumedRoleArn: 'arn:aws:sts::123456789012:assumed-role/ReadOnly/alice',
    },
    prevHash: `prev-${id}`,
    hash: `hash-${id}`,
    ...overrides,
  };
}

const lookups = [
  { method: 'GET', path: '/api/admin/accounts', body: { accounts: [fixtures.account] } },
  { method: 'GET', path: '/api/admin/roles', body: { roles: [fixtures.role] } },
];

describe('audit page', () => {
  it('asks with the filter from the address, pages by cursor, and exports the same filter', async () => {
    // A short first page keeps the test quick; the cursor, not the count, says more exist.
    const first = Array.from({ length: 3 }, (_, i) => event(100 - i));
    const api = scriptApi([
      ...lookups,
      {
        method: 'GET',
        path: /^\/api\/admin\/audit\?outcome=denied&limit=50$/,
        body: { events: first, nextCursor: 'CUR1' },
      },
      {
        method: 'GET',
        path: /^\/api\/admin\/audit\?outcome=denied&cursor=CUR1&limit=50$/,
        body: {
          events: [event(7, { action: 'auth.lockout', outcome: 'denied', accountId: null, roleId: null })],
          nextCursor: null,
        },
      },
    ]);
    renderArea('/audit?outcome=denied');

    expect((await screen.findAllByText('Console session')).length).toBe(3);
    expect(screen.getAllByText('Production (123456789012)').length).toBe(3);
    expect(screen.getByRole('link', { name: 'Export CSV' }).getAttribute('href')).toBe(
      '/api/admin/audit/export?outcome=denied&format=csv',
    );
    expect(screen.getByRole('link', { name: 'Export JSON Lines' }).getAttribute('href')).toBe(
      '/api/admin/audit/export?outcome=denied&format=jsonl',
    );

    fireEvent.click(screen.getByRole('button', { name: 'Next page' }));
    expect(await screen.findByText('Sign-in locked')).toBeTruthy();
    expect(api.calls.filter((c) => c.url.startsWith('/api/admin/audit?')).map((c) => c.url)).toEqual([
      '/api/admin/audit?outcome=denied&limit=50',
      '/api/admin/audit?outcome=denied&cursor=CUR1&limit=50',
    ]);
  });

  it('opens an event with every field and its details JSON', async () => {
    scriptApi([
      ...lookups,
      { method: 'GET', path: /^\/api\/admin\/audit\?/, body: { events: [event(1)], nextCursor: null } },
    ]);
    renderArea('/audit');
    const open = await screen.findByRole('button', { name: /^Details of access\.console at / });
    fireEvent.click(open);
    const dialog = await screen.findByRole('dialog', { name: 'Audit event 1' });
    for (const text of [
      'req-1',
      'corr-1',
      'prev-1',
      'hash-1',
      'Mozilla/5.0',
      '203.0.113.9',
      fixtures.role.arn,
    ]) {
      expect(within(dialog).getByText(text)).toBeTruthy();
    }
    const json = within(dialog).getByRole('region', { name: 'Details (JSON)' });
    expect(JSON.parse(json.textContent ?? '')).toEqual(event(1).details);
  });

  it('names the user affected, from the event or the users list, and keeps the id for the unknown', async () => {
    const dave = '77777777-7777-4777-8777-777777777777';
    const gone = '88888888-8888-4888-8888-888888888888';
    const admin = { actorId: ids.user2, actorUsername: 'root', accountId: null, roleId: null };
    scriptApi([
      ...lookups,
      {
        method: 'GET',
        path: /^\/api\/admin\/users\?/,
        body: { users: [fixtures.user], total: 1, limit: 25, offset: 0 },
      },
      {
        method: 'GET',
        path: /^\/api\/admin\/audit\?/,
        body: {
          events: [
            event(3, {
              ...admin,
              action: 'admin.user_create',
              targetUserId: dave,
              details: { before: null, after: { username: 'dave', displayName: 'Dave' } },
            }),
            event(2, {
              ...admin,
              action: 'admin.group_member_remove',
              targetUserId: ids.user,
              details: { groupId: ids.group, groupName: 'ops', before: {}, after: null },
            }),
            event(1, { ...admin, action: 'admin.user_unlock', targetUserId: gone, details: {} }),
          ],
          nextCursor: null,
        },
      },
    ]);
    renderArea('/audit');
    expect(await screen.findByText('dave')).toBeTruthy();
    // Not in the event, but in the users the page loaded.
    expect(await screen.findByText('alice')).toBeTruthy();
    expect(screen.getByText('88888888…')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: /^Details of admin\.user_create at / }));
    const dialog = await screen.findByRole('dialog', { name: 'Audit event 3' });
    expect(within(dialog).getByRole('link', { name: 'dave' }).getAttribute('href')).toBe(
      `/admin/users/${dave}`,
    );
    expect(within(dialog).getByText(dave)).toBeTruthy();
  });

  it('names the time range filter once, by its label and value, in either language', async () => {
    scriptApi([
      ...lookups,
      { method: 'GET', path: /^\/api\/admin\/audit\?/, body: { events: [], nextCursor: null } },
    ]);
    renderArea('/audit');
    expect(await screen.findByRole('button', { name: 'Time range Any time' })).toBeTruthy();
    cleanup();
    renderArea('/audit', 'ja');
    expect(await screen.findByRole('button', { name: '期間 すべての期間' })).toBeTruthy();
  });

  it('shows the chain check, intact or broken', async () => {
    const api = scriptApi([
      ...lookups,
      { method: 'GET', path: /^\/api\/admin\/audit\?/, body: { events: [], nextCursor: null } },
      {
        method: 'GET',
        path: '/api/admin/audit/verify',
        body: { intact: false, checked: 41, broken: { id: '42', reason: 'hash mismatch' } },
      },
    ]);
    renderArea('/audit');
    expect(await screen.findByText('The audit log is empty.')).toBeTruthy();
    expect(api.calls.some((c) => c.url === '/api/admin/audit/verify')).toBe(false);
    fireEvent.click(screen.getByRole('button', { name: 'Verify now' }));
    expect(
      await screen.findByText('The chain is broken at event 42. 41 events before it were verified.'),
    ).toBeTruthy();
    expect(screen.getByText('Reason: hash mismatch')).toBeTruthy();
  });

  it('reports an invalid filter from the server', async () => {
    scriptApi([
      ...lookups,
      {
        method: 'GET',
        path: /^\/api\/admin\/audit\?/,
        status: 400,
        body: {
          requestId: 'r9',
          statusCode: 400,
          error: 'validation',
          message: 'Invalid filter: action a prefix needs at least one character.',
          fields: [{ field: 'action', reason: 'a prefix needs at least one character' }],
        },
      },
    ]);
    renderArea('/audit?action=*');
    expect(
      await screen.findByText('Invalid filter: action a prefix needs at least one character.'),
    ).toBeTruthy();
  });

  it('narrows to a user linked from the admin pages and clears filters', async () => {
    const api = scriptApi([
      ...lookups,
      { method: 'GET', path: `/api/admin/users/${ids.user}`, body: fixtures.user },
      { method: 'GET', path: /^\/api\/admin\/users\?/, body: { users: [], total: 0, limit: 25, offset: 0 } },
      { method: 'GET', path: /^\/api\/admin\/audit\?/, body: { events: [], nextCursor: null } },
    ]);
    renderArea(`/audit?user=${ids.user}`);
    expect(await screen.findByText('No events match these filters.')).toBeTruthy();
    expect(await screen.findByText('alice')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Clear filters' }));
    await waitFor(() =>
      expect(api.calls.filter((c) => c.url.startsWith('/api/admin/audit?')).map((c) => c.url)).toEqual([
        `/api/admin/audit?user=${ids.user}&limit=50`,
        '/api/admin/audit?limit=50',
      ]),
    );
  });
});
