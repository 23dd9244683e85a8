/** Success messages after a change, announced politely to screen readers and dismissible. */
import { useCallback, useEffect, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import type { ReactElement } from 'react';
import Flashbar from '@cloudscape-design/components/flashbar';
import type { FlashbarProps } from '@cloudscape-design/components/flashbar';
import { useI18n } from '../../../i18n';

export interface Flash {
  notify(content: string, type?: 'success' | 'info' | 'warning'): void;
  element: ReactElement;
}

let nextId = 0;

export function useFlash(): Flash {
  const { t } = useI18n();
  const [messages, setMessages] = useState<Array<{ id: string; content: string; type: FlashbarProps.Type }>>(
    [],
  );
  const notify = useCallback((content: string, type: 'success' | 'info' | 'warning' = 'success') => {
    nextId += 1;
    const id = `flash-${nextId}`;
    // Newest first, and only a few: a long session of changes should not push the page down.
    setMessages((list) => [{ id, content, type }, ...list].slice(0, 3));
  }, []);
  // A page that navigated here after a change (a new grant) hands its message over in the
  // history state; it is shown once and dropped, so reloading does not repeat it.
  const location = useLocation();
  const navigate = useNavigate();
  const handedOver = (location.state as { flash?: unknown } | null)?.flash;
  useEffect(() => {
    if (typeof handedOver !== 'string') return;
    notify(handedOver);
    void navigate(`${location.pathname}${location.search}`, { replace: true, state: null });
  }, [handedOver, notify, navigate, location.pathname, location.search]);
  const items: FlashbarProps.MessageDefinition[] = messages.map((m) => ({
    id: m.id,
    type: m.type,
    content: m.content,
    dismissible: true,
    dismissLabel: t('admin.action.dismiss'),
    ariaRole: 'status',
    onDismiss: () => setMessages((list) => list.filter((x) => x.id !== m.id)),
  }));
  return { notify, element: <Flashbar items={items} /> };
}
