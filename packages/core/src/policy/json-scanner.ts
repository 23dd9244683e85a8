/**
 * The character level of parsePolicyJson: a cursor over the text that skips whitespace and reads
 * strings, numbers and literals, and that turns whatever JSON does not allow there (comments,
 * full-width punctuation, quotes from a word processor) into a JsonSyntaxError in words.
 */
import { createLineIndex, describeChar, describePosition } from './json-document';
import type {
  JsonNode,
  JsonScalarNode,
  JsonSyntaxCode,
  JsonSyntaxError,
  TextEdit,
  TextPosition,
  TextRange,
} from './json-document';

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
const SIMPLE_ESCAPES: Record<string, string> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};
const LITERALS = [
  ['true', true],
  ['false', false],
  ['null', null],
] as const;

/** Thrown at the first syntax error; parsePolicyJson turns it into its result. */
export class SyntaxFailure extends Error {
  constructor(readonly detail: JsonSyntaxError) {
    super(detail.message);
  }
}

/** Whether `c` can start a JSON value (to tell a missing comma from stray text). */
export function startsValue(c: string | undefined): boolean {
  return c !== undefined && /["{[\-0-9tfn]/.test(c);
}

export class JsonScanner {
  /** Offset of the next character to read. */
  pos: number;
  private readonly positionAt: (offset: number) => TextPosition;

  constructor(readonly text: string) {
    this.positionAt = createLineIndex(text);
    this.pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  }

  /** The character at the cursor, or `ahead` characters after it. */
  peek(ahead = 0): string | undefined {
    return this.text[this.pos + ahead];
  }

  range(from: number, to: number): TextRange {
    return { start: this.positionAt(from), end: this.positionAt(to) };
  }

  /** `line 1, column 88`, for messages. */
  where(offset: number): string {
    return describePosition(this.positionAt(offset));
  }

  fail(
    code: JsonSyntaxCode,
    from: number,
    to: number,
    message: string,
    hint: string | null = null,
    fix: TextEdit | null = null,
  ): never {
    throw new SyntaxFailure({ code, message, hint, range: this.range(from, Math.max(to, from)), fix });
  }

  skipWhitespace(): void {
    const text = this.text;
    for (;;) {
      const i = this.pos;
      const c = text[i];
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
        this.pos++;
        continue;
      }
      if (c === '/' && (text[i + 1] === '/' || text[i + 1] === '*')) {
        const close = text[i + 1] === '/' ? text.indexOf('\n', i) : text.indexOf('*/', i + 2);
        const end = close === -1 ? text.length : text[i + 1] === '/' ? close : close + 2;
        this.fail(
          'comment',
          i,
          end,
          `Comments are not allowed in JSON (${this.where(i)}).`,
          'IAM rejects policies with comments. Delete the comment, or put the note in a "Sid".',
          { offset: i, deleteCount: end - i, insert: '' },
        );
      }
      if (c !== undefined && c in FULLWIDTH) {
        const ascii = FULLWIDTH[c] as string;
        this.fail(
          'fullwidth_character',
          i,
          i + 1,
          `Full-width character ${describeChar(c)} at ${this.where(i)}; JSON needs the ASCII "${ascii}".`,
          'Japanese and Chinese input methods type full-width punctuation and spaces. Switch to half-width input (半角) and retype it.',
          { offset: i, deleteCount: 1, insert: ascii },
        );
      }
      if (c !== undefined && UNICODE_SPACES.test(c)) {
        this.fail(
          'invalid_whitespace',
          i,
          i + 1,
          `Invisible character ${describeChar(c)} at ${this.where(i)} is not JSON whitespace.`,
          'It usually comes from copying out of a web page or a word processor. Replace it with a plain space.',
          { offset: i, deleteCount: 1, insert: ' ' },
        );
      }
      return;
    }
  }

  /** Raw text of a value, shortened for a message. */
  excerpt(node: JsonNode): string {
    if (node.kind === 'object') return '{…}';
    if (node.kind === 'array') return '[…]';
    const raw = this.text.slice(node.range.start.offset, node.range.end.offset);
    return raw.length > 60 ? `${raw.slice(0, 57)}…` : raw;
  }

  /** The word starting at `from` (for unquoted keys and bad literals). */
  wordAt(from: number, key = false): string {
    const pattern = key ? /^[A-Za-z_$][A-Za-z0-9_$.\-/*]*/ : /^[A-Za-z_$][A-Za-z0-9_$.:\-/*]*/;
    const m = pattern.exec(this.text.slice(from, from + 200));
    return m ? m[0] : '';
  }

  /** Fails on the character at the cursor, which is not `context`, saying what it looks like. */
  unexpected(context: string): never {
    const i = this.pos;
    const c = this.text[i];
    if (c === undefined) {
      this.fail(
        'unexpected_end',
        this.text.length,
        this.text.length,
        `The document ends where ${context} was expected.`,
      );
    }
    if (c === "'") {
      this.fail(
        'single_quotes',
        i,
        i + 1,
        `Single quote at ${this.where(i)}: JSON strings and keys use double quotes (").`,
        'Replace every \' around keys and values with ".',
      );
    }
    if (TYPOGRAPHIC_DOUBLE.has(c) || TYPOGRAPHIC_SINGLE.has(c)) {
      this.fail(
        'typographic_quotes',
        i,
        i + 1,
        `Typographic quote ${describeChar(c)} at ${this.where(i)}: JSON only accepts the straight quote (").`,
        'Blogs and word processors turn " into “ ”. Retype the quotes in a plain-text editor.',
        { offset: i, deleteCount: 1, insert: '"' },
      );
    }
    const word = this.wordAt(i);
    if (word) this.unexpectedWord(word, context);
    this.fail(
      'unexpected_character',
      i,
      i + 1,
      `Unexpected ${describeChar(c)} at ${this.where(i)} where ${context} was expected.`,
    );
  }

  private unexpectedWord(word: string, context: string): never {
    const i = this.pos;
    const lower = word.toLowerCase();
    if (['true', 'false', 'null', 'none', 'nil'].includes(lower)) {
      const fixed = lower === 'none' || lower === 'nil' ? 'null' : lower;
      this.fail(
        'invalid_literal',
        i,
        i + word.length,
        `"${word}" at ${this.where(i)} is not a JSON value; JSON writes ${fixed} in lower case.`,
        null,
        { offset: i, deleteCount: word.length, insert: fixed },
      );
    }
    if (['nan', 'infinity'].includes(lower)) {
      this.fail('invalid_number', i, i + word.length, `${word} at ${this.where(i)} is not a JSON number.`);
    }
    this.fail(
      'unexpected_character',
      i,
      i + word.length,
      `Unquoted text ${JSON.stringify(word)} at ${this.where(i)} where ${context} was expected.`,
      `Strings must be in double quotes: "${word}".`,
      { offset: i, deleteCount: word.length, insert: JSON.stringify(word) },
    );
  }

  /** Reads the string whose opening quote is at the cursor. */
  readString(): JsonScalarNode {
    const text = this.text;
    const start = this.pos;
    this.pos++;
    let value = '';
    for (;;) {
      const i = this.pos;
      const c = text[i];
      if (c === undefined) {
        this.fail(
          'unterminated_string',
          start,
          text.length,
          `The string starting at ${this.where(start)} is never closed.`,
          'Add the closing double quote.',
        );
      }
      if (c === '"') {
        this.pos++;
        return { kind: 'string', range: this.range(start, this.pos), value };
      }
      if (c === '\n' || c === '\r') {
        this.fail(
          'unterminated_string',
          start,
          i,
          `The string starting at ${this.where(start)} is not closed before the end of its line.`,
          'Add the closing double quote; a line break inside a string must be written as \\n.',
          { offset: i, deleteCount: 0, insert: '"' },
        );
      }
      if (c.charCodeAt(0) < 0x20) {
        this.fail(
          'control_character',
          i,
          i + 1,
          `Control character ${describeChar(c)} inside a string at ${this.where(i)}.`,
          'Write a tab as \\t, or delete it.',
        );
      }
      if (c === '\\') {
        value += this.readEscape();
        continue;
      }
      value += c;
      this.pos++;
    }
  }

  private readEscape(): string {
    const text = this.text;
    const i = this.pos;
    const e = text[i + 1];
    if (e !== undefined && e in SIMPLE_ESCAPES) {
      this.pos += 2;
      return SIMPLE_ESCAPES[e] as string;
    }
    if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
      this.pos += 6;
      return String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16));
    }
    this.fail(
      'invalid_escape',
      i,
      i + 2,
      `Invalid escape "\\${e ?? ''}" at ${this.where(i)}.`,
      'A backslash starts an escape in JSON; write a literal backslash as \\\\.',
      { offset: i, deleteCount: 1, insert: '\\\\' },
    );
  }

  /** Reads the number that starts at the cursor. */
  readNumber(): JsonScalarNode {
    const text = this.text;
    const start = this.pos;
    const m = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/.exec(text.slice(start, start + 400));
    const raw = m?.[0] ?? '';
    const next = text[start + raw.length];
    if (!m || raw === '-' || (next !== undefined && /[0-9.eE]/.test(next))) {
      const bad = /^[-0-9.eE+]+/.exec(text.slice(start, start + 400))?.[0] ?? text[start] ?? '';
      this.fail(
        'invalid_number',
        start,
        start + bad.length,
        `"${bad}" at ${this.where(start)} is not a valid JSON number.`,
        'Policy values such as account ids are strings: put them in double quotes.',
        { offset: start, deleteCount: bad.length, insert: JSON.stringify(bad) },
      );
    }
    this.pos += raw.length;
    return { kind: 'number', range: this.range(start, this.pos), value: Number(raw) };
  }

  /** Reads true, false or null at the cursor; null when none of them stands there. */
  readLiteral(): JsonScalarNode | null {
    const start = this.pos;
    for (const [literal, value] of LITERALS) {
      if (
        this.text.startsWith(literal, start) &&
        !/[A-Za-z0-9_]/.test(this.text[start + literal.length] ?? '')
      ) {
        this.pos += literal.length;
        return { kind: value === null ? 'null' : 'boolean', range: this.range(start, this.pos), value };
      }
    }
    return null;
  }
}
