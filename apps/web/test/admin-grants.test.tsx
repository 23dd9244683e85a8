// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { fixtures, ids, locationNow, renderArea, scriptApi } from './admin-harness';
import { resetAfterEach } from './reset';

resetAfterEach();

const base = [
  { method: 'GET', path: '/api/admin/roles', body: { roles: [fixtures.role] } },
  { method: 'GET', path: '/api/admin/accounts', body: { accounts: [fixtures.account] } },
  { method: 'GET', path: '/api/admin/groups', body: { groups: [] } },
  { method: 'GET', path: `/api/admin/users/${ids.user}`, body: fixtures.user },
  {
    method: 'GET',
    path: /^\/api\/admin\/users\?/,
    body: { users: [fixtures.user], total: 1, limit: 25, offset: 0 },
  },
];

function textbox(label: string): HTMLElement {
  return screen.getByLabelText(label, { exact: false, selector: 'input, textarea' });
}

describe('grant access', () => {
  it('sends one request for the role and the chosen people, with minutes as seconds', async () => {
    const api = scriptApi([
      ...base,
      {
        method: 'POST',
        path: '/api/admin/grants',
        status: 400,
        body: {
          requestId: 'r2',
          statusCode: 400,
          error: 'validation',
          message: 'Invalid request: sourceCidrs.1 is not allowed.',
          fields: [{ field: 'sourceCidrs.1', reason: 'is not allowed here' }],
        },
      },
    ]);
    renderArea(`/admin/grants/new?roleId=${ids.role}&userId=${ids.user}`);
    // The role and user named in the address are chosen, with their names once known.
    expect(await screen.findByText('Read only')).toBeTruthy();
    expect(await screen.findByText('alice')).toBeTruthy();

    fireEvent.change(textbox('Maximum session'), { target: { value: '90' } });
    fireEvent.change(textbox('Source networks'), { target: { value: '10.0.0.0/8\n\n192.0.2.0/24' } });
    fireEvent.click(screen.getByRole('button', { name: 'Grant access' }));

    await waitFor(() => expect(api.calls.some((c) => c.method === 'POST')).toBe(true));
    expect(api.calls.find((c) => c.method === 'POST')?.body).toEqual({
      roleId: ids.role,
      userIds: [ids.user],
      groupIds: [],
      allowConsole: true,
      allowCli: true,
      maxSessionSeconds: 5400,
      sourceCidrs: ['10.0.0.0/8', '192.0.2.0/24'],
      expiresAt: null,
      note: '',
    });
    // The server's second network is the third line of the text area.
    expect(await screen.findByText('Line 3 ("192.0.2.0/24"): is not allowed here')).toBeTruthy();
  });

  it('stops at client-side problems and says which line is wrong', async () => {
    const api = scriptApi([...base]);
    renderArea(`/admin/grants/new?roleId=${ids.role}`);
    await screen.findByText('Read only');
    fireEvent.change(textbox('Source networks'), { target: { value: '10.0.0.0/8\n10.0.0.300' } });
    fireEvent.click(screen.getByRole('button', { name: 'Grant access' }));
    expect(await screen.findByText('Choose at least one user or group.')).toBeTruthy();
    expect(screen.getByText('Line 2: "10.0.0.300" is not an IPv4 or IPv6 address.')).toBeTruthy();
    expect(api.calls.filter((c) => c.method === 'POST')).toHaveLength(0);
  });

  it('goes to the role’s grants after creating them', async () => {
    scriptApi([
      ...base,
      { method: 'POST', path: '/api/admin/grants', status: 201, body: { grants: [] } },
      { method: 'GET', path: `/api/admin/grants?roleId=${ids.role}`, body: { grants: [] } },
    ]);
    renderArea(`/admin/grants/new?roleId=${ids.role}&userId=${ids.user}`);
    await screen.findByText('alice');
    fireEvent.click(screen.getByRole('button', { name: 'Grant access' }));
    await waitFor(() => expect(locationNow()).toBe(`/admin/grants?roleId=${ids.role}`));
    expect(await screen.findByText('0 grants were created.')).toBeTruthy();
  });
});

describe('grants list', () => {
  const grant = {
    id: ids.grant,
    roleId: ids.role,
    userId: ids.user,
    groupId: null,
    subject: { type: 'user', id: ids.user, name: 'alice' },
    role: { id: ids.role, roleName: 'ReadOnly', displayName: 'Read only', arn: fixtures.role.arn },
    account: { id: ids.account, name: 'Production', awsAccountId: '123456789012' },
    allowConsole: true,
    allowCli: false,
    maxSessionSeconds: null,
    sourceCidrs: [],
    expiresAt: null,
    expired: false,
    note: '',
    createdAt: '2030-01-01T00:00:00.000Z',
    updatedAt: '2030-01-01T00:00:00.000Z',
  };

  it('deletes the selected grants after confirming, and reports a grant already gone', async () => {
    const api = scriptApi([
      ...base,
      { method: 'GET', path: '/api/admin/grants', body: { grants: [grant] } },
      {
        method: 'DELETE',
        path: `/api/admin/grants/${ids.grant}`,
        status: 404,
        body: { requestId: 'r3', statusCode: 404, error: 'not_found', message: 'No such grant.' },
      },
    ]);
    renderArea('/admin/grants');
    await screen.findByText('Role maximum');
    expect(screen.getByText('Anywhere')).toBeTruthy();
    fireEvent.click(screen.getByRole('checkbox', { name: 'Select alice → Read only' }));
    fireEvent.click(screen.getByRole('button', { name: 'Delete' }));
    const confirm = await screen.findByRole('dialog', { name: 'Delete the selected grant?' });
    fireEvent.click(within(confirm).getByRole('button', { name: 'Delete' }));
    expect(await within(confirm).findByText('No such grant.')).toBeTruthy();
    expect(within(confirm).getByText('Not found')).toBeTruthy();
    expect(api.calls.filter((c) => c.method === 'DELETE')).toHaveLength(1);
  });

  it('edits an expired grant without sending its old expiry back', async () => {
    const expired = { ...grant, expiresAt: '2020-01-01T00:00:30.000Z', expired: true };
    const api = scriptApi([
      ...base,
      { method: 'GET', path: '/api/admin/grants', body: { grants: [expired] } },
      { method: 'PATCH', path: `/api/admin/grants/${ids.grant}`, body: { ...expired, note: 'INC-7' } },
    ]);
    renderArea('/admin/grants');
    await screen.findByText(/^Expired /);
    fireEvent.click(screen.getByRole('checkbox', { name: 'Select alice → Read only' }));
    fireEvent.click(screen.getByRole('button', { name: 'Edit' }));
    const dialog = await screen.findByRole('dialog', { name: 'Edit grant' });
    fireEvent.change(within(dialog).getByLabelText('Note', { exact: false, selector: 'input' }), {
      target: { value: 'INC-7' },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(api.calls.some((c) => c.method === 'PATCH')).toBe(true));
    expect(api.calls.find((c) => c.method === 'PATCH')?.body).toEqual({
      allowConsole: true,
      allowCli: false,
      maxSessionSeconds: null,
      sourceCidrs: [],
      note: 'INC-7',
    });
    expect(await screen.findByText('The grant was saved.')).toBeTruthy();
  });
});
