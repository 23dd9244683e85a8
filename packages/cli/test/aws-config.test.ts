import { describe, expect, it } from 'vitest';
import { markersFor, mergeAwsConfig, quoteArg, unifiedDiff } from '../src/aws-config';
import type { WantedProfile } from '../src/aws-config';

const PORTAL = 'https://gatehouse.example.com';

const USER_FILE = `# My AWS config: hand-written, keep my comments.
[default]
region = eu-west-1
output = json

; semicolon comments too
[sso-session corp]
sso_start_url = https://corp.awsapps.com/start
sso_region = us-east-1
sso_registration_scopes = sso:account:access

[profile legacy]
sso_session = corp
sso_account_id = 111122223333
sso_role_name = ReadOnly
region = ap-northeast-1
`;

function profile(
  name: string,
  target = `123456789012/${name}`,
  region: string | null = 'eu-west-1',
): WantedProfile {
  return {
    name,
    comment: `sandbox (123456789012) / ${name}`,
    credentialProcess: `gatehouse --url ${PORTAL} credentials ${target} --format process`,
    region,
  };
}

/** The file with our block cut out: what must never change. */
function outsideBlock(text: string, portal = PORTAL): string {
  const { start, end } = markersFor(portal);
  const from = text.indexOf(start);
  if (from === -1) return text;
  const to = text.indexOf(end) + end.length + 1;
  return text.slice(0, from) + text.slice(to);
}

