/**
 * Password and a fresh authenticator code: what the server asks before changing anything about
 * how one signs in.
 */
import { useState } from 'react';
import type { ReactNode } from 'react';
import FormField from '@cloudscape-design/components/form-field';
import Input from '@cloudscape-design/components/input';
import SpaceBetween from '@cloudscape-design/components/space-between';
import { ApiError } from '../api';
import { useI18n } from '../i18n';
import { AttemptError } from './attempt-error';
import type { AttemptState } from './attempt-error';
import { CodeField } from './code-field';
import { SubmitForm } from './submit-form';

export interface Reauth {
  password: string;
  totpCode: string;
}

/** The server names `password` for a wrong current password and `totpCode` for a wrong code. */
export function reauthFieldErrors(
  t: (key: 'reauth.passwordWrong' | 'reauth.codeWrong' | 'reauth.codeUsed') => string,
  error: unknown,
): { password?: string; totpCode?: string } {
  if (!(error instanceof ApiError)) return {};
  const out: { password?: string; totpCode?: string } = {};
  for (const f of error.fields) {
    if (f.field === 'password' && f.reason === 'incorrect') out.password = t('reauth.passwordWrong');
    if (f.field === 'totpCode')
      out.totpCode = f.reason === 'already used' ? t('reauth.codeUsed') : t('reauth.codeWrong');
  }
  return out;
}

export function ReauthForm({
  submitLabel,
  onSubmit,
  onCancel,
  mutation: { isPending, error },
  attempt,
  children,
  extraValid = true,
  onAttempt,
}: {
  submitLabel: string;
  onSubmit: (value: Reauth) => void;
  onCancel?: () => void;
  /** The request the answers go with: the form waits while it runs and shows what it refused. */
  mutation: { isPending: boolean; error: unknown };
  attempt: AttemptState;
  /** More fields (the new password), shown after the re-authentication. */
  children?: ReactNode;
  /** False when the extra fields are not ready to send. */
  extraValid?: boolean;
  /** Every press of the submit button, valid or not: lets the extra fields show their problems. */
  onAttempt?: () => void;
}) {
  const { t } = useI18n();
  const [password, setPassword] = useState('');
  const [totpCode, setTotpCode] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const serverErrors = reauthFieldErrors(t, error);
  const submit = () => {
    setSubmitted(true);
    onAttempt?.();
    if (!password || !totpCode.trim() || !extraValid) return;
    onSubmit({ password, totpCode: totpCode.trim() });
    setTotpCode('');
  };
  const handledFields = Object.keys(serverErrors).length > 0;
  return (
    <SubmitForm
      onSubmit={submit}
      submitLabel={submitLabel}
      loading={isPending}
      disabled={attempt.block !== null}
      {...(onCancel ? { onCancel } : {})}
    >
      <SpaceBetween size="m">
        <FormField
          label={t('reauth.password')}
          errorText={submitted && !password ? t('field.required') : serverErrors.password}
        >
          <Input
            type="password"
            value={password}
            onChange={(e) => setPassword(e.detail.value)}
            autoComplete="current-password"
          />
        </FormField>
        <CodeField
          label={t('reauth.code')}
          input={{ value: totpCode, setValue: setTotpCode, missing: submitted && !totpCode.trim() }}
          invalid={serverErrors.totpCode}
        />
        {children}
        {!handledFields && <AttemptError error={error} attempt={attempt} fields={['password', 'totpCode']} />}
      </SpaceBetween>
    </SubmitForm>
  );
}
