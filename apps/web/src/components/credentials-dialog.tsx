/**
 * "CLI credentials" for one role: choose how long and the profile name, confirm with a fresh
 * code when the role asks for one, then get the ready-to-paste formats. The credentials live in
 * this dialog's state only and are gone when it closes.
 */
import { useState } from 'react';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import FormField from '@cloudscape-design/components/form-field';
import Input from '@cloudscape-design/components/input';
import Modal from '@cloudscape-design/components/modal';
import Select from '@cloudscape-design/components/select';
import SpaceBetween from '@cloudscape-design/components/space-between';
import type {
  CredentialsRequest,
  CredentialsResponse,
  MyAccount,
  MyRole,
  StepUpResponse,
} from '@gatehouse/contracts';
import { ApiError, post } from '../api';
import { fieldErrorText, refusedField } from '../errors';
import { useI18n } from '../i18n';
import { AttemptError, useAttemptMutation } from './attempt-error';
import { CodeField } from './code-field';
import { CredentialFormats } from './credential-formats';
import { SubmitForm } from './submit-form';

const DURATION_CHOICES = [900, 1800, 3600, 7200, 14400, 28800, 43200];
const PROFILE_PATTERN = /^[A-Za-z0-9_.+@-]{1,64}$/;

/** The choices up to the real maximum, which is always offered itself. */
export function durationChoices(maxSeconds: number): number[] {
  const choices = DURATION_CHOICES.filter((s) => s < maxSeconds);
  return [...choices, maxSeconds];
}

/** A default profile name people can tell apart: `<account>-<role>`, in the characters allowed. */
export function defaultProfileName(accountName: string, roleName: string): string {
  const name = `${accountName}-${roleName}`
    .replace(/[^A-Za-z0-9_.+@-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64);
  return name || 'gatehouse';
}

export function isStepUpDemand(error: unknown): boolean {
  return error instanceof ApiError && error.status === 403 && error.fieldError('stepUp') !== undefined;
}

export function CredentialsDialog({
  account,
  role,
  needsStepUp,
  onClose,
  onIssued,
  onSteppedUp,
}: {
  account: MyAccount;
  role: MyRole;
  needsStepUp: boolean;
  onClose: () => void;
  onIssued: () => void;
  onSteppedUp: (validUntil: string) => void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const choices = durationChoices(role.maxSessionSeconds);
  const [duration, setDuration] = useState(Math.min(3600, role.maxSessionSeconds));
  const [profile, setProfile] = useState(() => defaultProfileName(account.name, role.roleName));
  const [askCode, setAskCode] = useState(needsStepUp);
  const [code, setCode] = useState('');
  const [submitted, setSubmitted] = useState(false);

  const [issue, attempt] = useAttemptMutation({
    mutationFn: async (input: { code: string | null; body: CredentialsRequest }) => {
      if (input.code !== null) {
        const stepped = await post<StepUpResponse>('/api/auth/step-up', { code: input.code });
        onSteppedUp(stepped.stepUpValidUntil);
        setAskCode(false);
        setCode('');
      }
      return post<CredentialsResponse>('/api/access/credentials', input.body);
    },
    onSuccess: () => onIssued(),
    onError: (error) => {
      if (isStepUpDemand(error)) setAskCode(true);
    },
  });

  const profileValid = PROFILE_PATTERN.test(profile);
  const submit = () => {
    setSubmitted(true);
    if (!profileValid || (askCode && !code.trim())) return;
    issue.mutate({
      code: askCode ? code.trim() : null,
      body: { grantId: role.grantId, durationSeconds: duration, profile },
    });
  };

  const issued = issue.data;
  const codeError = refusedField(issue.error, 'code') ? t('signIn.codeInvalid') : undefined;
  const option = (s: number) => ({ value: String(s), label: i18n.formatDuration(s) });

  return (
    <Modal
      visible
      size={issued ? 'x-large' : 'medium'}
      onDismiss={onClose}
      header={t('creds.title')}
      footer={
        <Box float="right">
          <Button onClick={onClose}>{t('app.close')}</Button>
        </Box>
      }
    >
      <SpaceBetween size="m">
        <Box variant="p">
          {t('creds.for', { role: role.displayName, account: `${account.name} (${account.awsAccountId})` })}
        </Box>
        {issued ? (
          <CredentialFormats credentials={issued} profile={profile} />
        ) : (
          <SubmitForm
            onSubmit={submit}
            submitLabel={t('creds.get')}
            loading={issue.isPending}
            disabled={attempt.blocked}
          >
            <SpaceBetween size="m">
              <FormField
                label={t('creds.durationLabel')}
                constraintText={t('creds.durationHint', {
                  max: i18n.formatDuration(role.maxSessionSeconds),
                })}
              >
                <Select
                  selectedOption={option(duration)}
                  options={choices.map(option)}
                  onChange={(e) => setDuration(Number(e.detail.selectedOption.value))}
                />
              </FormField>
              <FormField
                label={t('creds.profileLabel')}
                constraintText={t('creds.profileHint')}
                errorText={
                  submitted && !profileValid
                    ? t('creds.profileInvalid')
                    : fieldErrorText(i18n, issue.error, 'profile')
                }
              >
                <Input value={profile} onChange={(e) => setProfile(e.detail.value)} spellcheck={false} />
              </FormField>
              {askCode && (
                <CodeField
                  label={t('stepUp.code')}
                  description={t('stepUp.why')}
                  hint={false}
                  input={{ value: code, setValue: setCode, missing: submitted && !code.trim() }}
                  invalid={codeError}
                  autoFocus
                />
              )}
              {!codeError && !isStepUpDemand(issue.error) && (
                <AttemptError error={issue.error} attempt={attempt} fields={['profile']} />
              )}
            </SpaceBetween>
          </SubmitForm>
        )}
      </SpaceBetween>
    </Modal>
  );
}
