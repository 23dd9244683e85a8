/**
 * The public end of an enrolment link an administrator handed out: the new user chooses a
 * password here, then sets up their authenticator like after any sign-in.
 */
import { useState } from 'react';
import type { FormEvent } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import Alert from '@cloudscape-design/components/alert';
import Button from '@cloudscape-design/components/button';
import Form from '@cloudscape-design/components/form';
import SpaceBetween from '@cloudscape-design/components/space-between';
import type { EnrolRequest, StageResponse } from '@gatehouse/contracts';
import { ApiError, post } from '../api';
import { fieldErrorText } from '../errors';
import { useI18n } from '../i18n';
import { setSession } from '../session';
import { tokenFromFragment } from '../fragment';
import { ErrorAlert } from '../components/error-alert';
import { NewPasswordFields, newPasswordProblems } from '../components/new-password-fields';
import { PublicLayout } from '../components/public-layout';

export function EnrolLinkPage() {
  const { t } = useI18n();
  const location = useLocation();
  const token = tokenFromFragment(location.hash);
  if (!token) {
    return (
      <PublicLayout title={t('enrolLink.title')}>
        <Alert type="warning" header={t('enrolLink.noTokenHeader')}>
          {t('enrolLink.noToken')}
        </Alert>
      </PublicLayout>
    );
  }
  return <EnrolForm token={token} />;
}

function EnrolForm({ token }: { token: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const client = useQueryClient();
  const navigate = useNavigate();
  const [password, setPassword] = useState({ password: '', confirm: '' });
  const [submitted, setSubmitted] = useState(false);
  const enrol = useMutation({
    mutationFn: (body: EnrolRequest) => post<StageResponse>('/api/enrol', body),
    onSuccess: (data) => {
      setSession(client, data);
      void navigate(data.stage === 'active' ? '/' : '/mfa/enrol', { replace: true });
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (Object.keys(newPasswordProblems(password)).length > 0) return;
    enrol.mutate({ token, password: password.password });
  };

  const gone = enrol.error instanceof ApiError && enrol.error.status === 410;
  return (
    <PublicLayout title={t('enrolLink.title')} description={t('enrolLink.description')}>
      <form onSubmit={submit} noValidate>
        <Form
          actions={
            <Button variant="primary" formAction="submit" loading={enrol.isPending} disabled={gone}>
              {t('enrolLink.submit')}
            </Button>
          }
        >
          <SpaceBetween size="m">
            <NewPasswordFields
              value={password}
              onChange={setPassword}
              showProblems={submitted}
              serverError={fieldErrorText(i18n, enrol.error, 'password')}
              label={t('password.label')}
            />
            {gone ? (
              <Alert type="error">
                <span role="alert">{t('enrolLink.linkInvalid')}</span>
              </Alert>
            ) : (
              <ErrorAlert error={enrol.error} fields={['password']} />
            )}
          </SpaceBetween>
        </Form>
      </form>
    </PublicLayout>
  );
}
