/** How admin input is checked: names, free text, session lengths. Problems are collected, not thrown. */
import type { FieldIssues } from '../shared/field-issues';
import { MAX_SESSION_SECONDS, MIN_SESSION_SECONDS } from '../broker/session-duration';

const NAME_MAX = 128;
const DESCRIPTION_MAX = 1024;
const CONTROL = /\p{Cc}/u;
const CONTROL_EXCEPT_LINES = /[^\P{Cc}\n\r\t]/u;

export function requiredText(issues: FieldIssues, field: string, value: string, max = NAME_MAX): string {
  const text = value.normalize('NFC').trim();
  if (!text) issues.add(field, 'is required');
  else if ([...text].length > max) issues.add(field, `must be at most ${max} characters`);
  else if (CONTROL.test(text)) issues.add(field, 'must not contain control characters');
  return text;
}

export function freeText(issues: FieldIssues, field: string, value: string, max = DESCRIPTION_MAX): string {
  const text = value.normalize('NFC').trim();
  if ([...text].length > max) issues.add(field, `must be at most ${max} characters`);
  else if (CONTROL_EXCEPT_LINES.test(text)) issues.add(field, 'must not contain control characters');
  return text;
}

export function optionalEmail(value: string | null | undefined): string | null {
  const text = value?.trim();
  return text ? text : null;
}

export function checkSessionSeconds(issues: FieldIssues, field: string, value: number): void {
  if (!Number.isInteger(value) || value < MIN_SESSION_SECONDS || value > MAX_SESSION_SECONDS) {
    issues.add(
      field,
      `must be a whole number of seconds from ${MIN_SESSION_SECONDS} to ${MAX_SESSION_SECONDS}`,
    );
  }
}
