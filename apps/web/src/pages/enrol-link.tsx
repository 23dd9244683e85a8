/**
 * The public end of an enrolment link an administrator handed out: the new user chooses a
 * password here, then sets up their authenticator like after any sign-in.
 */
import { useState } from 'react';
import { useLocation } from 'react-router';
import { useMutation } from '@tanstack/react-query';
import SpaceBetween from '@cloudscape-design/components/space-between';
import type { EnrolRequest, StageResponse } from '@gatehouse/contracts';
import { post } from '../api';
import { fieldErrorText } from '../errors';
import { useI18n } from '../i18n';
import { useSessionStep } from '../session';
import { tokenFromFragment } from '../fragment';
import { NewPasswordFields, newPasswordProblems } from '../components/new-password-fields';
import { NoTokenPage, OneTimeLinkError, linkGone } from '../components/one-time-link';
import { PublicLayout } from '../components/public-layout';
import { SubmitForm } from '../components/submit-form';

export function EnrolLinkPage() {
  const { t } = useI18n();
  const location = useLocation();
  const token = tokenFromFragment(location.hash);
  if (!token) {
    return (
      <NoTokenPage
        title={t('enrolLink.title')}
        header={t('enrolLink.noTokenHeader')}
        body={t('enrolLink.noToken')}
      />
    );
  }
  return <EnrolForm token={token} />;
}

function EnrolForm({ token }: { token: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const proceed = useSessionStep();
  const [password, setPassword] = useState({ password: '', confirm: '' });
  const [submitted, setSubmitted] = useState(false);
  const enrol = useMutation({
    mutationFn: (body: EnrolRequest) => post<StageResponse>('/api/enrol', body),
    onSuccess: (data) => {
      proceed(data, data.stage === 'active' ? '/' : '/mfa/enrol');
    },
  });

  const submit = () => {
    setSubmitted(true);
    if (Object.keys(newPasswordProblems(password)).length > 0) return;
    enrol.mutate({ token, password: password.password });
  };

  return (
    <PublicLayout title={t('enrolLink.title')} description={t('enrolLink.description')}>
      <SubmitForm
        onSubmit={submit}
        submitLabel={t('enrolLink.submit')}
        loading={enrol.isPending}
        disabled={linkGone(enrol.error)}
      >
        <SpaceBetween size="m">
          <NewPasswordFields
            value={password}
            onChange={setPassword}
            showProblems={submitted}
            serverError={fieldErrorText(i18n, enrol.error, 'password')}
            label={t('password.label')}
          />
          <OneTimeLinkError error={enrol.error} goneText={t('enrolLink.linkInvalid')} fields={['password']} />
        </SpaceBetween>
      </SubmitForm>
    </PublicLayout>
  );
}
