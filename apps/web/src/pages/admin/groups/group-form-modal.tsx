import { useState } from 'react';
import FormField from '@cloudscape-design/components/form-field';
import Input from '@cloudscape-design/components/input';
import type { AdminGroup, AdminGroupCreate } from '@gatehouse/contracts';
import { useI18n } from '../../../i18n';
import { fieldErrorOf } from '../shared/errors';
import { DescriptionField } from '../shared/form-fields';
import { FormModal, useSaveItem } from '../shared/form-modal';
import type { FormModalProps } from '../shared/form-modal';

export function GroupFormModal({
  group,
  onDismiss,
  onSaved,
}: {
  /** Null: a new group. */
  group: AdminGroup | null;
} & FormModalProps<AdminGroup>) {
  const { t } = useI18n();
  const [name, setName] = useState(group?.name ?? '');
  const [description, setDescription] = useState(group?.description ?? '');
  const [missingName, setMissingName] = useState(false);
  const save = useSaveItem<AdminGroupCreate, AdminGroup>('groups', group, onSaved);

  const submit = () => {
    setMissingName(name.trim() === '');
    if (name.trim() === '') return;
    save.mutate({ name: name.trim(), description: description.trim() });
  };

  return (
    <FormModal
      header={group ? t('admin.groups.edit.title', { name: group.name }) : t('admin.groups.create.title')}
      submitLabel={group ? t('admin.action.save') : t('admin.groups.create.submit')}
      mutation={save}
      placedFields={['name', 'description']}
      onSubmit={submit}
      onDismiss={onDismiss}
    >
      <FormField
        label={t('admin.groups.field.name')}
        constraintText={t('admin.validation.maxChars', { max: 64 })}
        errorText={missingName ? t('admin.validation.required') : fieldErrorOf(save.error, 'name')}
      >
        <Input value={name} onChange={({ detail }) => setName(detail.value)} ariaRequired />
      </FormField>
      <DescriptionField
        value={description}
        onChange={setDescription}
        errorText={fieldErrorOf(save.error, 'description')}
        rows={3}
      />
    </FormModal>
  );
}
