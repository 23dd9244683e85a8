/**
 * A JSON parser for pasted policy documents. `JSON.parse` says "Unexpected string in JSON at
 * position 87"; admins need the line and column, what is wrong in words, and the edit that fixes
 * it, so that a UI can show the message beside the line. It also keeps the position of every node,
 * so later findings (an unknown key, a bad principal) point at the exact text, and it notices
 * duplicate keys, which `JSON.parse` silently resolves to the last one.
 *
 * The structure (objects, lists, commas, colons) is read here; characters, strings, numbers and
 * literals by the JsonScanner.
 */
import { describeChar, toPlainValue } from './json-document';
import type {
  DuplicateKey,
  JsonArrayNode,
  JsonEntry,
  JsonNode,
  JsonObjectNode,
  JsonScalarNode,
  ParsedJson,
  TextEdit,
  TextRange,
} from './json-document';
import { JsonScanner, startsValue, SyntaxFailure } from './json-scanner';

/** Policies nest a handful of levels; anything deeper is not one, and must not exhaust the stack. */
const MAX_DEPTH = 64;

/** An object or a list being read: where it opened, and how messages name it and its parts. */
interface Container {
  start: number;
  open: '{' | '[';
  close: '}' | ']';
  noun: 'object' | 'list';
  part: 'member of an object' | 'element of a list';
}

export function parsePolicyJson(text: string): ParsedJson {
  const s = new JsonScanner(text);
  const parser = new Parser(s);
  try {
    s.skipWhitespace();
    if (s.pos >= text.length) {
      s.fail('empty', 0, 0, 'The document is empty.', 'Paste the policy JSON, starting with "{".');
    }
    const root = parser.parseValue('the policy (a JSON object starting with "{")');
    s.skipWhitespace();
    if (s.pos < text.length) trailingContent(s);
    fillDuplicatePaths(root, [], parser.duplicates);
    return { ok: true, root, value: toPlainValue(root), duplicates: parser.duplicates };
  } catch (err) {
    if (err instanceof SyntaxFailure) return { ok: false, error: err.detail };
    throw err;
  }
}

function trailingContent(s: JsonScanner): never {
  const i = s.pos;
  const c = s.text[i] as string;
  return s.fail(
    'trailing_content',
    i,
    s.text.length,
    `Unexpected ${describeChar(c)} at ${s.where(i)} after the end of the document.`,
    c === '{'
      ? 'This looks like a second JSON document: check one policy at a time.'
      : c === '}' || c === ']'
        ? 'There is one closing bracket too many.'
        : 'Everything after the closing "}" must go.',
    { offset: i, deleteCount: s.text.length - i, insert: '' },
  );
}

class Parser {
  /** Found without their path, which fillDuplicatePaths attaches once the tree is complete. */
  readonly duplicates: DuplicateKey[] = [];
  private depth = 0;

  constructor(private readonly s: JsonScanner) {}

  parseValue(context: string): JsonNode {
    const s = this.s;
    s.skipWhitespace();
    const c = s.peek();
    if (c === '{' || c === '[') {
      if (this.depth >= MAX_DEPTH) {
        s.fail(
          'too_deep',
          s.pos,
          s.pos + 1,
          `The document nests deeper than ${MAX_DEPTH} levels at ${s.where(s.pos)}; it is not a policy.`,
        );
      }
      this.depth++;
      try {
        return c === '{' ? this.parseObject() : this.parseArray();
      } finally {
        this.depth--;
      }
    }
    if (c === '"') return s.readString();
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return s.readNumber();
    const literal = s.readLiteral();
    if (literal) return literal;
    if (c === '+' || c === '.') {
      s.fail(
        'invalid_number',
        s.pos,
        s.pos + 1,
        `Numbers cannot start with "${c}" in JSON (${s.where(s.pos)}).`,
        'Policy values are almost always strings: put them in double quotes.',
      );
    }
    return s.unexpected(context);
  }

