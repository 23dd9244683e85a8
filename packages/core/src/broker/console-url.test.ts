import { describe, expect, it } from 'vitest';
import { AppError } from '../shared/app-error';
import type { Partition } from '../shared/access-records';
import type { AwsCredentials } from './ports';
import { consoleDestination, federationEndpoint, loginUrl, signinTokenUrl } from './console-url';

const ORIGINS: Record<Partition, string> = {
  aws: 'https://console.aws.amazon.com',
  'aws-cn': 'https://console.amazonaws.cn',
  'aws-us-gov': 'https://console.amazonaws-us-gov.com',
};

function fieldOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('validation');
    return (error as AppError).fields?.[0]?.field;
  }
  throw new Error('expected an AppError');
}

describe('federationEndpoint', () => {
  it.each([
    ['aws', 'https://signin.aws.amazon.com/federation'],
    ['aws-cn', 'https://signin.amazonaws.cn/federation'],
    ['aws-us-gov', 'https://signin.amazonaws-us-gov.com/federation'],
  ] as const)('%s → %s', (partition, url) => {
    expect(federationEndpoint(partition)).toBe(url);
    expect(federationEndpoint(partition, null)).toBe(url);
    expect(federationEndpoint(partition, '')).toBe(url);
  });

  it('lets the configured override win in every partition', () => {
    for (const partition of ['aws', 'aws-cn', 'aws-us-gov'] as const) {
      expect(federationEndpoint(partition, 'http://127.0.0.1:4566/federation')).toBe(
        'http://127.0.0.1:4566/federation',
      );
    }
  });
});

describe('consoleDestination', () => {
  it.each([
    [{ partition: 'aws' }, 'https://console.aws.amazon.com/'],
    [{ partition: 'aws-cn' }, 'https://console.amazonaws.cn/'],
    [{ partition: 'aws-us-gov' }, 'https://console.amazonaws-us-gov.com/'],
    [{ partition: 'aws', service: null, region: null }, 'https://console.aws.amazon.com/'],
    [{ partition: 'aws', service: '', region: '' }, 'https://console.aws.amazon.com/'],
    [{ partition: 'aws', service: 's3' }, 'https://console.aws.amazon.com/s3/home'],
    [{ partition: 'aws', service: 'ec2/home' }, 'https://console.aws.amazon.com/ec2/home'],
    [
      { partition: 'aws', service: 'cloudwatch', region: 'eu-west-1' },
      'https://console.aws.amazon.com/cloudwatch/home?region=eu-west-1',
    ],
    [
      { partition: 'aws', service: 'systems-manager', region: 'us-east-1' },
      'https://console.aws.amazon.com/systems-manager/home?region=us-east-1',
    ],
    [
      { partition: 'aws', region: 'ap-northeast-1' },
      'https://console.aws.amazon.com/console/home?region=ap-northeast-1',
    ],
    [
      { partition: 'aws-cn', service: 'ec2', region: 'cn-north-1' },
      'https://console.amazonaws.cn/ec2/home?region=cn-north-1',
    ],
    [
      { partition: 'aws-us-gov', service: 'iam', region: 'us-gov-west-1' },
      'https://console.amazonaws-us-gov.com/iam/home?region=us-gov-west-1',
    ],
    [{ partition: 'aws', service: 'a'.repeat(40) }, `https://console.aws.amazon.com/${'a'.repeat(40)}/home`],
  ] as const)('%j → %s', (input, expected) => {
    expect(consoleDestination(input)).toBe(expected);
  });

  it.each([
    '//evil.com',
    '/evil.com',
    's3@evil.com',
    'evil.com',
    '..',
    '../..',
    's3/../../evil',
    's3/home/..',
    's3%2f..%2fevil',
    '%2F%2Fevil.com',
    's3%2Fhome',
    'S3',
    'EC2/home',
    'ｓ3',
    'ѕ3',
    's3\u200b',
    's',
    'a'.repeat(41),
    '-s3',
    's3-',
    's3/',
    's3/home/',
    's3/buckets',
    's3/home?x=1',
    's3?region=x',
    's3#frag',
    's3\\evil',
    's3 ',
    ' s3',
    's3\n',
    'https://evil.com',
    'javascript:alert(1)',
    's3/home/home',
  ])('rejects service %j', (service) => {
    expect(fieldOf(() => consoleDestination({ partition: 'aws', service }))).toBe('service');
  });

  it.each([
    ['aws', 'cn-north-1'],
    ['aws', 'us-gov-west-1'],
    ['aws-cn', 'us-east-1'],
    ['aws-us-gov', 'us-east-1'],
    ['aws', 'US-EAST-1'],
    ['aws', 'us-east-1&evil=1'],
    ['aws', 'us-east-1#x'],
    ['aws', '@evil.com'],
    ['aws', 'us-iso-east-1'],
    ['aws', 'moon-1'],
  ] as const)('in %s rejects region %j', (partition, region) => {
    expect(fieldOf(() => consoleDestination({ partition, service: 's3', region }))).toBe('region');
  });

  it('always stays on the partition console origin, whatever is accepted', () => {
    for (const partition of ['aws', 'aws-cn', 'aws-us-gov'] as const) {
      for (const service of [undefined, 's3', 'ec2/home', 'a1-b2']) {
        const url = new URL(consoleDestination({ partition, service }));
        expect(url.origin).toBe(ORIGINS[partition]);
        expect(url.username).toBe('');
        expect(url.hash).toBe('');
      }
    }
  });
});

