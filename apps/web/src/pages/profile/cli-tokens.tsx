/** Tokens that `gatehouse login` obtained for this user: where they are used, and a way to cut them off. */
import { useQuery } from '@tanstack/react-query';
import Button from '@cloudscape-design/components/button';
import type { CliTokenList } from '@gatehouse/contracts';
import { get } from '../../api';
import { useI18n } from '../../i18n';
import { SignedInCards, useEnd } from './signed-in-cards';

const CLI_TOKENS_KEY = ['me', 'cli-tokens'] as const;

type CliTokenRow = CliTokenList['tokens'][number];

export function CliTokens() {
  const i18n = useI18n();
  const { t } = i18n;
  const tokens = useQuery({
    queryKey: CLI_TOKENS_KEY,
    queryFn: () => get<CliTokenList>('/api/me/cli-tokens'),
  });
  const revoke = useEnd(
    (id) => `/api/me/cli-tokens/${id}`,
    CLI_TOKENS_KEY,
    'cli-token',
    t('profile.cliRevoked'),
  );
  const name = (row: CliTokenRow) =>
    row.hostname ? t('profile.cliOn', { client: row.clientName, host: row.hostname }) : row.clientName;
  return (
    <SignedInCards<CliTokenRow>
      title={t('profile.cli')}
      description={t('profile.cliDescription')}
      query={tokens}
      items={tokens.data?.tokens ?? []}
      emptyText={t('profile.cliNone')}
      cardHeader={(row) => name(row)}
      sections={[
        {
          id: 'created',
          header: t('profile.cliCreated'),
          content: (row) => `${i18n.formatDateTime(row.createdAt)} · ${row.createdIp}`,
        },
        {
          id: 'used',
          header: t('profile.cliLastUsed'),
          content: (row) =>
            row.lastUsedAt
              ? `${i18n.formatDateTime(row.lastUsedAt)}${row.lastUsedIp ? ` · ${row.lastUsedIp}` : ''}`
              : t('profile.cliNeverUsed'),
        },
        { id: 'expires', header: t('profile.expires'), content: (row) => i18n.formatDateTime(row.expiresAt) },
        {
          id: 'actions',
          content: (row) => (
            <Button
              ariaLabel={t('profile.cliRevokeFor', { name: name(row) })}
              loading={revoke.isPending && revoke.variables === row.id}
              onClick={() => revoke.mutate(row.id)}
            >
              {t('profile.cliRevoke')}
            </Button>
          ),
        },
      ]}
    />
  );
}
