import { describe, expect, it } from 'vitest';
import {
  buildGrantCreate,
  checkGrantSettings,
  cidrProblem,
  expiryFields,
  expiryInstant,
  parseCidrList,
  sentCidrLines,
} from '../src/pages/admin/grants/grant-model';
import type { GrantCreateState } from '../src/pages/admin/grants/grant-model';

const NOW = new Date(2030, 0, 15, 12, 0, 0);

function state(overrides: Partial<GrantCreateState> = {}): GrantCreateState {
  return {
    roleId: '11111111-1111-4111-8111-111111111111',
    userIds: ['22222222-2222-4222-8222-222222222222'],
    groupIds: [],
    allowConsole: true,
    allowCli: false,
    maxMinutes: '',
    cidrText: '',
    expiresDate: '',
    expiresTime: '',
    note: '',
    ...overrides,
  };
}

describe('parseCidrList', () => {
  it('splits on newlines, commas and spaces and remembers the line of each entry', () => {
    expect(parseCidrList('10.0.0.0/8, 192.168.1.1\n\n  2001:db8::/32 \r\n198.51.100.7')).toEqual([
      { line: 1, value: '10.0.0.0/8' },
      { line: 1, value: '192.168.1.1' },
      { line: 3, value: '2001:db8::/32' },
      { line: 4, value: '198.51.100.7' },
    ]);
  });

  it('folds fullwidth characters typed on a Japanese keyboard', () => {
    expect(parseCidrList('１０．０．０．０／８')).toEqual([{ line: 1, value: '10.0.0.0/8' }]);
  });

  it('returns nothing for blank text', () => {
    expect(parseCidrList('  \n ,, \n')).toEqual([]);
  });
});

describe('cidrProblem', () => {
  it.each([
    '10.0.0.0/8',
    '203.0.113.7',
    '0.0.0.0/0',
    '2001:db8::/32',
    '::1',
    '::ffff:10.0.0.1/128',
    'fe80::1/64',
  ])('accepts %s', (value) => expect(cidrProblem(value)).toBeNull());

  it.each([
    ['10.0.0.256/8', 'address'],
    ['010.0.0.1', 'address'],
    ['example.com', 'address'],
    ['fe80::1%eth0', 'address'],
    ['2001:db8:::1', 'address'],
    ['10.0.0.0/33', 'prefix'],
    ['10.0.0.0/08', 'prefix'],
    ['10.0.0.0/', 'prefix'],
    ['2001:db8::/129', 'prefix'],
  ] as const)('refuses %s (%s)', (value, problem) => expect(cidrProblem(value)).toBe(problem));
});

describe('expiryInstant', () => {
  it('reads a date alone as the end of that local day', () => {
    expect(expiryInstant('2030-02-01', '')).toEqual(new Date(2030, 1, 1, 23, 59, 59, 999));
  });

  it('reads a date and time as that local moment', () => {
    expect(expiryInstant('2030-02-01', '09:30')).toEqual(new Date(2030, 1, 1, 9, 30));
  });

  it('has no expiry when both are empty', () => {
    expect(expiryInstant('', '')).toBeNull();
  });

  it('refuses dates that do not exist, a time without a date, and malformed input', () => {
    expect(expiryInstant('2030-02-31', '')).toBe('invalid');
    expect(expiryInstant('', '10:00')).toBe('invalid');
    expect(expiryInstant('2030/02/01', '')).toBe('invalid');
    expect(expiryInstant('2030-02-01', '9h')).toBe('invalid');
  });

  it('round-trips through the fields shown when editing', () => {
    const iso = new Date(2030, 5, 7, 8, 5).toISOString();
    const fields = expiryFields(iso);
    expect(fields).toEqual({ expiresDate: '2030-06-07', expiresTime: '08:05' });
    expect(expiryInstant(fields.expiresDate, fields.expiresTime)).toEqual(new Date(iso));
  });
});

