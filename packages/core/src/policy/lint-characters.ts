/**
 * IAM accepts tab, LF, CR and U+0020..U+00FF only in a policy; a pasted placeholder in Japanese is
 * the usual culprit, so the finding names it.
 */
import { describeChar } from './json-document';
import type { TextPosition, TextRange } from './json-document';

/** Findings are capped: a document in the wrong script would otherwise report every line. */
const MAX_LINES_REPORTED = 10;

export interface CharacterFinding {
  code: 'invalid_character';
  severity: 'error';
  message: string;
  hint: string;
  range: TextRange;
}

/** The first character IAM rejects on each line. */
export function lintCharacters(
  text: string,
  positionAt: (offset: number) => TextPosition,
): CharacterFinding[] {
  const findings: CharacterFinding[] = [];
  const badLines = new Set<number>();
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (
      code === 9 ||
      code === 10 ||
      code === 13 ||
      (code >= 0x20 && code <= 0xff) ||
      (i === 0 && code === 0xfeff)
    )
      continue;
    const start = positionAt(i);
    if (badLines.has(start.line)) continue;
    badLines.add(start.line);
    const char = String.fromCodePoint(text.codePointAt(i) ?? code);
    const placeholder = /<[^<>\n]*>/.exec(text.slice(text.lastIndexOf('<', i), text.indexOf('>', i) + 1));
    findings.push({
      code: 'invalid_character',
      severity: 'error',
      message: `IAM accepts only ASCII and Latin-1 characters in a policy; ${describeChar(char, { quoteControl: true })} at line ${start.line}, column ${start.column} is not one of them.`,
      hint:
        placeholder && text.lastIndexOf('<', i) !== -1 && text.indexOf('>', i) !== -1
          ? `${placeholder[0]} is a placeholder from an example: replace it with the real value.`
          : 'Retype the text in plain ASCII (no full-width characters, no typographic quotes).',
      range: { start, end: positionAt(i + char.length) },
    });
    if (badLines.size >= MAX_LINES_REPORTED) break;
  }
  return findings;
}
