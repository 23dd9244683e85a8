/**
 * Ends sessions AWS has already issued: the server writes AWS's "revoke older sessions" deny into
 * the role (for everyone, or for one user's SourceIdentity). New sessions still work.
 */
import { useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import Alert from '@cloudscape-design/components/alert';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import FormField from '@cloudscape-design/components/form-field';
import SpaceBetween from '@cloudscape-design/components/space-between';
import type {
  AdminRole,
  AdminUser,
  RevocationResultSchema,
  RevokeSessionsRequest,
} from '@gatehouse/contracts';
import { post } from '../../../api';
import { Panel } from '../../../components/panel';
import { useI18n } from '../../../i18n';
import { ConfirmModal } from '../shared/confirm-modal';
import { UserSelect } from '../shared/pickers';
import { useInvalidateAdmin, useUser } from '../shared/queries';

export function RevocationPanel({ role }: { role: AdminRole }) {
  const { t, formatDateTime } = useI18n();
  const invalidate = useInvalidateAdmin();
  const [userId, setUserId] = useState<string | null>(null);
  const chosen = useUser(userId ?? undefined);
  const [confirm, setConfirm] = useState<'role' | 'user' | null>(null);
  const [done, setDone] = useState<{ result: RevocationResultSchema; user: AdminUser | null } | null>(null);
  const revoke = useMutation({
    mutationFn: (body: RevokeSessionsRequest) =>
      post<RevocationResultSchema>(`/api/admin/roles/${encodeURIComponent(role.id)}/revoke-sessions`, body),
    onSuccess: async (result) => {
      setDone({ result, user: result.scope === 'user' ? (chosen.data ?? null) : null });
      setConfirm(null);
      await invalidate();
    },
  });
  const userName = chosen.data?.username ?? '';

  return (
    <Panel title={t('admin.roles.revoke.title')} description={t('admin.roles.revoke.description')}>
      <SpaceBetween size="m">
        {done ? (
          <Alert type="success" dismissible onDismiss={() => setDone(null)}>
            {done.result.scope === 'role'
              ? t('admin.roles.revoke.doneRole', { at: formatDateTime(done.result.cutoff) })
              : t('admin.roles.revoke.doneUser', {
                  username: done.user?.username ?? done.result.sourceIdentity ?? '',
                  at: formatDateTime(done.result.cutoff),
                })}
            <Box variant="small" display="block">
              {t('admin.roles.revoke.policy', {
                policy: done.result.policyName,
                principal: done.result.changedAs,
                count: done.result.pruned,
              })}
            </Box>
          </Alert>
        ) : null}
        <SpaceBetween size="xs">
          <Box variant="p">{t('admin.roles.revoke.allHint')}</Box>
          <Button
            onClick={() => {
              revoke.reset();
              setConfirm('role');
            }}
          >
            {t('admin.roles.revoke.all')}
          </Button>
        </SpaceBetween>
        <FormField
          label={t('admin.roles.revoke.oneUser')}
          description={t('admin.roles.revoke.oneUserHint')}
          secondaryControl={
            <Button
              disabled={!userId}
              onClick={() => {
                revoke.reset();
                setConfirm('user');
              }}
            >
              {t('admin.roles.revoke.userButton')}
            </Button>
          }
        >
          <UserSelect
            selectedId={userId}
            onChange={setUserId}
            placeholder={t('admin.grants.chooseUsers')}
            ariaLabel={t('admin.roles.revoke.oneUser')}
          />
        </FormField>
      </SpaceBetween>
      <ConfirmModal
        visible={confirm !== null}
        title={
          confirm === 'user'
            ? t('admin.roles.revoke.confirmUserTitle', { username: userName, role: role.displayName })
            : t('admin.roles.revoke.confirmRoleTitle', { role: role.displayName })
        }
        confirmLabel={confirm === 'user' ? t('admin.roles.revoke.userButton') : t('admin.roles.revoke.all')}
        busy={revoke.isPending}
        error={revoke.error}
        onConfirm={() => revoke.mutate(confirm === 'user' && userId ? { userId } : {})}
        onDismiss={() => setConfirm(null)}
      >
        {confirm === 'user'
          ? t('admin.roles.revoke.confirmUserBody')
          : t('admin.roles.revoke.confirmRoleBody')}
      </ConfirmModal>
    </Panel>
  );
}
