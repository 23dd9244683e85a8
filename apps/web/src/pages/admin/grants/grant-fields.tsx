/** The settings every grant has (access, duration, networks, expiry, note), for creating and editing. */
import Checkbox from '@cloudscape-design/components/checkbox';
import DatePicker from '@cloudscape-design/components/date-picker';
import FormField from '@cloudscape-design/components/form-field';
import Input from '@cloudscape-design/components/input';
import SpaceBetween from '@cloudscape-design/components/space-between';
import Textarea from '@cloudscape-design/components/textarea';
import TimeInput from '@cloudscape-design/components/time-input';
import { useI18n } from '../../../i18n';
import type { I18n } from '../../../i18n';
import { fieldErrorOf, indexedFieldErrors } from '../shared/errors';
import { OptionalLabel, SessionMinutesField, minutesProblemText } from '../shared/form-fields';
import { MAX_CIDRS, MAX_SUBJECTS, sentCidrLines } from './grant-model';
import type { GrantField, GrantProblem, GrantSettingsState } from './grant-model';

/** The ways in a grant may allow, each named by its messages (`admin.grants.field.<way>`). */
const ACCESS = [
  { field: 'allowConsole', way: 'console' },
  { field: 'allowCli', way: 'cli' },
] as const;

export const GRANT_SETTING_FIELDS = [
  'allowConsole',
  'allowCli',
  'maxSessionSeconds',
  'sourceCidrs',
  'expiresAt',
  'note',
];

export function problemText(t: I18n['t'], p: GrantProblem): string {
  switch (p.field) {
    case 'roleId':
      return t('admin.grants.problem.role');
    case 'subjects':
      return p.problem === 'required'
        ? t('admin.grants.problem.subjects')
        : t('admin.grants.problem.tooManySubjects', { max: MAX_SUBJECTS });
    case 'allowConsole':
      return t('admin.grants.problem.access');
    case 'maxSessionSeconds':
      return minutesProblemText(t, p.problem);
    case 'sourceCidrs':
      if (p.problem === 'tooMany') return t('admin.grants.problem.tooManyCidrs', { max: MAX_CIDRS });
      return p.problem === 'prefix'
        ? t('admin.grants.problem.cidrPrefix', { line: p.line, value: p.value })
        : t('admin.grants.problem.cidrAddress', { line: p.line, value: p.value });
    case 'expiresAt':
      return p.problem === 'past'
        ? t('admin.grants.problem.expiryPast')
        : t('admin.grants.problem.expiryInvalid');
  }
}

/** Client problems first; then the server's reasons, with network errors pointed at their lines. */
export function useGrantErrors(
  problems: readonly GrantProblem[],
  serverError: unknown,
  state: GrantSettingsState,
) {
  const { t } = useI18n();
  return (field: GrantField | 'note'): string | undefined => {
    const mine = problems.filter((p) => p.field === field).map((p) => problemText(t, p));
    if (mine.length > 0) return mine.join(' ');
    if (field === 'sourceCidrs') {
      const byIndex = indexedFieldErrors(serverError, 'sourceCidrs');
      if (byIndex.size > 0) {
        const lines = sentCidrLines(state);
        return [...byIndex]
          .map(([index, reason]) => {
            const entry = lines[index];
            return entry
              ? t('admin.grants.problem.cidrServer', { line: entry.line, value: entry.value, reason })
              : reason;
          })
          .join(' ');
      }
    }
    return fieldErrorOf(serverError, field);
  };
}

export function GrantSettingsFields({
  state,
  onChange,
  errorFor,
}: {
  state: GrantSettingsState;
  onChange: (patch: Partial<GrantSettingsState>) => void;
  errorFor: (field: GrantField | 'note') => string | undefined;
}) {
  const { t } = useI18n();
  return (
    <SpaceBetween size="m">
      <FormField label={t('admin.grants.field.access')} errorText={errorFor('allowConsole')}>
        <SpaceBetween size="xxs">
          {ACCESS.map(({ field, way }) => (
            <Checkbox
              key={field}
              checked={state[field]}
              onChange={({ detail }) => onChange({ [field]: detail.checked })}
              description={t(`admin.grants.field.${way}Hint`)}
            >
              {t(`admin.grants.field.${way}`)}
            </Checkbox>
          ))}
        </SpaceBetween>
      </FormField>
      <SessionMinutesField
        label={t('admin.grants.field.maxSession')}
        description={t('admin.grants.field.maxSessionHint')}
        optional
        value={state.maxMinutes}
        onChange={(maxMinutes) => onChange({ maxMinutes })}
        errorText={errorFor('maxSessionSeconds')}
        placeholder={t('admin.grants.field.maxSessionPlaceholder')}
      />
      <FormField
        label={<OptionalLabel>{t('admin.grants.field.cidrs')}</OptionalLabel>}
        description={t('admin.grants.field.cidrsHint')}
        constraintText={t('admin.grants.field.cidrsConstraint', { max: MAX_CIDRS })}
        errorText={errorFor('sourceCidrs')}
      >
        <Textarea
          value={state.cidrText}
          onChange={({ detail }) => onChange({ cidrText: detail.value })}
          rows={3}
          spellcheck={false}
          placeholder={'203.0.113.0/24\n2001:db8::/32'}
        />
      </FormField>
      <FormField
        label={<OptionalLabel>{t('admin.grants.field.expires')}</OptionalLabel>}
        description={t('admin.grants.field.expiresHint')}
        errorText={errorFor('expiresAt')}
      >
        <SpaceBetween direction="horizontal" size="xs">
          <DatePicker
            value={state.expiresDate}
            onChange={({ detail }) => onChange({ expiresDate: detail.value })}
            placeholder="YYYY/MM/DD"
            ariaLabel={t('admin.grants.field.expiresDate')}
          />
          <TimeInput
            value={state.expiresTime}
            onChange={({ detail }) => onChange({ expiresTime: detail.value })}
            format="hh:mm"
            placeholder="hh:mm"
            ariaLabel={t('admin.grants.field.expiresTime')}
          />
        </SpaceBetween>
      </FormField>
      <FormField
        label={<OptionalLabel>{t('admin.grants.field.note')}</OptionalLabel>}
        description={t('admin.grants.field.noteHint')}
        errorText={errorFor('note')}
      >
        <Input value={state.note} onChange={({ detail }) => onChange({ note: detail.value })} />
      </FormField>
    </SpaceBetween>
  );
}