  private parseObject(): JsonObjectNode {
    const s = this.s;
    const object: Container = {
      start: s.pos,
      open: '{',
      close: '}',
      noun: 'object',
      part: 'member of an object',
    };
    s.pos++;
    const entries: JsonEntry[] = [];
    const seen = new Map<string, TextRange>();
    s.skipWhitespace();
    if (s.peek() === '}') {
      s.pos++;
      return { kind: 'object', range: s.range(object.start, s.pos), entries };
    }
    for (;;) {
      const keyNode = this.parseKey(object);
      const key = keyNode.value as string;
      const earlier = seen.get(key);
      if (earlier) this.duplicates.push({ path: [], key, range: keyNode.range, firstRange: earlier });
      seen.set(key, keyNode.range);
      this.expectColon(key, keyNode);
      s.skipWhitespace();
      if (s.peek() === ',' || s.peek() === '}') {
        s.fail(
          'missing_value',
          s.pos,
          s.pos + 1,
          `The key "${key}" has no value (${s.where(s.pos)}).`,
          'Add the value after the colon, or remove the key.',
        );
      }
      const value = this.parseValue(`the value of "${key}"`);
      entries.push({ key, keyRange: keyNode.range, value });
      if (this.separator(object, () => this.afterMember(object, key, value)) === 'closed') {
        return { kind: 'object', range: s.range(object.start, s.pos), entries };
      }
    }
  }

  /** The key of the next member, with the quoting mistakes people make there. */
  private parseKey(object: Container): JsonScalarNode {
    const s = this.s;
    s.skipWhitespace();
    const c = s.peek();
    if (c === '"') return s.readString();
    if (c === undefined) {
      this.endsInside(object, 'Add the missing closing "}" (and any "]" still open).');
    }
    const word = s.wordAt(s.pos, true);
    if (word && !['true', 'false', 'null'].includes(word)) {
      s.fail(
        'unquoted_key',
        s.pos,
        s.pos + word.length,
        `Key ${word} at ${s.where(s.pos)} is not in double quotes.`,
        `JSON keys are strings: write "${word}".`,
        { offset: s.pos, deleteCount: word.length, insert: JSON.stringify(word) },
      );
    }
    return s.unexpected('a key in double quotes');
  }

  private expectColon(key: string, keyNode: JsonScalarNode): void {
    const s = this.s;
    s.skipWhitespace();
    const c = s.peek();
    if (c === ':') {
      s.pos++;
      return;
    }
    if (c === '=' || c === '\uff1a') {
      s.fail(
        'missing_colon',
        s.pos,
        s.pos + 1,
        `Expected ":" after the key "${key}" at ${s.where(s.pos)}.`,
        `Write "${key}": followed by the value.`,
        { offset: s.pos, deleteCount: 1, insert: ':' },
      );
    }
    const at = keyNode.range.end.offset;
    s.fail(
      'missing_colon',
      at,
      s.pos,
      `Expected ":" after the key "${key}" (${s.where(at)}).`,
      `Every key is followed by a colon and its value: "${key}": …`,
      { offset: at, deleteCount: 0, insert: ':' },
    );
  }

  private parseArray(): JsonArrayNode {
    const s = this.s;
    const list: Container = { start: s.pos, open: '[', close: ']', noun: 'list', part: 'element of a list' };
    s.pos++;
    const items: JsonNode[] = [];
    s.skipWhitespace();
    if (s.peek() === ']') {
      s.pos++;
      return { kind: 'array', range: s.range(list.start, s.pos), items };
    }
    for (;;) {
      s.skipWhitespace();
      if (s.peek() === ',') {
        s.fail(
          'missing_value',
          s.pos,
          s.pos + 1,
          `Empty element in the list at ${s.where(s.pos)}.`,
          'Two commas in a row, or a comma right after "[": delete one.',
          { offset: s.pos, deleteCount: 1, insert: '' },
        );
      }
      if (s.peek() === undefined) this.endsInside(list, 'Add the missing "]" (and any "}" still open).');
      const item = this.parseValue('a list element');
      items.push(item);
      if (this.separator(list, () => this.afterElement(list, item)) === 'closed') {
        return { kind: 'array', range: s.range(list.start, s.pos), items };
      }
    }
  }

