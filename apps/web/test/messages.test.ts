/**
 * Every message area exists in English and Japanese with the same keys and the same
 * placeholders. TypeScript checks the aggregated catalogue, but not keys a Japanese file has
 * that English lacks, nor a `{name}` that one translation forgot. Plural forms (`.one`, `.other`)
 * are the exception: each language has those its grammar has, so Japanese only `.other`.
 */
import { describe, expect, it } from 'vitest';
import { en } from '../src/i18n/en';
import { ja } from '../src/i18n/ja';
import { translate } from '../src/i18n';
import { PLURAL_FORMS } from '../src/i18n/plural';

const modules = import.meta.glob<Record<string, Record<string, string>>>('../src/i18n/messages/*.ts', {
  eager: true,
});

function areas(): Map<string, { en?: Record<string, string>; ja?: Record<string, string> }> {
  const byArea = new Map<string, { en?: Record<string, string>; ja?: Record<string, string> }>();
  for (const [path, exports] of Object.entries(modules)) {
    const match = /\/([\w-]+)\.(en|ja)\.ts$/.exec(path);
    if (!match) throw new Error(`${path}: message files are named <area>.en.ts / <area>.ja.ts`);
    const [, area, lang] = match as unknown as [string, string, 'en' | 'ja'];
    const values = Object.values(exports);
    if (values.length !== 1) throw new Error(`${path}: export exactly one catalogue`);
    const entry = byArea.get(area) ?? {};
    entry[lang] = values[0];
    byArea.set(area, entry);
  }
  return byArea;
}

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

const PLURAL_SUFFIX = new RegExp(`\\.(${PLURAL_FORMS.join('|')})$`);

/** The plural forms a language has, of those the catalogues use. */
const formsOf = (locale: string): string[] =>
  new Intl.PluralRules(locale)
    .resolvedOptions()
    .pluralCategories.filter((form) => (PLURAL_FORMS as readonly string[]).includes(form));

/** The keys a catalogue in `locale` has, given the English ones: plural forms as the language has them. */
function keysFor(locale: string, english: readonly string[]): string[] {
  const forms = formsOf(locale);
  return english.filter((key) => {
    const form = PLURAL_SUFFIX.exec(key)?.[1];
    return form === undefined || forms.includes(form);
  });
}

/** Messages with a count that read the same for any number, so they need no plural forms. */
const SAME_FOR_ANY_COUNT = new Set(['admin.grants.confirm.andMore']);

describe('UI messages', () => {
  it('has a Japanese file with exactly the keys of each English one', () => {
    const found = areas();
    expect(found.size).toBeGreaterThan(0);
    for (const [area, { en: english, ja: japanese }] of found) {
      expect(english, `${area}.en.ts`).toBeDefined();
      expect(japanese, `${area}.ja.ts`).toBeDefined();
      expect(Object.keys(japanese ?? {}).sort(), area).toEqual(
        keysFor('ja', Object.keys(english ?? {})).sort(),
      );
    }
  });

  it('aggregates every area, and no key twice', () => {
    let total = 0;
    for (const { en: english } of areas().values()) total += Object.keys(english ?? {}).length;
    expect(Object.keys(en)).toHaveLength(total);
    expect(Object.keys(ja).sort()).toEqual(keysFor('ja', Object.keys(en)).sort());
  });

  it('keeps the same placeholders in both languages and leaves nothing empty', () => {
    const japanese: Partial<Record<string, string>> = ja;
    for (const key of Object.keys(en) as Array<keyof typeof en>) {
      expect(en[key].trim(), `en ${key}`).not.toBe('');
      // A form Japanese does not have (checked above) has nothing to compare.
      const translated = japanese[key];
      if (translated === undefined) continue;
      expect(translated.trim(), `ja ${key}`).not.toBe('');
      expect(placeholders(translated), key).toEqual(placeholders(en[key]));
    }
  });

  it('gives every English message with a count both plural forms', () => {
    const keys = new Set(Object.keys(en));
    for (const key of keys) {
      const form = PLURAL_SUFFIX.exec(key)?.[1];
      if (form) {
        const base = key.slice(0, -form.length - 1);
        for (const other of PLURAL_FORMS) expect(keys.has(`${base}.${other}`), `${base}.${other}`).toBe(true);
      } else if (placeholders(en[key as keyof typeof en]).includes('count')) {
        expect(SAME_FOR_ANY_COUNT.has(key), `${key} has a {count}: give it .one and .other forms`).toBe(true);
      }
    }
  });

  it('chooses the singular or the plural for the count, in the language', () => {
    expect(translate('en', 'admin.grants.done.created', { count: 1 })).toBe('1 grant was created.');
    expect(translate('en', 'admin.grants.done.created', { count: 2 })).toBe('2 grants were created.');
    expect(translate('en', 'admin.grants.done.created', { count: 0 })).toBe('0 grants were created.');
    expect(translate('en', 'admin.groups.done.membersAdded', { count: 1200 })).toBe(
      '1,200 members were added.',
    );
    expect(translate('ja', 'admin.groups.done.membersAdded', { count: 1 })).toBe('1 人を追加しました。');
    expect(translate('ja', 'admin.groups.done.membersAdded', { count: 1200 })).toBe(
      '1,200 人を追加しました。',
    );
    expect(translate('en', 'dashboard.matches', { count: 1 })).toBe('1 match');
    expect(translate('en', 'field.tooShort', { count: 12 })).toBe('Must be at least 12 characters.');
  });

  it('builds a sentence with two counts from their own plural messages', () => {
    const summary = (locale: 'en' | 'ja', roles: number, accounts: number) =>
      translate(locale, 'dashboard.summary', {
        roles: translate(locale, 'dashboard.summaryRoles', { count: roles }),
        accounts: translate(locale, 'dashboard.summaryAccounts', { count: accounts }),
      });
    expect(summary('en', 1, 1)).toBe('1 role in 1 AWS account. Open the console or get CLI credentials.');
    expect(summary('en', 3, 2)).toBe('3 roles in 2 AWS accounts. Open the console or get CLI credentials.');
    expect(summary('ja', 1, 1)).toBe(
      '1 個の AWS アカウントで 1 個のロールを使用できます。コンソールを開くか、CLI 認証情報を取得します。',
    );
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(translate('en', 'dashboard.matches', { count: '3' })).toBe('3 matches');
    expect(translate('ja', 'dashboard.matches', { count: '3' })).toBe('3 件一致');
    expect(translate('en', 'dashboard.matches')).toBe('{count} matches');
  });
});
