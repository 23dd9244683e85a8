/**
 * Sign-in: username and password, then an authenticator code (or a recovery code). Wrong
 * credentials get one generic sentence whatever went wrong, as the API answers: it never tells
 * whether a username exists.
 */
import { useState } from 'react';
import type { FormEvent } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import Form from '@cloudscape-design/components/form';
import FormField from '@cloudscape-design/components/form-field';
import Input from '@cloudscape-design/components/input';
import SpaceBetween from '@cloudscape-design/components/space-between';
import type { LoginRequest, RecoveryLoginResponse, StageResponse } from '@gatehouse/contracts';
import { ApiError, post } from '../api';
import { useI18n } from '../i18n';
import { setSession, safeNext, signOut, useSession } from '../session';
import { AttemptError, useAttemptBlock } from '../components/attempt-error';
import { Loading } from '../components/loading';
import { PublicLayout } from '../components/public-layout';
import { useNotify } from '../components/notifications';

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
  const attempt = useAttemptBlock();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState(false);
  const login = useMutation({
    mutationFn: (body: LoginRequest) => post<StageResponse>('/api/auth/login', body),
    onMutate: () => attempt.clear(),
    onSuccess: (data) => {
      setPassword('');
      setSession(client, data);
    },
    onError: (error) => {
      attempt.record(error);
      setPassword('');
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!username.trim() || !password) {
      setMissing(true);
      return;
    }
    setMissing(false);
    login.mutate({ username: username.trim(), password });
  };

  const generic =
    login.error instanceof ApiError && login.error.status === 401 ? t('signIn.invalid') : undefined;
  return (
    <PublicLayout title={t('signIn.title')} description={t('signIn.description')}>
      <form onSubmit={submit} noValidate>
        <Form
          actions={
            <Button
              variant="primary"
              formAction="submit"
              loading={login.isPending}
              disabled={attempt.blocked}
            >
              {t('signIn.submit')}
            </Button>
          }
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
            <AttemptError
              error={login.error}
              block={attempt.block}
              remaining={attempt.remaining}
              override={generic}
            />
          </SpaceBetween>
        </Form>
      </form>
      <Box variant="p" color="text-body-secondary" margin={{ top: 'l' }}>
        {t('signIn.help')}
      </Box>
    </PublicLayout>
  );
}

function CodeStep({ next }: { next: string }) {
  const { t } = useI18n();
  const client = useQueryClient();
  const navigate = useNavigate();
  const notify = useNotify();
  const attempt = useAttemptBlock();
  const [mode, setMode] = useState<'totp' | 'recovery'>('totp');
  const [code, setCode] = useState('');
  const [missing, setMissing] = useState(false);

  const verify = useMutation<
    StageResponse | RecoveryLoginResponse,
    Error,
    { mode: 'totp' | 'recovery'; code: string }
  >({
    mutationFn: (input) =>
      input.mode === 'totp'
        ? post<StageResponse>('/api/auth/totp', { code: input.code })
        : post<RecoveryLoginResponse>('/api/auth/recovery', { code: input.code }),
    onMutate: () => attempt.clear(),
    onSuccess: (data) => {
      if ('remainingRecoveryCodes' in data) {
        notify({
          id: 'recovery-used',
          type: data.remainingRecoveryCodes <= 3 ? 'warning' : 'info',
          content: t('signIn.recoveryUsed', { count: data.remainingRecoveryCodes }),
        });
      }
      setSession(client, data.user ? { stage: data.stage, user: data.user } : { stage: data.stage });
      void navigate(next, { replace: true });
    },
    onError: (error) => {
      attempt.record(error);
      setCode('');
      // 401 without a field: the half-finished sign-in itself has expired; start again.
      if (error instanceof ApiError && error.status === 401 && !error.fieldError('code')) {
        notify({ id: 'sign-in-expired', type: 'info', content: t('signIn.expired') });
        setSession(client, null);
      }
    },
  });

  const startOver = useMutation({ mutationFn: () => signOut(client) });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!code.trim()) {
      setMissing(true);
      return;
    }
    setMissing(false);
    verify.mutate({ mode, code: code.trim() });
  };

  const codeWrong = verify.error instanceof ApiError && verify.error.fieldError('code') !== undefined;
  const isTotp = mode === 'totp';
  return (
    <PublicLayout
      title={isTotp ? t('signIn.codeTitle') : t('signIn.recoveryTitle')}
      description={isTotp ? t('signIn.codeDescription') : t('signIn.recoveryDescription')}
    >
      <form onSubmit={submit} noValidate>
        <Form
          actions={
            <SpaceBetween size="xs" direction="horizontal">
              <Button
                formAction="none"
                variant="link"
                loading={startOver.isPending}
                onClick={() => startOver.mutate()}
              >
                {t('signIn.startOver')}
              </Button>
              <Button
                variant="primary"
                formAction="submit"
                loading={verify.isPending}
                disabled={attempt.blocked}
              >
                {t('signIn.verify')}
              </Button>
            </SpaceBetween>
          }
        >
          <SpaceBetween size="m">
            <FormField
              label={isTotp ? t('signIn.code') : t('signIn.recoveryCode')}
              constraintText={isTotp ? t('signIn.codeHint') : t('signIn.recoveryHint')}
              errorText={
                missing && !code.trim()
                  ? t('field.required')
                  : codeWrong && !attempt.blocked
                    ? isTotp
                      ? t('signIn.codeInvalid')
                      : t('signIn.recoveryInvalid')
                    : undefined
              }
            >
              <Input
                key={mode}
                value={code}
                onChange={(e) => setCode(e.detail.value)}
                autoComplete={isTotp ? 'one-time-code' : false}
                inputMode={isTotp ? 'numeric' : 'text'}
                name={isTotp ? 'totp' : 'recovery-code'}
                spellcheck={false}
                autoFocus
              />
            </FormField>
            <Button
              formAction="none"
              variant="inline-link"
              onClick={() => {
                setMode(isTotp ? 'recovery' : 'totp');
                setCode('');
                setMissing(false);
                verify.reset();
              }}
            >
              {isTotp ? t('signIn.useRecovery') : t('signIn.useTotp')}
            </Button>
            {!codeWrong && (
              <AttemptError error={verify.error} block={attempt.block} remaining={attempt.remaining} />
            )}
          </SpaceBetween>
        </Form>
      </form>
    </PublicLayout>
  );
}
