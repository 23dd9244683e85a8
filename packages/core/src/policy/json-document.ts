/**
 * A JSON document as parsePolicyJson reads it: every node keeps its range in the text, so that a
 * finding about a policy (an unknown key, a bad principal) points at the exact characters, and a
 * syntax error says where and how to fix it.
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

export function applyEdit(text: string, edit: TextEdit): string {
  return text.slice(0, edit.offset) + edit.insert + text.slice(edit.offset + edit.deleteCount);
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

/** How a position reads in a message: line 1, column 88. */
export function describePosition(p: TextPosition): string {
  return `line ${p.line}, column ${p.column}`;
}

/**
 * A character and its code point, `"ス" (U+30B9)`, since the culprits are often invisible or look
 * like ASCII. Control characters are shown by code point alone unless `quoteControl` (the linter's
 * messages have always quoted them).
 */
export function describeChar(c: string, { quoteControl = false } = {}): string {
  const code = c.codePointAt(0) ?? 0;
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  return !quoteControl && (code < 0x20 || code === 0x7f) ? hex : `"${c}" (${hex})`;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
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

/** One step down a path: the child and, under an object, the range of its key; null if there is none. */
function childOf(
  node: JsonNode,
  part: string | number,
): { node: JsonNode; keyRange: TextRange | null } | null {
  if (node.kind === 'object' && typeof part === 'string') {
    // The last occurrence is the one that counts, as in toPlainValue.
    const entry: JsonEntry | undefined = [...node.entries].reverse().find((e) => e.key === part);
    return entry ? { node: entry.value, keyRange: entry.keyRange } : null;
  }
  if (node.kind === 'array' && typeof part === 'number') {
    const item = node.items[part];
    return item ? { node: item, keyRange: null } : null;
  }
  return null;
}

/** The node at `path`, or null when there is none. */
export function nodeAtJsonPath(root: JsonNode, path: JsonPath): JsonNode | null {
  let node: JsonNode = root;
  for (const part of path) {
    const child = childOf(node, part);
    if (!child) return null;
    node = child.node;
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
    const child = childOf(node, path[i] as string | number);
    if (!child) return node.range;
    if (i === path.length - 1 && prefer === 'key' && child.keyRange) return child.keyRange;
    node = child.node;
  }
  return node.range;
}
