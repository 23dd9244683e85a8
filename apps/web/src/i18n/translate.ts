/**
 * Looking up a UI string and filling in its placeholders, without React: the app (through
 * index.tsx) and the end-to-end specs share it. See plural.ts for messages with a count.
 */
import { en } from './en';
import { ja } from './ja';
import { PLURAL_FORMS, pluralForm } from './plural';
import type { PluralForm } from './plural';

export type Locale = 'en' | 'ja';
export const LOCALES: readonly Locale[] = ['en', 'ja'];

/** Every key of the English catalogue, plural forms included. */
export type CatalogueKey = keyof typeof en;
/** A message that has plural forms, named without the form: `dashboard.matches`. */
export type PluralKey = CatalogueKey extends infer K
  ? K extends `${infer Base}.other`
    ? Base
    : never
  : never;
/** What the UI asks for: plain messages, and plural messages by their base key. */
export type MessageKey = Exclude<CatalogueKey, `${string}.${PluralForm}`> | PluralKey;
export type MessageVars = Record<string, string | number>;
/** A plural message needs its count, as a number: it picks the form and is formatted for the language. */
export type MessageArgs<K extends MessageKey> = K extends PluralKey
  ? [vars: MessageVars & { count: number }]
  : [vars?: MessageVars];

const CATALOGUES: Record<Locale, Readonly<Partial<Record<string, string>>>> = { en, ja };
const numberFormats = new Map<Locale, Intl.NumberFormat>();

function formatCount(locale: Locale, count: number): string {
  let format = numberFormats.get(locale);
  if (!format) {
    format = new Intl.NumberFormat(locale);
    numberFormats.set(locale, format);
  }
  return format.format(count);
}

export function isPluralKey(key: string): key is PluralKey {
  return Object.hasOwn(en, `${key}.other`);
}

/** The templates a key can show in a language: one, or one per plural form the language has. */
export function messageTemplates(locale: Locale, key: MessageKey): string[] {
  const catalogue = CATALOGUES[locale];
  const ids = isPluralKey(key) ? PLURAL_FORMS.map((form) => `${key}.${form}`) : [key];
  return ids.map((id) => catalogue[id]).filter((template): template is string => template !== undefined);
}

/**
 * `{name}` placeholders are replaced from vars (unknown ones stay visible); a numeric `count` is
 * formatted for the language and, for a plural message, chooses its form.
 */
export function translate(locale: Locale, key: MessageKey, vars: MessageVars = {}): string {
  const catalogue = CATALOGUES[locale];
  let template: string | undefined;
  if (isPluralKey(key)) {
    const form = pluralForm(locale, vars['count']);
    template =
      catalogue[`${key}.${form}`] ??
      catalogue[`${key}.other`] ??
      CATALOGUES.en[`${key}.${pluralForm('en', vars['count'])}`];
  } else {
    template = catalogue[key] ?? CATALOGUES.en[key];
  }
  return (template ?? key).replace(/\{(\w+)\}/g, (whole, name: string) => {
    if (!(name in vars)) return whole;
    const value = vars[name];
    return name === 'count' && typeof value === 'number' ? formatCount(locale, value) : String(value);
  });
}