describe('signinTokenUrl', () => {
  const credentials: AwsCredentials = {
    accessKeyId: 'ASIAEXAMPLE',
    secretAccessKey: 'se+cr/et=',
    sessionToken: 'To+k/en==&Action=login',
    expiration: new Date('2026-01-01T00:00:00Z'),
  };
  const federationUrl = 'https://signin.aws.amazon.com/federation';

  it('encodes the session JSON so + / = & survive', () => {
    const url = signinTokenUrl({ federationUrl, credentials });
    expect(url.startsWith(`${federationUrl}?Action=getSigninToken&Session=`)).toBe(true);
    expect(url).not.toContain('SessionDuration');
    const parsed = new URL(url);
    expect([...parsed.searchParams.keys()]).toEqual(['Action', 'Session']);
    expect(JSON.parse(parsed.searchParams.get('Session') ?? '')).toEqual({
      sessionId: 'ASIAEXAMPLE',
      sessionKey: 'se+cr/et=',
      sessionToken: 'To+k/en==&Action=login',
    });
    expect(url).not.toContain('+');
  });

  it.each([900, 3600, 43200])('adds SessionDuration=%d', (sessionDurationSeconds) => {
    const url = new URL(signinTokenUrl({ federationUrl, credentials, sessionDurationSeconds }));
    expect(url.searchParams.get('SessionDuration')).toBe(String(sessionDurationSeconds));
    expect([...url.searchParams.keys()]).toEqual(['Action', 'Session', 'SessionDuration']);
  });

  it.each([899, 43201, 1000.5])('refuses SessionDuration=%d', (sessionDurationSeconds) => {
    expect(fieldOf(() => signinTokenUrl({ federationUrl, credentials, sessionDurationSeconds }))).toBe(
      'durationSeconds',
    );
  });

  it('appends to an override that already has a query', () => {
    const url = signinTokenUrl({ federationUrl: 'http://127.0.0.1:9000/federation?tenant=a', credentials });
    expect(url.startsWith('http://127.0.0.1:9000/federation?tenant=a&Action=getSigninToken&Session=')).toBe(
      true,
    );
  });
});

describe('loginUrl', () => {
  it('URL-encodes every parameter', () => {
    const url = loginUrl({
      federationUrl: 'https://signin.aws.amazon.com/federation',
      issuer: 'https://gatehouse.example.com/?a=b&c=d',
      destination: 'https://console.aws.amazon.com/s3/home?region=eu-west-1',
      signinToken: 'tok+en/=&x',
    });
    expect(url).toBe(
      'https://signin.aws.amazon.com/federation?Action=login' +
        '&Issuer=https%3A%2F%2Fgatehouse.example.com%2F%3Fa%3Db%26c%3Dd' +
        '&Destination=https%3A%2F%2Fconsole.aws.amazon.com%2Fs3%2Fhome%3Fregion%3Deu-west-1' +
        '&SigninToken=tok%2Ben%2F%3D%26x',
    );
    const parsed = new URL(url);
    expect(parsed.searchParams.get('SigninToken')).toBe('tok+en/=&x');
    expect(parsed.searchParams.get('Destination')).toBe(
      'https://console.aws.amazon.com/s3/home?region=eu-west-1',
    );
  });

  it.each(['https://console.amazonaws.cn/', 'https://console.amazonaws-us-gov.com/ec2/home'])(
    'accepts console destination %s',
    (destination) => {
      expect(() =>
        loginUrl({ federationUrl: 'https://x/federation', issuer: 'i', destination, signinToken: 't' }),
      ).not.toThrow();
    },
  );

  it.each([
    'https://evil.com/',
    'https://console.aws.amazon.com.evil.com/',
    'https://console.aws.amazon.com@evil.com/',
    'http://console.aws.amazon.com/',
    '//console.aws.amazon.com/',
    'javascript:alert(1)',
  ])('refuses destination %s', (destination) => {
    expect(() =>
      loginUrl({ federationUrl: 'https://x/federation', issuer: 'i', destination, signinToken: 't' }),
    ).toThrow(AppError);
  });
});
