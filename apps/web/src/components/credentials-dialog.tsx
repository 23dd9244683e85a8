/**
 * "CLI credentials" for one role: choose how long and the profile name, confirm with a fresh
 * code when the role asks for one, then get the ready-to-paste formats. The credentials live in
 * this dialog's state only and are gone when it closes.
 */
import { useState } from 'react';
import type { FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import Form from '@cloudscape-design/components/form';
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
import { fieldErrorText } from '../errors';
import { useI18n } from '../i18n';
import { AttemptError, useAttemptBlock } from './attempt-error';
import { CredentialFormats } from './credential-formats';

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
  const attempt = useAttemptBlock();

  const issue = useMutation({
    mutationFn: async (input: { code: string | null; body: CredentialsRequest }) => {
      if (input.code !== null) {
        const stepped = await post<StepUpResponse>('/api/auth/step-up', { code: input.code });
        onSteppedUp(stepped.stepUpValidUntil);
        setAskCode(false);
        setCode('');
      }
      return post<CredentialsResponse>('/api/access/credentials', input.body);
    },
    onMutate: () => attempt.clear(),
    onSuccess: () => onIssued(),
    onError: (error) => {
      attempt.record(error);
      if (isStepUpDemand(error)) setAskCode(true);
    },
  });

  const profileValid = PROFILE_PATTERN.test(profile);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (!profileValid || (askCode && !code.trim())) return;
    issue.mutate({
      code: askCode ? code.trim() : null,
      body: { grantId: role.grantId, durationSeconds: duration, profile },
    });
  };

  const issued = issue.data;
  const codeError =
    issue.error instanceof ApiError && issue.error.fieldError('code') !== undefined
      ? t('signIn.codeInvalid')
      : undefined;
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
          <form onSubmit={submit} noValidate>
            <Form
              actions={
                <Button
                  variant="primary"
                  formAction="submit"
                  loading={issue.isPending}
                  disabled={attempt.blocked}
                >
                  {t('creds.get')}
                </Button>
              }
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
                  <FormField
                    label={t('stepUp.code')}
                    description={t('stepUp.why')}
                    errorText={submitted && !code.trim() ? t('field.required') : codeError}
                  >
                    <Input
                      value={code}
                      onChange={(e) => setCode(e.detail.value)}
                      autoComplete="one-time-code"
                      inputMode="numeric"
                      spellcheck={false}
                      autoFocus
                    />
                  </FormField>
                )}
                {!codeError && !isStepUpDemand(issue.error) && (
                  <AttemptError
                    error={issue.error}
                    block={attempt.block}
                    remaining={attempt.remaining}
                    fields={['profile']}
                  />
                )}
              </SpaceBetween>
            </Form>
          </form>
        )}
      </SpaceBetween>
    </Modal>
  );
}
