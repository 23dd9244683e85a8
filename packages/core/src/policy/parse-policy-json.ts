/**
 * A JSON parser for pasted policy documents. `JSON.parse` says "Unexpected string in JSON at
 * position 87"; admins need the line and column, what is wrong in words, and the edit that fixes
 * it, so that a UI can show the message beside the line. It also keeps the position of every node,
 * so later findings (an unknown key, a bad principal) point at the exact text, and it notices
 * duplicate keys, which `JSON.parse` silently resolves to the last one.
 */

export interface TextPosition {
  /** UTF-16 code units from the start of the text. */
  offset: number;
  /** 1-based. */
  line: number;
  /** 1-based, in UTF-16 code units (what browser editors count). */
  column: number;
}

export interface TextRange {
  start: TextPosition;
  /** Exclusive. */
  end: TextPosition;
}

/** A machine-applicable fix: replace `deleteCount` code units at `offset` with `insert`. */
export interface TextEdit {
  offset: number;
  deleteCount: number;
  insert: string;
}

export type JsonNode = JsonObjectNode | JsonArrayNode | JsonScalarNode;

export interface JsonObjectNode {
  kind: 'object';
  range: TextRange;
  entries: JsonEntry[];
}

export interface JsonEntry {
  key: string;
  keyRange: TextRange;
  value: JsonNode;
}

export interface JsonArrayNode {
  kind: 'array';
  range: TextRange;
  items: JsonNode[];
}

export interface JsonScalarNode {
  kind: 'string' | 'number' | 'boolean' | 'null';
  range: TextRange;
  value: string | number | boolean | null;
}

export type JsonSyntaxCode =
  | 'empty'
  | 'missing_comma'
  | 'trailing_comma'
  | 'missing_colon'
  | 'missing_value'
  | 'single_quotes'
  | 'typographic_quotes'
  | 'fullwidth_character'
  | 'invalid_whitespace'
  | 'comment'
  | 'unquoted_key'
  | 'invalid_literal'
  | 'invalid_number'
  | 'invalid_escape'
  | 'unterminated_string'
  | 'control_character'
  | 'mismatched_bracket'
  | 'unexpected_end'
  | 'trailing_content'
  | 'unexpected_character'
  | 'too_deep';

export interface JsonSyntaxError {
  code: JsonSyntaxCode;
  message: string;
  hint: string | null;
  range: TextRange;
  fix: TextEdit | null;
}

export interface DuplicateKey {
  path: JsonPath;
  key: string;
  range: TextRange;
  firstRange: TextRange;
}

export type JsonPath = ReadonlyArray<string | number>;

export type ParsedJson =
  | { ok: true; root: JsonNode; value: unknown; duplicates: DuplicateKey[] }
  | { ok: false; error: JsonSyntaxError };

const TYPOGRAPHIC_DOUBLE = new Set(['\u201c', '\u201d', '\u201e', '\u201f', '\u2033', '\u00ab', '\u00bb']);
const TYPOGRAPHIC_SINGLE = new Set(['\u2018', '\u2019', '\u201a', '\u201b', '\u2032']);
/** Full-width forms of JSON punctuation, as Japanese and Chinese input methods produce them. */
const FULLWIDTH: Record<string, string> = {
  '\uff5b': '{',
  '\uff5d': '}',
  '\uff3b': '[',
  '\uff3d': ']',
  '\uff1a': ':',
  '\uff0c': ',',
  '\uff02': '"',
  '\u3001': ',',
  '\u3000': ' ',
};
const UNICODE_SPACES = /[\u00a0\u1680\u2000-\u200b\u2028\u2029\u202f\u205f\ufeff]/;

/** Policies nest a handful of levels; anything deeper is not one, and must not exhaust the stack. */
const MAX_DEPTH = 64;

class SyntaxFailure extends Error {
  constructor(readonly detail: JsonSyntaxError) {
    super(detail.message);
  }
}

/** Maps offsets to line and column. */
export function createLineIndex(text: string): (offset: number) => TextPosition {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13 && text.charCodeAt(i + 1) !== 10) starts.push(i + 1);
  }
  return (offset: number) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { offset, line: lo + 1, column: offset - (starts[lo] as number) + 1 };
  };
}

