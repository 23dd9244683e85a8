import type { TopNavigationProps } from '@cloudscape-design/components/top-navigation';
import type { I18n, Locale } from '../i18n';
import { LOCALES } from '../i18n';

/** Each language is named in itself, so anyone can find theirs whatever is showing now. */
export const LANGUAGE_NAMES: Record<Locale, string> = { en: 'English', ja: '日本語' };

export function languageUtility(i18n: I18n): TopNavigationProps.MenuDropdownUtility {
  return {
    type: 'menu-dropdown',
    text: LANGUAGE_NAMES[i18n.locale],
    iconName: 'globe',
    ariaLabel: `${i18n.t('app.language')}: ${LANGUAGE_NAMES[i18n.locale]}`,
    title: i18n.t('app.language'),
    items: LOCALES.map((locale) => ({
      id: locale,
      text: LANGUAGE_NAMES[locale],
      lang: locale,
      checked: locale === i18n.locale,
      itemType: 'checkbox' as const,
    })),
    onItemClick: (event) => {
      const next = event.detail.id;
      if (next === 'en' || next === 'ja') i18n.setLocale(next);
    },
  };
}
