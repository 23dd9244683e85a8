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
import type { AdminGroup, AdminGroupCreate } from '@gatehouse/contracts';
import { patch, post } from '../../../api';
import { useI18n } from '../../../i18n';
import { ApiErrorAlert, fieldErrorOf } from '../shared/errors';

export function GroupFormModal({
  group,
  onDismiss,
  onSaved,
}: {
  /** Null: a new group. */
  group: AdminGroup | null;
  onDismiss: () => void;
  onSaved: (group: AdminGroup) => void;
}) {
  const { t } = useI18n();
  const [name, setName] = useState(group?.name ?? '');
  const [description, setDescription] = useState(group?.description ?? '');
  const [missingName, setMissingName] = useState(false);
  const save = useMutation({
    mutationFn: (body: AdminGroupCreate) =>
      group
        ? patch<AdminGroup>(`/api/admin/groups/${encodeURIComponent(group.id)}`, body)
        : post<AdminGroup>('/api/admin/groups', body),
    onSuccess: onSaved,
  });

  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    setMissingName(name.trim() === '');
    if (name.trim() === '') return;
    save.mutate({ name: name.trim(), description: description.trim() });
  };

  return (
    <Modal
      visible
      onDismiss={onDismiss}
      header={group ? t('admin.groups.edit.title', { name: group.name }) : t('admin.groups.create.title')}
      footer={
        <Box float="right">
          <SpaceBetween direction="horizontal" size="xs">
            <Button variant="link" onClick={onDismiss} disabled={save.isPending}>
              {t('admin.action.cancel')}
            </Button>
            <Button variant="primary" onClick={() => submit()} loading={save.isPending}>
              {group ? t('admin.action.save') : t('admin.groups.create.submit')}
            </Button>
          </SpaceBetween>
        </Box>
      }
    >
      <form onSubmit={submit} noValidate>
        <SpaceBetween size="m">
          <ApiErrorAlert error={save.error} placedFields={['name', 'description']} />
          <FormField
            label={t('admin.groups.field.name')}
            constraintText={t('admin.validation.maxChars', { max: 64 })}
            errorText={missingName ? t('admin.validation.required') : fieldErrorOf(save.error, 'name')}
          >
            <Input value={name} onChange={({ detail }) => setName(detail.value)} ariaRequired />
          </FormField>
          <FormField
            label={
              <span>
                {t('admin.field.description')} <i>{t('admin.optional')}</i>
              </span>
            }
            errorText={fieldErrorOf(save.error, 'description')}
          >
            <Textarea value={description} onChange={({ detail }) => setDescription(detail.value)} rows={3} />
          </FormField>
          <button type="submit" hidden />
        </SpaceBetween>
      </form>
    </Modal>
  );
}
