/**
 * The portal's own UI strings, read from its message catalogues: selectors follow the real
 * labels, and the Japanese spec checks the real translations.
 */
import { en } from '../../apps/web/src/i18n/en';
import { ja } from '../../apps/web/src/i18n/ja';

export type MessageKey = keyof typeof en;
export type Locale = 'en' | 'ja';

const CATALOGUES: Record<Locale, Record<MessageKey, string>> = { en, ja };

/** A message with its `{name}` placeholders filled in, as the portal's translate() does. */
export function message(locale: Locale, key: MessageKey, vars: Record<string, string | number> = {}): string {
  const template = CATALOGUES[locale][key];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

/** English. */
export function t(key: MessageKey, vars?: Record<string, string | number>): string {
  return message('en', key, vars);
}

/** A message with placeholders as a pattern (any text where a placeholder is). */
export function pattern(locale: Locale, key: MessageKey): RegExp {
  const parts = CATALOGUES[locale][key]
    .split(/\{\w+\}/)
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(parts.join('.+'));
}
