/** Create a user (the answer carries the one-time enrolment link) or edit name, email and admin flag. */
import { useState } from 'react';
import type { FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import Checkbox from '@cloudscape-design/components/checkbox';
import FormField from '@cloudscape-design/components/form-field';
import Input from '@cloudscape-design/components/input';
import Modal from '@cloudscape-design/components/modal';
import SpaceBetween from '@cloudscape-design/components/space-between';
import type { AdminUser, AdminUserCreate, AdminUserCreated, AdminUserUpdate } from '@gatehouse/contracts';
import { patch, post } from '../../../api';
import { useI18n } from '../../../i18n';
import { ApiErrorAlert, fieldErrorOf } from '../shared/errors';

const FIELDS = ['username', 'displayName', 'email', 'isAdmin'];

export function UserFormModal({
  user,
  onDismiss,
  onCreated,
  onSaved,
}: {
  /** Null: create a new user. */
  user: AdminUser | null;
  onDismiss: () => void;
  onCreated?: (created: AdminUserCreated) => void;
  onSaved: (user: AdminUser) => void;
}) {
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
    mutationFn: (body: AdminUserUpdate) =>
      patch<AdminUser>(`/api/admin/users/${encodeURIComponent(user?.id ?? '')}`, body),
    onSuccess: onSaved,
  });
  const mutation = user ? update : create;

  const submit = (event?: FormEvent) => {
    event?.preventDefault();
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
    <Modal
      visible
      onDismiss={onDismiss}
      header={user ? t('admin.users.edit.title', { username: user.username }) : t('admin.users.create.title')}
      footer={
        <Box float="right">
          <SpaceBetween direction="horizontal" size="xs">
            <Button variant="link" onClick={onDismiss} disabled={mutation.isPending}>
              {t('admin.action.cancel')}
            </Button>
            <Button variant="primary" onClick={() => submit()} loading={mutation.isPending}>
              {user ? t('admin.action.save') : t('admin.users.create.submit')}
            </Button>
          </SpaceBetween>
        </Box>
      }
    >
      <form onSubmit={submit} noValidate>
        <SpaceBetween size="m">
          <ApiErrorAlert error={mutation.error} placedFields={FIELDS} />
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
            label={
              <span>
                {t('admin.users.field.email')} <i>{t('admin.optional')}</i>
              </span>
            }
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
          {/* Enter in any field submits, as in every other form. */}
          <button type="submit" hidden />
        </SpaceBetween>
      </form>
    </Modal>
  );
}
