/**
 * Messages with a count come in plural forms: the catalogues hold `<key>.one` and `<key>.other`
 * (CLDR's names for the forms, as Intl.PluralRules answers), and the UI asks for `<key>` with a
 * numeric `count`. English has both forms; Japanese has no plural forms, so its catalogues hold
 * only `.other`.
 */

/** The plural forms the catalogues use; a form a language does not have falls back to `other`. */
export const PLURAL_FORMS = ['one', 'other'] as const;
export type PluralForm = (typeof PLURAL_FORMS)[number];

/** The keys of a catalogue for a language without a singular form: every `.one` left out. */
export type WithoutSingular<K extends string> = Exclude<K, `${string}.one`>;

const rules = new Map<string, Intl.PluralRules>();

/** The form to use for `count` in `locale`; anything that is not a number reads as `other`. */
export function pluralForm(locale: string, count: unknown): PluralForm {
  const n =
    typeof count === 'number'
      ? count
      : typeof count === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(count)
        ? Number(count)
        : Number.NaN;
  if (!Number.isFinite(n)) return 'other';
  let select = rules.get(locale);
  if (!select) {
    select = new Intl.PluralRules(locale);
    rules.set(locale, select);
  }
  const form = select.select(n);
  return (PLURAL_FORMS as readonly string[]).includes(form) ? (form as PluralForm) : 'other';
}
