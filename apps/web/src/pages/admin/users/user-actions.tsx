/**
 * Everything an admin can do to one user, as one menu: edit, disable/enable, unlock, reset MFA and
 * a new enrolment link. Destructive actions are confirmed; each result is announced.
 */
import { useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import ButtonDropdown from '@cloudscape-design/components/button-dropdown';
import type { ButtonDropdownProps } from '@cloudscape-design/components/button-dropdown';
import type {
  AdminUser,
  AdminUserMfaReset,
  EnrolmentLink,
  RevokeUserSessionsResponse,
} from '@gatehouse/contracts';
import { patch, post } from '../../../api';
import { useI18n } from '../../../i18n';
import type { MessageKey } from '../../../i18n';
import { ConfirmModal } from '../shared/confirm-modal';
import { useInvalidateAdmin } from '../shared/queries';
import { EnrolmentLinkModal } from './enrolment-link-modal';
import { RevokeResultModal } from './revoke-result-modal';
import { UserFormModal } from './user-form-modal';
import { isLocked } from './user-status';

type Confirmable = 'disable' | 'resetMfa' | 'enrolmentLink' | 'revokeAws';

/** The actions asked about first; each names its title and body (`admin.users.confirm.<messages>Title`). */
const CONFIRMATIONS = {
  disable: { messages: 'disable', button: 'admin.users.action.disable' },
  resetMfa: { messages: 'resetMfa', button: 'admin.users.action.resetMfa' },
  enrolmentLink: { messages: 'link', button: 'admin.users.confirm.linkButton' },
  revokeAws: { messages: 'revoke', button: 'admin.users.action.revokeAws' },
} as const satisfies Record<Confirmable, { messages: string; button: MessageKey }>;
export type UserActionId =
  'edit' | 'disable' | 'enable' | 'unlock' | 'resetMfa' | 'enrolmentLink' | 'revokeAws';

export function UserActions({ user, notify }: { user: AdminUser | null; notify: (message: string) => void }) {
  const { t } = useI18n();
  const invalidate = useInvalidateAdmin();
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState<Confirmable | null>(null);
  const [link, setLink] = useState<EnrolmentLink | null>(null);
  const [revoked, setRevoked] = useState<RevokeUserSessionsResponse | null>(null);
  const path = `/api/admin/users/${encodeURIComponent(user?.id ?? '')}`;

  const action = useMutation({
    mutationFn: async (
      id: UserActionId,
    ): Promise<{ id: UserActionId; link?: EnrolmentLink; revoked?: RevokeUserSessionsResponse }> => {
      switch (id) {
        case 'disable':
          await patch<AdminUser>(path, { disabled: true });
          return { id };
        case 'enable':
          await patch<AdminUser>(path, { disabled: false });
          return { id };
        case 'unlock':
          await post<AdminUser>(`${path}/unlock`, {});
          return { id };
        case 'resetMfa':
          // The user sets up the new authenticator only through this link: it is shown once.
          return { id, link: (await post<AdminUserMfaReset>(`${path}/reset-mfa`, {})).enrolment };
        case 'enrolmentLink':
          return { id, link: await post<EnrolmentLink>(`${path}/enrolment-link`, {}) };
        case 'revokeAws':
          return { id, revoked: await post<RevokeUserSessionsResponse>(`${path}/revoke-sessions`, {}) };
        case 'edit':
          return { id };
      }
    },
    onSuccess: async (result) => {
      setConfirming(null);
      if (result.link) setLink(result.link);
      if (result.revoked) setRevoked(result.revoked);
      const username = user?.username ?? '';
      const done: Record<UserActionId, string> = {
        edit: t('admin.users.done.saved', { username }),
        disable: t('admin.users.done.disabled', { username }),
        enable: t('admin.users.done.enabled', { username }),
        unlock: t('admin.users.done.unlocked', { username }),
        resetMfa: t('admin.users.done.mfaReset', { username }),
        enrolmentLink: t('admin.users.done.linkCreated', { username }),
        revokeAws: t('admin.users.done.revoked', { username }),
      };
      notify(done[result.id]);
      await invalidate();
    },
  });

  const now = new Date();
  const items: ButtonDropdownProps.Item[] = [
    { id: 'edit', text: t('admin.users.action.edit'), disabled: !user },
    user?.disabled
      ? { id: 'enable', text: t('admin.users.action.enable'), disabled: !user }
      : { id: 'disable', text: t('admin.users.action.disable'), disabled: !user },
    {
      id: 'unlock',
      text: t('admin.users.action.unlock'),
      disabled: !user || !isLocked(user, now),
      ...(user && !isLocked(user, now) ? { disabledReason: t('admin.users.action.unlockNotLocked') } : {}),
    },
    {
      id: 'resetMfa',
      text: t('admin.users.action.resetMfa'),
      disabled: !user || !user.mfaEnrolled,
      ...(user && !user.mfaEnrolled ? { disabledReason: t('admin.users.action.resetMfaNotEnrolled') } : {}),
    },
    {
      id: 'enrolmentLink',
      text: t('admin.users.action.enrolmentLink'),
      disabled: !user || user.disabled,
      ...(user?.disabled ? { disabledReason: t('admin.users.action.enrolmentLinkDisabled') } : {}),
    },
    { id: 'revokeAws', text: t('admin.users.action.revokeAws'), disabled: !user },
  ];

  const onItemClick = (id: string) => {
    action.reset();
    if (id === 'edit') setEditing(true);
    else if (id === 'disable' || id === 'resetMfa' || id === 'enrolmentLink' || id === 'revokeAws')
      setConfirming(id);
    else action.mutate(id as UserActionId);
  };

  const confirmation = confirming ? CONFIRMATIONS[confirming] : null;

  return (
    <>
      <ButtonDropdown
        items={items}
        disabled={!user}
        loading={action.isPending && confirming === null}
        onItemClick={({ detail }) => onItemClick(detail.id)}
      >
        {t('admin.action.actions')}
      </ButtonDropdown>
      {/* Failures of the unconfirmed actions (enable, unlock) show in the same modal shape. */}
      <ConfirmModal
        visible={confirming !== null || (action.isError && confirming === null)}
        title={
          confirmation
            ? t(`admin.users.confirm.${confirmation.messages}Title`, { username: user?.username ?? '' })
            : t('admin.users.actionFailed')
        }
        confirmLabel={confirmation ? t(confirmation.button) : t('admin.action.retry')}
        busy={action.isPending}
        error={action.error}
        onConfirm={() => action.mutate(confirming ?? (action.variables as UserActionId))}
        onDismiss={() => {
          setConfirming(null);
          action.reset();
        }}
      >
        {confirmation ? t(`admin.users.confirm.${confirmation.messages}Body`) : null}
      </ConfirmModal>
      {editing && user ? (
        <UserFormModal
          user={user}
          onDismiss={() => setEditing(false)}
          onSaved={async () => {
            setEditing(false);
            notify(t('admin.users.done.saved', { username: user.username }));
            await invalidate();
          }}
        />
      ) : null}
      <EnrolmentLinkModal link={link} username={user?.username ?? ''} onDismiss={() => setLink(null)} />
      <RevokeResultModal
        result={revoked}
        username={user?.username ?? ''}
        onDismiss={() => setRevoked(null)}
      />
    </>
  );
}
