/**
 * Approving a command-line sign-in (`gatehouse login`): the CLI shows a code and opens this page;
 * the signed-in user checks the code and the machine, then approves with an authenticator code
 * or denies.
 */
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { useMutation, useQuery } from '@tanstack/react-query';
import Alert from '@cloudscape-design/components/alert';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import Container from '@cloudscape-design/components/container';
import FormField from '@cloudscape-design/components/form-field';
import Header from '@cloudscape-design/components/header';
import Input from '@cloudscape-design/components/input';
import KeyValuePairs from '@cloudscape-design/components/key-value-pairs';
import SpaceBetween from '@cloudscape-design/components/space-between';
import StatusIndicator from '@cloudscape-design/components/status-indicator';
import type { DeviceApproveRequest, DeviceDenyRequest, DeviceInfo, Ok } from '@gatehouse/contracts';
import { ApiError, get, post } from '../api';
import { refusedField } from '../errors';
import { useI18n } from '../i18n';
import { useDocumentTitle } from '../hooks/use-document-title';
import { AttemptError, useAttemptMutation } from '../components/attempt-error';
import { CodeField, useCodeInput } from '../components/code-field';
import { ErrorAlert } from '../components/error-alert';
import { ExpiryCountdown } from '../components/expiry-countdown';
import { InlineLoading } from '../components/loading';
import { PageLayout } from '../components/page-layout';
import { SubmitForm } from '../components/submit-form';
import { describeUserAgent } from '../components/user-agent';

/** `bcdf ghjk`, `BCDFGHJK` → `BCDF-GHJK`; the server ignores dashes, spaces and case anyway. */
export function normaliseUserCode(value: string): string {
  const letters = value.toUpperCase().replace(/[^A-Z0-9]/g, '');
  return letters.length === 8 ? `${letters.slice(0, 4)}-${letters.slice(4)}` : letters;
}

export function DevicePage() {
  const { t } = useI18n();
  useDocumentTitle(t('device.title'));
  const [params, setParams] = useSearchParams();
  const raw = params.get('code') ?? params.get('user_code') ?? '';
  const userCode = raw ? normaliseUserCode(raw) : '';
  return (
    <PageLayout title={t('device.title')} description={t('device.description')}>
      {userCode ? (
        <DeviceRequest key={userCode} userCode={userCode} onOther={() => setParams({}, { replace: true })} />
      ) : (
        <CodeEntry onCode={(code) => setParams({ code }, { replace: true })} />
      )}
    </PageLayout>
  );
}

function CodeEntry({ onCode }: { onCode: (code: string) => void }) {
  const { t } = useI18n();
  const [value, setValue] = useState('');
  const [missing, setMissing] = useState(false);
  const submit = () => {
    const code = normaliseUserCode(value);
    if (!code) {
      setMissing(true);
      return;
    }
    onCode(code);
  };
  return (
    <Container>
      <SubmitForm onSubmit={submit} submitLabel={t('device.continue')}>
        <FormField
          label={t('device.codeLabel')}
          constraintText={t('device.codeHint')}
          errorText={missing ? t('field.required') : undefined}
        >
          <Input
            value={value}
            onChange={(e) => setValue(e.detail.value)}
            placeholder="BCDF-GHJK"
            autoComplete={false}
            spellcheck={false}
            autoFocus
          />
        </FormField>
      </SubmitForm>
    </Container>
  );
}

