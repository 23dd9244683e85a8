/**
 * Every message area exists in English and Japanese with the same keys and the same
 * placeholders. TypeScript checks the aggregated catalogue, but not keys a Japanese file has
 * that English lacks, nor a `{name}` that one translation forgot.
 */
import { describe, expect, it } from 'vitest';
import { en } from '../src/i18n/en';
import { ja } from '../src/i18n/ja';
import { translate } from '../src/i18n';

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

describe('UI messages', () => {
  it('has a Japanese file with exactly the keys of each English one', () => {
    const found = areas();
    expect(found.size).toBeGreaterThan(0);
    for (const [area, { en: english, ja: japanese }] of found) {
      expect(english, `${area}.en.ts`).toBeDefined();
      expect(japanese, `${area}.ja.ts`).toBeDefined();
      expect(Object.keys(japanese ?? {}).sort(), area).toEqual(Object.keys(english ?? {}).sort());
    }
  });

  it('aggregates every area, and no key twice', () => {
    let total = 0;
    for (const { en: english } of areas().values()) total += Object.keys(english ?? {}).length;
    expect(Object.keys(en)).toHaveLength(total);
    expect(Object.keys(ja).sort()).toEqual(Object.keys(en).sort());
  });

  it('keeps the same placeholders in both languages and leaves nothing empty', () => {
    for (const key of Object.keys(en) as Array<keyof typeof en>) {
      expect(en[key].trim(), `en ${key}`).not.toBe('');
      expect(ja[key].trim(), `ja ${key}`).not.toBe('');
      expect(placeholders(ja[key]), key).toEqual(placeholders(en[key]));
    }
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(translate('en', 'dashboard.matches', { count: '3' })).toBe('3 matches');
    expect(translate('ja', 'dashboard.matches', { count: '3' })).toBe('3 件一致');
    expect(translate('en', 'dashboard.matches')).toBe('{count} matches');
  });
});
