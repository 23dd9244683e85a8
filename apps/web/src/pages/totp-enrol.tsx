/**
 * Authenticator enrolment (after first setup, an enrolment link, an admin's MFA reset or one's
 * own): scan the QR code or type the key, confirm with a code, then keep the recovery codes that
 * are shown this once.
 */
import { useState } from 'react';
import type { FormEvent } from 'react';
import { Navigate, useNavigate } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import CopyToClipboard from '@cloudscape-design/components/copy-to-clipboard';
import Form from '@cloudscape-design/components/form';
import FormField from '@cloudscape-design/components/form-field';
import Header from '@cloudscape-design/components/header';
import Input from '@cloudscape-design/components/input';
import SpaceBetween from '@cloudscape-design/components/space-between';
import type { EnrolmentDone, EnrolmentStart } from '@gatehouse/contracts';
import { ApiError, post } from '../api';
import { useI18n } from '../i18n';
import { setSession, signOut, useSession } from '../session';
import { AttemptError, useAttemptBlock } from '../components/attempt-error';
import { ErrorAlert } from '../components/error-alert';
import { Loading } from '../components/loading';
import { PublicLayout } from '../components/public-layout';
import { RecoveryCodesView } from '../components/recovery-codes';

/** `JBSWY3DPEHPK3PXP` → `JBSW Y3DP EHPK 3PXP`: easier to type from a screen. */
export function groupSecret(secret: string): string {
  return secret.replace(/(.{4})(?=.)/g, '$1 ');
}

export function TotpEnrolPage() {
  const { t } = useI18n();
  const session = useSession();
  const client = useQueryClient();
  const navigate = useNavigate();
  const [done, setDone] = useState<EnrolmentDone | null>(null);

  // Once confirmed the session is active, but the recovery codes must stay until acknowledged.
  if (done) {
    return (
      <PublicLayout title={t('enrol.codesTitle')} description={t('enrol.codesDescription')} wide>
        <RecoveryCodesView
          codes={done.recoveryCodes}
          username={done.user.username}
          doneLabel={t('enrol.continue')}
          onDone={() => {
            setSession(client, { stage: 'active', user: done.user });
            void navigate('/', { replace: true });
          }}
        />
      </PublicLayout>
    );
  }
  if (session.isPending) return <Loading />;
  const stage = session.data?.stage;
  if (stage === 'active') return <Navigate to="/" replace />;
  if (stage !== 'enroll') return <Navigate to="/sign-in" replace />;
  return <EnrolSteps onDone={setDone} />;
}

function EnrolSteps({ onDone }: { onDone: (done: EnrolmentDone) => void }) {
  const { t } = useI18n();
  const client = useQueryClient();
  const attempt = useAttemptBlock();
  const [code, setCode] = useState('');
  const [missing, setMissing] = useState(false);
  // A POST, but idempotent in effect (it replaces the pending secret): run once per visit.
  const start = useQuery({
    queryKey: ['enrol-start'],
    queryFn: () => post<EnrolmentStart>('/api/auth/enrol/start', {}),
    staleTime: Infinity,
    gcTime: 0,
    retry: false,
  });
  const confirm = useMutation({
    mutationFn: (value: string) => post<EnrolmentDone>('/api/auth/enrol/confirm', { code: value }),
    onMutate: () => attempt.clear(),
    onSuccess: onDone,
    onError: (error) => {
      attempt.record(error);
      setCode('');
    },
  });
  const leave = useMutation({ mutationFn: () => signOut(client) });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!code.trim()) {
      setMissing(true);
      return;
    }
    setMissing(false);
    confirm.mutate(code.trim());
  };

  const codeWrong = confirm.error instanceof ApiError && confirm.error.fieldError('code') !== undefined;
  return (
    <PublicLayout title={t('enrol.title')} description={t('enrol.description')} wide>
      {start.isPending ? (
        <Loading />
      ) : start.isError ? (
        <SpaceBetween size="m">
          <ErrorAlert error={start.error} />
          <Button onClick={() => void start.refetch()}>{t('app.retry')}</Button>
        </SpaceBetween>
      ) : (
        <form onSubmit={submit} noValidate>
          <Form
            actions={
              <SpaceBetween size="xs" direction="horizontal">
                <Button
                  formAction="none"
                  variant="link"
                  loading={leave.isPending}
                  onClick={() => leave.mutate()}
                >
                  {t('app.signOut')}
                </Button>
                <Button
                  variant="primary"
                  formAction="submit"
                  loading={confirm.isPending}
                  disabled={attempt.blocked}
                >
                  {t('enrol.confirm')}
                </Button>
              </SpaceBetween>
            }
          >
            <SpaceBetween size="l">
              <section aria-labelledby="enrol-step-1">
                <SpaceBetween size="s">
                  <Header variant="h3" headingTagOverride="h2">
                    <span id="enrol-step-1">{t('enrol.step1')}</span>
                  </Header>
                  <Box variant="p">{t('enrol.scan')}</Box>
                  <img
                    className="gh-qr"
                    src={start.data.qrCodeDataUrl}
                    alt={t('enrol.qrAlt')}
                    width={200}
                    height={200}
                  />
                  <Box variant="p">{t('enrol.manual')}</Box>
                  <SpaceBetween size="xs" direction="horizontal" alignItems="center">
                    <code className="gh-secret" aria-label={t('enrol.secretLabel')}>
                      {groupSecret(start.data.secret)}
                    </code>
                    <CopyToClipboard
                      variant="icon"
                      textToCopy={start.data.secret}
                      copyButtonAriaLabel={t('enrol.copySecret')}
                      copySuccessText={t('copy.done')}
                      copyErrorText={t('copy.failed')}
                    />
                  </SpaceBetween>
                </SpaceBetween>
              </section>
              <section aria-labelledby="enrol-step-2">
                <SpaceBetween size="s">
                  <Header variant="h3" headingTagOverride="h2">
                    <span id="enrol-step-2">{t('enrol.step2')}</span>
                  </Header>
                  <FormField
                    label={t('signIn.code')}
                    constraintText={t('signIn.codeHint')}
                    errorText={
                      missing && !code.trim()
                        ? t('field.required')
                        : codeWrong
                          ? t('enrol.codeInvalid')
                          : undefined
                    }
                  >
                    <Input
                      value={code}
                      onChange={(e) => setCode(e.detail.value)}
                      autoComplete="one-time-code"
                      inputMode="numeric"
                      name="totp"
                      spellcheck={false}
                    />
                  </FormField>
                  {!codeWrong && (
                    <AttemptError error={confirm.error} block={attempt.block} remaining={attempt.remaining} />
                  )}
                </SpaceBetween>
              </section>
            </SpaceBetween>
          </Form>
        </form>
      )}
    </PublicLayout>
  );
}
