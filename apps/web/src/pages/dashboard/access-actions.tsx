/**
 * What a role's buttons do: open the console (optionally at a service and region) in a new tab,
 * or show CLI credentials; with a fresh authenticator code first when the role requires one.
 */
import { useCallback, useState } from 'react';
import type { ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { ConsoleRequest, ConsoleResponse, MyAccess } from '@gatehouse/contracts';
import { ApiError, post } from '../../api';
import { SESSION_KEY } from '../../session';
import { describeError } from '../../errors';
import { useI18n } from '../../i18n';
import { useNotify } from '../../components/notifications';
import { ConsoleOptionsModal } from '../../components/console-options-modal';
import type { ConsoleTarget } from '../../components/console-options-modal';
import { CredentialsDialog, isStepUpDemand } from '../../components/credentials-dialog';
import { StepUpModal } from '../../components/step-up-modal';
import { openBlankTab, sendTabTo } from '../../components/new-tab';
import type { RoleEntry } from './search';

export const ACCESS_KEY = ['access'] as const;
/** Treat a step-up as stale slightly early: the request still has to reach the server. */
const STEP_UP_MARGIN_MS = 15_000;

export function stepUpFresh(validUntil: string | null, now = Date.now()): boolean {
  return validUntil !== null && Date.parse(validUntil) - STEP_UP_MARGIN_MS > now;
}

type Pending =
  | { kind: 'step-up-console'; entry: RoleEntry; target: ConsoleTarget }
  | { kind: 'options'; entry: RoleEntry }
  | { kind: 'cli'; entry: RoleEntry };

export function useAccessActions({
  stepUpValidUntil,
  onUsed,
}: {
  stepUpValidUntil: string | null;
  onUsed: (entry: RoleEntry, kind: 'console' | 'cli') => void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const client = useQueryClient();
  const notify = useNotify();
  const [pending, setPending] = useState<Pending | null>(null);
  const [opening, setOpening] = useState<string | null>(null);

  const rememberStepUp = useCallback(
    (validUntil: string) =>
      client.setQueryData<MyAccess>(ACCESS_KEY, (old) =>
        old ? { ...old, stepUpValidUntil: validUntil } : old,
      ),
    [client],
  );

  const issueConsole = useCallback(
    async (entry: RoleEntry, target: ConsoleTarget, tab: Window) => {
      const { role } = entry;
      setOpening(role.roleId);
      const body: ConsoleRequest = {
        grantId: role.grantId,
        ...(target.service ? { service: target.service } : {}),
        ...(target.region ? { region: target.region } : {}),
      };
      try {
        const answer = await post<ConsoleResponse>('/api/access/console', body);
        sendTabTo(tab, answer.url);
        onUsed(entry, 'console');
        notify({
          id: `console-${role.roleId}`,
          type: 'success',
          content: answer.clamped
            ? t('console.openedClamped', {
                role: role.displayName,
                duration: i18n.formatDuration(answer.durationSeconds),
              })
            : t('console.opened', {
                role: role.displayName,
                duration: i18n.formatDuration(answer.durationSeconds),
              }),
        });
      } catch (error) {
        tab.close();
        // The session may have ended meanwhile: the guards take the user to sign-in if so.
        if (error instanceof ApiError && error.status === 401)
          void client.invalidateQueries({ queryKey: SESSION_KEY });
        if (isStepUpDemand(error)) {
          setPending({ kind: 'step-up-console', entry, target });
          return;
        }
        const described = describeError(i18n, error);
        notify({
          id: `console-${role.roleId}`,
          type: 'error',
          header: t('console.failed', { role: role.displayName }),
          content: described.detail ? `${described.message} ${described.detail}` : described.message,
        });
      } finally {
        setOpening(null);
      }
    },
    [client, i18n, notify, onUsed, t],
  );

  /** Must run inside a click (or submit) handler: it opens the tab before anything is awaited. */
  const openConsole = useCallback(
    (entry: RoleEntry, target: ConsoleTarget = { service: null, region: null }) => {
      if (entry.role.requiresStepUp && !stepUpFresh(stepUpValidUntil)) {
        setPending({ kind: 'step-up-console', entry, target });
        return;
      }
      setPending(null);
      const tab = openBlankTab(t('console.openingTitle'), t('console.opening'));
      if (!tab) {
        notify({ id: 'popup-blocked', type: 'warning', content: t('console.popupBlocked') });
        return;
      }
      void issueConsole(entry, target, tab);
    },
    [issueConsole, notify, stepUpValidUntil, t],
  );

  const chooseConsole = useCallback((entry: RoleEntry) => setPending({ kind: 'options', entry }), []);
  const openCli = useCallback((entry: RoleEntry) => setPending({ kind: 'cli', entry }), []);

  let dialog: ReactNode = null;
  if (pending?.kind === 'options') {
    dialog = (
      <ConsoleOptionsModal
        account={pending.entry.account}
        role={pending.entry.role}
        onCancel={() => setPending(null)}
        onOpen={(target) => openConsole(pending.entry, target)}
      />
    );
  } else if (pending?.kind === 'step-up-console') {
    const { entry, target } = pending;
    dialog = (
      <StepUpModal
        roleName={`${entry.role.displayName} (${entry.account.name})`}
        opensTab
        onCancel={() => setPending(null)}
        onConfirmed={(validUntil, tab) => {
          rememberStepUp(validUntil);
          setPending(null);
          if (tab) void issueConsole(entry, target, tab);
        }}
      />
    );
  } else if (pending?.kind === 'cli') {
    const { entry } = pending;
    dialog = (
      <CredentialsDialog
        key={entry.role.roleId}
        account={entry.account}
        role={entry.role}
        needsStepUp={entry.role.requiresStepUp && !stepUpFresh(stepUpValidUntil)}
        onClose={() => setPending(null)}
        onIssued={() => onUsed(entry, 'cli')}
        onSteppedUp={rememberStepUp}
      />
    );
  }

  return { openConsole, chooseConsole, openCli, opening, dialog };
}
