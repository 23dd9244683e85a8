// @vitest-environment jsdom
/**
 * Revocations at AWS on the admin pages: a user's AWS sessions (with the sentence on whether a
 * disabled user is cut off everywhere) and a role's automatic revocations, in both languages,
 * refreshed while some are still pending or failing.
 */
import { describe, expect, it, vi } from 'vitest';
import { act, screen, waitFor, within } from '@testing-library/react';
import { fixtures, ids, renderArea, scriptApi } from './admin-harness';
import type { Recorded, ScriptedRoute } from './admin-harness';
import { resetAfterEach } from './reset';
import type { Revocation, RevocationList } from '../src/pages/admin/revocations/revocation-model';

resetAfterEach();

const role2 = '77777777-7777-4777-8777-777777777777';
const grantId = '88888888-8888-4888-8888-888888888888';
const loginId = '99999999-9999-4999-8999-999999999999';

let serial = 0;
function revocation(status: Revocation['status'], overrides: Partial<Revocation> = {}): Revocation {
  serial += 1;
  return {
    id: `aaaaaaaa-aaaa-4aaa-8aaa-${String(serial).padStart(12, '0')}`,
    createdAt: '2030-01-01T00:00:00.000Z',
    reason: 'user_disabled',
    scope: 'user',
    cutoff: '2030-01-01T00:00:00.000Z',
    role: { id: ids.role, arn: fixtures.role.arn, name: 'ReadOnly', awsAccountId: '123456789012' },
    user: { id: ids.user, username: 'alice' },
    grantId: null,
    loginId: null,
    liveSessions: 2,
    sessionsEndAt: '2030-01-01T12:00:00.000Z',
    status,
    attempts: status === 'pending' ? 0 : 1,
    nextAttemptAt: status === 'pending' || status === 'failing' ? '2030-01-01T00:05:00.000Z' : null,
    lastError: status === 'failing' || status === 'given_up' ? 'AccessDenied on iam:PutRolePolicy' : null,
    appliedAt: status === 'applied' ? '2030-01-01T00:01:00.000Z' : null,
    policyName: status === 'applied' ? 'GatehouseRevokeUserSessions' : null,
    requestedBy: 'admin',
    ...overrides,
  };
}

const onRole2 = {
  role: {
    id: role2,
    arn: 'arn:aws:iam::210987654321:role/Deploy',
    name: 'Deploy',
    awsAccountId: '210987654321',
  },
};

function listOf(...rows: Revocation[]): RevocationList {
  const counts = { pending: 0, applied: 0, failing: 0, given_up: 0 };
  for (const r of rows) counts[r.status] += 1;
  return { revocations: rows, counts };
}

const at = (iso: string, locale = 'en') =>
  new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));

const isRevocations = (c: Recorded) => c.url.startsWith('/api/admin/revocations');

function userPage(user: object, revocations: ScriptedRoute['body']): ScriptedRoute[] {
  return [
    { method: 'GET', path: `/api/admin/users/${ids.user}`, body: user },
    { method: 'GET', path: /^\/api\/admin\/grants\?/, body: { grants: [] } },
    { method: 'GET', path: /^\/api\/admin\/revocations\?/, body: revocations },
  ];
}

const disabledAlice = { ...fixtures.user, disabled: true };

/** The table row a cell's text is in. */
function rowWith(text: string | RegExp): HTMLElement {
  const cell = within(screen.getByRole('table', { name: /revocations/i })).getByText(text);
  const row = cell.closest('tr');
  if (!row) throw new Error(`no row holds ${String(text)}`);
  return row;
}

/** The same, once the table has loaded. */
async function findRow(text: string): Promise<HTMLElement> {
  await screen.findByRole('table', { name: /revocations/i });
  return waitFor(() => rowWith(text));
}

