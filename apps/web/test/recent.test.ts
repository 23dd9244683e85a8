import { describe, expect, it } from 'vitest';
import { MAX_RECENT, addRecent, readRecent, writeRecent } from '../src/pages/dashboard/recent';
import type { RecentUse } from '../src/pages/dashboard/recent';

class MemoryStorage {
  private readonly items = new Map<string, string>();
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.items.set(key, value);
  }
}

const use = (roleId: string, kind: RecentUse['kind'] = 'console'): RecentUse => ({
  roleId,
  kind,
  at: '2026-03-01T09:00:00.000Z',
});

describe('recently used roles', () => {
  it('keeps the newest first, each role once, and only a few', () => {
    let list: RecentUse[] = [];
    for (const id of ['a', 'b', 'c', 'd', 'e', 'f']) list = addRecent(list, use(id));
    expect(list.map((u) => u.roleId)).toEqual(['f', 'e', 'd', 'c', 'b']);
    expect(list).toHaveLength(MAX_RECENT);
    list = addRecent(list, use('c', 'cli'));
    expect(list.map((u) => `${u.roleId}:${u.kind}`)).toEqual([
      'c:cli',
      'f:console',
      'e:console',
      'd:console',
      'b:console',
    ]);
  });

  it('remembers per user and survives a damaged store', () => {
    const storage = new MemoryStorage() as unknown as Storage;
    writeRecent('alice', [use('a')], storage);
    expect(readRecent('alice', storage)).toEqual([use('a')]);
    expect(readRecent('bob', storage)).toEqual([]);
    storage.setItem('gatehouse.recent.alice', '{not json');
    expect(readRecent('alice', storage)).toEqual([]);
    storage.setItem(
      'gatehouse.recent.alice',
      JSON.stringify([use('a'), { roleId: 1 }, { ...use('b'), at: 'never' }]),
    );
    expect(readRecent('alice', storage)).toEqual([use('a')]);
  });
});
