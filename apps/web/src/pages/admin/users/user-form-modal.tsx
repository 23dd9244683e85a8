/** Create a user (the answer carries the one-time enrolment link) or edit name, email and admin flag. */
import { useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import Checkbox from '@cloudscape-design/components/checkbox';
import FormField from '@cloudscape-design/components/form-field';
import Input from '@cloudscape-design/components/input';
import type { AdminUser, AdminUserCreate, AdminUserCreated, AdminUserUpdate } from '@gatehouse/contracts';
import { patch, post } from '../../../api';
import { useI18n } from '../../../i18n';
import { fieldErrorOf } from '../shared/errors';
import { OptionalLabel } from '../shared/form-fields';
import { FormModal } from '../shared/form-modal';
import type { FormModalProps } from '../shared/form-modal';
import { itemUrl } from '../shared/queries';

const FIELDS = ['username', 'displayName', 'email', 'isAdmin'];

export function UserFormModal({
  user,
  onDismiss,
  onCreated,
  onSaved,
}: {
  /** Null: create a new user. */
  user: AdminUser | null;
  onCreated?: (created: AdminUserCreated) => void;
} & FormModalProps<AdminUser>) {
  const { t } = useI18n();
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState(user?.displayName ?? '');
  const [email, setEmail] = useState(user?.email ?? '');
  const [isAdmin, setIsAdmin] = useState(user?.isAdmin ?? false);
  const [required, setRequired] = useState<Record<string, boolean>>({});

  const create = useMutation({
    mutationFn: (body: AdminUserCreate) => post<AdminUserCreated>('/api/admin/users', body),
    onSuccess: onCreated,
  });
  const update = useMutation({
    mutationFn: (body: AdminUserUpdate) => patch<AdminUser>(itemUrl('users', user?.id ?? ''), body),
    onSuccess: onSaved,
  });
  const mutation = user ? update : create;

  const submit = () => {
    const missing = {
      username: !user && username.trim() === '',
      displayName: displayName.trim() === '',
    };
    setRequired(missing);
    if (missing.username || missing.displayName) return;
    const trimmedEmail = email.trim();
    if (user) {
      update.mutate({ displayName: displayName.trim(), email: trimmedEmail || null, isAdmin });
    } else {
      create.mutate({
        username: username.trim(),
        displayName: displayName.trim(),
        email: trimmedEmail || null,
        isAdmin,
      });
    }
  };

  const errorFor = (field: string) =>
    required[field] ? t('admin.validation.required') : fieldErrorOf(mutation.error, field);

  return (
    <FormModal
      header={user ? t('admin.users.edit.title', { username: user.username }) : t('admin.users.create.title')}
      submitLabel={user ? t('admin.action.save') : t('admin.users.create.submit')}
      mutation={mutation}
      placedFields={FIELDS}
      onSubmit={submit}
      onDismiss={onDismiss}
    >
      {user ? null : (
        <FormField
          label={t('admin.users.field.username')}
          description={t('admin.users.field.usernameHint')}
          errorText={errorFor('username')}
        >
          <Input
            value={username}
            onChange={({ detail }) => setUsername(detail.value)}
            autoComplete={false}
            spellcheck={false}
            ariaRequired
          />
        </FormField>
      )}
      <FormField label={t('admin.users.field.displayName')} errorText={errorFor('displayName')}>
        <Input value={displayName} onChange={({ detail }) => setDisplayName(detail.value)} ariaRequired />
      </FormField>
      <FormField
        label={<OptionalLabel>{t('admin.users.field.email')}</OptionalLabel>}
        errorText={errorFor('email')}
      >
        <Input type="email" value={email} onChange={({ detail }) => setEmail(detail.value)} />
      </FormField>
      <FormField errorText={errorFor('isAdmin')}>
        <Checkbox
          checked={isAdmin}
          onChange={({ detail }) => setIsAdmin(detail.checked)}
          description={t('admin.users.field.isAdminHint')}
        >
          {t('admin.users.field.isAdmin')}
        </Checkbox>
      </FormField>
    </FormModal>
  );
}
