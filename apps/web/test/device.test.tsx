// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { fireEvent, screen } from '@testing-library/react';
import type { DeviceInfo, StageResponse } from '@gatehouse/contracts';
import { DevicePage, normaliseUserCode } from '../src/pages/device';
import { aliceUser, renderWithApp, serveFetch } from './portal-harness';
import { resetAfterEach } from './reset';

const alice: StageResponse = {
  stage: 'active',
  user: aliceUser,
};
const request: DeviceInfo = {
  userCode: 'BCDF-GHJK',
  clientName: 'gatehouse-cli/0.1.0 (linux)',
  hostname: 'alice-laptop',
  ip: '192.0.2.7',
  userAgent: 'gatehouse-cli/0.1.0',
  createdAt: new Date(Date.now() - 30_000).toISOString(),
  expiresAt: new Date(Date.now() + 570_000).toISOString(),
};

describe('device approval page', () => {
  resetAfterEach();

  it('normalises the code people type', () => {
    expect(normaliseUserCode('bcdf ghjk')).toBe('BCDF-GHJK');
    expect(normaliseUserCode('BCDF-GHJK')).toBe('BCDF-GHJK');
    expect(normaliseUserCode('bc')).toBe('BC');
  });

  it('shows who is asking and approves with a fresh authenticator code', async () => {
    const fake = serveFetch({
      'GET /api/cli/device/BCDF-GHJK': () => ({ status: 200, body: request }),
      'POST /api/cli/device/approve': () => ({ status: 200, body: { ok: true } }),
    });
    renderWithApp(<DevicePage />, { path: '/device?code=bcdfghjk', session: alice });
    expect(await screen.findByText('alice-laptop')).toBeTruthy();
    expect(screen.getByText('192.0.2.7')).toBeTruthy();
    expect(screen.getByText('gatehouse-cli/0.1.0 (linux)')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Approve' }));
    expect(await screen.findByText('Required.')).toBeTruthy();
    expect(fake.calls.map((c) => c.key)).not.toContain('POST /api/cli/device/approve');

    fireEvent.change(screen.getByLabelText('Authenticator code', { exact: false }), {
      target: { value: ' 123 456 ' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Approve' }));
    expect(await screen.findByText('Approved')).toBeTruthy();
    expect(fake.calls.find((c) => c.key === 'POST /api/cli/device/approve')?.body).toEqual({
      userCode: 'BCDF-GHJK',
      totpCode: '123 456',
    });
  });

  it('denies without asking for a code', async () => {
    const fake = serveFetch({
      'GET /api/cli/device/BCDF-GHJK': () => ({ status: 200, body: request }),
      'POST /api/cli/device/deny': () => ({ status: 200, body: { ok: true } }),
    });
    renderWithApp(<DevicePage />, { path: '/device?code=BCDF-GHJK', session: alice });
    fireEvent.click(await screen.findByRole('button', { name: 'Deny' }));
    expect(await screen.findByText('Denied')).toBeTruthy();
    expect(fake.calls.find((c) => c.key === 'POST /api/cli/device/deny')?.body).toEqual({
      userCode: 'BCDF-GHJK',
    });
  });

  it('says plainly when the code is unknown or has expired', async () => {
    serveFetch({
      'GET /api/cli/device/ZZZZ-ZZZZ': () => ({
        status: 404,
        body: {
          requestId: 'r',
          statusCode: 404,
          error: 'not_found',
          message: 'No pending login with that code.',
        },
      }),
    });
    renderWithApp(<DevicePage />, { path: '/device?code=ZZZZ-ZZZZ', session: alice });
    expect(await screen.findByText(/No pending sign-in has the code ZZZZ-ZZZZ/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Enter another code' }));
    expect(await screen.findByLabelText('Code shown in your terminal', { exact: false })).toBeTruthy();
  });
});
