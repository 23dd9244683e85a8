/**
 * A code typed from an authenticator app (or a recovery code): the field, and the little state
 * every form asking for one keeps.
 */
import { useState } from 'react';
import FormField from '@cloudscape-design/components/form-field';
import Input from '@cloudscape-design/components/input';
import { useI18n } from '../i18n';

/** What the field shows: the code so far, and whether to say it is required. */
export interface CodeInput {
  value: string;
  setValue: (value: string) => void;
  missing: boolean;
}

/** The typed code; "required" shows only once an empty one was submitted. */
export function useCodeInput() {
  const [value, setValue] = useState('');
  const [missing, setMissing] = useState(false);
  return {
    value,
    setValue,
    missing: missing && !value.trim(),
    /** The code as sent (trimmed), or null when empty, which marks the field required. */
    take(): string | null {
      const code = value.trim();
      setMissing(code === '');
      return code || null;
    },
    /** After a failed try: the next code is a new one. */
    clear: () => setValue(''),
    reset() {
      setValue('');
      setMissing(false);
    },
  };
}

export function CodeField({
  label,
  description,
  hint,
  input,
  invalid,
  recovery = false,
  name,
  autoFocus = false,
}: {
  label: string;
  description?: string;
  /** Below the field; the authenticator's "6 digits" unless given, none when false. */
  hint?: string | false;
  input: CodeInput;
  /** The reason the last code was refused, if it was. */
  invalid: string | undefined;
  /** A recovery code: letters too, and no one-time-code autofill. */
  recovery?: boolean;
  name?: string;
  autoFocus?: boolean;
}) {
  const { t } = useI18n();
  return (
    <FormField
      label={label}
      description={description}
      constraintText={hint === false ? undefined : (hint ?? t('signIn.codeHint'))}
      errorText={input.missing ? t('field.required') : invalid}
    >
      <Input
        value={input.value}
        onChange={(e) => input.setValue(e.detail.value)}
        autoComplete={recovery ? false : 'one-time-code'}
        inputMode={recovery ? 'text' : 'numeric'}
        name={name}
        spellcheck={false}
        autoFocus={autoFocus}
      />
    </FormField>
  );
}