function DeviceRequest({ userCode, onOther }: { userCode: string; onOther: () => void }) {
  const { t } = useI18n();
  const [outcome, setOutcome] = useState<'approved' | 'denied' | null>(null);
  const info = useQuery({
    queryKey: ['device', userCode],
    queryFn: () => get<DeviceInfo>(`/api/cli/device/${encodeURIComponent(userCode)}`),
    retry: false,
  });

  if (outcome) {
    return (
      <Container>
        <SpaceBetween size="m">
          <StatusIndicator type={outcome === 'approved' ? 'success' : 'stopped'}>
            <span role="status">{outcome === 'approved' ? t('device.approved') : t('device.denied')}</span>
          </StatusIndicator>
          <Box variant="p">{outcome === 'approved' ? t('device.approvedNext') : t('device.deniedNext')}</Box>
        </SpaceBetween>
      </Container>
    );
  }
  if (info.isPending) {
    return (
      <Container>
        <InlineLoading />
      </Container>
    );
  }
  if (info.isError) {
    const unknown =
      info.error instanceof ApiError && (info.error.status === 404 || info.error.status === 410);
    return (
      <Container>
        <SpaceBetween size="m">
          {unknown ? (
            <Alert type="error" header={t('device.unknownTitle')}>
              <span role="alert">{t('device.unknown', { code: userCode })}</span>
            </Alert>
          ) : (
            <ErrorAlert error={info.error} />
          )}
          <Button onClick={onOther}>{t('device.otherCode')}</Button>
        </SpaceBetween>
      </Container>
    );
  }
  return <PendingRequest request={info.data} onDecided={setOutcome} />;
}

/** Who asks (machine, address, client) and the decision: approve with a code, or deny. */
function PendingRequest({
  request,
  onDecided,
}: {
  request: DeviceInfo;
  onDecided: (outcome: 'approved' | 'denied') => void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const totp = useCodeInput();
  const [approve, attempt] = useAttemptMutation({
    mutationFn: (body: DeviceApproveRequest) => post<Ok>('/api/cli/device/approve', body),
    onSuccess: () => onDecided('approved'),
    onError: () => totp.clear(),
  });
  const deny = useMutation({
    mutationFn: (body: DeviceDenyRequest) => post<Ok>('/api/cli/device/deny', body),
    onSuccess: () => onDecided('denied'),
  });

  const { browser, os } = describeUserAgent(request.userAgent);
  const submit = () => {
    const value = totp.take();
    if (value) approve.mutate({ userCode: request.userCode, totpCode: value });
  };
  const codeWrong = refusedField(approve.error, 'totpCode', 'code');

  return (
    <Container header={<Header variant="h2">{t('device.requestTitle')}</Header>}>
      <SpaceBetween size="l">
        <Alert type="warning">{t('device.warning')}</Alert>
        <KeyValuePairs
          columns={3}
          items={[
            { label: t('device.code'), value: <span className="gh-user-code">{request.userCode}</span> },
            { label: t('device.client'), value: request.clientName },
            {
              label: t('device.hostname'),
              value: <span className="gh-mono">{request.hostname || '—'}</span>,
            },
            { label: t('device.ip'), value: <span className="gh-mono">{request.ip}</span> },
            {
              label: t('device.agent'),
              value: <span title={request.userAgent}>{browser ?? os ?? (request.userAgent || '—')}</span>,
            },
            { label: t('device.requested'), value: i18n.formatDateTime(request.createdAt) },
            { label: t('device.expires'), value: <ExpiryCountdown expiration={request.expiresAt} /> },
          ]}
        />
        <SubmitForm
          onSubmit={submit}
          submitLabel={t('device.approve')}
          loading={approve.isPending}
          disabled={attempt.blocked || deny.isPending}
          secondary={
            <Button
              formAction="none"
              loading={deny.isPending}
              disabled={approve.isPending}
              onClick={() => deny.mutate({ userCode: request.userCode })}
            >
              {t('device.deny')}
            </Button>
          }
        >
          <SpaceBetween size="m">
            <CodeField
              label={t('stepUp.code')}
              description={t('device.codeWhy')}
              input={totp}
              invalid={codeWrong ? t('signIn.codeInvalid') : undefined}
            />
            {!codeWrong && <AttemptError error={approve.error} attempt={attempt} />}
            <ErrorAlert error={deny.error} />
          </SpaceBetween>
        </SubmitForm>
      </SpaceBetween>
    </Container>
  );
}
