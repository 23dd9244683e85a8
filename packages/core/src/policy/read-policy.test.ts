import { describe, expect, it } from 'vitest';
import { readPolicy } from './read-policy';
import { A } from './testing/principals';
import { seedPolicy } from './testing/seed-policies';

describe('readPolicy', () => {
  it('reports structural problems with their path', () => {
    const { issues } = readPolicy({
      Version: '2012-10-17',
      Statement: [{ Effect: 'allow', Principal: { aws: A }, Actions: 'sts:AssumeRole', Sid: 'has space' }],
    });
    expect(issues.map((i) => [i.code, i.path.join('.')])).toEqual([
      ['unknown_statement_key', 'Statement.0.Actions'],
      ['sid_invalid', 'Statement.0.Sid'],
      ['effect_invalid', 'Statement.0.Effect'],
      ['principal_type_unknown', 'Statement.0.Principal.aws'],
      ['action_missing', 'Statement.0'],
    ]);
    expect(issues.find((i) => i.code === 'effect_invalid')?.hint).toBe(
      'Effect is case-sensitive: write "Allow".',
    );
    expect(issues.find((i) => i.code === 'unknown_statement_key')?.hint).toBe(
      'Element names are case-sensitive and singular: write "Action".',
    );
  });

  it('recognises the output of aws sts assume-role', () => {
    const { policy, issues } = readPolicy(JSON.parse(seedPolicy('assumeRoleOutput').text));
    expect(policy).toBeNull();
    expect(issues.find((i) => i.code === 'unknown_top_level_key')?.hint).toBe(
      'This is the output of `aws sts assume-role` (temporary credentials), not a policy.',
    );
  });
});
