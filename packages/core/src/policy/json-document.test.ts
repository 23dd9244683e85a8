import { describe, expect, it } from 'vitest';
import { formatJsonPath } from './json-document';

describe('formatJsonPath', () => {
  it('formats paths for people', () => {
    expect(formatJsonPath(['Statement', 0, 'Condition', 'StringEquals', 'aws:SourceIp', 1])).toBe(
      'Statement[0].Condition.StringEquals["aws:SourceIp"][1]',
    );
  });
});
