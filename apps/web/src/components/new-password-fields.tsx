/** A new password and its confirmation, with the rules said up front and the API's reasons beside it. */
import FormField from '@cloudscape-design/components/form-field';
import Input from '@cloudscape-design/components/input';
import SpaceBetween from '@cloudscape-design/components/space-between';
import { useI18n } from '../i18n';

export const MIN_PASSWORD_LENGTH = 8;

export interface NewPassword {
  password: string;
  confirm: string;
}

/** What is wrong before asking the server (which checks the rest: common passwords, username). */
export function newPasswordProblems(value: NewPassword): {
  password?: 'required' | 'tooShort';
  confirm?: 'mismatch';
} {
  const problems: { password?: 'required' | 'tooShort'; confirm?: 'mismatch' } = {};
  if (!value.password) problems.password = 'required';
  else if ([...value.password].length < MIN_PASSWORD_LENGTH) problems.password = 'tooShort';
  if (value.password && value.confirm !== value.password) problems.confirm = 'mismatch';
  return problems;
}

/** Password managers offer to generate one for `new-password` fields. */
function NewPasswordInput({
  value,
  onChange,
  name,
}: {
  value: string;
  onChange: (value: string) => void;
  name: string;
}) {
  return (
    <Input
      type="password"
      value={value}
      onChange={(e) => onChange(e.detail.value)}
      autoComplete="new-password"
      name={name}
    />
  );
}

export function NewPasswordFields({
  value,
  onChange,
  showProblems,
  serverError,
  label,
}: {
  value: NewPassword;
  onChange: (value: NewPassword) => void;
  /** Only after a first submit: nobody wants red text while still typing. */
  showProblems: boolean;
  serverError: string | undefined;
  label?: string;
}) {
  const { t } = useI18n();
  const problems = showProblems ? newPasswordProblems(value) : {};
  const passwordError =
    problems.password === 'required'
      ? t('field.required')
      : problems.password === 'tooShort'
        ? t('field.tooShort', { count: MIN_PASSWORD_LENGTH })
        : serverError;
  return (
    <SpaceBetween size="m">
      <FormField
        label={label ?? t('password.new')}
        constraintText={t('password.rules', { n: MIN_PASSWORD_LENGTH })}
        errorText={passwordError}
      >
        <NewPasswordInput
          value={value.password}
          onChange={(password) => onChange({ ...value, password })}
          name="new-password"
        />
      </FormField>
      <FormField
        label={t('password.confirm')}
        errorText={problems.confirm === 'mismatch' ? t('password.mismatch') : undefined}
      >
        <NewPasswordInput
          value={value.confirm}
          onChange={(confirm) => onChange({ ...value, confirm })}
          name="confirm-password"
        />
      </FormField>
    </SpaceBetween>
  );
}
