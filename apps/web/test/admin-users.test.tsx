// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { fixtures, ids, locationNow, renderArea, scriptApi } from './admin-harness';
import { resetAfterEach } from './reset';

resetAfterEach();

const list = { users: [fixtures.user], total: 1, limit: 50, offset: 0 };

/** The input a Cloudscape FormField labels: found by the visible label, as a person would. */
function field(dialog: HTMLElement, label: string): HTMLInputElement {
  return within(dialog).getByLabelText(label, { exact: false, selector: 'input' });
}

describe('admin area', () => {
  it('opens on users and links its sections from where the shell mounted it', async () => {
    scriptApi([{ method: 'GET', path: /^\/api\/admin\/users\?/, body: list }]);
    renderArea('/admin');
    await waitFor(() => expect(locationNow()).toBe('/admin/users'));
    const nav = screen.getByRole('navigation');
    expect(within(nav).getByRole('link', { name: 'Groups' }).getAttribute('href')).toBe('/admin/groups');
    expect(within(nav).getByRole('link', { name: 'Policy linter' }).getAttribute('href')).toBe(
      '/admin/policy-linter',
    );
    expect(within(nav).getByRole('link', { name: 'Users' }).getAttribute('aria-current')).toBe('page');
  });

  it('offers the same sections as one select, which narrow screens show instead of the menu', async () => {
    scriptApi([
      { method: 'GET', path: /^\/api\/admin\/users\?/, body: list },
      { method: 'GET', path: '/api/admin/groups', body: { groups: [] } },
    ]);
    renderArea('/admin/users');
    const nav = screen.getByRole('navigation', { name: 'Administration sections' });
    // The side menu and the select both live in the one landmark; CSS shows one of them.
    expect(nav.querySelector('.gh-admin__side-nav')).toBeTruthy();
    const select = within(nav.querySelector('.gh-admin__compact-nav') as HTMLElement).getByRole('button', {
      name: /Administration.*Users/,
    });
    fireEvent.mouseDown(select);
    // Cloudscape picks an option on mouse up, as a click ends.
    fireEvent.mouseUp(await screen.findByRole('option', { name: 'Groups' }));
    await waitFor(() => expect(locationNow()).toBe('/admin/groups'));
    expect(await screen.findByRole('heading', { level: 1, name: /Groups/ })).toBeTruthy();
  });
});

