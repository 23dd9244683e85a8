import { describe, expect, it } from 'vitest';
import { AppError } from '../shared/app-error';
import type { Partition } from '../shared/access-records';
import {
  PARTITIONS,
  isAccountId,
  isRegion,
  parseRoleReference,
  partitionOfRegion,
  roleSessionNameFor,
  sanitiseTagValue,
  sessionTagsFor,
  sourceIdentityFor,
  transitiveTagKeysOf,
} from './aws-names';
import { cliLoginIdOf } from './cli-login';

const STS_NAME = /^[\w+=,.@-]{2,64}$/;
// The AWS pattern for a session tag value, checked independently of the implementation.
const TAG_VALUE = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;

function fieldsOf(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    const appError = error as AppError;
    expect(appError.code).toBe('validation');
    return appError.fields;
  }
  throw new Error('expected an AppError');
}

describe('PARTITIONS', () => {
  it('lists the three supported partitions', () => {
    expect(PARTITIONS).toEqual(['aws', 'aws-cn', 'aws-us-gov']);
  });
});

describe('isAccountId', () => {
  it.each(['123456789012', '000000000000'])('accepts %j', (value) => expect(isAccountId(value)).toBe(true));
  it.each([
    '12345678901',
    '1234567890123',
    '12345678901a',
    ' 123456789012',
    '123456789012\n',
    '１２３４５６７８９０１２',
    '١٢٣٤٥٦٧٨٩٠١٢',
    '',
  ])('rejects %j', (value) => expect(isAccountId(value)).toBe(false));
});

describe('parseRoleReference', () => {
  const account = { accountId: '222222222222', partition: 'aws' as Partition };

  it.each([
    ['Admin', 'Admin', '/', 'arn:aws:iam::222222222222:role/Admin'],
    ['  Admin  ', 'Admin', '/', 'arn:aws:iam::222222222222:role/Admin'],
    ['/Admin', 'Admin', '/', 'arn:aws:iam::222222222222:role/Admin'],
    ['/team/ops/Admin', 'Admin', '/team/ops/', 'arn:aws:iam::222222222222:role/team/ops/Admin'],
    ['arn:aws:iam::222222222222:role/Admin', 'Admin', '/', 'arn:aws:iam::222222222222:role/Admin'],
    [
      'arn:aws:iam::222222222222:role/service-role/my.role+x=y,z@w_1-2',
      'my.role+x=y,z@w_1-2',
      '/service-role/',
      'arn:aws:iam::222222222222:role/service-role/my.role+x=y,z@w_1-2',
    ],
    ['A'.repeat(64), 'A'.repeat(64), '/', `arn:aws:iam::222222222222:role/${'A'.repeat(64)}`],
    [
      `/${'p'.repeat(510)}/R`,
      'R',
      `/${'p'.repeat(510)}/`,
      `arn:aws:iam::222222222222:role/${'p'.repeat(510)}/R`,
    ],
    ['/a!~"#/R', 'R', '/a!~"#/', 'arn:aws:iam::222222222222:role/a!~"#/R'],
  ])('%j → name %j, path %j', (input, roleName, path, arn) => {
    expect(parseRoleReference(input, account)).toEqual({ roleName, path, arn });
  });

  it.each([
    ['aws', 'arn:aws:iam::123456789012:role/x/R'],
    ['aws-cn', 'arn:aws-cn:iam::123456789012:role/x/R'],
    ['aws-us-gov', 'arn:aws-us-gov:iam::123456789012:role/x/R'],
  ] as const)('builds and accepts ARNs in partition %s', (partition, arn) => {
    const here = { accountId: '123456789012', partition };
    expect(parseRoleReference('/x/R', here).arn).toBe(arn);
    expect(parseRoleReference(arn, here).arn).toBe(arn);
  });

  it('names both accounts when an ARN is from another account', () => {
    expect(fieldsOf(() => parseRoleReference('arn:aws:iam::111111111111:role/Admin', account))).toEqual([
      { field: 'role', reason: 'ARN is in account 111111111111, not 222222222222' },
    ]);
  });

  it('rejects an ARN from another partition even for the same account number', () => {
    expect(fieldsOf(() => parseRoleReference('arn:aws-cn:iam::222222222222:role/Admin', account))).toEqual([
      { field: 'role', reason: 'ARN is in partition aws-cn, not aws' },
    ]);
  });

  it.each([
    '',
    '   ',
    'A'.repeat(65),
    'Ad min',
    'Admin!',
    'Admin/',
    'Ädmin',
    'role/Admin',
    'team/Admin',
    '//Admin',
    '/team//',
    '/te am/Admin',
    '/team\u007f/Admin',
    '/tëam/Admin',
    `/${'p'.repeat(511)}/R`,
    'arn:aws:iam::222222222222:user/Admin',
    'arn:aws:iam::222222222222:role/',
    'arn:aws:iam:us-east-1:222222222222:role/Admin',
    'arn:aws:sts::222222222222:role/Admin',
    'arn:aws:sts::222222222222:assumed-role/Admin/session',
    'arn:aws:iam::22222222222:role/Admin',
    'arn:aws:iam::2222222222222:role/Admin',
    'arn:aws-iso:iam::222222222222:role/Admin',
    'arn::iam::222222222222:role/Admin',
    'arn:aws:iam::222222222222:role/Admin\nx',
    'arn:aws:iam::222222222222:role/Admin extra',
    'ARN:aws:iam::222222222222:role/Admin',
  ])('rejects %j with a role field error', (input) => {
    const fields = fieldsOf(() => parseRoleReference(input, account)) as { field: string }[];
    expect(fields.map((f) => f.field)).toEqual(['role']);
  });
});

