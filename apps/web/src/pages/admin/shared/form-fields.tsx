/** Fields several admin forms have: the optional mark, a description, a session length in minutes. */
import type { ReactNode } from 'react';
import FormField from '@cloudscape-design/components/form-field';
import Input from '@cloudscape-design/components/input';
import Textarea from '@cloudscape-design/components/textarea';
import { useI18n } from '../../../i18n';
import type { I18n } from '../../../i18n';
import { MAX_SESSION_MINUTES, MIN_SESSION_MINUTES, parseSessionMinutes } from './duration';
import type { MinutesCheck } from './duration';

/** A field's label with "(optional)" after it: required is the rule, optional the exception. */
export function OptionalLabel({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  return (
    <span>
      {children} <i>{t('admin.optional')}</i>
    </span>
  );
}

export function DescriptionField({
  value,
  onChange,
  errorText,
  rows,
}: {
  value: string;
  onChange: (value: string) => void;
  errorText: string | undefined;
  rows: number;
}) {
  const { t } = useI18n();
  return (
    <FormField label={<OptionalLabel>{t('admin.field.description')}</OptionalLabel>} errorText={errorText}>
      <Textarea value={value} onChange={({ detail }) => onChange(detail.value)} rows={rows} />
    </FormField>
  );
}

export type MinutesProblem = Extract<MinutesCheck, { ok: false }>['problem'];

export function minutesProblemText(t: I18n['t'], problem: MinutesProblem): string {
  if (problem === 'range')
    return t('admin.duration.range', { min: MIN_SESSION_MINUTES, max: MAX_SESSION_MINUTES });
  return problem === 'required' ? t('admin.validation.required') : t('admin.duration.notWhole');
}

/** Typed in minutes; below it, what the number comes to ("2 h") or the range allowed. */
export function SessionMinutesField({
  label,
  description,
  optional,
  value,
  onChange,
  errorText,
  placeholder,
}: {
  label: string;
  description: string;
  optional: boolean;
  value: string;
  onChange: (value: string) => void;
  errorText: string | undefined;
  placeholder?: string;
}) {
  const { t, formatDuration } = useI18n();
  const duration = parseSessionMinutes(value, { optional });
  return (
    <FormField
      label={optional ? <OptionalLabel>{label}</OptionalLabel> : label}
      description={description}
      constraintText={
        duration.ok && duration.seconds !== null
          ? t('admin.duration.equals', { duration: formatDuration(duration.seconds) })
          : t('admin.duration.constraint', { min: MIN_SESSION_MINUTES, max: MAX_SESSION_MINUTES })
      }
      errorText={errorText}
    >
      <Input
        value={value}
        onChange={({ detail }) => onChange(detail.value)}
        inputMode="numeric"
        placeholder={placeholder}
      />
    </FormField>
  );
}
