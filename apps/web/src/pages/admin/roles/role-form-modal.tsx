import { useState } from 'react';
import FormField from '@cloudscape-design/components/form-field';
import Input from '@cloudscape-design/components/input';
import Textarea from '@cloudscape-design/components/textarea';
import Toggle from '@cloudscape-design/components/toggle';
import type { AdminRole, AdminRoleCreate, AdminRoleUpdate } from '@gatehouse/contracts';
import { useI18n } from '../../../i18n';
import { minutesText } from '../shared/duration';
import { fieldErrorOf } from '../shared/errors';
import {
  DescriptionField,
  OptionalLabel,
  SessionMinutesField,
  minutesProblemText,
} from '../shared/form-fields';
import { FormModal, useSaveItem } from '../shared/form-modal';
import type { FormModalProps } from '../shared/form-modal';
import { AccountSelect } from '../shared/pickers';
import { useAccounts } from '../shared/queries';
import { checkRole, formatPolicy } from './role-model';
import type { RoleFormState, RoleProblem } from './role-model';

const FIELDS = [
  'accountId',
  'role',
  'displayName',
  'description',
  'maxSessionSeconds',
  'sessionPolicy',
  'requiresStepUp',
];

/** The role's path and name as the ARN ends, for the field to start from when editing. */
function roleReference(role: AdminRole): string {
  return `${role.rolePath === '/' ? '' : role.rolePath}${role.roleName}`;
}

export function RoleFormModal({
  role,
  defaultAccountId,
  onDismiss,
  onSaved,
}: { role: AdminRole | null; defaultAccountId: string | null } & FormModalProps<AdminRole>) {
  const { t } = useI18n();
  const accounts = useAccounts();
  const [state, setState] = useState<RoleFormState>({
    accountId: role?.accountId ?? defaultAccountId,
    role: role ? roleReference(role) : '',
    displayName: role?.displayName ?? '',
    description: role?.description ?? '',
    maxMinutes: minutesText(role?.maxSessionSeconds ?? 3600),
    sessionPolicy: formatPolicy(role?.sessionPolicy ?? null),
    requiresStepUp: role?.requiresStepUp ?? false,
  });
  const [problems, setProblems] = useState<RoleProblem[]>([]);
  const set = (p: Partial<RoleFormState>) => setState((s) => ({ ...s, ...p }));
  const save = useSaveItem<AdminRoleCreate, AdminRole>('roles', role, onSaved, (body) => {
    const { accountId: _unchangeable, ...update } = body;
    return update satisfies AdminRoleUpdate;
  });

  const problemText = (p: RoleProblem): string => {
    switch (p.field) {
      case 'accountId':
        return t('admin.roles.problem.account');
      case 'role':
        return p.problem === 'pathNeedsSlash'
          ? t('admin.roles.problem.pathNeedsSlash')
          : t('admin.validation.required');
      case 'displayName':
        return t('admin.validation.required');
      case 'maxSessionSeconds':
        return minutesProblemText(t, p.problem);
      case 'sessionPolicy':
        return p.problem === 'notObject'
          ? t('admin.roles.problem.policyNotObject')
          : t('admin.roles.problem.policyNotJson', { detail: p.detail ?? '' });
    }
  };
  const errorFor = (field: string) => {
    const mine = problems.find((p) => p.field === field);
    return mine ? problemText(mine) : fieldErrorOf(save.error, field);
  };

  const submit = () => {
    const checked = checkRole(state, { existing: role !== null });
    setProblems(checked.problems);
    if (checked.body) save.mutate(checked.body);
  };

  const account = accounts.data?.find((a) => a.id === state.accountId);
  return (
    <FormModal
      size="large"
      header={role ? t('admin.roles.edit.title', { name: role.displayName }) : t('admin.roles.create.title')}
      submitLabel={role ? t('admin.action.save') : t('admin.roles.create.submit')}
      mutation={save}
      placedFields={FIELDS}
      onSubmit={submit}
      onDismiss={onDismiss}
    >
      <FormField
        label={t('admin.roles.field.account')}
        description={role ? t('admin.roles.field.accountFixed') : undefined}
        errorText={errorFor('accountId')}
      >
        <AccountSelect
          selectedId={state.accountId}
          onChange={(accountId) => set({ accountId })}
          placeholder={t('admin.roles.chooseAccount')}
          disabled={role !== null}
          invalid={problems.some((p) => p.field === 'accountId')}
        />
      </FormField>
      <FormField
        label={t('admin.roles.field.role')}
        description={t('admin.roles.field.roleHint')}
        constraintText={
          account
            ? t('admin.roles.field.roleExample', {
                arn: `arn:${account.partition}:iam::${account.awsAccountId}:role/ReadOnly`,
              })
            : undefined
        }
        errorText={errorFor('role')}
      >
        <Input
          value={state.role}
          onChange={({ detail }) => set({ role: detail.value })}
          placeholder="ReadOnly"
          spellcheck={false}
          ariaRequired
        />
      </FormField>
      <FormField
        label={
          role ? (
            t('admin.roles.field.displayName')
          ) : (
            <OptionalLabel>{t('admin.roles.field.displayName')}</OptionalLabel>
          )
        }
        description={role ? undefined : t('admin.roles.field.displayNameHint')}
        errorText={errorFor('displayName')}
      >
        <Input value={state.displayName} onChange={({ detail }) => set({ displayName: detail.value })} />
      </FormField>
      <DescriptionField
        value={state.description}
        onChange={(description) => set({ description })}
        errorText={errorFor('description')}
        rows={2}
      />
      <SessionMinutesField
        label={t('admin.roles.field.maxSession')}
        description={t('admin.roles.field.maxSessionHint')}
        optional={false}
        value={state.maxMinutes}
        onChange={(maxMinutes) => set({ maxMinutes })}
        errorText={errorFor('maxSessionSeconds')}
      />
      <FormField
        label={<OptionalLabel>{t('admin.roles.field.sessionPolicy')}</OptionalLabel>}
        description={t('admin.roles.field.sessionPolicyHint')}
        errorText={errorFor('sessionPolicy')}
        stretch
      >
        <Textarea
          value={state.sessionPolicy}
          onChange={({ detail }) => set({ sessionPolicy: detail.value })}
          rows={8}
          spellcheck={false}
          placeholder={'{\n  "Version": "2012-10-17",\n  "Statement": [ … ]\n}'}
        />
      </FormField>
      <FormField description={t('admin.roles.field.stepUpHint')} errorText={errorFor('requiresStepUp')}>
        <Toggle
          checked={state.requiresStepUp}
          onChange={({ detail }) => set({ requiresStepUp: detail.checked })}
        >
          {t('admin.roles.field.stepUp')}
        </Toggle>
      </FormField>
    </FormModal>
  );
}
