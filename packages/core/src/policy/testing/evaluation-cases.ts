/**
 * What the evaluation cases (element-cases.ts, condition-cases.ts) are written with besides the
 * principals: the usual policy shapes, requests, and the seed examples as evaluate-policy.test.ts
 * reads them.
 */
import type { Decision } from '../evaluate-policy';
import { applyEdit } from '../json-document';
import { lintPolicy } from '../lint-policy';
import type { EvaluationRequest, RequestPrincipal } from '../model';
import { A, B } from './principals';
import { seedPolicy } from './seed-policies';

/** A seed example as written; a broken one with the linter's own fix applied first. */
export function seedText(name: string): string {
  let text = seedPolicy(name).text;
  for (let i = 0; i < 3; i++) {
    const fix = lintPolicy(text).findings.find((f) => f.code.startsWith('json_'))?.fix;
    if (!fix) break;
    text = applyEdit(text, fix);
  }
  return text;
}

/** A policy as JSON text (the seed examples) or as a value. */
export type PolicyInput = string | Record<string, unknown>;

export function trust(statement: Record<string, unknown> | Array<Record<string, unknown>>): PolicyInput {
  return { Version: '2012-10-17', Statement: statement };
}

export const rootTrust = (extra: Record<string, unknown> = {}) =>
  trust({
    Effect: 'Allow',
    Principal: { AWS: `arn:aws:iam::${A}:root` },
    Action: 'sts:AssumeRole',
    ...extra,
  });

export const assume = (
  principal: RequestPrincipal,
  context: EvaluationRequest['context'] = {},
  now?: Date,
) => ({
  principal,
  action: 'sts:AssumeRole',
  context,
  ...(now ? { now } : {}),
});

/** A request on a resource, as identity-based policies are asked. */
export const onResource = (
  principal: RequestPrincipal,
  action: string,
  resource: string,
  context?: EvaluationRequest['context'],
): EvaluationRequest => ({ principal, action, resource, ...(context ? { context } : {}) });

export const ipDeny = (cidr: string) => ({
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'AllowAssumeRole',
      Effect: 'Allow',
      Action: 'sts:AssumeRole',
      Resource: `arn:aws:iam::${B}:role/Admin`,
    },
    {
      Sid: 'SourceIPRestriction',
      Effect: 'Deny',
      Action: '*',
      Resource: '*',
      Condition: { NotIpAddress: { 'aws:SourceIp': [cidr] } },
    },
  ],
});

export interface Case {
  rule: string;
  policy: PolicyInput;
  request: EvaluationRequest;
  expected: Decision;
  /** Indexes of the statements that decided. */
  deciding?: number[];
  /** Error-level reading issues the case is about (IAM itself would reject such a policy). */
  allowIssues?: string[];
}

/** Cases that ask one policy several questions. */
export function withPolicy(policy: PolicyInput, cases: Array<Omit<Case, 'policy'>>): Case[] {
  return cases.map((c) => ({ ...c, policy }));
}
