/** Text bookkeeping for the policy editor: lines, carets, fixes and which lines carry findings. */
import type { PolicyFindingSchema } from '@gatehouse/contracts';

export type Severity = PolicyFindingSchema['severity'];
export interface TextEdit {
  offset: number;
  deleteCount: number;
  insert: string;
}

const RANK: Record<Severity, number> = { error: 3, danger: 2, warning: 1, info: 0 };

export function lineCount(text: string): number {
  let count = 1;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) count++;
  return count;
}

/** 1-based line of a UTF-16 offset (the caret of a textarea). */
export function lineOfOffset(text: string, offset: number): number {
  let line = 1;
  const end = Math.min(Math.max(offset, 0), text.length);
  for (let i = 0; i < end; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** A fix from the server applied to the text it was computed for. */
export function applyEdit(text: string, edit: TextEdit): string {
  if (edit.offset < 0 || edit.offset + edit.deleteCount > text.length) return text;
  return text.slice(0, edit.offset) + edit.insert + text.slice(edit.offset + edit.deleteCount);
}

/** The worst severity found on each line, for the gutter. */
export function worstByLine(
  findings: readonly Pick<PolicyFindingSchema, 'line' | 'severity'>[],
): Map<number, Severity> {
  const out = new Map<number, Severity>();
  for (const f of findings) {
    const current = out.get(f.line);
    if (!current || RANK[f.severity] > RANK[current]) out.set(f.line, f.severity);
  }
  return out;
}

/** Top to bottom, and on one line the worst first. */
export function sortFindings<T extends Pick<PolicyFindingSchema, 'line' | 'column' | 'severity'>>(
  findings: readonly T[],
): T[] {
  return [...findings].sort(
    (a, b) => a.line - b.line || RANK[b.severity] - RANK[a.severity] || a.column - b.column,
  );
}
