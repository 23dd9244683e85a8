/** A role that needs a fresh authenticator code asks for one here before the console opens. */
import { useState } from 'react';
import Box from '@cloudscape-design/components/box';
import Modal from '@cloudscape-design/components/modal';
import SpaceBetween from '@cloudscape-design/components/space-between';
import type { StepUpResponse } from '@gatehouse/contracts';
import { post } from '../api';
import { refusedField } from '../errors';
import { useI18n } from '../i18n';
import { AttemptError, useAttemptMutation } from './attempt-error';
import { CodeField, useCodeInput } from './code-field';
import { openBlankTab } from './new-tab';
import { SubmitForm } from './submit-form';

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
  const code = useCodeInput();
  const [popupBlocked, setPopupBlocked] = useState(false);
  const [confirm, attempt] = useAttemptMutation({
    mutationFn: (input: { code: string; tab: Window | null }) =>
      post<StepUpResponse>('/api/auth/step-up', { code: input.code }).catch((error: unknown) => {
        input.tab?.close();
        throw error;
      }),
    onSuccess: (data, input) => onConfirmed(data.stepUpValidUntil, input.tab),
    onError: () => code.clear(),
  });

  const submit = () => {
    const value = code.take();
    if (!value) return;
    let tab: Window | null = null;
    if (opensTab) {
      tab = openBlankTab(t('console.openingTitle'), t('console.opening'));
      setPopupBlocked(tab === null);
      if (!tab) return;
    }
    confirm.mutate({ code: value, tab });
  };

  const codeWrong = refusedField(confirm.error, 'code');
  return (
    <Modal visible onDismiss={onCancel} header={t('stepUp.title')}>
      <SubmitForm
        onSubmit={submit}
        submitLabel={opensTab ? t('stepUp.confirmAndOpen') : t('stepUp.confirm')}
        loading={confirm.isPending}
        disabled={attempt.blocked}
        onCancel={onCancel}
      >
        <SpaceBetween size="m">
          <Box variant="p">{t('stepUp.body', { role: roleName })}</Box>
          <CodeField
            label={t('stepUp.code')}
            input={code}
            invalid={codeWrong ? t('signIn.codeInvalid') : undefined}
            autoFocus
          />
          {popupBlocked && <Box color="text-status-error">{t('console.popupBlocked')}</Box>}
          {!codeWrong && <AttemptError error={confirm.error} attempt={attempt} />}
        </SpaceBetween>
      </SubmitForm>
    </Modal>
  );
}