function describeChar(c: string): string {
  const code = c.codePointAt(0) ?? 0;
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  return code < 0x20 || code === 0x7f ? hex : `"${c}" (${hex})`;
}

function where(p: TextPosition): string {
  return `line ${p.line}, column ${p.column}`;
}

function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  // A key named __proto__ must stay data, as JSON.parse keeps it.
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** The plain value of a node, as JSON.parse would return it (the last of duplicate keys wins). */
export function toPlainValue(node: JsonNode): unknown {
  if (node.kind === 'object') {
    const out: Record<string, unknown> = {};
    for (const e of node.entries) setOwn(out, e.key, toPlainValue(e.value));
    return out;
  }
  if (node.kind === 'array') return node.items.map(toPlainValue);
  return node.value;
}

/** How a path reads to a person: Statement[0].Condition["aws:SourceIp"]. */
export function formatJsonPath(path: JsonPath): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(part)) out += out === '' ? part : `.${part}`;
    else out += `[${JSON.stringify(part)}]`;
  }
  return out;
}

/** The node at `path`, or null when there is none. */
export function nodeAtJsonPath(root: JsonNode, path: JsonPath): JsonNode | null {
  let node: JsonNode = root;
  for (const part of path) {
    if (node.kind === 'object' && typeof part === 'string') {
      const entry: JsonEntry | undefined = [...node.entries].reverse().find((e) => e.key === part);
      if (!entry) return null;
      node = entry.value;
    } else if (node.kind === 'array' && typeof part === 'number') {
      const item = node.items[part];
      if (!item) return null;
      node = item;
    } else {
      return null;
    }
  }
  return node;
}

/**
 * The node at `path`, or with `prefer: 'key'` the key text of the last step; falls back to the
 * nearest existing ancestor, so a finding about a missing element points at its parent.
 */
export function locateJsonPath(root: JsonNode, path: JsonPath, prefer: 'key' | 'value' = 'value'): TextRange {
  let node: JsonNode = root;
  for (let i = 0; i < path.length; i++) {
    const part = path[i];
    if (node.kind === 'object' && typeof part === 'string') {
      // The last occurrence is the one that counts, as in toPlainValue.
      const entry: JsonEntry | undefined = [...node.entries].reverse().find((e) => e.key === part);
      if (!entry) return node.range;
      if (i === path.length - 1 && prefer === 'key') return entry.keyRange;
      node = entry.value;
    } else if (node.kind === 'array' && typeof part === 'number') {
      const item = node.items[part];
      if (!item) return node.range;
      node = item;
    } else {
      return node.range;
    }
  }
  return node.range;
}