  /**
   * What follows a member or an element: a comma (another one comes; not allowed right before the
   * closing bracket) or the closing bracket. For anything else `otherwise` explains the error with
   * what was just read (usually a missing comma).
   */
  private separator(container: Container, otherwise: () => never): 'more' | 'closed' {
    const s = this.s;
    s.skipWhitespace();
    const next = s.peek();
    if (next === ',') {
      const comma = s.pos;
      s.pos++;
      s.skipWhitespace();
      if (s.peek() === container.close) {
        s.fail(
          'trailing_comma',
          comma,
          comma + 1,
          `Trailing comma after the last ${container.part} (${s.where(comma)}).`,
          `JSON does not allow a comma before "${container.close}": delete it.`,
          { offset: comma, deleteCount: 1, insert: '' },
        );
      }
      return 'more';
    }
    if (next === container.close) {
      s.pos++;
      return 'closed';
    }
    if (next === undefined) {
      this.endsInside(container, `Add the missing closing "${container.close}".`, {
        offset: s.text.length,
        deleteCount: 0,
        insert: container.close,
      });
    }
    return otherwise();
  }

  private endsInside(container: Container, hint: string, fix: TextEdit | null = null): never {
    const end = this.s.text.length;
    return this.s.fail(
      'unexpected_end',
      end,
      end,
      `The document ends inside the ${container.noun} opened at ${this.s.where(container.start)}.`,
      hint,
      fix,
    );
  }

  /** The bracket at the cursor closes the other kind of container. */
  private mismatched(container: Container, hint: string, fix: TextEdit | null = null): never {
    const s = this.s;
    return s.fail(
      'mismatched_bracket',
      s.pos,
      s.pos + 1,
      `"${s.peek()}" at ${s.where(s.pos)} closes the ${container.noun} opened with "${container.open}" at ${s.where(container.start)}.`,
      hint,
      fix,
    );
  }

  /** The comma belongs right after the value just read (`at`), not before the next one. */
  private missingComma(at: number, to: number, message: string, hint: string): never {
    return this.s.fail('missing_comma', at, to, message, hint, { offset: at, deleteCount: 0, insert: ',' });
  }

  private afterMember(object: Container, key: string, value: JsonNode): never {
    const s = this.s;
    const next = s.peek();
    const at = value.range.end.offset;
    if (next === '"') {
      const nextKey = /^"((?:[^"\\\n]|\\.)*)"/.exec(s.text.slice(s.pos, s.pos + 300))?.[1];
      const shown = nextKey === undefined ? 'the next member' : `"${nextKey}"`;
      this.missingComma(
        at,
        nextKey === undefined ? s.pos + 1 : s.pos + nextKey.length + 2,
        `Missing comma between "${key}": ${s.excerpt(value)} and ${shown}.`,
        `Members of an object are separated by commas. Add "," right after ${s.excerpt(value)} ` +
          `(${s.where(at)}), before ${shown} (${s.where(s.pos)}).`,
      );
    }
    if (next === ']') this.mismatched(object, 'Use "}" to close an object, or add the missing "[" earlier.');
    if (startsValue(next) || s.wordAt(s.pos)) {
      this.missingComma(
        at,
        s.pos + 1,
        `Missing comma after the value of "${key}" (${s.where(at)}).`,
        `Add "," after ${s.excerpt(value)}.`,
      );
    }
    return s.unexpected(`"," or "}" after the value of "${key}"`);
  }

  private afterElement(list: Container, item: JsonNode): never {
    const s = this.s;
    const next = s.peek();
    const at = item.range.end.offset;
    if (next === '}') {
      this.mismatched(list, 'Add the missing "]" before it.', { offset: s.pos, deleteCount: 0, insert: ']' });
    }
    if (startsValue(next)) {
      this.missingComma(
        at,
        s.pos + 1,
        `Missing comma between list elements ${s.excerpt(item)} and the next one (${s.where(at)}).`,
        `Add "," after ${s.excerpt(item)}.`,
      );
    }
    return s.unexpected('"," or "]" in a list');
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
