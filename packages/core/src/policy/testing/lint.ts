/** What the lint tests share: the broker, and policies written as values and linted as pretty JSON. */
import { lintPolicy } from '../lint-policy';

export const BROKER = 'arn:aws:iam::123456789012:role/gatehouse-broker';

export const lintJson = (policy: unknown, brokerArn: string | null = BROKER) =>
  lintPolicy(JSON.stringify(policy, null, 2), { brokerArn });

/** `severity:code` of each finding, in order. */
export const codesOf = (policy: unknown, brokerArn: string | null = BROKER) =>
  lintJson(policy, brokerArn).findings.map((f) => `${f.severity}:${f.code}`);

export const policyOf = (...statements: Array<Record<string, unknown>>) => ({
  Version: '2012-10-17',
  Statement: statements,
});

/** A statement that allows the broker sts:AssumeRole, with more elements (or another Action). */
export const allowBroker = (extra: Record<string, unknown> = {}) => ({
  Effect: 'Allow',
  Principal: { AWS: BROKER },
  Action: 'sts:AssumeRole',
  ...extra,
});
