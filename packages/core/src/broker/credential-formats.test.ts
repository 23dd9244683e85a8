import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AppError } from '../shared/app-error';
import type { AwsCredentials } from './ports';
import { CREDENTIAL_FORMATS, formatCredentials, isProfileName } from './credential-formats';

const creds: AwsCredentials = {
  accessKeyId: 'ASIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  sessionToken: 'IQoJb3JpZ2luX2VjE+/abc==',
  expiration: new Date('2026-03-01T12:34:56.789Z'),
};
const EXP = '2026-03-01T12:34:56Z';

// Every character a shell, cmd, PowerShell or dotenv might treat specially.
const HOSTILE = `it's "a" $HOME $(touch /tmp/pwned) \`id\` ; & | < > ^ % ! # * ? ~ \\ ‘x’ “y”`;
const hostile: AwsCredentials = { ...creds, secretAccessKey: HOSTILE, sessionToken: 'tok en' };

describe('formatCredentials', () => {
  it('lists the formats in a stable order', () => {
    expect(CREDENTIAL_FORMATS).toEqual([
      'process',
      'env',
      'env-no-export',
      'powershell',
      'windows-cmd',
      'fish',
      'ini',
      'dotenv',
    ]);
  });

  it('process: credential_process JSON', () => {
    const out = formatCredentials(creds, 'process', { region: 'eu-west-1', profile: 'ignored' });
    expect(out).toBe(
      `{"Version":1,"AccessKeyId":"ASIAIOSFODNN7EXAMPLE","SecretAccessKey":"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY","SessionToken":"IQoJb3JpZ2luX2VjE+/abc==","Expiration":"${EXP}"}\n`,
    );
    expect(JSON.parse(formatCredentials(hostile, 'process'))).toMatchObject({ SecretAccessKey: HOSTILE });
  });

  it.each([
    [
      'env',
      [
        'export AWS_ACCESS_KEY_ID=ASIAIOSFODNN7EXAMPLE',
        'export AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
        'export AWS_SESSION_TOKEN=IQoJb3JpZ2luX2VjE+/abc==',
        `export AWS_CREDENTIAL_EXPIRATION=${EXP}`,
      ],
    ],
    [
      'env-no-export',
      [
        'AWS_ACCESS_KEY_ID=ASIAIOSFODNN7EXAMPLE',
        'AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
        'AWS_SESSION_TOKEN=IQoJb3JpZ2luX2VjE+/abc==',
        `AWS_CREDENTIAL_EXPIRATION=${EXP}`,
      ],
    ],
    [
      'powershell',
      [
        '$Env:AWS_ACCESS_KEY_ID="ASIAIOSFODNN7EXAMPLE"',
        '$Env:AWS_SECRET_ACCESS_KEY="wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"',
        '$Env:AWS_SESSION_TOKEN="IQoJb3JpZ2luX2VjE+/abc=="',
        `$Env:AWS_CREDENTIAL_EXPIRATION="${EXP}"`,
      ],
    ],
    [
      'windows-cmd',
      [
        'set AWS_ACCESS_KEY_ID=ASIAIOSFODNN7EXAMPLE',
        'set AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
        'set AWS_SESSION_TOKEN=IQoJb3JpZ2luX2VjE+/abc==',
        `set AWS_CREDENTIAL_EXPIRATION=${EXP}`,
      ],
    ],
    [
      'fish',
      [
        'set -gx AWS_ACCESS_KEY_ID "ASIAIOSFODNN7EXAMPLE"',
        'set -gx AWS_SECRET_ACCESS_KEY "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"',
        'set -gx AWS_SESSION_TOKEN "IQoJb3JpZ2luX2VjE+/abc=="',
        `set -gx AWS_CREDENTIAL_EXPIRATION "${EXP}"`,
      ],
    ],
    [
      'dotenv',
      [
        'AWS_ACCESS_KEY_ID=ASIAIOSFODNN7EXAMPLE',
        'AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
        'AWS_SESSION_TOKEN=IQoJb3JpZ2luX2VjE+/abc==',
        `AWS_CREDENTIAL_EXPIRATION=${EXP}`,
      ],
    ],
    [
      'ini',
      [
        '[default]',
        'aws_access_key_id = ASIAIOSFODNN7EXAMPLE',
        'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
        'aws_session_token = IQoJb3JpZ2luX2VjE+/abc==',
      ],
    ],
  ] as const)('%s: matches the AWS CLI shape for ordinary values', (format, expected) => {
    expect(formatCredentials(creds, format)).toBe(`${expected.join('\n')}\n`);
  });

  it.each([
    ['env', ['export AWS_REGION=eu-west-1', 'export AWS_DEFAULT_REGION=eu-west-1']],
    ['env-no-export', ['AWS_REGION=eu-west-1', 'AWS_DEFAULT_REGION=eu-west-1']],
    ['powershell', ['$Env:AWS_REGION="eu-west-1"', '$Env:AWS_DEFAULT_REGION="eu-west-1"']],
    ['windows-cmd', ['set AWS_REGION=eu-west-1', 'set AWS_DEFAULT_REGION=eu-west-1']],
    ['fish', ['set -gx AWS_REGION "eu-west-1"', 'set -gx AWS_DEFAULT_REGION "eu-west-1"']],
    ['dotenv', ['AWS_REGION=eu-west-1', 'AWS_DEFAULT_REGION=eu-west-1']],
  ] as const)('%s: adds region lines only when a region is given', (format, regionLines) => {
    const withRegion = formatCredentials(creds, format, { region: 'eu-west-1' }).trimEnd().split('\n');
    expect(withRegion.slice(-2)).toEqual(regionLines);
    expect(withRegion).toHaveLength(6);
    for (const region of [undefined, null, '']) {
      const out = formatCredentials(creds, format, { region });
      expect(out).not.toContain('REGION');
      expect(out.trimEnd().split('\n')).toHaveLength(4);
    }
  });

  it('ini and process never carry a region', () => {
    expect(formatCredentials(creds, 'ini', { region: 'eu-west-1' })).not.toContain('region');
    expect(formatCredentials(creds, 'process', { region: 'eu-west-1' })).not.toContain('eu-west-1');
  });

  it.each(['us-east-1; rm -rf /', 'eu-west-1\nexport X=1', 'EU-WEST-1', '$(id)'])(
    'rejects region %j',
    (region) => {
      expect(() => formatCredentials(creds, 'env', { region })).toThrow(AppError);
    },
  );

  it('ini: uses the profile name as section', () => {
    expect(formatCredentials(creds, 'ini', { profile: 'gatehouse-prod.Admin' }).split('\n')[0]).toBe(
      '[gatehouse-prod.Admin]',
    );
  });

  it.each(['default', 'gatehouse-prod.Admin', 'acme:prod/admin', 'p'.repeat(128)])(
    'isProfileName accepts %j',
    (name) => expect(isProfileName(name)).toBe(true),
  );

  it.each(['', 'a b', 'x]\n[default', 'prod\naws_session_token = x', '[x]', 'p'.repeat(129), 'a;b', 'a#b'])(
    'ini: rejects profile %j',
    (profile) => {
      let caught: unknown;
      try {
        formatCredentials(creds, 'ini', { profile });
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(AppError);
      expect((caught as AppError).fields?.[0]?.field).toBe('profile');
      expect(isProfileName(profile)).toBe(false);
    },
  );

  it.each(CREDENTIAL_FORMATS.filter((f) => f !== 'process'))(
    '%s: refuses values that would break a line',
    (format) => {
      for (const bad of ['a\nexport EVIL=1', 'a\r\nset EVIL=1', 'a\u0000b', 'a\u2028b', '']) {
        expect(() => formatCredentials({ ...creds, sessionToken: bad }, format)).toThrow(AppError);
      }
    },
  );

  it('rejects an invalid expiration date', () => {
    expect(() => formatCredentials({ ...creds, expiration: new Date(Number.NaN) }, 'env')).toThrow(AppError);
  });

  it('env: single-quotes odd values', () => {
    const out = formatCredentials({ ...creds, secretAccessKey: "a'b $c" }, 'env');
    expect(out).toContain(`export AWS_SECRET_ACCESS_KEY='a'\\''b $c'\n`);
  });

  it('powershell: single-quotes odd values and doubles every single-quote variant', () => {
    const out = formatCredentials({ ...creds, secretAccessKey: 'a\'b‘c’d $e `f"g' }, 'powershell');
    expect(out).toContain(`$Env:AWS_SECRET_ACCESS_KEY='a''b‘‘c’’d $e \`f"g'\n`);
  });

  it("fish: single-quotes odd values escaping \\ and '", () => {
    const out = formatCredentials({ ...creds, secretAccessKey: "a'b\\c $d" }, 'fish');
    expect(out).toContain(`set -gx AWS_SECRET_ACCESS_KEY 'a\\'b\\\\c $d'\n`);
  });

  it('windows-cmd: quotes the whole assignment for & | < > ^ and refuses " % !', () => {
    const out = formatCredentials({ ...creds, secretAccessKey: 'a&b|c<d>e^f g' }, 'windows-cmd');
    expect(out).toContain('set "AWS_SECRET_ACCESS_KEY=a&b|c<d>e^f g"\n');
    for (const bad of ['a"&calc&"', '%PATH%', '!x!']) {
      expect(() => formatCredentials({ ...creds, secretAccessKey: bad }, 'windows-cmd')).toThrow(AppError);
    }
  });

  it("dotenv: single-quotes odd values and refuses '", () => {
    expect(formatCredentials({ ...creds, secretAccessKey: 'a b#c$d' }, 'dotenv')).toContain(
      "AWS_SECRET_ACCESS_KEY='a b#c$d'\n",
    );
    expect(() => formatCredentials({ ...creds, secretAccessKey: "a'b" }, 'dotenv')).toThrow(AppError);
  });

  const shells = ['/bin/sh', '/bin/bash', '/bin/dash'].filter((path) => existsSync(path));
  it.skipIf(shells.length === 0).each(['env', 'env-no-export'] as const)(
    '%s: a POSIX shell reads back hostile values exactly and runs nothing',
    (format) => {
      const script = `${formatCredentials(hostile, format, { region: 'eu-west-1' })}
printf '%s\\0' "$AWS_ACCESS_KEY_ID" "$AWS_SECRET_ACCESS_KEY" "$AWS_SESSION_TOKEN" "$AWS_CREDENTIAL_EXPIRATION" "$AWS_REGION"`;
      for (const shell of shells) {
        const output = execFileSync(shell, ['-c', script], {
          encoding: 'utf8',
          env: { PATH: '/usr/bin:/bin', HOME: '/nonexistent' },
        });
        expect(output.split('\0').slice(0, 5)).toEqual([
          creds.accessKeyId,
          HOSTILE,
          'tok en',
          EXP,
          'eu-west-1',
        ]);
      }
      expect(existsSync('/tmp/pwned')).toBe(false);
    },
  );
});
