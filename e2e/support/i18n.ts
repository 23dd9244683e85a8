/**
 * The portal's own UI strings, read from its message catalogues: selectors follow the real
 * labels, and the Japanese spec checks the real translations.
 */
import { messageTemplates, translate } from '../../apps/web/src/i18n/translate';
import type { Locale, MessageKey } from '../../apps/web/src/i18n/translate';

export type { Locale, MessageKey };

/**
 * A message with its `{name}` placeholders filled in, by the portal's own translate(): a message
 * with plural forms takes its `count` as a number, which picks the form.
 */
export function message(locale: Locale, key: MessageKey, vars: Record<string, string | number> = {}): string {
  return translate(locale, key, vars);
}

/** English. */
export function t(key: MessageKey, vars?: Record<string, string | number>): string {
  return message('en', key, vars);
}

/** A message with placeholders as a pattern (any text where a placeholder is), in any plural form. */
export function pattern(locale: Locale, key: MessageKey): RegExp {
  const forms = messageTemplates(locale, key).map((template) =>
    template
      .split(/\{\w+\}/)
      .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('.+'),
  );
  return new RegExp(forms.map((form) => `(?:${form})`).join('|'));
}
