/** Change a grant's settings; its role and subject stay (delete and grant again to move it). */
import { useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import KeyValuePairs from '@cloudscape-design/components/key-value-pairs';
import type { AdminGrant, AdminGrantUpdate } from '@gatehouse/contracts';
import { patch } from '../../../api';
import { useI18n } from '../../../i18n';
import { minutesText } from '../shared/duration';
import { FormModal } from '../shared/form-modal';
import type { FormModalProps } from '../shared/form-modal';
import { itemUrl } from '../shared/queries';
import { checkGrantSettings, expiryFields } from './grant-model';
import type { GrantProblem, GrantSettingsState } from './grant-model';
import { GRANT_SETTING_FIELDS, GrantSettingsFields, useGrantErrors } from './grant-fields';

export function grantSettingsState(grant: AdminGrant): GrantSettingsState {
  return {
    allowConsole: grant.allowConsole,
    allowCli: grant.allowCli,
    maxMinutes: minutesText(grant.maxSessionSeconds),
    cidrText: grant.sourceCidrs.join('\n'),
    ...expiryFields(grant.expiresAt),
    note: grant.note,
  };
}

export function GrantEditModal({
  grant,
  onDismiss,
  onSaved,
}: { grant: AdminGrant } & FormModalProps<AdminGrant>) {
  const { t } = useI18n();
  const [initial] = useState<GrantSettingsState>(() => grantSettingsState(grant));
  const [state, setState] = useState<GrantSettingsState>(initial);
  const [problems, setProblems] = useState<GrantProblem[]>([]);
  const save = useMutation({
    mutationFn: (body: AdminGrantUpdate) => patch<AdminGrant>(itemUrl('grants', grant.id), body),
    onSuccess: onSaved,
  });
  const errorFor = useGrantErrors(problems, save.error, state);

  const submit = () => {
    // An expiry left as it was is not sent: a grant that has already expired can still get a
    // new note or network list, and the stored instant keeps its seconds.
    const expiryUnchanged =
      state.expiresDate === initial.expiresDate && state.expiresTime === initial.expiresTime;
    const checked = checkGrantSettings(
      expiryUnchanged ? { ...state, expiresDate: '', expiresTime: '' } : state,
      new Date(),
    );
    setProblems(checked.problems);
    if (!checked.settings) return;
    const { expiresAt, ...others } = checked.settings;
    save.mutate(expiryUnchanged ? others : { ...others, expiresAt });
  };

  return (
    <FormModal
      size="medium"
      header={t('admin.grants.edit.title')}
      submitLabel={t('admin.action.save')}
      mutation={save}
      placedFields={GRANT_SETTING_FIELDS}
      intro={
        <KeyValuePairs
          columns={2}
          items={[
            { label: t('admin.grants.column.subject'), value: grant.subject.name },
            {
              label: t('admin.grants.column.role'),
              value: `${grant.role.displayName} · ${grant.account.name} (${grant.account.awsAccountId})`,
            },
          ]}
        />
      }
      onSubmit={submit}
      onDismiss={onDismiss}
    >
      <GrantSettingsFields
        state={state}
        onChange={(p) => setState((s) => ({ ...s, ...p }))}
        errorFor={errorFor}
      />
    </FormModal>
  );
}
