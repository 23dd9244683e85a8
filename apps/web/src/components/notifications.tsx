/** Page-level notices (saved, signed out elsewhere, …) shown in the shell's Flashbar. */
import { createContext, useCallback, useContext, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import Flashbar from '@cloudscape-design/components/flashbar';
import type { FlashbarProps } from '@cloudscape-design/components/flashbar';
import { useI18n } from '../i18n';

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

export function NotificationsProvider({ children }: { children: ReactNode }) {
  const [notices, setNotices] = useState<ReadonlyArray<Notice & { id: string }>>([]);
  const notify = useCallback((notice: Notice) => {
    const id = notice.id ?? `notice-${++counter}`;
    setNotices((list) => [...list.filter((n) => n.id !== id), { ...notice, id }]);
  }, []);
  const dismiss = useCallback((id: string) => setNotices((list) => list.filter((n) => n.id !== id)), []);
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
