import { useState } from 'react';
import Autosuggest from '@cloudscape-design/components/autosuggest';
import FormField from '@cloudscape-design/components/form-field';
import Input from '@cloudscape-design/components/input';
import Select from '@cloudscape-design/components/select';
import Toggle from '@cloudscape-design/components/toggle';
import type { AdminAccount, AdminAccountCreate } from '@gatehouse/contracts';
import { useI18n } from '../../../i18n';
import type { MessageKey } from '../../../i18n';
import { fieldErrorOf } from '../shared/errors';
import { DescriptionField, OptionalLabel } from '../shared/form-fields';
import { FormModal, useSaveItem } from '../shared/form-modal';
import type { FormModalProps } from '../shared/form-modal';
import { DEFAULT_COLOUR, PARTITIONS, REGIONS, checkAccount } from './account-model';
import type { AccountFormState, AccountProblem, Partition } from './account-model';
import { ColourPicker } from './colour-picker';

const FIELDS = [
  'awsAccountId',
  'name',
  'partition',
  'colour',
  'description',
  'defaultRegion',
  'disabled',
  'id',
];

const PROBLEM_TEXT: Record<AccountProblem, MessageKey> = {
  awsAccountId: 'admin.accounts.problem.accountId',
  name: 'admin.validation.required',
  colour: 'admin.accounts.problem.colour',
  defaultRegion: 'admin.accounts.problem.region',
};

export const PARTITION_LABELS: Record<Partition, MessageKey> = {
  aws: 'admin.accounts.partition.aws',
  'aws-cn': 'admin.accounts.partition.awsCn',
  'aws-us-gov': 'admin.accounts.partition.awsUsGov',
};

export function AccountFormModal({
  account,
  onDismiss,
  onSaved,
}: { account: AdminAccount | null } & FormModalProps<AdminAccount>) {
  const { t } = useI18n();
  const [state, setState] = useState<AccountFormState>({
    awsAccountId: account?.awsAccountId ?? '',
    name: account?.name ?? '',
    partition: account?.partition ?? 'aws',
    colour: account?.colour ?? DEFAULT_COLOUR,
    description: account?.description ?? '',
    defaultRegion: account?.defaultRegion ?? '',
    disabled: account?.disabled ?? false,
  });
  const [problems, setProblems] = useState<AccountProblem[]>([]);
  const set = (patchState: Partial<AccountFormState>) => setState((s) => ({ ...s, ...patchState }));
  const save = useSaveItem<AdminAccountCreate, AdminAccount>('accounts', account, onSaved);
  const errorFor = (field: AccountProblem | 'partition' | 'description' | 'disabled') =>
    (problems as string[]).includes(field)
      ? t(PROBLEM_TEXT[field as AccountProblem], { partition: state.partition })
      : fieldErrorOf(save.error, field);

  const submit = () => {
    const checked = checkAccount(state);
    setProblems(checked.problems);
    if (checked.body) save.mutate(checked.body);
  };

  const partitionOptions = PARTITIONS.map((p) => ({
    value: p,
    label: t(PARTITION_LABELS[p]),
    description: p,
  }));
  const lockedIdentity = Boolean(account && account.roleCount > 0);

  return (
    <FormModal
      size="large"
      header={
        account ? t('admin.accounts.edit.title', { name: account.name }) : t('admin.accounts.create.title')
      }
      submitLabel={account ? t('admin.action.save') : t('admin.accounts.create.submit')}
      mutation={save}
      placedFields={FIELDS}
      onSubmit={submit}
      onDismiss={onDismiss}
    >
      <FormField
        label={t('admin.accounts.field.accountId')}
        description={lockedIdentity ? t('admin.accounts.field.identityLocked') : undefined}
        constraintText={t('admin.accounts.field.accountIdConstraint')}
        errorText={errorFor('awsAccountId')}
      >
        <Input
          value={state.awsAccountId}
          onChange={({ detail }) => set({ awsAccountId: detail.value })}
          inputMode="numeric"
          placeholder="123456789012"
          spellcheck={false}
          disabled={lockedIdentity}
          ariaRequired
        />
      </FormField>
      <FormField
        label={t('admin.accounts.field.name')}
        constraintText={t('admin.validation.maxChars', { max: 64 })}
        errorText={errorFor('name')}
      >
        <Input value={state.name} onChange={({ detail }) => set({ name: detail.value })} ariaRequired />
      </FormField>
      <FormField label={t('admin.accounts.field.partition')} errorText={errorFor('partition')}>
        <Select
          selectedOption={partitionOptions.find((o) => o.value === state.partition) ?? null}
          onChange={({ detail }) => set({ partition: (detail.selectedOption.value ?? 'aws') as Partition })}
          options={partitionOptions}
          disabled={lockedIdentity}
        />
      </FormField>
      <FormField
        label={t('admin.accounts.field.colour')}
        description={t('admin.accounts.field.colourHint')}
        errorText={errorFor('colour')}
      >
        <ColourPicker
          value={state.colour}
          onChange={(colour) => set({ colour })}
          invalid={problems.includes('colour')}
        />
      </FormField>
      <FormField
        label={<OptionalLabel>{t('admin.accounts.field.defaultRegion')}</OptionalLabel>}
        description={t('admin.accounts.field.defaultRegionHint')}
        errorText={errorFor('defaultRegion')}
      >
        <Autosuggest
          value={state.defaultRegion}
          onChange={({ detail }) => set({ defaultRegion: detail.value })}
          options={REGIONS[state.partition].map((r) => ({ value: r }))}
          enteredTextLabel={(value) => t('admin.accounts.field.useRegion', { region: value })}
          placeholder={REGIONS[state.partition][0]}
          empty={t('admin.picker.noMatch')}
          ariaLabel={t('admin.accounts.field.defaultRegion')}
        />
      </FormField>
      <DescriptionField
        value={state.description}
        onChange={(description) => set({ description })}
        errorText={errorFor('description')}
        rows={2}
      />
      {account ? (
        <FormField description={t('admin.accounts.field.disabledHint')} errorText={errorFor('disabled')}>
          <Toggle checked={state.disabled} onChange={({ detail }) => set({ disabled: detail.checked })}>
            {t('admin.accounts.field.disabled')}
          </Toggle>
        </FormField>
      ) : null}
    </FormModal>
  );
}
