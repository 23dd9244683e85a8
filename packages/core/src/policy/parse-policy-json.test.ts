import { describe, expect, it } from 'vitest';
import { SEED_POLICIES, seedPolicy } from './testing/seed-policies';
import { applyEdit, locateJsonPath } from './json-document';
import type { JsonSyntaxError } from './json-document';
import { parsePolicyJson } from './parse-policy-json';

function error(text: string): JsonSyntaxError {
  const parsed = parsePolicyJson(text);
  if (parsed.ok) throw new Error('expected a syntax error');
  return parsed.error;
}

function applyFix(text: string, e: JsonSyntaxError): string {
  if (!e.fix) throw new Error('no fix');
  return applyEdit(text, e.fix);
}

describe('parsePolicyJson: the missing comma of the seed articles', () => {
  it('names both members and points at the place for the comma', () => {
    const text = seedPolicy('switchRoleAnyRole').text;
    const e = error(text);
    expect(e.code).toBe('missing_comma');
    expect(e.message).toBe('Missing comma between "Action": "sts:AssumeRole" and "Resource".');
    expect(e.hint).toBe(
      'Members of an object are separated by commas. Add "," right after "sts:AssumeRole" (line 1, column 88), before "Resource" (line 1, column 89).',
    );
    expect(e.range.start).toEqual({ offset: 87, line: 1, column: 88 });
    expect(text.slice(e.range.start.offset - 16, e.range.start.offset)).toBe('"sts:AssumeRole"');
    expect(e.fix).toEqual({ offset: 87, deleteCount: 0, insert: ',' });
    expect(JSON.parse(applyFix(text, e))).toEqual({
      Version: '2012-10-17',
      Statement: { Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' },
    });
  });

  it.each([
    'switchRoleAnyRole',
    'switchRoleAccountRoles',
    'switchRoleTwoRoles',
    'trustUsersFromIp',
    'trustInfraUsers',
  ])('%s: one comma is missing, and adding it makes valid JSON', (name) => {
    const text = seedPolicy(name).text;
    const e = error(text);
    expect(e.code).toBe('missing_comma');
    expect(parsePolicyJson(applyFix(text, e)).ok).toBe(true);
  });

  it('reports the line of the value, not of the next key, in multi-line text', () => {
    const text = '{\n  "Effect": "Allow"\n  "Action": "sts:AssumeRole"\n}';
    const e = error(text);
    expect(e.code).toBe('missing_comma');
    expect(e.range.start).toMatchObject({ line: 2, column: 20 });
    expect(e.hint).toContain('(line 2, column 20), before "Action" (line 3, column 3)');
  });

  it('parses every seed example that is valid JSON exactly as JSON.parse does', () => {
    const valid = SEED_POLICIES.filter((p) => {
      try {
        JSON.parse(p.text);
        return true;
      } catch {
        return false;
      }
    });
    expect(valid.length).toBe(11);
    for (const p of valid) {
      const parsed = parsePolicyJson(p.text);
      expect(parsed.ok, p.name).toBe(true);
      if (parsed.ok) expect(parsed.value).toEqual(JSON.parse(p.text));
    }
  });
});

describe('parsePolicyJson: other syntax errors, with hints and fixes', () => {
  it.each([
    [
      'trailing comma in an object',
      '{"Version": "2012-10-17",}',
      'trailing_comma',
      1,
      25,
      '{"Version": "2012-10-17"}',
    ],
    ['trailing comma in a list', '{"A": ["x", "y",]}', 'trailing_comma', 1, 16, '{"A": ["x", "y"]}'],
    ['missing comma in a list', '{"A": ["x" "y"]}', 'missing_comma', 1, 11, '{"A": ["x", "y"]}'],
    ['missing colon', '{"Effect" "Allow"}', 'missing_colon', 1, 10, '{"Effect": "Allow"}'],
    ['unquoted key', '{Effect: "Allow"}', 'unquoted_key', 1, 2, '{"Effect": "Allow"}'],
    ['capitalised literal', '{"Bool": True}', 'invalid_literal', 1, 10, '{"Bool": true}'],
    ['typographic quotes', '{\u201cEffect\u201d: "Allow"}', 'typographic_quotes', 1, 2, null],
    ['full-width colon', '{"Effect"\uff1a "Allow"}', 'fullwidth_character', 1, 10, '{"Effect": "Allow"}'],
    ['ideographic space', '{"Effect":\u3000"Allow"}', 'fullwidth_character', 1, 11, '{"Effect": "Allow"}'],
    ['non-breaking space', '{"Effect":\u00a0"Allow"}', 'invalid_whitespace', 1, 11, '{"Effect": "Allow"}'],
    [
      'line comment',
      '{\n  // who may assume\n  "Effect": "Allow"\n}',
      'comment',
      2,
      3,
      '{\n  \n  "Effect": "Allow"\n}',
    ],
    [
      'number with a leading zero',
      '{"Principal": {"AWS": 0123}}',
      'invalid_number',
      1,
      23,
      '{"Principal": {"AWS": "0123"}}',
    ],
    ['bad escape', '{"Sid": "a\\qb"}', 'invalid_escape', 1, 11, '{"Sid": "a\\\\qb"}'],
    ['string broken across lines', '{"Sid": "abc\n"}', 'unterminated_string', 1, 9, null],
    ['unclosed object', '{"Effect": "Allow"', 'unexpected_end', 1, 19, '{"Effect": "Allow"}'],
    ['mismatched bracket', '{"A": ["x"}', 'mismatched_bracket', 1, 11, '{"A": ["x"]}'],
    ['two documents', '{"A": 1} {"B": 2}', 'trailing_content', 1, 10, '{"A": 1} '],
    ['empty text', '   ', 'empty', 1, 1, null],
    ['key without value', '{"Effect": , "Action": "x"}', 'missing_value', 1, 12, null],
  ] as const)('%s', (_name, text, code, line, column, fixed) => {
    const e = error(text);
    expect(e.code).toBe(code);
    expect([e.range.start.line, e.range.start.column]).toEqual([line, column]);
    if (fixed === null) return;
    expect(applyFix(text, e)).toBe(fixed);
  });

  it('explains the usual causes of full-width and typographic characters', () => {
    expect(error('{"Effect"\uff1a "Allow"}').hint).toContain('half-width input');
    expect(error('{\u201cEffect\u201d: "Allow"}').hint).toContain('Blogs and word processors');
  });

  it('tells where an unclosed object was opened', () => {
    expect(error('{\n  "Statement": {\n    "Effect": "Allow"\n').message).toBe(
      'The document ends inside the object opened at line 2, column 16.',
    );
  });
});

describe('parsePolicyJson: positions and duplicates', () => {
  it('keeps the position of every key and value', () => {
    const text = seedPolicy('exampleRoleTrustPolicy').text;
    const parsed = parsePolicyJson(text);
    if (!parsed.ok) throw new Error('parse');
    const principal = locateJsonPath(parsed.root, ['Statement', 'Principal', 'AWS']);
    expect(text.slice(principal.start.offset, principal.end.offset)).toBe('"arn:aws:iam::123456789012:root"');
    expect(principal.start).toMatchObject({ line: 5, column: 31 });
    const key = locateJsonPath(parsed.root, ['Statement', 'Action'], 'key');
    expect(key.start).toMatchObject({ line: 6, column: 9 });
    // A path that does not exist falls back to the nearest existing node.
    expect(locateJsonPath(parsed.root, ['Statement', 'Condition'])).toEqual(
      locateJsonPath(parsed.root, ['Statement']),
    );
  });

  it('counts columns in UTF-16 code units and lines across CRLF', () => {
    const parsed = parsePolicyJson('{\r\n"Sid": "ス",\r\n"Effect": "Allow"}');
    if (!parsed.ok) throw new Error('parse');
    expect(locateJsonPath(parsed.root, ['Effect']).start).toMatchObject({ line: 3, column: 11 });
  });

  it('reports duplicate keys, which JSON.parse silently resolves to the last one', () => {
    const parsed = parsePolicyJson('{"Statement": {"Effect": "Allow", "Effect": "Deny"}}');
    if (!parsed.ok) throw new Error('parse');
    expect(parsed.duplicates).toEqual([
      expect.objectContaining({ key: 'Effect', path: ['Statement', 'Effect'] }),
    ]);
    expect(parsed.value).toEqual({ Statement: { Effect: 'Deny' } });
  });

  it('keeps a "__proto__" key as data', () => {
    const parsed = parsePolicyJson('{"__proto__": {"polluted": true}}');
    if (!parsed.ok) throw new Error('parse');
    expect(Object.keys(parsed.value as object)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});

describe('parsePolicyJson: hostile input', () => {
  it('refuses absurd nesting instead of exhausting the stack', () => {
    const e = error(`${'['.repeat(10_000)}${']'.repeat(10_000)}`);
    expect(e.code).toBe('too_deep');
    expect(e.range.start.column).toBe(65);
  });
});