describe('mergeAwsConfig', () => {
  it('appends a marked block and leaves everything else byte for byte', () => {
    const merged = mergeAwsConfig(USER_FILE, PORTAL, [
      profile('prod-admin'),
      profile('prod-read', undefined, null),
    ]);
    expect(merged.changed).toBe(true);
    expect(merged.added).toEqual(['prod-admin', 'prod-read']);
    expect(merged.text.startsWith(USER_FILE)).toBe(true);
    expect(outsideBlock(merged.text)).toBe(`${USER_FILE}\n`);
    const block = merged.text.slice(USER_FILE.length);
    expect(block).toBe(
      [
        '',
        `# >>> gatehouse ${PORTAL} >>>`,
        '# Written by `gatehouse configure`; changes between these markers are overwritten.',
        '',
        '[profile prod-admin]',
        '# sandbox (123456789012) / prod-admin',
        `credential_process = gatehouse --url ${PORTAL} credentials 123456789012/prod-admin --format process`,
        'region = eu-west-1',
        '',
        '[profile prod-read]',
        '# sandbox (123456789012) / prod-read',
        `credential_process = gatehouse --url ${PORTAL} credentials 123456789012/prod-read --format process`,
        '',
        `# <<< gatehouse ${PORTAL} <<<`,
        '',
      ].join('\n'),
    );
  });

  it('re-running updates only the block, in place, whatever the user added around it', () => {
    const first = mergeAwsConfig(USER_FILE, PORTAL, [profile('a'), profile('b')]).text;
    // The user adds a profile and a comment after our block, and edits inside it.
    const edited = `${first.replace('region = eu-west-1\n\n[profile b]', 'region = us-east-2\n\n[profile b]')}\n# mine\n[profile after]\nregion = sa-east-1\n`;
    const again = mergeAwsConfig(edited, PORTAL, [profile('a'), profile('c')]);
    expect(again.updated).toEqual(['a']);
    expect(again.added).toEqual(['c']);
    expect(again.removed).toEqual(['b']);
    expect(outsideBlock(again.text)).toBe(outsideBlock(edited));
    expect(again.text).toContain('[profile c]');
    expect(again.text).not.toContain('[profile b]');
    expect(again.text.endsWith('# mine\n[profile after]\nregion = sa-east-1\n')).toBe(true);

    const unchanged = mergeAwsConfig(again.text, PORTAL, [profile('a'), profile('c')]);
    expect(unchanged).toMatchObject({
      changed: false,
      unchanged: ['a', 'c'],
      added: [],
      updated: [],
      removed: [],
    });
    expect(unchanged.text).toBe(again.text);
  });

  it('never shadows a profile defined outside the block', () => {
    const merged = mergeAwsConfig(USER_FILE, PORTAL, [profile('legacy'), profile('default'), profile('new')]);
    expect(merged.skipped).toEqual(['legacy', 'default']);
    expect(merged.added).toEqual(['new']);
    expect(merged.text.match(/\[profile legacy\]/g)).toHaveLength(1);
  });

  it('keeps CRLF line endings and a missing final newline outside the block', () => {
    const crlf = '[default]\r\nregion = eu-west-1\r\n[sso-session corp]\r\nsso_region = us-east-1';
    const merged = mergeAwsConfig(crlf, PORTAL, [profile('x')]);
    expect(merged.text.startsWith(`${crlf}\r\n\r\n# >>> gatehouse`)).toBe(true);
    expect(merged.text.replace(/\r\n/g, '')).not.toContain('\n');
  });

  it('keeps other portals’ blocks apart and removes its own block when no role is left', () => {
    const other = 'https://other.example.com';
    const withOther = mergeAwsConfig(USER_FILE, other, [profile('o')]).text;
    const both = mergeAwsConfig(withOther, PORTAL, [profile('o'), profile('p')]);
    expect(both.skipped).toEqual(['o']); // the other portal's block owns that name
    const emptied = mergeAwsConfig(both.text, PORTAL, []);
    expect(emptied.removed).toEqual(['p']);
    expect(emptied.text).not.toContain(markersFor(PORTAL).start);
    expect(emptied.text).toContain(markersFor(other).start);
    expect(mergeAwsConfig(USER_FILE, PORTAL, []).changed).toBe(false);
  });

  it('creates the file content from nothing', () => {
    const merged = mergeAwsConfig('', PORTAL, [profile('x')]);
    expect(merged.text.startsWith(`# >>> gatehouse ${PORTAL} >>>\n`)).toBe(true);
  });

  it('refuses to guess when the markers are damaged', () => {
    const first = mergeAwsConfig(USER_FILE, PORTAL, [profile('a')]).text;
    const damaged = first.replace(markersFor(PORTAL).end, '# end');
    expect(() => mergeAwsConfig(damaged, PORTAL, [profile('a')])).toThrow(/markers .* are damaged/);
    const doubled = `${first}${markersFor(PORTAL).start}\n`;
    expect(() => mergeAwsConfig(doubled, PORTAL, [profile('a')])).toThrow(/damaged/);
  });

  it('writes admin-typed names as one comment line, never as config lines', () => {
    const merged = mergeAwsConfig('', PORTAL, [
      { ...profile('x'), comment: 'evil\n[profile x]\ncredential_process = rm -rf ~' },
    ]);
    expect(merged.text.match(/^credential_process/gm)).toHaveLength(1);
    expect(merged.text).toContain('# evil [profile x] credential_process = rm -rf ~\n');
  });
});

describe('quoteArg', () => {
  it('leaves plain words alone and double-quotes the rest for shlex', () => {
    expect(quoteArg('/usr/bin/node')).toBe('/usr/bin/node');
    expect(quoteArg('https://g.example.com')).toBe('https://g.example.com');
    expect(quoteArg('/Users/J Doe/gatehouse.js')).toBe('"/Users/J Doe/gatehouse.js"');
    expect(quoteArg('a"b\\c')).toBe('"a\\"b\\\\c"');
  });
});

describe('unifiedDiff', () => {
  it('shows only the changed lines with context', () => {
    const a = ['1', '2', '3', '4', '5', '6', '7', '8', '9'].join('\n') + '\n';
    const b = ['1', '2', '3', '4', 'five', '6', '7', '8', '9', '10'].join('\n') + '\n';
    expect(unifiedDiff(a, b, 'a', 'b')).toBe(
      [
        '--- a',
        '+++ b',
        '@@ -2,8 +2,9 @@',
        ' 2',
        ' 3',
        ' 4',
        '-5',
        '+five',
        ' 6',
        ' 7',
        ' 8',
        ' 9',
        '+10',
        '',
      ].join('\n'),
    );
    expect(unifiedDiff(a, a, 'a', 'b')).toBe('');
  });
});
