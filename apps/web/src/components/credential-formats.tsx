/**
 * Issued CLI credentials, ready to paste: one tab per shell or file format (as the server
 * rendered them), a copy button each, a live countdown to expiry, and the command that proves
 * they work.
 */
import { useState } from 'react';
import Box from '@cloudscape-design/components/box';
import KeyValuePairs from '@cloudscape-design/components/key-value-pairs';
import SpaceBetween from '@cloudscape-design/components/space-between';
import Tabs from '@cloudscape-design/components/tabs';
import type { CredentialsResponse } from '@gatehouse/contracts';
import type { CredentialFormat } from '@gatehouse/contracts/credential-formats';
import type { MessageKey } from '../i18n';
import { useI18n } from '../i18n';
import { CodeBlock } from './code-block';
import { ExpiryCountdown } from './expiry-countdown';

/** Every format but `env-no-export`, which is for scripts (the CLI's `--format`), not for pasting. */
export type ShownFormat = Exclude<CredentialFormat, 'env-no-export'>;

const TAB_TEXT: Record<ShownFormat, { label: MessageKey; help: MessageKey }> = {
  env: { label: 'creds.format.env', help: 'creds.help.env' },
  fish: { label: 'creds.format.fish', help: 'creds.help.fish' },
  powershell: { label: 'creds.format.powershell', help: 'creds.help.powershell' },
  'windows-cmd': { label: 'creds.format.windowsCmd', help: 'creds.help.windowsCmd' },
  ini: { label: 'creds.format.ini', help: 'creds.help.ini' },
  process: { label: 'creds.format.process', help: 'creds.help.process' },
  dotenv: { label: 'creds.format.dotenv', help: 'creds.help.dotenv' },
};

/** In the order users reach for them: shells first, files last. */
export const FORMAT_TABS: ReadonlyArray<{ id: ShownFormat; label: MessageKey; help: MessageKey }> = (
  ['env', 'fish', 'powershell', 'windows-cmd', 'ini', 'process', 'dotenv'] as const
).map((id) => ({ id, ...TAB_TEXT[id] }));

/** The check to run after pasting: the credentials file is read through its profile. */
export function checkCommand(format: ShownFormat, profile: string): string {
  return format === 'ini'
    ? `aws sts get-caller-identity --profile ${profile}`
    : 'aws sts get-caller-identity';
}

export function CredentialFormats({
  credentials,
  profile,
}: {
  credentials: CredentialsResponse;
  profile: string;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const tabs = FORMAT_TABS.filter((tab) => typeof credentials.formatted[tab.id] === 'string');
  const [active, setActive] = useState<ShownFormat>(tabs[0]?.id ?? 'env');
  const command = checkCommand(active, profile);

  return (
    <SpaceBetween size="l">
      <KeyValuePairs
        columns={3}
        items={[
          {
            label: t('creds.role'),
            value: <span className="gh-break">{credentials.assumedRoleArn}</span>,
          },
          {
            label: t('creds.expires'),
            value: (
              <SpaceBetween size="xxs">
                <ExpiryCountdown expiration={credentials.expiration} />
                <Box variant="small">{i18n.formatDateTime(credentials.expiration)}</Box>
              </SpaceBetween>
            ),
          },
          {
            label: t('creds.duration'),
            value: (
              <SpaceBetween size="xxs">
                <span>{i18n.formatDuration(credentials.durationSeconds)}</span>
                {credentials.clamped && (
                  <Box variant="small">
                    {t('creds.clamped', { max: i18n.formatDuration(credentials.maxSessionSeconds) })}
                  </Box>
                )}
              </SpaceBetween>
            ),
          },
        ]}
      />
      <Tabs
        activeTabId={active}
        onChange={(e) => setActive(e.detail.activeTabId as ShownFormat)}
        ariaLabel={t('creds.formats')}
        tabs={tabs.map((tab) => ({
          id: tab.id,
          label: t(tab.label),
          content: (
            <SpaceBetween size="s">
              <Box variant="p">{t(tab.help, { profile })}</Box>
              <CodeBlock
                text={credentials.formatted[tab.id] ?? ''}
                label={t('creds.codeLabel', { format: t(tab.label) })}
                copyLabel={t('creds.copy', { format: t(tab.label) })}
              />
            </SpaceBetween>
          ),
        }))}
      />
      <SpaceBetween size="xs">
        <Box variant="h3" tagOverride="h3">
          {t('creds.checkTitle')}
        </Box>
        <Box variant="p">{t('creds.checkHelp')}</Box>
        <CodeBlock text={command} label={t('creds.checkTitle')} copyLabel={t('creds.copyCheck')} />
        <Box variant="small">{t('creds.checkExpect', { arn: credentials.assumedRoleArn })}</Box>
      </SpaceBetween>
    </SpaceBetween>
  );
}
