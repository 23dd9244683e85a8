/** First run: the one-time link the server printed creates the first administrator. */
import { useState } from 'react';
import { useLocation } from 'react-router';
import { useMutation, useQuery } from '@tanstack/react-query';
import Alert from '@cloudscape-design/components/alert';
import Button from '@cloudscape-design/components/button';
import FormField from '@cloudscape-design/components/form-field';
import Input from '@cloudscape-design/components/input';
import SpaceBetween from '@cloudscape-design/components/space-between';
import type { SetupRequest, SetupStatus, StageResponse } from '@gatehouse/contracts';
import { get, post } from '../api';
import { fieldErrorText } from '../errors';
import { useI18n } from '../i18n';
import { useSessionStep } from '../session';
import { tokenFromFragment } from '../fragment';
import { useFollow } from '../hooks/use-follow';
import { ErrorAlert } from '../components/error-alert';
import { Loading } from '../components/loading';
import { NewPasswordFields, newPasswordProblems } from '../components/new-password-fields';
import { NoTokenPage, OneTimeLinkError, linkGone } from '../components/one-time-link';
import { PublicLayout } from '../components/public-layout';
import { SubmitForm } from '../components/submit-form';

export function SetupPage() {
  const { t } = useI18n();
  const location = useLocation();
  const follow = useFollow();
  const token = tokenFromFragment(location.hash);
  const status = useQuery({
    queryKey: ['setup-status'],
    queryFn: () => get<SetupStatus>('/api/setup/status'),
  });

  if (status.isPending) return <Loading />;
  if (status.isError) {
    return (
      <PublicLayout title={t('setup.title')}>
        <ErrorAlert error={status.error} />
      </PublicLayout>
    );
  }
  if (!status.data.needsSetup) {
    return (
      <PublicLayout title={t('setup.title')}>
        <SpaceBetween size="m">
          <Alert type="info">{t('setup.alreadyDone')}</Alert>
          <Button variant="primary" href="/sign-in" onFollow={follow}>
            {t('setup.goToSignIn')}
          </Button>
        </SpaceBetween>
      </PublicLayout>
    );
  }
  if (!token) {
    return (
      <NoTokenPage title={t('setup.title')} header={t('setup.noTokenHeader')} body={t('setup.noToken')} />
    );
  }
  return <SetupForm token={token} />;
}

function SetupForm({ token }: { token: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const proceed = useSessionStep();
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState({ password: '', confirm: '' });
  const [submitted, setSubmitted] = useState(false);

  const setup = useMutation({
    mutationFn: (body: SetupRequest) => post<StageResponse>('/api/setup', body),
    onSuccess: (data) => {
      // The link is used up now: back must not return to it.
      proceed(data, '/mfa/enrol');
    },
  });

  const submit = () => {
    setSubmitted(true);
    if (!username.trim() || !displayName.trim() || Object.keys(newPasswordProblems(password)).length > 0)
      return;
    setup.mutate({
      token,
      username: username.trim(),
      displayName: displayName.trim(),
      ...(email.trim() ? { email: email.trim() } : {}),
      password: password.password,
    });
  };

  const err = setup.error;
  const required = (value: string) => (submitted && !value.trim() ? t('field.required') : undefined);
  return (
    <PublicLayout title={t('setup.title')} description={t('setup.description')}>
      <SubmitForm
        onSubmit={submit}
        submitLabel={t('setup.submit')}
        loading={setup.isPending}
        disabled={linkGone(err)}
      >
        <SpaceBetween size="m">
          <FormField
            label={t('user.username')}
            constraintText={t('user.usernameHint')}
            errorText={required(username) ?? fieldErrorText(i18n, err, 'username')}
          >
            <Input
              value={username}
              onChange={(e) => setUsername(e.detail.value)}
              autoComplete="username"
              spellcheck={false}
              autoFocus
            />
          </FormField>
          <FormField
            label={t('user.displayName')}
            errorText={required(displayName) ?? fieldErrorText(i18n, err, 'displayName')}
          >
            <Input value={displayName} onChange={(e) => setDisplayName(e.detail.value)} autoComplete="name" />
          </FormField>
          <FormField
            label={
              <>
                {t('user.email')} <i>- {t('field.optional')}</i>
              </>
            }
            errorText={fieldErrorText(i18n, err, 'email')}
          >
            <Input
              type="email"
              value={email}
              onChange={(e) => setEmail(e.detail.value)}
              autoComplete="email"
              spellcheck={false}
            />
          </FormField>
          <NewPasswordFields
            value={password}
            onChange={setPassword}
            showProblems={submitted}
            serverError={fieldErrorText(i18n, err, 'password')}
            label={t('password.label')}
          />
          <OneTimeLinkError
            error={err}
            goneText={t('setup.linkInvalid')}
            fields={['username', 'displayName', 'email', 'password']}
          />
        </SpaceBetween>
      </SubmitForm>
    </PublicLayout>
  );
}
