/** Grant one role to many users and groups at once: one grant each, all or none. */
import { useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { useMutation } from '@tanstack/react-query';
import Button from '@cloudscape-design/components/button';
import Container from '@cloudscape-design/components/container';
import Form from '@cloudscape-design/components/form';
import FormField from '@cloudscape-design/components/form-field';
import Header from '@cloudscape-design/components/header';
import SpaceBetween from '@cloudscape-design/components/space-between';
import type { AdminGrantCreate, AdminGrantCreated } from '@gatehouse/contracts';
import { post } from '../../../api';
import { useDocumentTitle } from '../../../hooks/use-document-title';
import { useI18n } from '../../../i18n';
import { AdminBreadcrumbs } from '../shared/detail-page';
import { ApiErrorAlert, indexedFieldErrors, fieldErrorOf } from '../shared/errors';
import { useAdminPath, useRouterFollow } from '../shared/nav';
import { GroupMultiselect, RoleSelect, UserMultiselect, groupOption, userOption } from '../shared/pickers';
import type { Option } from '../shared/pickers';
import { useGroups, useInvalidateAdmin, useUser } from '../shared/queries';
import { buildGrantCreate } from './grant-model';
import type { GrantProblem, GrantSettingsState } from './grant-model';
import { GRANT_SETTING_FIELDS, GrantSettingsFields, problemText, useGrantErrors } from './grant-fields';

const INITIAL_SETTINGS: GrantSettingsState = {
  allowConsole: true,
  allowCli: true,
  maxMinutes: '',
  cidrText: '',
  expiresDate: '',
  expiresTime: '',
  note: '',
};

/** The server names a subject by its place in the request (`userIds.2`): say who that is. */
export function subjectErrors(
  error: unknown,
  field: 'userIds' | 'groupIds',
  chosen: readonly Option[],
): string[] {
  return [...indexedFieldErrors(error, field)].map(
    ([index, reason]) => `${chosen[index]?.label ?? `#${index + 1}`}: ${reason}`,
  );
}

/** The chosen users, starting with the one the address names (by id, until its name is known). */
function usePrefilledUsers(id: string | null) {
  const [users, setUsers] = useState<readonly Option[]>(() => (id ? [{ value: id, label: id }] : []));
  const known = useUser(id ?? undefined).data;
  useEffect(() => {
    if (known) setUsers((list) => list.map((o) => (o.value === known.id ? userOption(known) : o)));
  }, [known]);
  return [users, setUsers] as const;
}

/** The chosen groups, starting with the one the address names (by id, until its name is known). */
function usePrefilledGroups(id: string | null) {
  const [groups, setGroups] = useState<readonly Option[]>(() => (id ? [{ value: id, label: id }] : []));
  const known = useGroups().data;
  useEffect(() => {
    if (!known) return;
    setGroups((list) =>
      list.map((o) => {
        const group = known.find((g) => g.id === o.value);
        return group ? groupOption(group) : o;
      }),
    );
  }, [known]);
  return [groups, setGroups] as const;
}

export function GrantCreatePage() {
  const { t } = useI18n();
  useDocumentTitle(t('admin.grants.create.title'));
  const adminPath = useAdminPath();
  const follow = useRouterFollow();
  const navigate = useNavigate();
  const invalidate = useInvalidateAdmin();
  const [params] = useSearchParams();
  const [roleId, setRoleId] = useState<string | null>(params.get('roleId'));
  const [users, setUsers] = usePrefilledUsers(params.get('userId'));
  const [groups, setGroups] = usePrefilledGroups(params.get('groupId'));
  const [settings, setSettings] = useState<GrantSettingsState>(INITIAL_SETTINGS);
  const [problems, setProblems] = useState<GrantProblem[]>([]);

  const create = useMutation({
    mutationFn: (body: AdminGrantCreate) => post<AdminGrantCreated>('/api/admin/grants', body),
    onSuccess: async (result, body) => {
      await invalidate();
      void navigate(adminPath(`grants?roleId=${encodeURIComponent(body.roleId)}`), {
        state: { flash: t('admin.grants.done.created', { count: result.grants.length }) },
      });
    },
  });
  const settingsError = useGrantErrors(problems, create.error, settings);
  const mine = (field: GrantProblem['field']) =>
    problems
      .filter((p) => p.field === field)
      .map((p) => problemText(t, p))
      .join(' ') || undefined;
  const userServerErrors = subjectErrors(create.error, 'userIds', users);
  const groupServerErrors = subjectErrors(create.error, 'groupIds', groups);
  // "Name at least one user or group" comes back on userIds itself.
  const usersError =
    mine('subjects') ??
    (userServerErrors.length > 0 ? userServerErrors.join(' ') : fieldErrorOf(create.error, 'userIds'));
  const groupsError = groupServerErrors.length > 0 ? groupServerErrors.join(' ') : undefined;

  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    const built = buildGrantCreate(
      {
        ...settings,
        roleId,
        userIds: users.map((o) => o.value ?? '').filter(Boolean),
        groupIds: groups.map((o) => o.value ?? '').filter(Boolean),
      },
      new Date(),
    );
    setProblems(built.problems);
    if (built.body) create.mutate(built.body);
  };

  return (
    <SpaceBetween size="m">
      <AdminBreadcrumbs
        items={[
          { text: t('admin.nav.grants'), path: 'grants' },
          { text: t('admin.grants.create.title'), path: 'grants/new' },
        ]}
      />
      <form onSubmit={submit} noValidate>
        <Form
          header={
            <Header variant="h1" description={t('admin.grants.create.description')}>
              {t('admin.grants.create.title')}
            </Header>
          }
          actions={
            <SpaceBetween direction="horizontal" size="xs">
              <Button variant="link" href={adminPath('grants')} onFollow={follow} formAction="none">
                {t('admin.action.cancel')}
              </Button>
              <Button variant="primary" loading={create.isPending}>
                {t('admin.grants.create.submit')}
              </Button>
            </SpaceBetween>
          }
        >
          <SpaceBetween size="l">
            <ApiErrorAlert
              error={create.error}
              placedFields={['roleId', 'userIds', 'groupIds', ...GRANT_SETTING_FIELDS]}
            />
            <Container header={<Header variant="h2">{t('admin.grants.create.whatWho')}</Header>}>
              <SpaceBetween size="m">
                <FormField
                  label={t('admin.grants.column.role')}
                  errorText={mine('roleId') ?? fieldErrorOf(create.error, 'roleId')}
                >
                  <RoleSelect
                    selectedId={roleId}
                    onChange={setRoleId}
                    placeholder={t('admin.grants.chooseRole')}
                    invalid={Boolean(mine('roleId'))}
                  />
                </FormField>
                <FormField
                  label={t('admin.grants.field.users')}
                  description={t('admin.grants.field.subjectsHint')}
                  errorText={usersError}
                >
                  <UserMultiselect
                    selected={users}
                    onChange={setUsers}
                    placeholder={t('admin.grants.chooseUsers')}
                    invalid={Boolean(usersError)}
                  />
                </FormField>
                <FormField label={t('admin.grants.field.groups')} errorText={groupsError}>
                  <GroupMultiselect
                    selected={groups}
                    onChange={setGroups}
                    placeholder={t('admin.grants.chooseGroups')}
                    invalid={Boolean(groupsError)}
                  />
                </FormField>
              </SpaceBetween>
            </Container>
            <Container header={<Header variant="h2">{t('admin.grants.create.settings')}</Header>}>
              <GrantSettingsFields
                state={settings}
                onChange={(p) => setSettings((s) => ({ ...s, ...p }))}
                errorFor={settingsError}
              />
            </Container>
          </SpaceBetween>
        </Form>
      </form>
    </SpaceBetween>
  );
}