describe('buildGrantCreate', () => {
  it('builds the request body the API expects', () => {
    const built = buildGrantCreate(
      state({
        groupIds: ['33333333-3333-4333-8333-333333333333'],
        allowCli: true,
        maxMinutes: '９０',
        cidrText: '10.0.0.0/8\n10.0.0.0/8\n2001:db8::/32',
        expiresDate: '2030-03-01',
        expiresTime: '18:00',
        note: '  INC-42  ',
      }),
      NOW,
    );
    expect(built.problems).toEqual([]);
    expect(built.body).toEqual({
      roleId: '11111111-1111-4111-8111-111111111111',
      userIds: ['22222222-2222-4222-8222-222222222222'],
      groupIds: ['33333333-3333-4333-8333-333333333333'],
      allowConsole: true,
      allowCli: true,
      maxSessionSeconds: 5400,
      sourceCidrs: ['10.0.0.0/8', '2001:db8::/32'],
      expiresAt: new Date(2030, 2, 1, 18, 0).toISOString(),
      note: 'INC-42',
    });
  });

  it('sends null for "role maximum" and "never expires"', () => {
    const built = buildGrantCreate(state(), NOW);
    expect(built.body).toMatchObject({ maxSessionSeconds: null, expiresAt: null, sourceCidrs: [] });
  });

  it('lists every problem at once and sends nothing', () => {
    const built = buildGrantCreate(
      state({
        roleId: null,
        userIds: [],
        allowConsole: false,
        allowCli: false,
        maxMinutes: '5',
        cidrText: '10.0.0.0/8\nnot-a-network\n10.1.0.0/40',
        expiresDate: '2029-12-31',
      }),
      NOW,
    );
    expect(built.body).toBeNull();
    expect(built.problems).toEqual([
      { field: 'roleId', problem: 'required' },
      { field: 'subjects', problem: 'required' },
      { field: 'allowConsole', problem: 'required' },
      { field: 'maxSessionSeconds', problem: 'range' },
      { field: 'sourceCidrs', problem: 'address', line: 2, value: 'not-a-network' },
      { field: 'sourceCidrs', problem: 'prefix', line: 3, value: '10.1.0.0/40' },
      { field: 'expiresAt', problem: 'past' },
    ]);
  });

  it('refuses more subjects and networks than the server accepts', () => {
    const many = Array.from(
      { length: 201 },
      (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    );
    const cidrs = Array.from({ length: 51 }, (_, i) => `10.0.${i}.0/24`).join('\n');
    const built = buildGrantCreate(state({ userIds: many, cidrText: cidrs }), NOW);
    expect(built.problems).toContainEqual({ field: 'subjects', problem: 'tooMany' });
    expect(built.problems).toContainEqual({ field: 'sourceCidrs', problem: 'tooMany' });
  });
});

describe('checkGrantSettings', () => {
  it('accepts a whole number of minutes within 15 to 720 only', () => {
    expect(checkGrantSettings({ ...state(), maxMinutes: '720' }, NOW).settings?.maxSessionSeconds).toBe(
      43200,
    );
    expect(checkGrantSettings({ ...state(), maxMinutes: '721' }, NOW).problems).toEqual([
      { field: 'maxSessionSeconds', problem: 'range' },
    ]);
    expect(checkGrantSettings({ ...state(), maxMinutes: '1.5' }, NOW).problems).toEqual([
      { field: 'maxSessionSeconds', problem: 'notWhole' },
    ]);
  });
});

describe('sentCidrLines', () => {
  it('maps the server’s item index (after de-duplication) back to the line it came from', () => {
    const lines = sentCidrLines({ cidrText: '10.0.0.0/8\n10.0.0.0/8\n\n192.0.2.1, 198.51.100.0/24' });
    expect(lines.map((l) => [l.line, l.value])).toEqual([
      [1, '10.0.0.0/8'],
      [4, '192.0.2.1'],
      [4, '198.51.100.0/24'],
    ]);
  });
});
