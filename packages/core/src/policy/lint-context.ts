/** What the lint rule groups share: how they report a finding, and where a list value is. */
import type { JsonPath, TextEdit } from './json-document';
import type { ReportIssue } from './model';

/** Reports a finding at a path of the document; only the linter's own rules can offer a fix. */
export type AddFinding = (...args: [...Parameters<ReportIssue>, fix?: TextEdit | null]) => void;

export interface LintContext {
  add: AddFinding;
  /** Path of the i-th value of an element that may be written as one value or as a list. */
  listPath: (base: JsonPath, i: number) => JsonPath;
}
