// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { MyAccess, StageResponse } from '@gatehouse/contracts';
import { DashboardPage, PAGE_SIZE } from '../src/pages/dashboard';
import { access, account, manyRoles, role } from './access-fixture';
import { aliceUser, fakeTab, renderWithApp, serveFetch } from './portal-harness';
import { resetAfterEach } from './reset';

const alice: StageResponse = { stage: 'active', user: { ...aliceUser, id: 'u-alice' } };

function serve(answer: MyAccess, more: Parameters<typeof serveFetch>[0] = {}) {
  return serveFetch({ 'GET /api/me/access': () => ({ status: 200, body: answer }), ...more });
}

/** Role rows currently in the document (every list of roles on the page). */
function roleRows(): HTMLElement[] {
  return screen.queryAllByRole('listitem').filter((li) => li.classList.contains('gh-role'));
}

describe('dashboard', () => {
  beforeEach(() => localStorage.clear());
  resetAfterEach();
  afterEach(() => vi.restoreAllMocks());

  it('renders one page of 2,000 roles, not all of them, and pages through the rest', async () => {
    serve(manyRoles(40, 50));
    renderWithApp(<DashboardPage />, { session: alice });
    expect(await screen.findByText(/2,000 roles in 40 AWS accounts/)).toBeTruthy();
    expect(roleRows()).toHaveLength(PAGE_SIZE);
    expect(screen.getByText('Role 0 of team 0')).toBeTruthy();
    expect(screen.queryByText('Role 0 of team 1')).toBeNull();

    fireEvent.click(screen.getAllByRole('button', { name: 'Next page' })[0]!);
    expect(await screen.findByText('Role 0 of team 1')).toBeTruthy();
    expect(screen.queryByText('Role 0 of team 0')).toBeNull();
    expect(roleRows()).toHaveLength(PAGE_SIZE);
  }, 60_000);

  it('searches across account names, ids and role names and says how many match', async () => {
    serve(manyRoles(20, 20));
    renderWithApp(<DashboardPage />, { session: alice });
    const search = await screen.findByRole('searchbox', { name: 'Search accounts, account IDs and roles' });

    fireEvent.change(search, { target: { value: 'team-07 role01' } });
    await waitFor(() => expect(screen.getAllByText('10 matches').length).toBeGreaterThan(0));
    const shown = roleRows().map((li) => within(li).getByText(/^Role \d+ of team \d+$/).textContent);
    expect(shown).toEqual([10, 11, 12, 13, 14, 15, 16, 17, 18, 19].map((r) => `Role ${r} of team 7`));

    fireEvent.change(search, { target: { value: '2000-0000-0012' } });
    await waitFor(() => expect(screen.getAllByText('20 matches').length).toBeGreaterThan(0));
    expect(roleRows().every((li) => li.textContent?.includes('team 12'))).toBe(true);

    fireEvent.change(search, { target: { value: 'no such thing' } });
    expect(await screen.findByText('No account or role matches “no such thing”.')).toBeTruthy();
    fireEvent.click(screen.getAllByRole('button', { name: 'Clear search' }).at(-1)!);
    await waitFor(() => expect(roleRows()).toHaveLength(PAGE_SIZE));
    expect(screen.getByRole('searchbox', { name: 'Search accounts, account IDs and roles' })).toHaveProperty(
      'value',
      '',
    );
  }, 60_000);

  it('pins favourites on top and stars or unstars a role through the API', async () => {
    const favourite = role({ roleName: 'Administrator', displayName: 'Break glass', favourite: true });
    const plain = role({ roleName: 'ReadOnly', displayName: 'Read only' });
    const fake = serve(
      access([
        account({ name: 'Alpha', awsAccountId: '111111111111', roles: [plain] }),
        account({ name: 'Zulu', awsAccountId: '999999999999', roles: [favourite] }),
      ]),
      {
        [`PUT /api/me/favourites/${plain.roleId}`]: () => ({ status: 200, body: { ok: true } }),
      },
    );
    renderWithApp(<DashboardPage />, { session: alice });
    const pinned = await screen.findByRole('list', { name: 'Favourites' });
    expect(within(pinned).getByText('Break glass')).toBeTruthy();
    // Pinned above the accounts, although its account sorts last.
    const order = [...document.querySelectorAll('ul.gh-roles')].map((ul) => ul.getAttribute('aria-label'));
    expect(order).toEqual(['Favourites', 'Roles in Alpha', 'Roles in Zulu']);

    fireEvent.click(
      within(screen.getByRole('list', { name: 'Roles in Alpha' })).getByRole('button', {
        name: 'Favourite: Read only (Alpha)',
      }),
    );
    await waitFor(() =>
      expect(within(screen.getByRole('list', { name: 'Favourites' })).getByText('Read only')).toBeTruthy(),
    );
    expect(fake.calls.map((c) => c.key)).toContain(`PUT /api/me/favourites/${plain.roleId}`);
  });

  it('opens the console in a tab opened on the click itself, then sends it to the sign-in URL', async () => {
    const target = role({ roleName: 'Developer' });
    const signIn = 'https://signin.aws.amazon.com/federation?Action=login&SigninToken=secret';
    let answer: (value: { status: number; body: unknown }) => void = () => {};
    const fake = serve(
      access([account({ name: 'Staging', awsAccountId: '444455556666', roles: [target] })]),
      {
        'POST /api/access/console': () => ({ status: 200, body: {} }),
      },
    );
    // The console answer arrives later than the click: the tab must already be open by then.
    vi.stubGlobal('fetch', (input: RequestInfo | URL, init?: RequestInit) =>
      String(input) === '/api/access/console'
        ? new Promise<Response>((resolve) => {
            answer = ({ status, body }) => resolve(new Response(JSON.stringify(body), { status }));
          })
        : fake.fetch(input, init),
    );
    const { tab, open } = fakeTab({});
    renderWithApp(<DashboardPage />, { session: alice });
    fireEvent.click(
      await screen.findByRole('button', { name: 'Open the AWS console as Developer (Staging)' }),
    );
    expect(open).toHaveBeenCalledWith('', '_blank');
    expect(tab.location.replace).not.toHaveBeenCalled();

    answer({
      status: 200,
      body: {
        url: signIn,
        durationSeconds: 3600,
        maxSessionSeconds: 3600,
        clamped: false,
        expiresAt: new Date().toISOString(),
      },
    });
    await waitFor(() => expect(tab.location.replace).toHaveBeenCalledWith(signIn));
    expect(tab.opener).toBeNull();
    // Used once, never kept: not on the page, not in storage.
    expect(document.body.innerHTML).not.toContain('SigninToken');
    expect(JSON.stringify({ ...localStorage })).not.toContain('SigninToken');
    expect(await screen.findByText(/Opened the console as Developer in a new tab/)).toBeTruthy();
    expect(
      within(await screen.findByRole('list', { name: 'Recently used' })).getByText('Developer', {
        selector: '.gh-role__name',
      }),
    ).toBeTruthy();
  });

  it('asks for a fresh code before a step-up role opens the console, opening the tab on that confirmation', async () => {
    const guarded = role({ roleName: 'Administrator', requiresStepUp: true });
    const fake = serve(
      access([account({ name: 'Production', awsAccountId: '111122223333', roles: [guarded] })]),
      {
        'POST /api/auth/step-up': (body) =>
          (body as { code: string }).code === '123456'
            ? { status: 200, body: { stepUpValidUntil: new Date(Date.now() + 300_000).toISOString() } }
            : {
                status: 400,
                body: {
                  requestId: 'r',
                  statusCode: 400,
                  error: 'validation',
                  message: 'Invalid or already used code.',
                  fields: [{ field: 'code', reason: 'invalid' }],
                },
              },
        'POST /api/access/console': () => ({
          status: 200,
          body: {
            url: 'https://signin.example/login',
            durationSeconds: 900,
            maxSessionSeconds: 3600,
            clamped: false,
            expiresAt: new Date().toISOString(),
          },
        }),
      },
    );
    const { tab, open } = fakeTab();
    renderWithApp(<DashboardPage />, { session: alice });
    fireEvent.click(
      await screen.findByRole('button', { name: 'Open the AWS console as Administrator (Production)' }),
    );
    const dialog = await screen.findByRole('dialog');
    expect(open).not.toHaveBeenCalled();
    expect(fake.calls.map((c) => c.key)).not.toContain('POST /api/access/console');

    fireEvent.change(within(dialog).getByLabelText('Authenticator code'), { target: { value: '000000' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Confirm and open console' }));
    expect(await within(dialog).findByText(/That code is incorrect/)).toBeTruthy();
    expect(tab.close).toHaveBeenCalledTimes(1);

    fireEvent.change(within(dialog).getByLabelText('Authenticator code'), { target: { value: '123456' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Confirm and open console' }));
    await waitFor(() => expect(tab.location.replace).toHaveBeenCalledWith('https://signin.example/login'));
    expect(open).toHaveBeenCalledTimes(2);
  });

  it('shows the real maximum session of each role and names a limit that is not the role’s own', async () => {
    serve(
      access([
        account({
          name: 'Production',
          awsAccountId: '111122223333',
          roles: [
            role({ roleName: 'ReadOnly', maxSessionSeconds: 43_200 }),
            role({ roleName: 'Deploy', maxSessionSeconds: 1800, maxSessionLimitedBy: 'grant' }),
          ],
        }),
      ]),
    );
    renderWithApp(<DashboardPage />, { session: alice });
    expect(await screen.findByText('Up to 12 h')).toBeTruthy();
    expect(screen.getByText('Up to 30 min (your grant’s limit)')).toBeTruthy();
  });

  it('tells a user without grants whom to ask', async () => {
    serve(access([]));
    renderWithApp(<DashboardPage />, { session: alice });
    expect(await screen.findByText('You have no AWS access yet')).toBeTruthy();
    expect(
      await screen.findByText(
        'Ask your Gatehouse administrators for the access you need, and tell them your username: alice.',
      ),
    ).toBeTruthy();
  });
});
