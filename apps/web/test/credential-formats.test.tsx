// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import type { CredentialsResponse } from '@gatehouse/contracts';
import { CredentialFormats, FORMAT_TABS, checkCommand } from '../src/components/credential-formats';
import { durationChoices, defaultProfileName } from '../src/components/credentials-dialog';
import { renderWithApp } from './portal-harness';

const NOW = new Date('2026-03-01T09:00:00Z');

function issued(overrides: Partial<CredentialsResponse> = {}): CredentialsResponse {
  const expiration = new Date(NOW.getTime() + 65_000).toISOString();
  return {
    accessKeyId: 'ASIAEXAMPLEKEY',
    secretAccessKey: 'secret/with+chars',
    sessionToken: 'TOKEN==',
    expiration,
    assumedRoleArn: 'arn:aws:sts::111122223333:assumed-role/Developer/alice',
    region: 'eu-west-1',
    durationSeconds: 3600,
    maxSessionSeconds: 3600,
    clamped: false,
    formatted: {
      env: 'export AWS_ACCESS_KEY_ID=ASIAEXAMPLEKEY\n',
      'env-no-export': 'AWS_ACCESS_KEY_ID=ASIAEXAMPLEKEY\n',
      fish: 'set -gx AWS_ACCESS_KEY_ID "ASIAEXAMPLEKEY"\n',
      powershell: '$Env:AWS_ACCESS_KEY_ID="ASIAEXAMPLEKEY"\n',
      'windows-cmd': 'set AWS_ACCESS_KEY_ID=ASIAEXAMPLEKEY\n',
      ini: '[dev-profile]\naws_access_key_id = ASIAEXAMPLEKEY\n',
      process: '{"Version":1,"AccessKeyId":"ASIAEXAMPLEKEY"}\n',
      dotenv: 'AWS_ACCESS_KEY_ID=ASIAEXAMPLEKEY\n',
    },
    ...overrides,
  };
}

/** The text of the code block labelled for the shown tab. */
function shownCode(format: string): string {
  return screen.getByLabelText(`Credentials as ${format}`).textContent ?? '';
}