export function parsePolicyJson(text: string): ParsedJson {
  const positionAt = createLineIndex(text);
  const duplicates: DuplicateKey[] = [];
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;

  const range = (from: number, to: number): TextRange => ({ start: positionAt(from), end: positionAt(to) });
  function fail(
    code: JsonSyntaxCode,
    from: number,
    to: number,
    message: string,
    hint: string | null = null,
    fix: TextEdit | null = null,
  ): never {
    throw new SyntaxFailure({ code, message, hint, range: range(from, Math.max(to, from)), fix });
  }

  function skipWhitespace(): void {
    for (;;) {
      const c = text[i];
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
        i++;
        continue;
      }
      if (c === '/' && (text[i + 1] === '/' || text[i + 1] === '*')) {
        const close = text[i + 1] === '/' ? text.indexOf('\n', i) : text.indexOf('*/', i + 2);
        const end = close === -1 ? text.length : text[i + 1] === '/' ? close : close + 2;
        fail(
          'comment',
          i,
          end,
          `Comments are not allowed in JSON (${where(positionAt(i))}).`,
          'IAM rejects policies with comments. Delete the comment, or put the note in a "Sid".',
          { offset: i, deleteCount: end - i, insert: '' },
        );
      }
      if (c !== undefined && c in FULLWIDTH) {
        const ascii = FULLWIDTH[c] as string;
        fail(
          'fullwidth_character',
          i,
          i + 1,
          `Full-width character ${describeChar(c)} at ${where(positionAt(i))}; JSON needs the ASCII "${ascii}".`,
          'Japanese and Chinese input methods type full-width punctuation and spaces. Switch to half-width input (半角) and retype it.',
          { offset: i, deleteCount: 1, insert: ascii },
        );
      }
      if (c !== undefined && UNICODE_SPACES.test(c)) {
        fail(
          'invalid_whitespace',
          i,
          i + 1,
          `Invisible character ${describeChar(c)} at ${where(positionAt(i))} is not JSON whitespace.`,
          'It usually comes from copying out of a web page or a word processor. Replace it with a plain space.',
          { offset: i, deleteCount: 1, insert: ' ' },
        );
      }
      return;
    }
  }

  function valueStartHint(c: string | undefined): boolean {
    return c !== undefined && /["{[\-0-9tfn]/.test(c);
  }

  /** Raw text of a value, shortened for a message. */
  function excerpt(node: JsonNode): string {
    if (node.kind === 'object') return '{…}';
    if (node.kind === 'array') return '[…]';
    const raw = text.slice(node.range.start.offset, node.range.end.offset);
    return raw.length > 60 ? `${raw.slice(0, 57)}…` : raw;
  }

  /** The word starting at i (for unquoted keys and bad literals). */
  function wordAt(from: number, key = false): string {
    const pattern = key ? /^[A-Za-z_$][A-Za-z0-9_$.\-/*]*/ : /^[A-Za-z_$][A-Za-z0-9_$.:\-/*]*/;
    const m = pattern.exec(text.slice(from, from + 200));
    return m ? m[0] : '';
  }

  function unexpected(context: string): never {
    const c = text[i];
    if (c === undefined) {
      fail('unexpected_end', text.length, text.length, `The document ends where ${context} was expected.`);
    }
    const ch = c as string;
    if (ch === "'") {
      fail(
        'single_quotes',
        i,
        i + 1,
        `Single quote at ${where(positionAt(i))}: JSON strings and keys use double quotes (").`,
        'Replace every \' around keys and values with ".',
      );
    }
    if (TYPOGRAPHIC_DOUBLE.has(ch) || TYPOGRAPHIC_SINGLE.has(ch)) {
      fail(
        'typographic_quotes',
        i,
        i + 1,
        `Typographic quote ${describeChar(ch)} at ${where(positionAt(i))}: JSON only accepts the straight quote (").`,
        'Blogs and word processors turn " into “ ”. Retype the quotes in a plain-text editor.',
        { offset: i, deleteCount: 1, insert: '"' },
      );
    }
    const word = wordAt(i);
    if (word) {
      const lower = word.toLowerCase();
      if (['true', 'false', 'null', 'none', 'nil'].includes(lower)) {
        const fixed = lower === 'none' || lower === 'nil' ? 'null' : lower;
        fail(
          'invalid_literal',
          i,
          i + word.length,
          `"${word}" at ${where(positionAt(i))} is not a JSON value; JSON writes ${fixed} in lower case.`,
          null,
          { offset: i, deleteCount: word.length, insert: fixed },
        );
      }
      if (['nan', 'infinity'].includes(lower)) {
        fail(
          'invalid_number',
          i,
          i + word.length,
          `${word} at ${where(positionAt(i))} is not a JSON number.`,
        );
      }
      fail(
        'unexpected_character',
        i,
        i + word.length,
        `Unquoted text ${JSON.stringify(word)} at ${where(positionAt(i))} where ${context} was expected.`,
        `Strings must be in double quotes: "${word}".`,
        { offset: i, deleteCount: word.length, insert: JSON.stringify(word) },
      );
    }
    fail(
      'unexpected_character',
      i,
      i + 1,
      `Unexpected ${describeChar(ch)} at ${where(positionAt(i))} where ${context} was expected.`,
    );
  }

  let depth = 0;

  function parseValue(context: string): JsonNode {
    skipWhitespace();
    const c = text[i];
    if (c === '{' || c === '[') {
      if (depth >= MAX_DEPTH) {
        fail(
          'too_deep',
          i,
          i + 1,
          `The document nests deeper than ${MAX_DEPTH} levels at ${where(positionAt(i))}; it is not a policy.`,
        );
      }
      depth++;
      try {
        return c === '{' ? parseObject() : parseArray();
      } finally {
        depth--;
      }
    }
    if (c === '"') return parseString();
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return parseNumber();
    for (const [literal, value] of [
      ['true', true],
      ['false', false],
      ['null', null],
    ] as const) {
      if (text.startsWith(literal, i) && !/[A-Za-z0-9_]/.test(text[i + literal.length] ?? '')) {
        const start = i;
        i += literal.length;
        return {
          kind: value === null ? 'null' : 'boolean',
          range: range(start, i),
          value,
        };
      }
    }
    if (c === '+' || c === '.') {
      fail(
        'invalid_number',
        i,
        i + 1,
        `Numbers cannot start with "${c}" in JSON (${where(positionAt(i))}).`,
        'Policy values are almost always strings: put them in double quotes.',
      );
    }
    return unexpected(context);
  }

  function parseString(): JsonScalarNode {
    const start = i;
    i++;
    let value = '';
    for (;;) {
      const c = text[i];
      if (c === undefined) {
        fail(
          'unterminated_string',
          start,
          text.length,
          `The string starting at ${where(positionAt(start))} is never closed.`,
          'Add the closing double quote.',
        );
      }
      if (c === '"') {
        i++;
        return { kind: 'string', range: range(start, i), value };
      }
      if (c === '\n' || c === '\r') {
        fail(
          'unterminated_string',
          start,
          i,
          `The string starting at ${where(positionAt(start))} is not closed before the end of its line.`,
          'Add the closing double quote; a line break inside a string must be written as \\n.',
          { offset: i, deleteCount: 0, insert: '"' },
        );
      }
      const code = (c as string).charCodeAt(0);
      if (code < 0x20) {
        fail(
          'control_character',
          i,
          i + 1,
          `Control character ${describeChar(c as string)} inside a string at ${where(positionAt(i))}.`,
          'Write a tab as \\t, or delete it.',
        );
      }
      if (c === '\\') {
        const e = text[i + 1];
        const simple: Record<string, string> = {
          '"': '"',
          '\\': '\\',
          '/': '/',
          b: '\b',
          f: '\f',
          n: '\n',
          r: '\r',
          t: '\t',
        };
        if (e !== undefined && e in simple) {
          value += simple[e];
          i += 2;
          continue;
        }
        if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
          value += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16));
          i += 6;
          continue;
        }
        fail(
          'invalid_escape',
          i,
          i + 2,
          `Invalid escape "\\${e ?? ''}" at ${where(positionAt(i))}.`,
          'A backslash starts an escape in JSON; write a literal backslash as \\\\.',
          { offset: i, deleteCount: 1, insert: '\\\\' },
        );
      }
      value += c;
      i++;
    }
  }

  function parseNumber(): JsonScalarNode {
    const start = i;
    const m = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/.exec(text.slice(i, i + 400));
    const raw = m?.[0] ?? '';
    const next = text[i + raw.length];
    if (!m || raw === '-' || (next !== undefined && /[0-9.eE]/.test(next))) {
      const bad = /^[-0-9.eE+]+/.exec(text.slice(i, i + 400))?.[0] ?? text[i] ?? '';
      fail(
        'invalid_number',
        start,
        start + bad.length,
        `"${bad}" at ${where(positionAt(start))} is not a valid JSON number.`,
        'Policy values such as account ids are strings: put them in double quotes.',
        { offset: start, deleteCount: bad.length, insert: JSON.stringify(bad) },
      );
    }
    i += raw.length;
    return { kind: 'number', range: range(start, i), value: Number(raw) };
  }

  function parseObject(): JsonObjectNode {
    const start = i;
    i++;
    const entries: JsonEntry[] = [];
    const seen = new Map<string, TextRange>();
    skipWhitespace();
    if (text[i] === '}') {
      i++;
      return { kind: 'object', range: range(start, i), entries };
    }
    for (;;) {
      skipWhitespace();
      const c = text[i];
      if (c !== '"') {
        if (c === undefined) {
          fail(
            'unexpected_end',
            text.length,
            text.length,
            `The document ends inside the object opened at ${where(positionAt(start))}.`,
            'Add the missing closing "}" (and any "]" still open).',
          );
        }
        const word = wordAt(i, true);
        if (word && !['true', 'false', 'null'].includes(word)) {
          fail(
            'unquoted_key',
            i,
            i + word.length,
            `Key ${word} at ${where(positionAt(i))} is not in double quotes.`,
            `JSON keys are strings: write "${word}".`,
            { offset: i, deleteCount: word.length, insert: JSON.stringify(word) },
          );
        }
        unexpected('a key in double quotes');
      }
      const keyNode = parseString();
      const key = keyNode.value as string;
      const earlier = seen.get(key);
      if (earlier) duplicates.push({ path: [], key, range: keyNode.range, firstRange: earlier });
      seen.set(key, keyNode.range);
      skipWhitespace();
      if (text[i] !== ':') {
        const at = keyNode.range.end.offset;
        if (text[i] === '=' || text[i] === '\uff1a') {
          fail(
            'missing_colon',
            i,
            i + 1,
            `Expected ":" after the key "${key}" at ${where(positionAt(i))}.`,
            `Write "${key}": followed by the value.`,
            { offset: i, deleteCount: 1, insert: ':' },
          );
        }
        fail(
          'missing_colon',
          at,
          i,
          `Expected ":" after the key "${key}" (${where(positionAt(at))}).`,
          `Every key is followed by a colon and its value: "${key}": …`,
          { offset: at, deleteCount: 0, insert: ':' },
        );
      }
      i++;
      skipWhitespace();
      if (text[i] === ',' || text[i] === '}') {
        fail(
          'missing_value',
          i,
          i + 1,
          `The key "${key}" has no value (${where(positionAt(i))}).`,
          'Add the value after the colon, or remove the key.',
        );
      }
      const value = parseValue(`the value of "${key}"`);
      entries.push({ key, keyRange: keyNode.range, value });
      skipWhitespace();
      const next = text[i];
      if (next === ',') {
        const comma = i;
        i++;
        skipWhitespace();
        if (text[i] === '}') {
          fail(
            'trailing_comma',
            comma,
            comma + 1,
            `Trailing comma after the last member of an object (${where(positionAt(comma))}).`,
            'JSON does not allow a comma before "}": delete it.',
            { offset: comma, deleteCount: 1, insert: '' },
          );
        }
        continue;
      }
      if (next === '}') {
        i++;
        return { kind: 'object', range: range(start, i), entries };
      }
      const at = value.range.end.offset;
      if (next === '"') {
        const nextKey = /^"((?:[^"\\\n]|\\.)*)"/.exec(text.slice(i, i + 300))?.[1];
        const shown = nextKey === undefined ? 'the next member' : `"${nextKey}"`;
        fail(
          'missing_comma',
          at,
          nextKey === undefined ? i + 1 : i + nextKey.length + 2,
          `Missing comma between "${key}": ${excerpt(value)} and ${shown}.`,
          `Members of an object are separated by commas. Add "," right after ${excerpt(value)} ` +
            `(${where(positionAt(at))}), before ${shown} (${where(positionAt(i))}).`,
          { offset: at, deleteCount: 0, insert: ',' },
        );
      }
      if (next === undefined) {
        fail(
          'unexpected_end',
          text.length,
          text.length,
          `The document ends inside the object opened at ${where(positionAt(start))}.`,
          'Add the missing closing "}".',
          { offset: text.length, deleteCount: 0, insert: '}' },
        );
      }
      if (next === ']') {
        fail(
          'mismatched_bracket',
          i,
          i + 1,
          `"]" at ${where(positionAt(i))} closes the object opened with "{" at ${where(positionAt(start))}.`,
          'Use "}" to close an object, or add the missing "[" earlier.',
        );
      }
      if (valueStartHint(next) || wordAt(i)) {
        fail(
          'missing_comma',
          at,
          i + 1,
          `Missing comma after the value of "${key}" (${where(positionAt(at))}).`,
          `Add "," after ${excerpt(value)}.`,
          { offset: at, deleteCount: 0, insert: ',' },
        );
      }
      unexpected(`"," or "}" after the value of "${key}"`);
    }
  }

  function parseArray(): JsonArrayNode {
    const start = i;
    i++;
    const items: JsonNode[] = [];
    skipWhitespace();
    if (text[i] === ']') {
      i++;
      return { kind: 'array', range: range(start, i), items };
    }
    for (;;) {
      skipWhitespace();
      if (text[i] === ',') {
        fail(
          'missing_value',
          i,
          i + 1,
          `Empty element in the list at ${where(positionAt(i))}.`,
          'Two commas in a row, or a comma right after "[": delete one.',
          { offset: i, deleteCount: 1, insert: '' },
        );
      }
      if (text[i] === undefined) {
        fail(
          'unexpected_end',
          text.length,
          text.length,
          `The document ends inside the list opened at ${where(positionAt(start))}.`,
          'Add the missing "]" (and any "}" still open).',
        );
      }
      const item = parseValue('a list element');
      items.push(item);
      skipWhitespace();
      const next = text[i];
      if (next === ',') {
        const comma = i;
        i++;
        skipWhitespace();
        if (text[i] === ']') {
          fail(
            'trailing_comma',
            comma,
            comma + 1,
            `Trailing comma after the last element of a list (${where(positionAt(comma))}).`,
            'JSON does not allow a comma before "]": delete it.',
            { offset: comma, deleteCount: 1, insert: '' },
          );
        }
        continue;
      }
      if (next === ']') {
        i++;
        return { kind: 'array', range: range(start, i), items };
      }
      const at = item.range.end.offset;
      if (next === undefined) {
        fail(
          'unexpected_end',
          text.length,
          text.length,
          `The document ends inside the list opened at ${where(positionAt(start))}.`,
          'Add the missing closing "]".',
          { offset: text.length, deleteCount: 0, insert: ']' },
        );
      }
      if (next === '}') {
        fail(
          'mismatched_bracket',
          i,
          i + 1,
          `"}" at ${where(positionAt(i))} closes the list opened with "[" at ${where(positionAt(start))}.`,
          'Add the missing "]" before it.',
          { offset: i, deleteCount: 0, insert: ']' },
        );
      }
      if (valueStartHint(next)) {
        fail(
          'missing_comma',
          at,
          i + 1,
          `Missing comma between list elements ${excerpt(item)} and the next one (${where(positionAt(at))}).`,
          `Add "," after ${excerpt(item)}.`,
          { offset: at, deleteCount: 0, insert: ',' },
        );
      }
      unexpected('"," or "]" in a list');
    }
  }

  try {
    skipWhitespace();
    if (i >= text.length) {
      fail('empty', 0, 0, 'The document is empty.', 'Paste the policy JSON, starting with "{".');
    }
    const root = parseValue('the policy (a JSON object starting with "{")');
    skipWhitespace();
    if (i < text.length) {
      const c = text[i] as string;
      fail(
        'trailing_content',
        i,
        text.length,
        `Unexpected ${describeChar(c)} at ${where(positionAt(i))} after the end of the document.`,
        c === '{'
          ? 'This looks like a second JSON document: check one policy at a time.'
          : c === '}' || c === ']'
            ? 'There is one closing bracket too many.'
            : 'Everything after the closing "}" must go.',
        { offset: i, deleteCount: text.length - i, insert: '' },
      );
    }
    fillDuplicatePaths(root, [], duplicates);
    return { ok: true, root, value: toPlainValue(root), duplicates };
  } catch (err) {
    if (err instanceof SyntaxFailure) return { ok: false, error: err.detail };
    throw err;
  }
}

/** Duplicate keys were found without knowing their path; attach it by position. */
function fillDuplicatePaths(node: JsonNode, path: Array<string | number>, duplicates: DuplicateKey[]): void {
  if (node.kind === 'object') {
    for (const d of duplicates) {
      if (node.entries.some((e) => e.keyRange.start.offset === d.range.start.offset))
        d.path = [...path, d.key];
    }
    for (const e of node.entries) fillDuplicatePaths(e.value, [...path, e.key], duplicates);
  } else if (node.kind === 'array') {
    node.items.forEach((item, index) => fillDuplicatePaths(item, [...path, index], duplicates));
  }
}
