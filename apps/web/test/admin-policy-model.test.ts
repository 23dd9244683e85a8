import { describe, expect, it } from 'vitest';
import {
  applyEdit,
  lineCount,
  lineOfOffset,
  sortFindings,
  worstByLine,
} from '../src/pages/admin/policy/policy-model';
import { lintRequest } from '../src/pages/admin/policy/policy-linter-page';

describe('policy text bookkeeping', () => {
  const text = '{\n  "Version": "2012-10-17"\n  "Statement": []\n}';

  it('counts lines and finds the line of a caret', () => {
    expect(lineCount(text)).toBe(4);
    expect(lineCount('')).toBe(1);
    expect(lineOfOffset(text, 0)).toBe(1);
    expect(lineOfOffset(text, text.indexOf('"Statement"'))).toBe(3);
    expect(lineOfOffset(text, 10_000)).toBe(4);
  });

  it('applies a server fix, and ignores one that does not fit the text', () => {
    const comma = text.indexOf('\n  "Statement"');
    expect(applyEdit(text, { offset: comma, deleteCount: 0, insert: ',' })).toBe(
      '{\n  "Version": "2012-10-17",\n  "Statement": []\n}',
    );
    expect(applyEdit('ab', { offset: 1, deleteCount: 5, insert: 'x' })).toBe('ab');
  });

  it('marks each line with its worst finding and lists findings top to bottom', () => {
    const findings = [
      { line: 3, column: 5, severity: 'info' as const },
      { line: 3, column: 1, severity: 'danger' as const },
      { line: 1, column: 1, severity: 'warning' as const },
      { line: 3, column: 2, severity: 'error' as const },
    ];
    expect([...worstByLine(findings)]).toEqual([
      [3, 'error'],
      [1, 'warning'],
    ]);
    expect(sortFindings(findings).map((f) => `${f.line}:${f.severity}`)).toEqual([
      '1:warning',
      '3:error',
      '3:danger',
      '3:info',
    ]);
  });
});

describe('lintRequest', () => {
  it('omits the broker to check Gatehouse’s own identity, sends "" for none, or another ARN', () => {
    expect(lintRequest('{}', 'trust', 'own', 'ignored')).toEqual({ document: '{}', kind: 'trust' });
    expect(lintRequest('{}', 'trust', 'none', '')).toEqual({ document: '{}', kind: 'trust', brokerArn: '' });
    expect(lintRequest('{}', 'trust', 'other', ' arn:aws:iam::1:role/b ')).toEqual({
      document: '{}',
      kind: 'trust',
      brokerArn: 'arn:aws:iam::1:role/b',
    });
    expect(lintRequest('{}', 'identity', 'none', '')).toEqual({ document: '{}', kind: 'identity' });
  });
});
