/** A role that needs a fresh authenticator code asks for one here before the console opens. */
import { useState } from 'react';
import type { FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import Form from '@cloudscape-design/components/form';
import FormField from '@cloudscape-design/components/form-field';
import Input from '@cloudscape-design/components/input';
import Modal from '@cloudscape-design/components/modal';
import SpaceBetween from '@cloudscape-design/components/space-between';
import type { StepUpResponse } from '@gatehouse/contracts';
import { ApiError, post } from '../api';
import { useI18n } from '../i18n';
import { AttemptError, useAttemptBlock } from './attempt-error';
import { openBlankTab } from './new-tab';

export function StepUpModal({
  roleName,
  opensTab,
  onCancel,
  onConfirmed,
}: {
  roleName: string;
  /** True when the confirmation goes on to open the console: the tab opens on this click. */
  opensTab: boolean;
  onCancel: () => void;
  onConfirmed: (validUntil: string, tab: Window | null) => void;
}) {
  const { t } = useI18n();
  const [code, setCode] = useState('');
  const [missing, setMissing] = useState(false);
  const [blocked, setBlocked] = useState(false);
  const attempt = useAttemptBlock();
  const confirm = useMutation({
    mutationFn: (input: { code: string; tab: Window | null }) =>
      post<StepUpResponse>('/api/auth/step-up', { code: input.code }).catch((error: unknown) => {
        input.tab?.close();
        throw error;
      }),
    onMutate: () => attempt.clear(),
    onSuccess: (data, input) => onConfirmed(data.stepUpValidUntil, input.tab),
    onError: (error) => {
      attempt.record(error);
      setCode('');
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!code.trim()) {
      setMissing(true);
      return;
    }
    setMissing(false);
    let tab: Window | null = null;
    if (opensTab) {
      tab = openBlankTab(t('console.openingTitle'), t('console.opening'));
      setBlocked(tab === null);
      if (!tab) return;
    }
    confirm.mutate({ code: code.trim(), tab });
  };

  const codeWrong = confirm.error instanceof ApiError && confirm.error.fieldError('code') !== undefined;
  return (
    <Modal visible onDismiss={onCancel} header={t('stepUp.title')}>
      <form onSubmit={submit} noValidate>
        <Form
          actions={
            <SpaceBetween size="xs" direction="horizontal">
              <Button formAction="none" variant="link" onClick={onCancel}>
                {t('app.cancel')}
              </Button>
              <Button
                variant="primary"
                formAction="submit"
                loading={confirm.isPending}
                disabled={attempt.blocked}
              >
                {opensTab ? t('stepUp.confirmAndOpen') : t('stepUp.confirm')}
              </Button>
            </SpaceBetween>
          }
        >
          <SpaceBetween size="m">
            <Box variant="p">{t('stepUp.body', { role: roleName })}</Box>
            <FormField
              label={t('stepUp.code')}
              constraintText={t('signIn.codeHint')}
              errorText={
                missing && !code.trim()
                  ? t('field.required')
                  : codeWrong
                    ? t('signIn.codeInvalid')
                    : undefined
              }
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
            {blocked && <Box color="text-status-error">{t('console.popupBlocked')}</Box>}
            {!codeWrong && (
              <AttemptError error={confirm.error} block={attempt.block} remaining={attempt.remaining} />
            )}
          </SpaceBetween>
        </Form>
      </form>
    </Modal>
  );
}
