/**
 * UI text in English and Japanese. Our strings live in messages/*.ts, one file per area and
 * language, with the same keys (but for plural forms, see plural.ts); Cloudscape's own strings
 * come from its message bundles.
 */
import { createContext, useCallback, useContext, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { I18nProvider } from '@cloudscape-design/components/i18n';
import cloudscapeEn from '@cloudscape-design/components/i18n/messages/all.en.json';
import cloudscapeJa from '@cloudscape-design/components/i18n/messages/all.ja.json';
import { translate } from './translate';
import type { Locale, MessageArgs, MessageKey } from './translate';

export { LOCALES, translate } from './translate';
export type { Locale, MessageKey, MessageVars, PluralKey } from './translate';
const STORAGE_KEY = 'gatehouse.locale';

export function detectLocale(): Locale {
  const saved = typeof localStorage === 'undefined' ? null : localStorage.getItem(STORAGE_KEY);
  if (saved === 'en' || saved === 'ja') return saved;
  const languages = typeof navigator === 'undefined' ? [] : (navigator.languages ?? [navigator.language]);
  return languages.some((l) => l.toLowerCase().startsWith('ja')) ? 'ja' : 'en';
}

export interface I18n {
  locale: Locale;
  setLocale(locale: Locale): void;
  /**
   * `{name}` placeholders are replaced from vars. A message with plural forms takes its `count`
   * as a number, which picks the form for the language (1 role, 2 roles).
   */
  t<K extends MessageKey>(key: K, ...args: MessageArgs<K>): string;
  formatDateTime(value: Date | string): string;
  formatNumber(value: number): string;
  formatDuration(seconds: number): string;
}

const I18nContext = createContext<I18n | null>(null);

export function AppI18nProvider({ children, initial }: { children: ReactNode; initial?: Locale }) {
  const [locale, setLocaleState] = useState<Locale>(initial ?? detectLocale());
  const setLocale = useCallback((next: Locale) => {
    setLocaleState(next);
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Private browsing may refuse storage; the choice then lasts for this page only.
    }
    document.documentElement.lang = next;
  }, []);
  const value = useMemo<I18n>(() => {
    const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
    const number = new Intl.NumberFormat(locale);
    return {
      locale,
      setLocale,
      t: (key, ...[vars]) => translate(locale, key, vars),
      formatDateTime: (v) => dateTime.format(typeof v === 'string' ? new Date(v) : v),
      formatNumber: (v) => number.format(v),
      formatDuration: (seconds) => {
        const h = Math.floor(seconds / 3600);
        const m = Math.round((seconds % 3600) / 60);
        if (h > 0 && m > 0) return translate(locale, 'duration.hoursMinutes', { h, m });
        if (h > 0) return translate(locale, 'duration.hours', { h });
        return translate(locale, 'duration.minutes', { m });
      },
    };
  }, [locale, setLocale]);
  return (
    <I18nContext.Provider value={value}>
      <I18nProvider locale={locale} messages={[cloudscapeEn, cloudscapeJa]}>
        {children}
      </I18nProvider>
    </I18nContext.Provider>
  );
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside AppI18nProvider');
  return value;
}
