/**
 * Page-level notices (saved, signed out, …) shown in the shell's Flashbar. They belong to one
 * session: when a new one starts (someone signs in after signing out, or as someone else), the
 * earlier notices go.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import Flashbar from '@cloudscape-design/components/flashbar';
import type { FlashbarProps } from '@cloudscape-design/components/flashbar';
import { useI18n } from '../i18n';
import { SESSION_KEY } from '../session';
import type { Session } from '../session';

export interface Notice {
  type: 'success' | 'info' | 'warning' | 'error';
  content: ReactNode;
  header?: ReactNode;
  /** Same id replaces an earlier notice instead of stacking another. */
  id?: string;
}

interface Notifications {
  notices: ReadonlyArray<Notice & { id: string }>;
  notify(notice: Notice): void;
  dismiss(id: string): void;
}

const NotificationsContext = createContext<Notifications | null>(null);
let counter = 0;

/** Who the session is for: null when signed out, a user id, or '' half signed in (no user yet). */
function sessionOwner(session: Session | undefined): string | null | undefined {
  if (session === undefined) return undefined;
  return session === null ? null : (session.user?.id ?? '');
}

/**
 * Whether going from one session to the next starts a new one: signing in after being signed out,
 * or a session for another user. The steps of one sign-in (password, code, active) do not.
 */
export function startsNewSession(
  before: string | null | undefined,
  after: string | null | undefined,
): boolean {
  if (before === undefined || after === undefined || after === null) return false;
  if (before === null) return true;
  return before !== '' && after !== '' && before !== after;
}

export function NotificationsProvider({ children }: { children: ReactNode }) {
  const [notices, setNotices] = useState<ReadonlyArray<Notice & { id: string }>>([]);
  const notify = useCallback((notice: Notice) => {
    const id = notice.id ?? `notice-${++counter}`;
    setNotices((list) => [...list.filter((n) => n.id !== id), { ...notice, id }]);
  }, []);
  const dismiss = useCallback((id: string) => setNotices((list) => list.filter((n) => n.id !== id)), []);
  // Watches the session in the query cache (without asking the server for it): notices about the
  // previous session, such as "You are signed out", must not greet the next one.
  const client = useQueryClient();
  useEffect(() => {
    let owner = sessionOwner(client.getQueryData<Session>(SESSION_KEY));
    return client.getQueryCache().subscribe((event) => {
      if (event.query.queryKey[0] !== SESSION_KEY[0]) return;
      const next = sessionOwner(client.getQueryData<Session>(SESSION_KEY));
      // Unknown (the cache was just cleared, or is loading): keep comparing with the last one known.
      if (next === undefined) return;
      if (startsNewSession(owner, next)) setNotices([]);
      owner = next;
    });
  }, [client]);
  const value = useMemo(() => ({ notices, notify, dismiss }), [notices, notify, dismiss]);
  return <NotificationsContext.Provider value={value}>{children}</NotificationsContext.Provider>;
}

export function useNotify(): Notifications['notify'] {
  const value = useContext(NotificationsContext);
  if (!value) throw new Error('useNotify outside NotificationsProvider');
  return value.notify;
}

export function Notifications() {
  const value = useContext(NotificationsContext);
  const { t } = useI18n();
  if (!value || value.notices.length === 0) return null;
  const items: FlashbarProps.MessageDefinition[] = value.notices.map((n) => ({
    id: n.id,
    type: n.type,
    header: n.header,
    content: n.content,
    dismissible: true,
    dismissLabel: t('notice.dismiss'),
    onDismiss: () => value.dismiss(n.id),
  }));
  return <Flashbar items={items} />;
}