describe('CLI credentials formats view', () => {
  let writeText: ReturnType<typeof vi.fn>;

  beforeEach(() => {
    // Only the clock: Testing Library's waitFor needs real timeouts.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(NOW);
    writeText = vi.fn().mockResolvedValue(undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
  });

  afterEach(() => {
    cleanup();
    vi.useRealTimers();
  });

  it('offers one tab per format, in the documented order, starting with bash/zsh', () => {
    renderWithApp(<CredentialFormats credentials={issued()} profile="dev-profile" />);
    const tabs = screen.getAllByRole('tab').map((tab) => tab.textContent);
    expect(tabs).toEqual([
      'bash / zsh',
      'fish',
      'PowerShell',
      'Windows cmd',
      'Credentials file',
      'credential_process (JSON)',
      '.env',
    ]);
    expect(shownCode('bash / zsh')).toBe('export AWS_ACCESS_KEY_ID=ASIAEXAMPLEKEY\n');
  });

  it('shows exactly what the server rendered for the chosen format and copies that text', async () => {
    renderWithApp(<CredentialFormats credentials={issued()} profile="dev-profile" />);
    fireEvent.click(screen.getByRole('tab', { name: 'PowerShell' }));
    expect(shownCode('PowerShell')).toBe('$Env:AWS_ACCESS_KEY_ID="ASIAEXAMPLEKEY"\n');
    fireEvent.click(screen.getByRole('button', { name: 'Copy PowerShell' }));
    await waitFor(() => expect(writeText).toHaveBeenCalledWith('$Env:AWS_ACCESS_KEY_ID="ASIAEXAMPLEKEY"\n'));

    fireEvent.click(screen.getByRole('tab', { name: 'credential_process (JSON)' }));
    expect(shownCode('credential_process (JSON)')).toBe('{"Version":1,"AccessKeyId":"ASIAEXAMPLEKEY"}\n');
  });

  it('checks the credentials file through its profile, and everything else plainly', async () => {
    renderWithApp(<CredentialFormats credentials={issued()} profile="dev-profile" />);
    const check = () => screen.getByLabelText('Check that they work').textContent;
    expect(check()).toBe('aws sts get-caller-identity');
    fireEvent.click(screen.getByRole('tab', { name: 'Credentials file' }));
    expect(shownCode('Credentials file')).toBe('[dev-profile]\naws_access_key_id = ASIAEXAMPLEKEY\n');
    expect(check()).toBe('aws sts get-caller-identity --profile dev-profile');
    fireEvent.click(screen.getByRole('button', { name: 'Copy command' }));
    await waitFor(() =>
      expect(writeText).toHaveBeenCalledWith('aws sts get-caller-identity --profile dev-profile'),
    );
    expect(
      screen.getByText(
        /The Arn in the answer should be arn:aws:sts::111122223333:assumed-role\/Developer\/alice/,
      ),
    ).toBeTruthy();
  });

  it('counts down to the expiry every second and then says the credentials expired', () => {
    vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'] });
    vi.setSystemTime(NOW);
    renderWithApp(<CredentialFormats credentials={issued()} profile="p" />);
    expect(screen.getByText('Expires in 1:05')).toBeTruthy();
    act(() => vi.advanceTimersByTime(6_000));
    expect(screen.getByText('Expires in 0:59')).toBeTruthy();
    act(() => vi.advanceTimersByTime(60_000));
    expect(screen.getByText('Expired. Get new credentials.')).toBeTruthy();
  });

  it('says when the session was shortened to the real maximum', () => {
    renderWithApp(
      <CredentialFormats
        credentials={issued({ clamped: true, durationSeconds: 3600, maxSessionSeconds: 3600 })}
        profile="p"
      />,
    );
    expect(screen.getByText('Shortened to the maximum allowed, 1 h.')).toBeTruthy();
  });

  it('leaves out formats the server did not render', () => {
    const { formatted } = issued();
    const { dotenv: _dropped, ...rest } = formatted;
    renderWithApp(<CredentialFormats credentials={issued({ formatted: rest })} profile="p" />);
    expect(screen.queryByRole('tab', { name: '.env' })).toBeNull();
    expect(screen.getAllByRole('tab')).toHaveLength(FORMAT_TABS.length - 1);
  });

  it('speaks Japanese, with the dates and durations of that locale', () => {
    renderWithApp(<CredentialFormats credentials={issued({ durationSeconds: 5400 })} profile="p" />, {
      locale: 'ja',
    });
    expect(screen.getByRole('tab', { name: '認証情報ファイル' })).toBeTruthy();
    expect(screen.getByText('残り 1:05')).toBeTruthy();
    expect(screen.getByText('1 時間 30 分')).toBeTruthy();
    expect(screen.getByText(/2026\/03\/01/)).toBeTruthy();
  });
});

describe('credential dialog choices', () => {
  it('offers durations up to and including the real maximum', () => {
    expect(durationChoices(3600)).toEqual([900, 1800, 3600]);
    expect(durationChoices(5400)).toEqual([900, 1800, 3600, 5400]);
    expect(durationChoices(43_200)).toEqual([900, 1800, 3600, 7200, 14_400, 28_800, 43_200]);
  });

  it('names the default profile after the account and role, in the characters the server accepts', () => {
    expect(defaultProfileName('Production', 'ReadOnly')).toBe('Production-ReadOnly');
    expect(defaultProfileName('本番 (東京)', 'Admin')).toBe('Admin');
    expect(defaultProfileName('', '')).toBe('gatehouse');
    expect(defaultProfileName('a'.repeat(80), 'Role')).toHaveLength(64);
  });

  it('checks the credentials file by profile only', () => {
    expect(checkCommand('ini', 'x')).toBe('aws sts get-caller-identity --profile x');
    expect(checkCommand('fish', 'x')).toBe('aws sts get-caller-identity');
  });
});