describe('isRegion / partitionOfRegion', () => {
  it.each([
    ['us-east-1', 'aws'],
    ['us-west-2', 'aws'],
    ['eu-central-2', 'aws'],
    ['ap-southeast-5', 'aws'],
    ['ap-northeast-3', 'aws'],
    ['il-central-1', 'aws'],
    ['mx-central-1', 'aws'],
    ['ca-west-1', 'aws'],
    ['sa-east-1', 'aws'],
    ['cn-north-1', 'aws-cn'],
    ['cn-northwest-1', 'aws-cn'],
    ['us-gov-west-1', 'aws-us-gov'],
    ['us-gov-east-1', 'aws-us-gov'],
  ] as const)('%s is a region of %s', (region, partition) => {
    expect(isRegion(region)).toBe(true);
    expect(partitionOfRegion(region)).toBe(partition);
  });

  it.each([
    '',
    'us-east',
    'us-east-0',
    'us-east-01',
    'US-EAST-1',
    'us-east-1 ',
    'us-east-1a',
    'useast1',
    'us-iso-east-1',
    'us-isob-east-1',
    'eu-isoe-west-1',
    'eusc-de-east-1',
    'xx-gov-west-1',
    'us-east-1/../evil',
    'us-east-1&x=y',
    'global',
  ])('%j is not a region', (value) => expect(isRegion(value)).toBe(false));
});

describe('sourceIdentityFor', () => {
  it('keeps a UUID as is', () => {
    const id = '0b5e5d8e-7c1a-4b7a-9d0e-2f1c3a4b5c6d';
    expect(sourceIdentityFor(id)).toBe(id);
  });

  it.each(['aws:evil', 'AWS:evil', 'a', '', 'has space', 'x'.repeat(65), 'ünïcode', 'a\nb'])(
    'maps %j to a valid, deterministic, prefixed identity',
    (id) => {
      const result = sourceIdentityFor(id);
      expect(result).toMatch(STS_NAME);
      expect(result.startsWith('gh-')).toBe(true);
      expect(result.toLowerCase().startsWith('aws:')).toBe(false);
      expect(sourceIdentityFor(id)).toBe(result);
    },
  );

  it('does not let two invalid ids collide', () => {
    expect(sourceIdentityFor('a b')).not.toBe(sourceIdentityFor('a/b'));
  });
});