describe('user page: AWS sessions', () => {
  it('shows each revocation’s status in words, and that a disabled user is not cut off yet', async () => {
    const api = scriptApi(
      userPage(
        disabledAlice,
        listOf(
          revocation('failing', onRole2),
          revocation('pending', {
            role: {
              id: null,
              arn: 'arn:aws:iam::123456789012:role/Old',
              name: 'Old',
              awsAccountId: '123456789012',
            },
          }),
          revocation('applied'),
        ),
      ),
    );
    renderArea(`/admin/users/${ids.user}`);
    expect(await screen.findByRole('heading', { level: 2, name: 'AWS sessions' })).toBeTruthy();
    expect(
      await screen.findByText(
        'Their AWS sessions are not cut off everywhere yet: 2 of 3 revocations are still pending or failing, so their sessions may still work on those roles until they are applied.',
      ),
    ).toBeTruthy();
    expect(api.calls.find(isRevocations)?.url).toBe(`/api/admin/revocations?userId=${ids.user}&limit=200`);

    const failing = rowWith('Deploy');
    expect(within(failing).getByText('Failing')).toBeTruthy();
    expect(within(failing).getByText('Last error: AccessDenied on iam:PutRolePolicy')).toBeTruthy();
    expect(within(failing).getByText(`Retrying ${at('2030-01-01T00:05:00.000Z')}`)).toBeTruthy();
    expect(within(failing).getByText('Account 210987654321')).toBeTruthy();
    expect(within(failing).getByRole('link', { name: 'Deploy' }).getAttribute('href')).toBe(
      `/admin/roles/${role2}`,
    );

    const pending = rowWith('Old');
    expect(within(pending).getByText('Pending')).toBeTruthy();
    expect(within(pending).getByText(`Next try ${at('2030-01-01T00:05:00.000Z')}`)).toBeTruthy();
    // A role no longer configured is named, not linked.
    expect(within(pending).queryByRole('link')).toBeNull();
    expect(within(pending).getByText('Account 123456789012 · No longer in Gatehouse')).toBeTruthy();

    const applied = rowWith('ReadOnly');
    expect(within(applied).getByText('Applied')).toBeTruthy();
    expect(within(applied).getByText(at('2030-01-01T00:01:00.000Z'))).toBeTruthy();
    expect(within(applied).getByText('User disabled')).toBeTruthy();
    expect(within(applied).getByText('by admin')).toBeTruthy();
    expect(within(applied).getByText('All of the user’s sessions')).toBeTruthy();
    expect(within(applied).queryByText(/Last error/)).toBeNull();

    const table = screen.getByRole('table', { name: 'Revocations of the AWS sessions of alice' });
    const headers = within(table)
      .getAllByRole('columnheader')
      .map((h) => h.textContent);
    expect(headers).toEqual([
      'Role',
      'Reason',
      'Which sessions',
      'Issued before',
      'Status',
      'Live sessions then',
      'Applied',
    ]);
  });

  it('says a disabled user is cut off on every role once all are applied', async () => {
    scriptApi(userPage(disabledAlice, listOf(revocation('applied', onRole2), revocation('applied'))));
    renderArea(`/admin/users/${ids.user}`);
    expect(
      await screen.findByText(
        'Their AWS sessions are cut off everywhere: all 2 AWS roles they had sessions on deny those sessions now.',
      ),
    ).toBeTruthy();
    expect(screen.queryByText('Failing')).toBeNull();
  });

  it('tells a role that denies from one where retries stopped because the sessions expired', async () => {
    scriptApi(
      userPage(
        disabledAlice,
        listOf(revocation('given_up', { ...onRole2, attempts: 40 }), revocation('applied')),
      ),
    );
    renderArea(`/admin/users/${ids.user}`);
    expect(
      await screen.findByText(
        'Their AWS sessions no longer work anywhere: 1 of the 2 AWS roles they had sessions on deny those sessions now, and on the others the sessions expired before the deny could be written.',
      ),
    ).toBeTruthy();
    const stopped = rowWith('Deploy');
    expect(within(stopped).getByText('Retries stopped')).toBeTruthy();
    expect(
      within(stopped).getByText(
        `The sessions expired at ${at('2030-01-01T12:00:00.000Z')} anyway, so Gatehouse stopped retrying.`,
      ),
    ).toBeTruthy();
    expect(within(stopped).getByText('Last error: AccessDenied on iam:PutRolePolicy')).toBeTruthy();
  });

  it('says so when there is nothing to revoke, for a disabled user and for an active one', async () => {
    scriptApi(userPage(disabledAlice, listOf()));
    const first = renderArea(`/admin/users/${ids.user}`);
    expect(
      await screen.findByText(
        'They are disabled and had no live AWS sessions when their access was taken away: there was nothing to cut off at AWS.',
      ),
    ).toBeTruthy();
    expect(screen.getByText('No AWS sessions of this user have been revoked.')).toBeTruthy();
    first.unmount();

    scriptApi(userPage(fixtures.user, listOf()));
    renderArea(`/admin/users/${ids.user}`);
    expect(
      await screen.findByText('No revocations: Gatehouse has not had to cut off any AWS session of theirs.'),
    ).toBeTruthy();
  });

  it('asks again while a revocation is pending, and stops once it is applied', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const pending = listOf(revocation('pending'));
    const applied = listOf({ ...revocation('applied'), id: pending.revocations[0]!.id });
    // Pending until the test says the worker applied it.
    let workerDone = false;
    const api = scriptApi(userPage(disabledAlice, () => (workerDone ? applied : pending)));
    const asked = () => api.calls.filter(isRevocations).length;
    renderArea(`/admin/users/${ids.user}`);
    expect(await within(await findRow('ReadOnly')).findByText('Pending')).toBeTruthy();

    const before = asked();
    await act(() => vi.advanceTimersByTimeAsync(3100));
    await waitFor(() => expect(asked()).toBeGreaterThan(before));
    expect(within(rowWith('ReadOnly')).getByText('Pending')).toBeTruthy();

    workerDone = true;
    await act(() => vi.advanceTimersByTimeAsync(3100));
    expect(await within(rowWith('ReadOnly')).findByText('Applied')).toBeTruthy();
    expect(
      screen.getByText(
        'Their AWS sessions are cut off everywhere: the 1 AWS role they had sessions on denies those sessions now.',
      ),
    ).toBeTruthy();

    // Nothing outstanding: no more asking, however long the page stays open.
    const settled = asked();
    await act(() => vi.advanceTimersByTimeAsync(30_000));
    expect(asked()).toBe(settled);
  });

  it('speaks Japanese', async () => {
    scriptApi(userPage(disabledAlice, listOf(revocation('failing', onRole2), revocation('applied'))));
    renderArea(`/admin/users/${ids.user}`, 'ja');
    expect(await screen.findByRole('heading', { level: 2, name: 'AWS セッション' })).toBeTruthy();
    expect(
      await screen.findByText(
        'AWS セッションはまだすべては遮断されていません。2 件の失効のうち 1 件が適用待ちまたは失敗中で、適用されるまで、それらのロールではセッションがまだ使える可能性があります。',
      ),
    ).toBeTruthy();
    const table = screen.getByRole('table', { name: 'alice の AWS セッションの失効' });
    expect(within(table).getByText('失敗（再試行中）')).toBeTruthy();
    expect(within(table).getByText('適用済み')).toBeTruthy();
    expect(within(table).getAllByText('ユーザーを無効化')).toHaveLength(2);
    expect(within(table).getByText(`次の再試行: ${at('2030-01-01T00:05:00.000Z', 'ja')}`)).toBeTruthy();
  });
});