describe('users page', () => {
  it('lists users from the server, with status and authenticator', async () => {
    const api = scriptApi([{ method: 'GET', path: /^\/api\/admin\/users\?/, body: list }]);
    renderArea('/admin/users');
    expect(await screen.findByRole('link', { name: 'alice' })).toHaveProperty(
      'href',
      expect.stringContaining(`/admin/users/${ids.user}`),
    );
    expect(screen.getByText('Alice Example')).toBeTruthy();
    expect(screen.getByText('Enrolled')).toBeTruthy();
    expect(api.calls[0]).toMatchObject({ method: 'GET', url: '/api/admin/users?limit=50&offset=0' });
  });

  it('shows the API’s reason beside the field, then the one-time link once created', async () => {
    const api = scriptApi([
      { method: 'GET', path: /^\/api\/admin\/users\?/, body: list },
      {
        method: 'POST',
        path: '/api/admin/users',
        status: 409,
        body: {
          requestId: 'r1',
          statusCode: 409,
          error: 'conflict',
          message: 'A user named "bob" already exists.',
          fields: [{ field: 'username', reason: 'taken' }],
        },
      },
    ]);
    renderArea('/admin/users');
    await screen.findByRole('link', { name: 'alice' });
    fireEvent.click(screen.getByRole('button', { name: 'Create user' }));
    const dialog = await screen.findByRole('dialog', { name: 'Create user' });

    // Nothing is sent while a required field is empty.
    fireEvent.click(within(dialog).getByRole('button', { name: 'Create and get link' }));
    expect(within(dialog).getAllByText('Enter a value.')).toHaveLength(2);
    expect(api.calls.filter((c) => c.method === 'POST')).toHaveLength(0);

    fireEvent.change(field(dialog, 'Username'), { target: { value: ' bob ' } });
    fireEvent.change(field(dialog, 'Display name'), { target: { value: 'Bob' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Create and get link' }));

    // 409: a clear alert with the server's words, and the reason beside the username field.
    expect(await within(dialog).findByText('A user named "bob" already exists.')).toBeTruthy();
    expect(within(dialog).getByText('This conflicts with what is already there')).toBeTruthy();
    const username = field(dialog, 'Username');
    const describedBy = (username.getAttribute('aria-describedby') ?? '').split(' ');
    expect(describedBy.map((id) => document.getElementById(id)?.textContent ?? '').join(' ')).toContain(
      'taken',
    );
    expect(api.calls.find((c) => c.method === 'POST')?.body).toEqual({
      username: 'bob',
      displayName: 'Bob',
      email: null,
      isAdmin: false,
    });

    api.add({
      method: 'POST',
      path: '/api/admin/users',
      status: 201,
      body: {
        user: { ...fixtures.user, id: ids.user2, username: 'bob', displayName: 'Bob', mfaEnrolled: false },
        enrolment: {
          url: 'https://gatehouse.example/enrol#token=abc123',
          expiresAt: '2030-01-08T00:00:00.000Z',
        },
      },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Create and get link' }));
    const link = await screen.findByRole('dialog', { name: 'Enrolment link for bob' });
    expect(within(link).getByText('https://gatehouse.example/enrol#token=abc123')).toBeTruthy();
    expect(within(link).getByRole('button', { name: 'Copy enrolment link' })).toBeTruthy();
    expect(await screen.findByText('bob was created.')).toBeTruthy();
  });

  it('confirms before disabling, then sends the change', async () => {
    const api = scriptApi([
      { method: 'GET', path: /^\/api\/admin\/users\?/, body: list },
      { method: 'PATCH', path: `/api/admin/users/${ids.user}`, body: { ...fixtures.user, disabled: true } },
    ]);
    renderArea('/admin/users');
    await screen.findByRole('link', { name: 'alice' });
    fireEvent.click(screen.getByRole('radio', { name: 'Select alice' }));
    fireEvent.click(screen.getByRole('button', { name: 'Actions' }));
    fireEvent.click(await screen.findByRole('menuitem', { name: 'Disable' }));

    const confirm = await screen.findByRole('dialog', { name: 'Disable alice?' });
    expect(api.calls.filter((c) => c.method === 'PATCH')).toHaveLength(0);
    fireEvent.click(within(confirm).getByRole('button', { name: 'Disable' }));
    await waitFor(() =>
      expect(api.calls.find((c) => c.method === 'PATCH')).toMatchObject({ body: { disabled: true } }),
    );
    expect(await screen.findByText('alice was disabled and signed out.')).toBeTruthy();
  });

  it('resets the authenticator after confirming, and shows the one-time link it answers with', async () => {
    const api = scriptApi([
      { method: 'GET', path: /^\/api\/admin\/users\?/, body: list },
      {
        method: 'POST',
        path: `/api/admin/users/${ids.user}/reset-mfa`,
        body: {
          user: { ...fixtures.user, mfaEnrolled: false },
          enrolment: {
            url: 'https://gatehouse.example/enrol#token=reset456',
            expiresAt: '2030-01-08T00:00:00.000Z',
          },
        },
      },
    ]);
    renderArea('/admin/users');
    await screen.findByRole('link', { name: 'alice' });
    fireEvent.click(screen.getByRole('radio', { name: 'Select alice' }));
    fireEvent.click(screen.getByRole('button', { name: 'Actions' }));
    fireEvent.click(await screen.findByRole('menuitem', { name: 'Reset authenticator' }));

    const confirm = await screen.findByRole('dialog', { name: 'Reset the authenticator of alice?' });
    expect(within(confirm).getByText(/Their password alone no longer lets them in/)).toBeTruthy();
    fireEvent.click(within(confirm).getByRole('button', { name: 'Reset authenticator' }));
    const link = await screen.findByRole('dialog', { name: 'Enrolment link for alice' });
    expect(within(link).getByText('https://gatehouse.example/enrol#token=reset456')).toBeTruthy();
    expect(api.calls.filter((c) => c.method === 'POST')).toHaveLength(1);
    expect(await screen.findByText('The authenticator of alice was reset.')).toBeTruthy();
  });

  it('speaks Japanese', async () => {
    scriptApi([{ method: 'GET', path: /^\/api\/admin\/users\?/, body: list }]);
    renderArea('/admin/users', 'ja');
    expect(await screen.findByRole('button', { name: 'ユーザーを作成' })).toBeTruthy();
    expect(await screen.findByText('登録済み')).toBeTruthy();
  });
});
