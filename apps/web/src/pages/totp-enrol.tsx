/**
 * Authenticator enrolment (after first setup, an enrolment link, an admin's MFA reset or one's
 * own): scan the QR code or type the key, confirm with a code, then keep the recovery codes that
 * are shown this once.
 */
import { useState } from 'react';
import type { ReactNode } from 'react';
import { Navigate } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import CopyToClipboard from '@cloudscape-design/components/copy-to-clipboard';
import Header from '@cloudscape-design/components/header';
import SpaceBetween from '@cloudscape-design/components/space-between';
import type { EnrolmentDone, EnrolmentStart } from '@gatehouse/contracts';
import { post } from '../api';
import { refusedField } from '../errors';
import { useI18n } from '../i18n';
import { signOut, useSession, useSessionStep } from '../session';
import { AttemptError, useAttemptMutation } from '../components/attempt-error';
import { CodeField, useCodeInput } from '../components/code-field';
import { ErrorWithRetry } from '../components/error-with-retry';
import { Loading } from '../components/loading';
import { PublicLayout } from '../components/public-layout';
import { RecoveryCodesView } from '../components/recovery-codes';
import { SubmitForm } from '../components/submit-form';

/** `JBSWY3DPEHPK3PXP` → `JBSW Y3DP EHPK 3PXP`: easier to type from a screen. */
export function groupSecret(secret: string): string {
  return secret.replace(/(.{4})(?=.)/g, '$1 ');
}

export function TotpEnrolPage() {
  const { t } = useI18n();
  const session = useSession();
  const proceed = useSessionStep();
  const [done, setDone] = useState<EnrolmentDone | null>(null);

  // Once confirmed the session is active, but the recovery codes must stay until acknowledged.
  if (done) {
    return (
      <PublicLayout title={t('enrol.codesTitle')} description={t('enrol.codesDescription')} wide>
        <RecoveryCodesView
          codes={done.recoveryCodes}
          username={done.user.username}
          doneLabel={t('enrol.continue')}
          onDone={() => proceed({ stage: 'active', user: done.user }, '/')}
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
  const code = useCodeInput();
  // A POST, but idempotent in effect (it replaces the pending secret): run once per visit.
  const start = useQuery({
    queryKey: ['enrol-start'],
    queryFn: () => post<EnrolmentStart>('/api/auth/enrol/start', {}),
    staleTime: Infinity,
    gcTime: 0,
    retry: false,
  });
  const [confirm, attempt] = useAttemptMutation({
    mutationFn: (value: string) => post<EnrolmentDone>('/api/auth/enrol/confirm', { code: value }),
    onSuccess: onDone,
    onError: () => code.clear(),
  });
  const leave = useMutation({ mutationFn: () => signOut(client) });

  const submit = () => {
    const value = code.take();
    if (value) confirm.mutate(value);
  };

  const codeWrong = refusedField(confirm.error, 'code');
  return (
    <PublicLayout title={t('enrol.title')} description={t('enrol.description')} wide>
      {start.isPending ? (
        <Loading />
      ) : start.isError ? (
        <ErrorWithRetry error={start.error} onRetry={() => void start.refetch()} />
      ) : (
        <SubmitForm
          onSubmit={submit}
          submitLabel={t('enrol.confirm')}
          loading={confirm.isPending}
          disabled={attempt.blocked}
          secondary={
            <Button formAction="none" variant="link" loading={leave.isPending} onClick={() => leave.mutate()}>
              {t('app.signOut')}
            </Button>
          }
        >
          <SpaceBetween size="l">
            <EnrolStep id="enrol-step-1" title={t('enrol.step1')}>
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
            </EnrolStep>
            <EnrolStep id="enrol-step-2" title={t('enrol.step2')}>
              <CodeField
                label={t('signIn.code')}
                input={code}
                invalid={codeWrong ? t('enrol.codeInvalid') : undefined}
                name="totp"
              />
              {!codeWrong && <AttemptError error={confirm.error} attempt={attempt} />}
            </EnrolStep>
          </SpaceBetween>
        </SubmitForm>
      )}
    </PublicLayout>
  );
}

/** A numbered step, its heading naming the section for screen readers. */
function EnrolStep({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id}>
      <SpaceBetween size="s">
        <Header variant="h3" headingTagOverride="h2">
          <span id={id}>{title}</span>
        </Header>
        {children}
      </SpaceBetween>
    </section>
  );
}
