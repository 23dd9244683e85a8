/** The audit log's filters: who, where, what, how it ended and when; each change is a new address. */
import Autosuggest from '@cloudscape-design/components/autosuggest';
import Button from '@cloudscape-design/components/button';
import ColumnLayout from '@cloudscape-design/components/column-layout';
import DateRangePicker from '@cloudscape-design/components/date-range-picker';
import type { DateRangePickerProps } from '@cloudscape-design/components/date-range-picker';
import FormField from '@cloudscape-design/components/form-field';
import Select from '@cloudscape-design/components/select';
import SpaceBetween from '@cloudscape-design/components/space-between';
import { useI18n } from '../../i18n';
import { AccountSelect, RoleSelect, UserSelect } from '../admin/shared/pickers';
import { OUTCOMES, rangeProblem } from './audit-filter';
import type { AuditFilterState, AuditOutcome } from './audit-filter';
import { ACTION_LABELS, ACTION_PREFIXES, OUTCOME_LOOK } from './audit-labels';

const RELATIVE_OPTIONS: DateRangePickerProps.RelativeOption[] = [
  { key: 'last-1-hour', amount: 1, unit: 'hour', type: 'relative' },
  { key: 'last-24-hours', amount: 24, unit: 'hour', type: 'relative' },
  { key: 'last-7-days', amount: 7, unit: 'day', type: 'relative' },
  { key: 'last-30-days', amount: 30, unit: 'day', type: 'relative' },
];

export function AuditFilters({
  filter,
  update,
  actionText,
  onActionText,
  filtered,
  onClear,
}: {
  filter: AuditFilterState;
  update: (patch: Partial<AuditFilterState>) => void;
  /** The action as typed; it reaches the filter once typing pauses. */
  actionText: string;
  onActionText: (text: string) => void;
  filtered: boolean;
  onClear: () => void;
}) {
  const { t, locale } = useI18n();
  // The user, account and role pickers each narrow to one id; "any" clears it.
  const byId = (key: 'user' | 'account' | 'role', any: string) => ({
    selectedId: filter[key],
    placeholder: any,
    clearLabel: any,
  });
  const outcomeOptions = [
    { value: '', label: t('audit.filter.anyOutcome') },
    ...OUTCOMES.map((o) => ({ value: o, label: t(OUTCOME_LOOK[o].label), description: o })),
  ];
  const actionOptions = [
    ...ACTION_PREFIXES.map((p) => ({ value: p, label: p, description: t('audit.filter.prefix') })),
    ...Object.entries(ACTION_LABELS).map(([value, key]) => ({ value, label: value, description: t(key) })),
  ];
  const rangeMessages = {
    incomplete: t('audit.filter.rangeIncomplete'),
    order: t('audit.filter.rangeOrder'),
    amount: t('audit.filter.rangeAmount'),
  };

  return (
    <SpaceBetween size="s">
      <ColumnLayout columns={3} minColumnWidth={220}>
        <FormField label={t('audit.column.user')}>
          <UserSelect {...byId('user', t('audit.filter.anyUser'))} onChange={(user) => update({ user })} />
        </FormField>
        <FormField label={t('audit.column.account')}>
          <AccountSelect
            {...byId('account', t('audit.filter.anyAccount'))}
            onChange={(account) => update({ account, role: null })}
          />
        </FormField>
        <FormField label={t('audit.column.role')}>
          <RoleSelect
            {...byId('role', t('audit.filter.anyRole'))}
            accountId={filter.account}
            onChange={(role) => update({ role })}
          />
        </FormField>
        <FormField label={t('audit.column.action')} description={t('audit.filter.actionHint')}>
          <Autosuggest
            value={actionText}
            onChange={({ detail }) => onActionText(detail.value)}
            onSelect={({ detail }) => {
              onActionText(detail.value);
              update({ action: detail.value });
            }}
            options={actionOptions}
            enteredTextLabel={(value) => t('audit.filter.useAction', { action: value })}
            placeholder={t('audit.filter.anyAction')}
            ariaLabel={t('audit.column.action')}
            empty={t('admin.picker.noMatch')}
          />
        </FormField>
        <FormField label={t('audit.column.outcome')}>
          <Select
            selectedOption={outcomeOptions.find((o) => o.value === (filter.outcome ?? '')) ?? null}
            onChange={({ detail }) =>
              update({ outcome: (detail.selectedOption.value || null) as AuditOutcome | null })
            }
            options={outcomeOptions}
          />
        </FormField>
        {/* Named by its label alone: an ariaLabel as well made screen readers say it twice. */}
        <FormField label={t('audit.filter.time')}>
          <DateRangePicker
            value={filter.range}
            onChange={({ detail }) => update({ range: detail.value })}
            relativeOptions={RELATIVE_OPTIONS}
            isValidRange={(range) => {
              const problem = rangeProblem(range);
              return problem ? { valid: false, errorMessage: rangeMessages[problem] } : { valid: true };
            }}
            placeholder={t('audit.filter.anyTime')}
            locale={locale}
            expandToViewport
          />
        </FormField>
      </ColumnLayout>
      {filtered ? (
        <Button variant="link" onClick={onClear}>
          {t('audit.filter.clear')}
        </Button>
      ) : null}
    </SpaceBetween>
  );
}
