import { useState } from 'react';
import type { FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import FormField from '@cloudscape-design/components/form-field';
import Input from '@cloudscape-design/components/input';
import Modal from '@cloudscape-design/components/modal';
import SpaceBetween from '@cloudscape-design/components/space-between';
import Textarea from '@cloudscape-design/components/textarea';
import Toggle from '@cloudscape-design/components/toggle';
import type { AdminRole, AdminRoleCreate, AdminRoleUpdate } from '@gatehouse/contracts';
import { patch, post } from '../../../api';
import { useI18n } from '../../../i18n';
import {
  MAX_SESSION_MINUTES,
  MIN_SESSION_MINUTES,
  minutesText,
  parseSessionMinutes,
} from '../shared/duration';
import { ApiErrorAlert, fieldErrorOf } from '../shared/errors';
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
}: {
  role: AdminRole | null;
  defaultAccountId: string | null;
  onDismiss: () => void;
  onSaved: (role: AdminRole) => void;
}) {
  const { t, formatDuration } = useI18n();
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
  const save = useMutation({
    mutationFn: (body: AdminRoleCreate) => {
      if (!role) return post<AdminRole>('/api/admin/roles', body);
      const { accountId: _unchangeable, ...update } = body;
      return patch<AdminRole>(
        `/api/admin/roles/${encodeURIComponent(role.id)}`,
        update satisfies AdminRoleUpdate,
      );
    },
    onSuccess: onSaved,
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
        return p.problem === 'range'
          ? t('admin.duration.range', { min: MIN_SESSION_MINUTES, max: MAX_SESSION_MINUTES })
          : p.problem === 'required'
            ? t('admin.validation.required')
            : t('admin.duration.notWhole');
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

  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    const checked = checkRole(state, { existing: role !== null });
    setProblems(checked.problems);
    if (checked.body) save.mutate(checked.body);
  };

  const account = accounts.data?.find((a) => a.id === state.accountId);
  const duration = parseSessionMinutes(state.maxMinutes, { optional: false });
  return (
    <Modal
      visible
      size="large"
      onDismiss={onDismiss}
      header={role ? t('admin.roles.edit.title', { name: role.displayName }) : t('admin.roles.create.title')}
      footer={
        <Box float="right">
          <SpaceBetween direction="horizontal" size="xs">
            <Button variant="link" onClick={onDismiss} disabled={save.isPending}>
              {t('admin.action.cancel')}
            </Button>
            <Button variant="primary" onClick={() => submit()} loading={save.isPending}>
              {role ? t('admin.action.save') : t('admin.roles.create.submit')}
            </Button>
          </SpaceBetween>
        </Box>
      }
    >
      <form onSubmit={submit} noValidate>
        <SpaceBetween size="m">
          <ApiErrorAlert error={save.error} placedFields={FIELDS} />
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
                <span>
                  {t('admin.roles.field.displayName')} <i>{t('admin.optional')}</i>
                </span>
              )
            }
            description={role ? undefined : t('admin.roles.field.displayNameHint')}
            errorText={errorFor('displayName')}
          >
            <Input value={state.displayName} onChange={({ detail }) => set({ displayName: detail.value })} />
          </FormField>
          <FormField
            label={
              <span>
                {t('admin.field.description')} <i>{t('admin.optional')}</i>
              </span>
            }
            errorText={errorFor('description')}
          >
            <Textarea
              value={state.description}
              onChange={({ detail }) => set({ description: detail.value })}
              rows={2}
            />
          </FormField>
          <FormField
            label={t('admin.roles.field.maxSession')}
            description={t('admin.roles.field.maxSessionHint')}
            constraintText={
              duration.ok && duration.seconds !== null
                ? t('admin.duration.equals', { duration: formatDuration(duration.seconds) })
                : t('admin.duration.constraint', { min: MIN_SESSION_MINUTES, max: MAX_SESSION_MINUTES })
            }
            errorText={errorFor('maxSessionSeconds')}
          >
            <Input
              value={state.maxMinutes}
              onChange={({ detail }) => set({ maxMinutes: detail.value })}
              inputMode="numeric"
            />
          </FormField>
          <FormField
            label={
              <span>
                {t('admin.roles.field.sessionPolicy')} <i>{t('admin.optional')}</i>
              </span>
            }
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
          <button type="submit" hidden />
        </SpaceBetween>
      </form>
    </Modal>
  );
}
