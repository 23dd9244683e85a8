/**
 * Sign-in: username and password, then an authenticator code (or a recovery code). Wrong
 * credentials get one generic sentence whatever went wrong, as the API answers: it never tells
 * whether a username exists.
 */
import { useState } from 'react';
import { Navigate, useSearchParams } from 'react-router';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import FormField from '@cloudscape-design/components/form-field';
import Input from '@cloudscape-design/components/input';
import SpaceBetween from '@cloudscape-design/components/space-between';
import type { LoginRequest, RecoveryLoginResponse, StageResponse } from '@gatehouse/contracts';
import { ApiError, post } from '../api';
import { refusedField } from '../errors';
import { useI18n } from '../i18n';
import { setSession, safeNext, signOut, useSession, useSessionStep } from '../session';
import { AttemptError, useAttemptMutation } from '../components/attempt-error';
import { CodeField, useCodeInput } from '../components/code-field';
import { Loading } from '../components/loading';
import { PublicLayout } from '../components/public-layout';
import { useNotify } from '../components/notifications';
import { SubmitForm } from '../components/submit-form';

export function SignInPage() {
  const session = useSession();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  if (session.isPending) return <Loading />;
  const stage = session.data?.stage;
  if (stage === 'active') return <Navigate to={next} replace />;
  if (stage === 'enroll') return <Navigate to="/mfa/enrol" replace />;
  return stage === 'totp' ? <CodeStep next={next} /> : <PasswordStep />;
}

function PasswordStep() {
  const { t } = useI18n();
  const client = useQueryClient();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState(false);
  const [login, attempt] = useAttemptMutation({
    mutationFn: (body: LoginRequest) => post<StageResponse>('/api/auth/login', body),
    onSuccess: (data) => {
      setPassword('');
      setSession(client, data);
    },
    onError: () => setPassword(''),
  });

  const submit = () => {
    if (!username.trim() || !password) {
      setMissing(true);
      return;
    }
    setMissing(false);
    login.mutate({ username: username.trim(), password });
  };

  const generic = !(login.error instanceof ApiError)
    ? undefined
    : login.error.status === 401
      ? t('signIn.invalid')
      : login.error.code === 'enrolment_link_required'
        ? t('signIn.linkRequired')
        : undefined;
  return (
    <PublicLayout title={t('signIn.title')} description={t('signIn.description')}>
      <SubmitForm
        onSubmit={submit}
        submitLabel={t('signIn.submit')}
        loading={login.isPending}
        disabled={attempt.blocked}
      >
        <SpaceBetween size="m">
          <FormField
            label={t('signIn.username')}
            errorText={missing && !username.trim() ? t('field.required') : undefined}
          >
            <Input
              value={username}
              onChange={(e) => setUsername(e.detail.value)}
              autoComplete="username"
              name="username"
              spellcheck={false}
              autoFocus
            />
          </FormField>
          <FormField
            label={t('signIn.password')}
            errorText={missing && !password ? t('field.required') : undefined}
          >
            <Input
              type="password"
              value={password}
              onChange={(e) => setPassword(e.detail.value)}
              autoComplete="current-password"
              name="password"
            />
          </FormField>
          <AttemptError error={login.error} attempt={attempt} override={generic} />
        </SpaceBetween>
      </SubmitForm>
      <Box variant="p" color="text-body-secondary" margin={{ top: 'l' }}>
        {t('signIn.help')}
      </Box>
    </PublicLayout>
  );
}

function CodeStep({ next }: { next: string }) {
  const { t } = useI18n();
  const client = useQueryClient();
  const proceed = useSessionStep();
  const notify = useNotify();
  const code = useCodeInput();
  const [mode, setMode] = useState<'totp' | 'recovery'>('totp');

  const [verify, attempt] = useAttemptMutation<
    StageResponse | RecoveryLoginResponse,
    { mode: 'totp' | 'recovery'; code: string }
  >({
    mutationFn: (input) =>
      input.mode === 'totp'
        ? post<StageResponse>('/api/auth/totp', { code: input.code })
        : post<RecoveryLoginResponse>('/api/auth/recovery', { code: input.code }),
    onSuccess: (data) => {
      if ('remainingRecoveryCodes' in data) {
        notify({
          id: 'recovery-used',
          type: data.remainingRecoveryCodes <= 3 ? 'warning' : 'info',
          content: t('signIn.recoveryUsed', { count: data.remainingRecoveryCodes }),
        });
      }
      proceed(data.user ? { stage: data.stage, user: data.user } : { stage: data.stage }, next);
    },
    onError: (error) => {
      code.clear();
      // 401 without a field: the half-finished sign-in itself has expired; start again.
      if (error instanceof ApiError && error.status === 401 && !error.fieldError('code')) {
        notify({ id: 'sign-in-expired', type: 'info', content: t('signIn.expired') });
        setSession(client, null);
      }
    },
  });

  const startOver = useMutation({ mutationFn: () => signOut(client) });

  const submit = () => {
    const value = code.take();
    if (value) verify.mutate({ mode, code: value });
  };

  const codeWrong = refusedField(verify.error, 'code');
  const isTotp = mode === 'totp';
  return (
    <PublicLayout
      title={isTotp ? t('signIn.codeTitle') : t('signIn.recoveryTitle')}
      description={isTotp ? t('signIn.codeDescription') : t('signIn.recoveryDescription')}
    >
      <SubmitForm
        onSubmit={submit}
        submitLabel={t('signIn.verify')}
        loading={verify.isPending}
        disabled={attempt.blocked}
        secondary={
          <Button
            formAction="none"
            variant="link"
            loading={startOver.isPending}
            onClick={() => startOver.mutate()}
          >
            {t('signIn.startOver')}
          </Button>
        }
      >
        <SpaceBetween size="m">
          <CodeField
            key={mode}
            label={isTotp ? t('signIn.code') : t('signIn.recoveryCode')}
            hint={isTotp ? t('signIn.codeHint') : t('signIn.recoveryHint')}
            input={code}
            invalid={
              codeWrong && !attempt.blocked
                ? isTotp
                  ? t('signIn.codeInvalid')
                  : t('signIn.recoveryInvalid')
                : undefined
            }
            recovery={!isTotp}
            name={isTotp ? 'totp' : 'recovery-code'}
            autoFocus
          />
          <Button
            formAction="none"
            variant="inline-link"
            onClick={() => {
              setMode(isTotp ? 'recovery' : 'totp');
              code.reset();
              verify.reset();
            }}
          >
            {isTotp ? t('signIn.useRecovery') : t('signIn.useTotp')}
          </Button>
          {!codeWrong && <AttemptError error={verify.error} attempt={attempt} />}
        </SpaceBetween>
      </SubmitForm>
    </PublicLayout>
  );
}
