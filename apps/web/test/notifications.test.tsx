// @vitest-environment jsdom
import { useEffect } from 'react';
import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { startsNewSession, useNotify } from '../src/components/notifications';
import type { Notice } from '../src/components/notifications';
import { SignInPage } from '../src/pages/sign-in';
import { renderWithApp, serveFetch } from './portal-harness';
import { resetAfterEach } from './reset';

resetAfterEach();

/** What the shell does after signing out: a notice, then the sign-in page. */
function NoticeOnArrival({ notice }: { notice: Notice }) {
  const notify = useNotify();
  useEffect(() => notify(notice), [notify, notice]);
  return null;
}

const signedOut: Notice = { id: 'signed-out', type: 'success', content: 'You are signed out.' };

const user = {
  id: 'u',
  username: 'carol',
  displayName: 'Carol',
  email: null,
  isAdmin: false,
  mfaEnrolled: true,
};

describe('notices across sessions', () => {
  it('drops the notices of the previous session once someone signs in again, keeping the new ones', async () => {
    let stage: 'none' | 'totp' = 'none';
    serveFetch({
      'GET /api/auth/session': () => ({
        status: 200,
        body: stage === 'totp' ? { stage } : { stage: 'signed_out' },
      }),
      'POST /api/auth/login': () => {
        stage = 'totp';
        return { status: 200, body: { stage } };
      },
      'POST /api/auth/recovery': () => ({
        status: 200,
        body: { stage: 'active', user, remainingRecoveryCodes: 9 },
      }),
    });
    renderWithApp(
      <>
        <NoticeOnArrival notice={signedOut} />
        <Routes>
          <Route path="/sign-in" element={<SignInPage />} />
          <Route path="/" element={<p>dashboard</p>} />
        </Routes>
      </>,
      { path: '/sign-in' },
    );
    expect(await screen.findByText('You are signed out.')).toBeTruthy();

    fireEvent.change(await screen.findByLabelText('Username'), { target: { value: 'carol' } });
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'right-password' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('heading', { name: 'Enter your authenticator code' })).toBeTruthy();
    await waitFor(() => expect(screen.queryByText('You are signed out.')).toBeNull());

    // The code step belongs to the same sign-in: what it says stays on the way in.
    fireEvent.click(screen.getByRole('button', { name: 'Use a recovery code instead' }));
    fireEvent.change(screen.getByLabelText('Recovery code'), { target: { value: 'abcd-efgh-ijkl' } });
    fireEvent.click(screen.getByRole('button', { name: 'Verify' }));
    expect(await screen.findByText('dashboard')).toBeTruthy();
    expect(screen.getByText(/You signed in with a recovery code\. 9 codes are left/)).toBeTruthy();
    expect(screen.queryByText('You are signed out.')).toBeNull();
  });

  it('counts signing in after signing out, or as someone else, as a new session', () => {
    expect(startsNewSession(null, '')).toBe(true);
    expect(startsNewSession(null, 'u')).toBe(true);
    expect(startsNewSession('u', 'v')).toBe(true);
    // The steps of one sign-in, signing out itself, and not knowing yet are not.
    expect(startsNewSession('', 'u')).toBe(false);
    expect(startsNewSession('u', 'u')).toBe(false);
    expect(startsNewSession('u', null)).toBe(false);
    expect(startsNewSession(undefined, 'u')).toBe(false);
    expect(startsNewSession('u', undefined)).toBe(false);
  });
});
