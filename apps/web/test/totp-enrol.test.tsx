// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { TotpEnrolPage, groupSecret } from '../src/pages/totp-enrol';
import { SESSION_KEY } from '../src/session';
import { aliceUser, renderWithApp, serveFetch } from './portal-harness';
import { resetAfterEach } from './reset';

const user = aliceUser;
const codes = Array.from({ length: 10 }, (_, i) => `code-${i}-xxxx`);

describe('authenticator enrolment', () => {
  resetAfterEach();

  it('groups the setup key for typing', () => {
    expect(groupSecret('JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP')).toBe('JBSW Y3DP EHPK 3PXP JBSW Y3DP EHPK 3PXP');
  });

  it('keeps the recovery codes on screen until the user says they are saved, although the session is already active', async () => {
    let stage: 'enroll' | 'active' = 'enroll';
    const fake = serveFetch({
      'GET /api/auth/session': () => ({
        status: 200,
        body: stage === 'active' ? { stage, user } : { stage },
      }),
      'POST /api/auth/enrol/start': () => ({
        status: 200,
        body: {
          secret: 'JBSWY3DPEHPK3PXP',
          otpauthUri: 'otpauth://totp/x',
          qrCodeDataUrl: 'data:image/png;base64,AA==',
        },
      }),
      'POST /api/auth/enrol/confirm': () => {
        stage = 'active';
        return { status: 200, body: { stage, user, recoveryCodes: codes } };
      },
    });
    const { client } = renderWithApp(
      <Routes>
        <Route path="/mfa/enrol" element={<TotpEnrolPage />} />
        <Route path="/" element={<p>dashboard</p>} />
      </Routes>,
      { path: '/mfa/enrol' },
    );
    expect(
      await screen.findByRole('img', { name: 'QR code to add Gatehouse to an authenticator app' }),
    ).toBeTruthy();
    expect(screen.getByLabelText('Setup key').textContent).toBe('JBSW Y3DP EHPK 3PXP');

    fireEvent.change(screen.getByLabelText('Authenticator code'), { target: { value: '123456' } });
    fireEvent.click(screen.getByRole('button', { name: 'Confirm' }));
    const list = await screen.findByRole('list', { name: 'Recovery codes' });
    expect(list.querySelectorAll('li')).toHaveLength(10);

    // Something asks the server again meanwhile: it now says "active", and the codes must stay.
    await client.invalidateQueries({ queryKey: SESSION_KEY });
    await waitFor(() =>
      expect(fake.calls.filter((c) => c.key === 'GET /api/auth/session').length).toBeGreaterThan(1),
    );
    expect(screen.getByRole('list', { name: 'Recovery codes' })).toBeTruthy();

    const proceed = screen.getByRole('button', { name: 'Continue to Gatehouse' });
    expect(proceed).toHaveProperty('disabled', true);
    fireEvent.click(screen.getByRole('checkbox', { name: 'I have saved these recovery codes' }));
    fireEvent.click(proceed);
    expect(await screen.findByText('dashboard')).toBeTruthy();
  });
});
