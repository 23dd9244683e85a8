/** Change a grant's settings; its role and subject stay (delete and grant again to move it). */
import { useState } from 'react';
import type { FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import KeyValuePairs from '@cloudscape-design/components/key-value-pairs';
import Modal from '@cloudscape-design/components/modal';
import SpaceBetween from '@cloudscape-design/components/space-between';
import type { AdminGrant, AdminGrantUpdate } from '@gatehouse/contracts';
import { patch } from '../../../api';
import { useI18n } from '../../../i18n';
import { minutesText } from '../shared/duration';
import { ApiErrorAlert } from '../shared/errors';
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
}: {
  grant: AdminGrant;
  onDismiss: () => void;
  onSaved: (grant: AdminGrant) => void;
}) {
  const { t } = useI18n();
  const [initial] = useState<GrantSettingsState>(() => grantSettingsState(grant));
  const [state, setState] = useState<GrantSettingsState>(initial);
  const [problems, setProblems] = useState<GrantProblem[]>([]);
  const save = useMutation({
    mutationFn: (body: AdminGrantUpdate) =>
      patch<AdminGrant>(`/api/admin/grants/${encodeURIComponent(grant.id)}`, body),
    onSuccess: onSaved,
  });
  const errorFor = useGrantErrors(problems, save.error, state);

  const submit = (event?: FormEvent) => {
    event?.preventDefault();
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
    <Modal
      visible
      size="medium"
      onDismiss={onDismiss}
      header={t('admin.grants.edit.title')}
      footer={
        <Box float="right">
          <SpaceBetween direction="horizontal" size="xs">
            <Button variant="link" onClick={onDismiss} disabled={save.isPending}>
              {t('admin.action.cancel')}
            </Button>
            <Button variant="primary" onClick={() => submit()} loading={save.isPending}>
              {t('admin.action.save')}
            </Button>
          </SpaceBetween>
        </Box>
      }
    >
      <form onSubmit={submit} noValidate>
        <SpaceBetween size="m">
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
          <ApiErrorAlert error={save.error} placedFields={GRANT_SETTING_FIELDS} />
          <GrantSettingsFields
            state={state}
            onChange={(p) => setState((s) => ({ ...s, ...p }))}
            errorFor={errorFor}
          />
          <button type="submit" hidden />
        </SpaceBetween>
      </form>
    </Modal>
  );
}
