/** A policy an administrator pastes: linted, and evaluated for a concrete request action by action. */
import { AppError } from '../shared/app-error';
import {
  brokerPrincipalFromArn,
  evaluatePolicy,
  lintPolicy,
  locateJsonPath,
  parsePolicyJson,
  readPolicy,
} from '../policy';
import type {
  ContextValue,
  Decision,
  JsonNode,
  LintResult,
  Policy,
  PolicyKind,
  RequestPrincipal,
  StatementTrace,
} from '../policy';
import { brokerIdentity } from './iam-access';
import type { OnboardingDeps } from './onboarding-deps';

export interface EvaluateInput {
  principalArn: string;
  actions: string[];
  resource?: string | null;
  sourceIdentity?: string | null;
  requestTags?: Record<string, string>;
  sourceIp?: string | null;
  mfaPresent?: boolean | null;
  context?: Record<string, string | string[]>;
  time?: string | null;
}

export interface StatementRef {
  index: number;
  sid: string | null;
  line: number;
}

export interface EvaluateResult {
  lint: LintResult;
  results: Array<{
    action: string;
    decision: Decision;
    deciding: StatementRef[];
    explanation: string;
    missingKeys: string[];
    statements: Array<StatementTrace & { line: number }>;
  }>;
}

/** Lints a pasted policy; trust policies are also checked against the broker's real request. */
export async function lintPasted(
  deps: OnboardingDeps,
  text: string,
  options: { kind?: PolicyKind; brokerArn?: string | null } = {},
): Promise<LintResult & { brokerArn: string | null }> {
  const kind = options.kind ?? 'trust';
  let brokerArn = options.brokerArn ?? null;
  if (options.brokerArn === undefined && kind === 'trust') {
    const { broker } = await brokerIdentity(deps);
    brokerArn = broker ? (broker.isRoleSession ? broker.arn : broker.principalArn) : null;
  }
  return { ...lintPolicy(text, { kind, brokerArn, now: deps.now() }), brokerArn };
}

/** The request's condition keys as IAM would see them. */
function requestContext(input: EvaluateInput): Record<string, ContextValue> {
  const context: Record<string, ContextValue> = { ...input.context };
  if (input.sourceIdentity) context['sts:SourceIdentity'] = input.sourceIdentity;
  const tags = Object.entries(input.requestTags ?? {});
  for (const [key, value] of tags) context[`aws:RequestTag/${key}`] = value;
  if (tags.length > 0) context['aws:TagKeys'] = tags.map(([key]) => key);
  if (input.sourceIp) context['aws:SourceIp'] = input.sourceIp;
  if (input.mfaPresent !== undefined && input.mfaPresent !== null)
    context['aws:MultiFactorAuthPresent'] = String(input.mfaPresent);
  return context;
}

function requestTime(deps: Pick<OnboardingDeps, 'now'>, time: string | null | undefined): Date {
  if (!time) return deps.now();
  const parsed = new Date(time);
  if (Number.isNaN(parsed.getTime())) {
    throw new AppError('validation', 'time must be an ISO 8601 date.', {
      fields: [{ field: 'time', reason: 'not a date' }],
    });
  }
  return parsed;
}

function evaluateAction(
  policy: Policy,
  root: JsonNode,
  action: string,
  request: {
    principal: RequestPrincipal;
    resource: string | null;
    context: Record<string, ContextValue>;
    at: Date;
  },
): EvaluateResult['results'][number] {
  const lineOf = (path: ReadonlyArray<string | number>) => locateJsonPath(root, path).start.line;
  const evaluation = evaluatePolicy(policy, {
    principal: request.principal,
    action,
    ...(request.resource ? { resource: request.resource } : {}),
    context: request.context,
    now: request.at,
  });
  return {
    action,
    decision: evaluation.decision,
    deciding: evaluation.deciding.map((index) => {
      const s = evaluation.statements.find((t) => t.index === index) as StatementTrace;
      return { index, sid: s.sid, line: lineOf(s.path) };
    }),
    explanation: evaluation.explanation,
    missingKeys: evaluation.missingKeys,
    statements: evaluation.statements.map((s) => ({ ...s, line: lineOf(s.path) })),
  };
}

/** Evaluates a pasted policy for a concrete request, action by action. */
export function evaluatePasted(
  deps: OnboardingDeps,
  text: string,
  input: EvaluateInput,
  kind: PolicyKind = 'trust',
): EvaluateResult {
  const lint = lintPolicy(text, { kind, now: deps.now() });
  const parsed = parsePolicyJson(text);
  if (!parsed.ok) return { lint, results: [] };
  const { policy, issues } = readPolicy(parsed.value);
  if (!policy || issues.some((i) => i.severity === 'error')) return { lint, results: [] };
  const p = brokerPrincipalFromArn(input.principalArn);
  const request = {
    principal: {
      type: 'AWS',
      arn: p.principalArn,
      ...(p.sessionArn ? { sessionArn: p.sessionArn } : {}),
    } as RequestPrincipal,
    resource: input.resource ?? null,
    context: requestContext(input),
    at: requestTime(deps, input.time),
  };
  return {
    lint,
    results: input.actions.map((action) => evaluateAction(policy, parsed.root, action, request)),
  };
}
