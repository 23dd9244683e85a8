// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { SignOutEverywhere } from '../src/pages/profile/sign-out-everywhere';
import { SESSION_KEY } from '../src/session';
import { aliceUser, renderWithApp, serveFetch } from './portal-harness';
import { resetAfterEach } from './reset';

describe('sign out everywhere', () => {
  resetAfterEach();

  it('asks first, then ends everything and leaves this browser signed out', async () => {
    const fake = serveFetch({
      'POST /api/me/sign-out-everywhere': () => ({
        status: 200,
        body: { sessionsEnded: 2, cliLoginsRevoked: 1, awsRevocations: 3 },
      }),
    });
    const { client } = renderWithApp(<SignOutEverywhere />, {
      session: { stage: 'active', user: aliceUser },
    });
    // The header's button (Cloudscape keeps the closed modal, and its button, in the page).
    fireEvent.click(screen.getAllByRole('button', { name: 'Sign out everywhere' })[0]!);
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText(/stop working at AWS within seconds/)).toBeTruthy();
    expect(fake.calls).toHaveLength(0);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Sign out everywhere' }));
    await waitFor(() => expect(fake.calls.map((c) => c.key)).toEqual(['POST /api/me/sign-out-everywhere']));
    // Signed out here too: no session, so the guards send the browser to sign-in.
    await waitFor(() => expect(client.getQueryData(SESSION_KEY)).toBeNull());
  });

  it('says what went wrong and keeps the session when the server refuses', async () => {
    serveFetch({
      'POST /api/me/sign-out-everywhere': () => ({
        status: 503,
        body: {
          requestId: 'r',
          statusCode: 503,
          error: 'unavailable',
          message: 'Service temporarily unavailable.',
        },
        headers: { 'retry-after': '5' },
      }),
    });
    const { client } = renderWithApp(<SignOutEverywhere />, {
      locale: 'ja',
      session: { stage: 'active', user: aliceUser },
    });
    fireEvent.click(screen.getAllByRole('button', { name: 'すべての場所からサインアウト' })[0]!);
    const dialog = await screen.findByRole('dialog');
    fireEvent.click(within(dialog).getByRole('button', { name: 'すべての場所からサインアウト' }));
    expect(await within(dialog).findByText(/Gatehouse は一時的に利用できません/)).toBeTruthy();
    expect(client.getQueryData(SESSION_KEY)).toMatchObject({ stage: 'active' });
  });
});
