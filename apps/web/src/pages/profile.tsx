/**
 * Profile: who I am, change my password, new recovery codes, reset my authenticator (each
 * re-authenticates with password and code), and the sessions signed in as me, which I can end.
 */
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Alert from '@cloudscape-design/components/alert';
import Badge from '@cloudscape-design/components/badge';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import Cards from '@cloudscape-design/components/cards';
import Container from '@cloudscape-design/components/container';
import ContentLayout from '@cloudscape-design/components/content-layout';
import Header from '@cloudscape-design/components/header';
import KeyValuePairs from '@cloudscape-design/components/key-value-pairs';
import SpaceBetween from '@cloudscape-design/components/space-between';
import type { CliTokenList, Ok, RecoveryCodes, SessionList, StageResponse } from '@gatehouse/contracts';
import { ApiError, del, get, post } from '../api';
import { describeError, fieldReason } from '../errors';
import { useI18n } from '../i18n';
import { setSession, useSession } from '../session';
import { useDocumentTitle } from '../hooks/use-document-title';
import { useAttemptBlock } from '../components/attempt-error';
import { ErrorAlert } from '../components/error-alert';
import { NewPasswordFields, newPasswordProblems } from '../components/new-password-fields';
import { useNotify } from '../components/notifications';
import { ReauthForm } from '../components/reauth-form';
import type { Reauth } from '../components/reauth-form';
import { RecoveryCodesView } from '../components/recovery-codes';
import { describeUserAgent } from '../components/user-agent';

const SESSIONS_KEY = ['me', 'sessions'] as const;
const CLI_TOKENS_KEY = ['me', 'cli-tokens'] as const;

export function ProfilePage() {
  const { t } = useI18n();
  useDocumentTitle(t('app.profile'));
  const user = useSession().data?.user;
  return (
    <ContentLayout
      header={
        <Header variant="h1" description={t('profile.description')}>
          {t('app.profile')}
        </Header>
      }
    >
      <SpaceBetween size="l">
        {user && (
          <Container header={<Header variant="h2">{t('profile.account')}</Header>}>
            <KeyValuePairs
              columns={4}
              items={[
                { label: t('user.username'), value: user.username },
                { label: t('user.displayName'), value: user.displayName },
                { label: t('user.email'), value: user.email ?? t('profile.noEmail') },
                {
                  label: t('profile.kind'),
                  value: user.isAdmin ? t('profile.administrator') : t('profile.member'),
                },
              ]}
            />
          </Container>
        )}
        <ChangePassword />
        <RecoveryCodesSection username={user?.username} />
        <ResetAuthenticator />
        <Sessions />
        <CliTokens />
      </SpaceBetween>
    </ContentLayout>
  );
}

function ChangePassword() {
  const i18n = useI18n();
  const { t } = i18n;
  const notify = useNotify();
  const client = useQueryClient();
  const attempt = useAttemptBlock();
  const [open, setOpen] = useState(false);
  const [round, setRound] = useState(0);
  const [next, setNext] = useState({ password: '', confirm: '' });
  const [submitted, setSubmitted] = useState(false);
  const change = useMutation({
    mutationFn: (body: Reauth) =>
      post<Ok>('/api/me/password', {
        currentPassword: body.password,
        totpCode: body.totpCode,
        newPassword: next.password,
      }),
    onMutate: () => attempt.clear(),
    onSuccess: () => {
      notify({ id: 'password', type: 'success', content: t('profile.passwordChanged') });
      void client.invalidateQueries({ queryKey: SESSIONS_KEY });
      setOpen(false);
      setNext({ password: '', confirm: '' });
      setSubmitted(false);
      setRound((r) => r + 1);
    },
    onError: (error) => attempt.record(error),
  });
  // The same field name carries both "current password incorrect" and the new password's rules.
  const newPasswordError =
    change.error instanceof ApiError
      ? change.error.fields
          .filter((f) => f.field === 'password' && f.reason !== 'incorrect')
          .map((f) => fieldReason(i18n, f.reason))
          .join(' ') || undefined
      : undefined;

  return (
    <Container
      header={
        <Header
          variant="h2"
          description={t('profile.passwordDescription')}
          actions={!open && <Button onClick={() => setOpen(true)}>{t('profile.changePassword')}</Button>}
        >
          {t('profile.password')}
        </Header>
      }
    >
      {open ? (
        <ReauthForm
          key={round}
          submitLabel={t('profile.changePassword')}
          pending={change.isPending}
          error={change.error}
          block={attempt.block}
          remaining={attempt.remaining}
          extraValid={Object.keys(newPasswordProblems(next)).length === 0}
          onCancel={() => {
            setOpen(false);
            change.reset();
          }}
          onAttempt={() => setSubmitted(true)}
          onSubmit={(value) => change.mutate(value)}
        >
          <NewPasswordFields
            value={next}
            onChange={setNext}
            showProblems={submitted}
            serverError={newPasswordError}
          />
        </ReauthForm>
      ) : (
        <Box variant="p" color="text-body-secondary">
          {t('profile.passwordHint')}
        </Box>
      )}
    </Container>
  );
}