describe('roleSessionNameFor', () => {
  it.each([
    ['alice', 'alice'],
    ['alice.smith@example.com', 'alice.smith@example.com'],
    ['a+b=c,d_e-f', 'a+b=c,d_e-f'],
    ['a', 'a_'],
    ['', '__'],
    ['al ice', 'al-ice'],
    ['alice,gatehouse:mfa=true', 'alice,gatehouse-mfa=true'],
    ['alice\nbob', 'alice-bob'],
    ['ällice', '-llice'],
    ['😀x', '-x'],
  ])('%j → %j', (input, expected) => expect(roleSessionNameFor(input)).toBe(expected));

  it('keeps 64 characters as is and shortens 65 with a hash suffix', () => {
    const exact = 'u'.repeat(64);
    expect(roleSessionNameFor(exact)).toBe(exact);
    const long = roleSessionNameFor('u'.repeat(65));
    expect(long).toHaveLength(64);
    expect(long).toMatch(/^u{55}-[0-9a-f]{8}$/);
  });

  it('gives two long names with the same prefix different session names', () => {
    const a = roleSessionNameFor(`${'x'.repeat(300)}a`);
    const b = roleSessionNameFor(`${'x'.repeat(300)}b`);
    expect(a).not.toBe(b);
    for (const name of [a, b]) expect(name).toMatch(STS_NAME);
    expect(roleSessionNameFor(`${'x'.repeat(300)}a`)).toBe(a);
  });

  it.each(['\u0000', '../../', '<script>', 'x'.repeat(1000), '　', '\u2028'])(
    'always valid for %j',
    (input) => expect(roleSessionNameFor(input)).toMatch(STS_NAME),
  );
});

describe('sanitiseTagValue', () => {
  it.each([
    ['alice', 'alice'],
    ['Zoë Müller', 'Zoë Müller'],
    ['山田太郎', '山田太郎'],
    ['a_b.c:d/e=f+g-h@i', 'a_b.c:d/e=f+g-h@i'],
    ['alice,gatehouse:mfa=true', 'alice-gatehouse:mfa=true'],
    ['a\nb\r\tc', 'a b  c'],
    ['a\u2028b\u2029c', 'a b c'],
    ['a\u00a0b', 'a b'],
    ['"quoted";&|$`', '-quoted------'],
    ['e\u0301', 'é'],
    ['😀', '-'],
    ['', ''],
  ])('%j → %j', (input, expected) => expect(sanitiseTagValue(input)).toBe(expected));

  it('truncates to 256 without splitting a surrogate pair', () => {
    expect(sanitiseTagValue('v'.repeat(300))).toBe('v'.repeat(256));
    expect(sanitiseTagValue('v'.repeat(256))).toBe('v'.repeat(256));
    const astral = sanitiseTagValue(`${'v'.repeat(255)}𝐀𝐀`);
    expect(astral).toBe('v'.repeat(255));
    expect(sanitiseTagValue('𝐀'.repeat(200))).toBe('𝐀'.repeat(128));
    expect(sanitiseTagValue(`${'v'.repeat(255)}𝐀w`)).toBe('v'.repeat(255));
  });

  it.each([
    '\u0000\u0001\u001b[31m',
    '${jndi:ldap://x}',
    'a'.repeat(1000),
    '\ud800',
    '<>{}[]|\\^~`!#%&*()?\'";,',
  ])('always satisfies the AWS pattern for %j', (input) => {
    const value = sanitiseTagValue(input);
    expect(value).toMatch(TAG_VALUE);
    expect(value.length).toBeLessThanOrEqual(256);
  });
});

