/** Changing how one signs in: a new password, new recovery codes, a new authenticator. */
import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import Alert from '@cloudscape-design/components/alert';
import SpaceBetween from '@cloudscape-design/components/space-between';
import type { Ok, RecoveryCodes, StageResponse } from '@gatehouse/contracts';
import { ApiError, post } from '../../api';
import { fieldReason } from '../../errors';
import { useI18n } from '../../i18n';
import { useSessionStep } from '../../session';
import { useAttemptMutation } from '../../components/attempt-error';
import { NewPasswordFields, newPasswordProblems } from '../../components/new-password-fields';
import { useNotify } from '../../components/notifications';
import { ReauthForm } from '../../components/reauth-form';
import type { Reauth } from '../../components/reauth-form';
import { RecoveryCodesView } from '../../components/recovery-codes';
import { ReauthSection } from './reauth-section';
import { SESSIONS_KEY } from './sessions';

export function ChangePassword() {
  const i18n = useI18n();
  const { t } = i18n;
  const notify = useNotify();
  const client = useQueryClient();
  const [open, setOpen] = useState(false);
  const [round, setRound] = useState(0);
  const [next, setNext] = useState({ password: '', confirm: '' });
  const [submitted, setSubmitted] = useState(false);
  const [change, attempt] = useAttemptMutation({
    mutationFn: (body: Reauth) =>
      post<Ok>('/api/me/password', {
        currentPassword: body.password,
        totpCode: body.totpCode,
        newPassword: next.password,
      }),
    onSuccess: () => {
      notify({ id: 'password', type: 'success', content: t('profile.passwordChanged') });
      void client.invalidateQueries({ queryKey: SESSIONS_KEY });
      setOpen(false);
      setNext({ password: '', confirm: '' });
      setSubmitted(false);
      setRound((r) => r + 1);
    },
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
    <ReauthSection
      topic="password"
      actionLabel={t('profile.changePassword')}
      open={open}
      onOpen={() => setOpen(true)}
    >
      <ReauthForm
        key={round}
        submitLabel={t('profile.changePassword')}
        mutation={change}
        attempt={attempt}
        extraValid={Object.keys(newPasswordProblems(next)).length === 0}
        onCancel={() => {
          setOpen(false);
          change.reset();
        }}
        onAttempt={() => setSubmitted(true)}
        onSubmit={change.mutate}
      >
        <NewPasswordFields
          value={next}
          onChange={setNext}
          showProblems={submitted}
          serverError={newPasswordError}
        />
      </ReauthForm>
    </ReauthSection>
  );
}

export function RecoveryCodesSection({ username }: { username: string | undefined }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [regenerate, attempt] = useAttemptMutation({
    mutationFn: (body: Reauth) => post<RecoveryCodes>('/api/me/recovery-codes', body),
  });
  const close = () => {
    setOpen(false);
    regenerate.reset();
  };
  return (
    <ReauthSection
      topic="recovery"
      actionLabel={t('profile.regenerate')}
      open={open}
      onOpen={() => setOpen(true)}
    >
      {regenerate.data ? (
        <RecoveryCodesView
          codes={regenerate.data.recoveryCodes}
          username={username}
          doneLabel={t('app.done')}
          onDone={close}
        />
      ) : (
        <SpaceBetween size="m">
          <Alert type="info">{t('profile.regenerateWarning')}</Alert>
          <ReauthForm
            submitLabel={t('profile.regenerate')}
            mutation={regenerate}
            attempt={attempt}
            onCancel={close}
            onSubmit={regenerate.mutate}
          />
        </SpaceBetween>
      )}
    </ReauthSection>
  );
}

export function ResetAuthenticator() {
  const { t } = useI18n();
  const proceed = useSessionStep();
  const [open, setOpen] = useState(false);
  const [reset, attempt] = useAttemptMutation({
    mutationFn: (body: Reauth) => post<StageResponse>('/api/me/mfa/reset', body),
    onSuccess: (data) => proceed(data, '/mfa/enrol'),
  });
  return (
    <ReauthSection topic="mfa" actionLabel={t('profile.resetMfa')} open={open} onOpen={() => setOpen(true)}>
      <SpaceBetween size="m">
        <Alert type="warning">{t('profile.resetMfaWarning')}</Alert>
        <ReauthForm
          submitLabel={t('profile.resetMfa')}
          mutation={reset}
          attempt={attempt}
          onCancel={() => {
            setOpen(false);
            reset.reset();
          }}
          onSubmit={reset.mutate}
        />
      </SpaceBetween>
    </ReauthSection>
  );
}