function RecoveryCodesSection({ username }: { username: string | undefined }) {
  const { t } = useI18n();
  const attempt = useAttemptBlock();
  const [open, setOpen] = useState(false);
  const regenerate = useMutation({
    mutationFn: (body: Reauth) => post<RecoveryCodes>('/api/me/recovery-codes', body),
    onMutate: () => attempt.clear(),
    onError: (error) => attempt.record(error),
  });
  const close = () => {
    setOpen(false);
    regenerate.reset();
  };
  return (
    <Container
      header={
        <Header
          variant="h2"
          description={t('profile.recoveryDescription')}
          actions={!open && <Button onClick={() => setOpen(true)}>{t('profile.regenerate')}</Button>}
        >
          {t('profile.recovery')}
        </Header>
      }
    >
      {regenerate.data ? (
        <RecoveryCodesView
          codes={regenerate.data.recoveryCodes}
          username={username}
          doneLabel={t('app.done')}
          onDone={close}
        />
      ) : open ? (
        <SpaceBetween size="m">
          <Alert type="info">{t('profile.regenerateWarning')}</Alert>
          <ReauthForm
            submitLabel={t('profile.regenerate')}
            pending={regenerate.isPending}
            error={regenerate.error}
            block={attempt.block}
            remaining={attempt.remaining}
            onCancel={close}
            onSubmit={(value) => regenerate.mutate(value)}
          />
        </SpaceBetween>
      ) : (
        <Box variant="p" color="text-body-secondary">
          {t('profile.recoveryHint')}
        </Box>
      )}
    </Container>
  );
}

function ResetAuthenticator() {
  const { t } = useI18n();
  const client = useQueryClient();
  const navigate = useNavigate();
  const attempt = useAttemptBlock();
  const [open, setOpen] = useState(false);
  const reset = useMutation({
    mutationFn: (body: Reauth) => post<StageResponse>('/api/me/mfa/reset', body),
    onMutate: () => attempt.clear(),
    onSuccess: (data) => {
      setSession(client, data);
      void navigate('/mfa/enrol', { replace: true });
    },
    onError: (error) => attempt.record(error),
  });
  return (
    <Container
      header={
        <Header
          variant="h2"
          description={t('profile.mfaDescription')}
          actions={!open && <Button onClick={() => setOpen(true)}>{t('profile.resetMfa')}</Button>}
        >
          {t('profile.mfa')}
        </Header>
      }
    >
      {open ? (
        <SpaceBetween size="m">
          <Alert type="warning">{t('profile.resetMfaWarning')}</Alert>
          <ReauthForm
            submitLabel={t('profile.resetMfa')}
            pending={reset.isPending}
            error={reset.error}
            block={attempt.block}
            remaining={attempt.remaining}
            onCancel={() => {
              setOpen(false);
              reset.reset();
            }}
            onSubmit={(value) => reset.mutate(value)}
          />
        </SpaceBetween>
      ) : (
        <Box variant="p" color="text-body-secondary">
          {t('profile.mfaHint')}
        </Box>
      )}
    </Container>
  );
}

type SessionRow = SessionList['sessions'][number];