describe('sessionTagsFor', () => {
  const base = {
    username: 'alice',
    userId: '0b5e5d8e-7c1a-4b7a-9d0e-2f1c3a4b5c6d',
    mfa: true,
    grantId: 'c2d3e4f5-0000-4000-8000-000000000001',
    via: 'console' as const,
  };

  it('emits exactly the five gatehouse tags', () => {
    expect(sessionTagsFor(base)).toEqual([
      { key: 'gatehouse:user', value: 'alice' },
      { key: 'gatehouse:user-id', value: '0b5e5d8e-7c1a-4b7a-9d0e-2f1c3a4b5c6d' },
      { key: 'gatehouse:mfa', value: 'true' },
      { key: 'gatehouse:grant', value: 'c2d3e4f5-0000-4000-8000-000000000001' },
      { key: 'gatehouse:via', value: 'console' },
    ]);
    expect(sessionTagsFor({ ...base, mfa: false, via: 'cli' })).toEqual(
      expect.arrayContaining([
        { key: 'gatehouse:mfa', value: 'false' },
        { key: 'gatehouse:via', value: 'cli' },
      ]),
    );
  });

  it.each([
    'mallory,gatehouse:mfa=true',
    'mallory&gatehouse:mfa=true',
    'mallory\ngatehouse:mfa=true',
    'mallory\r\nTags.member.6.Key=gatehouse:mfa',
    'm'.repeat(300),
  ])('a username like %j cannot add tags or flip mfa', (username) => {
    const tags = sessionTagsFor({ ...base, username, mfa: false });
    expect(tags).toHaveLength(5);
    expect(tags.filter((t) => t.key === 'gatehouse:mfa')).toEqual([{ key: 'gatehouse:mfa', value: 'false' }]);
    const keys = tags.map((t) => t.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const tag of tags) {
      expect(tag.key.length).toBeLessThanOrEqual(128);
      expect(tag.key).toMatch(/^[\p{L}\p{Z}\p{N}_.:/=+\-@]+$/u);
      expect(tag.value).toMatch(TAG_VALUE);
      expect(tag.value.length).toBeLessThanOrEqual(256);
      expect(tag.value).not.toMatch(/[\r\n,&]/);
    }
  });

  it('sanitises every free-text value, not only the username', () => {
    const tags = sessionTagsFor({ ...base, userId: 'id\nx', grantId: 'g,h' });
    expect(tags.find((t) => t.key === 'gatehouse:user-id')?.value).toBe('id x');
    expect(tags.find((t) => t.key === 'gatehouse:grant')?.value).toBe('g-h');
  });

  it('stays within the 50-tag limit', () => {
    expect(sessionTagsFor(base).length).toBeLessThanOrEqual(50);
    expect(
      sessionTagsFor({ ...base, loginId: 'd4e5f6a7-0000-4000-8000-000000000002' }).length,
    ).toBeLessThanOrEqual(50);
  });

  it('adds gatehouse:login for a CLI login, and nothing for the portal', () => {
    const loginId = 'd4e5f6a7-0000-4000-8000-000000000002';
    const cli = sessionTagsFor({ ...base, via: 'cli', loginId });
    expect(cli).toHaveLength(6);
    expect(cli.at(-1)).toEqual({ key: 'gatehouse:login', value: loginId });
    for (const portal of [undefined, null, '']) {
      const tags = sessionTagsFor({ ...base, loginId: portal });
      expect(tags.map((t) => t.key)).not.toContain('gatehouse:login');
    }
    expect(sessionTagsFor({ ...base, loginId: 'l,o\ngin' }).at(-1)).toEqual({
      key: 'gatehouse:login',
      value: 'l-o gin',
    });
  });
});

describe('transitiveTagKeysOf', () => {
  const base = {
    username: 'alice',
    userId: '0b5e5d8e-7c1a-4b7a-9d0e-2f1c3a4b5c6d',
    mfa: true,
    grantId: 'c2d3e4f5-0000-4000-8000-000000000001',
    via: 'cli' as const,
  };

  it('marks who, which grant and which login transitive, and not name, mfa or via', () => {
    const tags = sessionTagsFor({ ...base, loginId: 'd4e5f6a7-0000-4000-8000-000000000002' });
    expect(transitiveTagKeysOf(tags)).toEqual(['gatehouse:user-id', 'gatehouse:grant', 'gatehouse:login']);
  });

  it('names only keys that are among the tags sent (STS refuses any other)', () => {
    const tags = sessionTagsFor(base);
    const keys = transitiveTagKeysOf(tags);
    expect(keys).toEqual(['gatehouse:user-id', 'gatehouse:grant']);
    for (const key of keys) expect(tags.map((t) => t.key)).toContain(key);
    expect(transitiveTagKeysOf([])).toEqual([]);
  });
});

describe('cliLoginIdOf', () => {
  const session = (id: string) => ({ session: { id } as never });

  it('reads the token id from a CLI session id', () => {
    expect(cliLoginIdOf(session('cli:d4e5f6a7-0000-4000-8000-000000000002'))).toBe(
      'd4e5f6a7-0000-4000-8000-000000000002',
    );
  });

  it.each([
    // A browser session id: the SHA-256 hex of the cookie token.
    'a'.repeat(64),
    'cli',
    'CLI:abc',
    'x-cli:abc',
    'cli:',
  ])('gives null for %j', (id) => expect(cliLoginIdOf(session(id))).toBeNull());
});
