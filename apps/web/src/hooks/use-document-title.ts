import { useEffect } from 'react';
import { useI18n } from '../i18n';

/** "Page · Gatehouse", so tabs, history and screen readers say where the user is. */
export function useDocumentTitle(title: string): void {
  const { t } = useI18n();
  const app = t('app.name');
  useEffect(() => {
    document.title = title && title !== app ? `${title} · ${app}` : app;
  }, [title, app]);
}