function Sessions() {
  const i18n = useI18n();
  const { t } = i18n;
  const client = useQueryClient();
  const notify = useNotify();
  const sessions = useQuery({ queryKey: SESSIONS_KEY, queryFn: () => get<SessionList>('/api/me/sessions') });
  const end = useMutation({
    mutationFn: (id: string) => del<Ok>(`/api/me/sessions/${id}`),
    onSuccess: () => {
      notify({ id: 'session-ended', type: 'success', content: t('profile.sessionEnded') });
      void client.invalidateQueries({ queryKey: SESSIONS_KEY });
    },
    onError: (error) => {
      notify({ id: 'session-ended', type: 'error', content: describeError(i18n, error).message });
      void client.invalidateQueries({ queryKey: SESSIONS_KEY });
    },
  });
  const items = sessions.data?.sessions ?? [];
  const device = (row: SessionRow) => {
    const { browser, os } = describeUserAgent(row.userAgent);
    if (browser && os) return t('profile.deviceOn', { browser, os });
    return browser ?? os ?? (row.userAgent || t('profile.unknownDevice'));
  };
  return (
    <Cards<SessionRow>
      variant="container"
      header={
        <Header
          variant="h2"
          counter={sessions.data ? `(${i18n.formatNumber(items.length)})` : undefined}
          description={t('profile.sessionsDescription')}
          actions={
            <Button
              iconName="refresh"
              ariaLabel={t('profile.refreshSessions')}
              loading={sessions.isFetching}
              onClick={() => void sessions.refetch()}
            />
          }
        >
          {t('profile.sessions')}
        </Header>
      }
      loading={sessions.isPending}
      loadingText={t('app.loading')}
      items={items}
      trackBy="id"
      cardsPerRow={[{ cards: 1 }, { minWidth: 640, cards: 2 }, { minWidth: 1000, cards: 3 }]}
      empty={
        sessions.isError ? (
          <ErrorAlert error={sessions.error} />
        ) : (
          <Box textAlign="center">{t('profile.noSessions')}</Box>
        )
      }
      cardDefinition={{
        header: (row) => (
          <SpaceBetween size="xs" direction="horizontal" alignItems="center">
            <span title={row.userAgent}>{device(row)}</span>
            {row.current && <Badge color="green">{t('profile.thisSession')}</Badge>}
          </SpaceBetween>
        ),
        sections: [
          { id: 'ip', header: t('profile.ip'), content: (row) => <span className="gh-mono">{row.ip}</span> },
          {
            id: 'created',
            header: t('profile.signedIn'),
            content: (row) => i18n.formatDateTime(row.createdAt),
          },
          {
            id: 'seen',
            header: t('profile.lastActive'),
            content: (row) => i18n.formatDateTime(row.lastSeenAt),
          },
          {
            id: 'expires',
            header: t('profile.expires'),
            content: (row) => i18n.formatDateTime(row.expiresAt),
          },
          {
            id: 'actions',
            content: (row) =>
              row.current ? (
                <Box color="text-body-secondary" variant="small">
                  {t('profile.currentHint')}
                </Box>
              ) : (
                <Button
                  ariaLabel={t('profile.endSessionFor', { device: device(row), ip: row.ip })}
                  loading={end.isPending && end.variables === row.id}
                  onClick={() => end.mutate(row.id)}
                >
                  {t('profile.endSession')}
                </Button>
              ),
          },
        ],
      }}
    />
  );
}

type CliTokenRow = CliTokenList['tokens'][number];

/** Tokens that `gatehouse login` obtained for this user: where they are used, and a way to cut them off. */
function CliTokens() {
  const i18n = useI18n();
  const { t } = i18n;
  const client = useQueryClient();
  const notify = useNotify();
  const tokens = useQuery({
    queryKey: CLI_TOKENS_KEY,
    queryFn: () => get<CliTokenList>('/api/me/cli-tokens'),
  });
  const revoke = useMutation({
    mutationFn: (id: string) => del<Ok>(`/api/me/cli-tokens/${id}`),
    onSuccess: () => notify({ id: 'cli-token', type: 'success', content: t('profile.cliRevoked') }),
    onError: (error) =>
      notify({ id: 'cli-token', type: 'error', content: describeError(i18n, error).message }),
    onSettled: () => void client.invalidateQueries({ queryKey: CLI_TOKENS_KEY }),
  });
  const items = tokens.data?.tokens ?? [];
  const name = (row: CliTokenRow) =>
    row.hostname ? t('profile.cliOn', { client: row.clientName, host: row.hostname }) : row.clientName;
  return (
    <Cards<CliTokenRow>
      variant="container"
      header={
        <Header
          variant="h2"
          counter={tokens.data ? `(${i18n.formatNumber(items.length)})` : undefined}
          description={t('profile.cliDescription')}
        >
          {t('profile.cli')}
        </Header>
      }
      loading={tokens.isPending}
      loadingText={t('app.loading')}
      items={items}
      trackBy="id"
      cardsPerRow={[{ cards: 1 }, { minWidth: 640, cards: 2 }, { minWidth: 1000, cards: 3 }]}
      empty={
        tokens.isError ? (
          <ErrorAlert error={tokens.error} />
        ) : (
          <Box textAlign="center">{t('profile.cliNone')}</Box>
        )
      }
      cardDefinition={{
        header: (row) => name(row),
        sections: [
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
          {
            id: 'expires',
            header: t('profile.expires'),
            content: (row) => i18n.formatDateTime(row.expiresAt),
          },
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
        ],
      }}
    />
  );
}