describe('role page: automatic revocations', () => {
  const rolePage: ScriptedRoute[] = [
    { method: 'GET', path: `/api/admin/roles/${ids.role}`, body: fixtures.role },
    { method: 'GET', path: '/api/admin/accounts', body: { accounts: [fixtures.account] } },
    { method: 'GET', path: /^\/api\/admin\/grants\?roleId=/, body: { grants: [] } },
    {
      method: 'GET',
      path: `/api/admin/role-health/${ids.role}`,
      body: {
        roleId: ids.role,
        roleArn: fixtures.role.arn,
        displayName: 'Read only',
        accountId: ids.account,
        accountName: 'Production',
        awsAccountId: '123456789012',
        status: 'unchecked',
        checkedAt: null,
        report: null,
      },
    },
  ];

  it('lists whose sessions the role denies, why, and where each stands, beside the manual panel', async () => {
    const api = scriptApi([
      ...rolePage,
      {
        method: 'GET',
        path: /^\/api\/admin\/revocations\?/,
        body: listOf(
          revocation('failing', { reason: 'cli_login_revoked', scope: 'login', loginId }),
          revocation('applied', {
            reason: 'grant_deleted',
            scope: 'grant',
            user: null,
            grantId,
            requestedBy: null,
          }),
          revocation('pending', { reason: 'account_disabled', scope: 'role', user: null }),
        ),
      },
    ]);
    renderArea(`/admin/roles/${ids.role}`);
    const table = await screen.findByRole('table', { name: 'Automatic revocations on Read only' });
    expect(screen.getByRole('heading', { level: 2, name: 'Automatic revocations' })).toBeTruthy();
    // The manual action stays.
    expect(screen.getByRole('heading', { level: 2, name: 'Revoke sessions' })).toBeTruthy();
    await waitFor(() =>
      expect(api.calls.find(isRevocations)?.url).toBe(`/api/admin/revocations?roleId=${ids.role}&limit=200`),
    );

    const login = await findRow('CLI login revoked');
    expect(within(login).getByRole('link', { name: 'alice' }).getAttribute('href')).toBe(
      `/admin/users/${ids.user}`,
    );
    expect(
      within(login).getByText(`Sessions issued through one CLI login · CLI login ${loginId}`),
    ).toBeTruthy();
    expect(within(login).getByText('Failing')).toBeTruthy();
    expect(within(login).getByText(at('2030-01-01T00:05:00.000Z'))).toBeTruthy();

    const grant = rowWith('Grant deleted');
    expect(within(grant).getByText('Everyone')).toBeTruthy();
    expect(within(grant).getByText(`Sessions issued under one grant · Grant ${grantId}`)).toBeTruthy();
    expect(within(grant).getByText('by Gatehouse')).toBeTruthy();
    expect(within(grant).getByText('Applied')).toBeTruthy();

    const roleWide = rowWith('AWS account disabled');
    expect(within(roleWide).getByText('All sessions of the role')).toBeTruthy();
    expect(within(roleWide).getByText('Pending')).toBeTruthy();

    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((h) => h.textContent),
    ).toEqual(['Sessions of', 'Reason', 'Status', 'Next try', 'Issued before', 'Applied']);
  });

  it('says when Gatehouse has revoked nothing on the role, in Japanese too', async () => {
    scriptApi([...rolePage, { method: 'GET', path: /^\/api\/admin\/revocations\?/, body: listOf() }]);
    const first = renderArea(`/admin/roles/${ids.role}`);
    expect(
      await screen.findByText('Gatehouse has not revoked any session of this role by itself.'),
    ).toBeTruthy();
    first.unmount();
    renderArea(`/admin/roles/${ids.role}`, 'ja');
    expect(await screen.findByRole('heading', { level: 2, name: '自動失効' })).toBeTruthy();
    expect(
      await screen.findByText('このロールのセッションが自動で失効されたことはありません。'),
    ).toBeTruthy();
  });
});
