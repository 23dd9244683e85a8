// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { SignInPage } from '../src/pages/sign-in';
import { aliceUser, renderWithApp, serveFetch } from './portal-harness';
import { resetAfterEach } from './reset';

const generic401 = {
  requestId: 'r',
  statusCode: 401,
  error: 'unauthorized',
  message: 'Invalid username or password.',
};

function page(path = '/sign-in') {
  return renderWithApp(
    <Routes>
      <Route path="/sign-in" element={<SignInPage />} />
      <Route path="/device" element={<p>device page</p>} />
      <Route path="/" element={<p>dashboard</p>} />
    </Routes>,
    { path },
  );
}

function fillAndSubmit(username: string, password: string) {
  fireEvent.change(screen.getByLabelText('Username'), { target: { value: username } });
  fireEvent.change(screen.getByLabelText('Password'), { target: { value: password } });
  fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
}

describe('sign-in', () => {
  resetAfterEach();

  it('says the same thing for any wrong username or password and clears the password', async () => {
    const fake = serveFetch({
      'GET /api/auth/session': () => ({ status: 200, body: { stage: 'signed_out' } }),
      'POST /api/auth/login': () => ({ status: 401, body: generic401 }),
    });
    page();
    await screen.findByLabelText('Username');
    fillAndSubmit('nobody', 'whatever-it-is');
    expect(await screen.findByText('Incorrect username or password.')).toBeTruthy();
    expect(screen.getByLabelText('Password')).toHaveProperty('value', '');
    expect(fake.calls.find((c) => c.key === 'POST /api/auth/login')?.body).toEqual({
      username: 'nobody',
      password: 'whatever-it-is',
    });
  });

  it('tells a user whose authenticator was reset to ask for an enrolment link', async () => {
    serveFetch({
      'GET /api/auth/session': () => ({ status: 200, body: { stage: 'signed_out' } }),
      'POST /api/auth/login': () => ({
        status: 403,
        body: {
          requestId: 'r',
          statusCode: 403,
          error: 'enrolment_link_required',
          message:
            'Your authenticator was reset. Ask an administrator for an enrolment link to set up a new one.',
        },
      }),
    });
    page();
    await screen.findByLabelText('Username');
    fillAndSubmit('alice', 'right-password');
    expect(
      await screen.findByText(/Your authenticator was reset\. Ask one of your Gatehouse administrators/),
    ).toBeTruthy();
  });

  it('shows a lock with a live countdown from Retry-After and keeps the button off until it ends', async () => {
    vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'] });
    serveFetch({
      'GET /api/auth/session': () => ({ status: 200, body: { stage: 'signed_out' } }),
      'POST /api/auth/login': () => ({
        status: 423,
        body: { requestId: 'r', statusCode: 423, error: 'locked', message: 'Too many failed attempts.' },
        headers: { 'retry-after': '65' },
      }),
    });
    page();
    await screen.findByLabelText('Username');
    fillAndSubmit('alice', 'wrong-password');
    expect(
      await screen.findByText('Too many failed attempts. Sign-in is locked; try again in 2 min.'),
    ).toBeTruthy();
    expect(screen.getByText('You can try again in 1:05.')).toBeTruthy();
    const button = () => screen.getByRole('button', { name: 'Sign in' });
    expect(button()).toHaveProperty('disabled', true);
    act(() => vi.advanceTimersByTime(5_000));
    expect(screen.getByText('You can try again in 1:00.')).toBeTruthy();
    act(() => vi.advanceTimersByTime(61_000));
    await waitFor(() => expect(button()).toHaveProperty('disabled', false));
    expect(screen.queryByText(/Sign-in is locked/)).toBeNull();
  });

  it('goes on to the code step, accepts a recovery code instead, and returns where the user was going', async () => {
    // As the server: after the password, the half-signed-in session is at the code step.
    let stage: 'none' | 'totp' = 'none';
    serveFetch({
      'GET /api/auth/session': () =>
        stage === 'totp' ? { status: 200, body: { stage } } : { status: 200, body: { stage: 'signed_out' } },
      'POST /api/auth/login': () => {
        stage = 'totp';
        return { status: 200, body: { stage } };
      },
      'POST /api/auth/recovery': (body) =>
        (body as { code: string }).code === 'abcd-efgh-ijkl'
          ? {
              status: 200,
              body: {
                stage: 'active',
                user: aliceUser,
                remainingRecoveryCodes: 2,
              },
            }
          : {
              status: 401,
              body: {
                ...generic401,
                message: 'Invalid or already used code.',
                fields: [{ field: 'code', reason: 'invalid' }],
              },
            },
    });
    page('/sign-in?next=%2Fdevice%3Fcode%3DBCDF-GHJK');
    await screen.findByLabelText('Username');
    fillAndSubmit('alice', 'right-password');
    expect(await screen.findByRole('heading', { name: 'Enter your authenticator code' })).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Use a recovery code instead' }));
    fireEvent.change(screen.getByLabelText('Recovery code'), { target: { value: 'wrong' } });
    fireEvent.click(screen.getByRole('button', { name: 'Verify' }));
    expect(await screen.findByText('That recovery code is incorrect or was already used.')).toBeTruthy();

    fireEvent.change(screen.getByLabelText('Recovery code'), { target: { value: ' abcd-efgh-ijkl ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Verify' }));
    expect(await screen.findByText('device page')).toBeTruthy();
    expect(screen.getByText(/You signed in with a recovery code\. 2 codes are left/)).toBeTruthy();
  });
});
