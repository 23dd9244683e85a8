import { describe, expect, it } from 'vitest';
import {
  filterRoles,
  formatAccountId,
  groupByAccount,
  indexRoles,
  normalise,
} from '../src/pages/dashboard/search';
import { account, role } from './access-fixture';

const production = account({
  name: 'Production',
  awsAccountId: '111122223333',
  roles: [
    role({ roleName: 'ReadOnly', displayName: 'Read only' }),
    role({ roleName: 'Administrator', displayName: 'Break glass' }),
  ],
});
const sandbox = account({
  name: 'Sandbox',
  awsAccountId: '777788889999',
  roles: [
    role({ roleName: 'Developer', displayName: 'Developer' }),
    role({ roleName: 'ReadOnly', displayName: 'Read only' }),
  ],
});
const entries = indexRoles([production, sandbox]);
const names = (query: string) =>
  filterRoles(entries, query).map((e) => `${e.account.name}/${e.role.roleName}`);

describe('dashboard search', () => {
  it('matches everything on an empty or blank query', () => {
    expect(names('')).toHaveLength(4);
    expect(names('   ')).toHaveLength(4);
  });

  it('finds roles by account name, account id, role name and display name, ignoring case', () => {
    expect(names('sandbox')).toEqual(['Sandbox/Developer', 'Sandbox/ReadOnly']);
    expect(names('111122223333')).toEqual(['Production/ReadOnly', 'Production/Administrator']);
    expect(names('administrator')).toEqual(['Production/Administrator']);
    expect(names('BREAK GLASS')).toEqual(['Production/Administrator']);
  });

  it('requires every word to match somewhere', () => {
    expect(names('prod readonly')).toEqual(['Production/ReadOnly']);
    expect(names('readonly sandbox')).toEqual(['Sandbox/ReadOnly']);
    expect(names('prod developer')).toEqual([]);
  });

  it('finds account ids written as the console writes them, with dashes, or in part', () => {
    expect(names('7777-8888-9999')).toEqual(['Sandbox/Developer', 'Sandbox/ReadOnly']);
    expect(names('2223-333')).toEqual(['Production/ReadOnly', 'Production/Administrator']);
  });

  it('treats full-width input from a Japanese keyboard like ASCII', () => {
    expect(normalise('ＳＡＮＤＢＯＸ　７７７７')).toBe('sandbox 7777');
    expect(names('ＳＡＮＤＢＯＸ　ｄｅｖ')).toEqual(['Sandbox/Developer']);
  });

  it('does not match across field boundaries or on unrelated fields', () => {
    // "x d" must not be found by gluing "Sandbox" and "Developer" together.
    expect(names('boxdev')).toEqual([]);
    // The ARN says "arn:aws:iam", which is not something people search for.
    expect(names('iam')).toEqual([]);
  });

  it('groups consecutive roles of one account for display', () => {
    const groups = groupByAccount(filterRoles(entries, 'readonly'));
    expect(groups.map((g) => [g.account.name, g.entries.length])).toEqual([
      ['Production', 1],
      ['Sandbox', 1],
    ]);
  });

  it('writes account ids with dashes as the AWS console does', () => {
    expect(formatAccountId('123456789012')).toBe('1234-5678-9012');
    expect(formatAccountId('12345')).toBe('12345');
  });
});
