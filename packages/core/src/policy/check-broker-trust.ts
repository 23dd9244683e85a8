/**
 * Whether a trust policy lets the broker in, asked exactly as the broker asks AWS: AssumeRole
 * with a SourceIdentity and session tags, which AWS authorises as three actions
 * (sts:AssumeRole, sts:SetSourceIdentity, sts:TagSession), each of which the trust policy must allow.
 */
import { sessionTagsFor, sourceIdentityFor, transitiveTagKeysOf } from '../broker/aws-names';
import { evaluatePolicy } from './evaluate-policy';
import type { Decision, Evaluation } from './evaluate-policy';
import type { Policy, RequestPrincipal } from './model';

export const BROKER_ACTIONS = ['sts:AssumeRole', 'sts:SetSourceIdentity', 'sts:TagSession'] as const;
export type BrokerAction = (typeof BROKER_ACTIONS)[number];

/**
 * Keys a trust policy may test that Gatehouse cannot know for the broker's real call (where the
 * request comes from, the broker's own tags and organisation): a decision that depends on them is
 * reported as unverifiable rather than as a failure.
 */
export const UNKNOWABLE_KEYS = [
  'aws:SourceIp',
  'aws:SourceVpc',
  'aws:SourceVpce',
  'aws:SourceVpcArn',
  'aws:VpcSourceIp',
  'aws:PrincipalOrgID',
  'aws:PrincipalOrgPaths',
  'aws:userid',
  'aws:UserAgent',
  'aws:RequestedRegion',
  'aws:Ec2InstanceSourceVpc',
  'aws:Ec2InstanceSourcePrivateIPv4',
] as const;

const UNKNOWABLE = new Set(UNKNOWABLE_KEYS.map((k) => k.toLowerCase()));

function isUnknowable(key: string): boolean {
  const lower = key.toLowerCase();
  return UNKNOWABLE.has(lower) || lower.startsWith('aws:principaltag/');
}

/** A stand-in user for checks that are about the role rather than one person. */
const SAMPLE_USER = { id: '00000000-0000-4000-8000-000000000000', username: 'gatehouse-user' };

export interface BrokerPrincipal {
  /** What a trust policy must name: the IAM user ARN, or the underlying role ARN of a role session. */
  principalArn: string;
  /** The assumed-role session ARN when the broker runs on role credentials. */
  sessionArn?: string | null;
}

/** Accepts a role, user or assumed-role session ARN and returns what the evaluator needs. */
export function brokerPrincipalFromArn(arn: string): BrokerPrincipal {
  const session = /^arn:([^:]+):sts::(\d{12}):assumed-role\/(?:.*\/)?([^/]+)\/([^/]+)$/.exec(arn);
  if (session) {
    return { principalArn: `arn:${session[1]}:iam::${session[2]}:role/${session[3]}`, sessionArn: arn };
  }
  return { principalArn: arn };
}

export interface BrokerActionCheck {
  action: BrokerAction;
  decision: Decision;
  deciding: number[];
  explanation: string;
  evaluation: Evaluation;
}

export interface BrokerTrustCheck {
  /** All three actions are allowed. */
  trusted: boolean;
  /** Not allowed only because of keys Gatehouse cannot know (source IP, organisation…). */
  unverifiable: boolean;
  actions: BrokerActionCheck[];
  /** Keys the policy tests that the broker's request does not carry. */
  missingKeys: string[];
  unknowableKeys: string[];
  explanation: string;
}

/** The condition keys of the broker's AssumeRole, as AWS sees them. */
export function brokerRequestContext(
  user: { id: string; username: string } = SAMPLE_USER,
  via: 'console' | 'cli_login' = 'console',
): Record<string, string | readonly string[]> {
  const tags = sessionTagsFor({
    username: user.username,
    userId: user.id,
    mfa: true,
    grantId: '00000000-0000-4000-8000-000000000001',
    via: via === 'console' ? 'console' : 'cli',
    // Credentials through a CLI login carry one more tag, the login's id.
    ...(via === 'cli_login' ? { loginId: '00000000-0000-4000-8000-000000000002' } : {}),
  });
  const context: Record<string, string | readonly string[]> = {
    'sts:SourceIdentity': sourceIdentityFor(user.id),
    'sts:RoleSessionName': user.username,
    'aws:SecureTransport': 'true',
    'aws:TagKeys': tags.map((t) => t.key),
    'sts:TransitiveTagKeys': transitiveTagKeysOf(tags),
  };
  for (const tag of tags) context[`aws:RequestTag/${tag.key}`] = tag.value;
  return context;
}

/**
 * A refusal Gatehouse cannot confirm: the Deny that applies does so only through a key absent
 * here, or an Allow would apply but for conditions on such keys.
 */
function hingesOnUnknowable(evaluation: Evaluation): boolean {
  const onUnknowable = (c: { key: string }) => isUnknowable(c.key) && evaluation.missingKeys.includes(c.key);
  if (evaluation.decision === 'explicit_deny') {
    return evaluation.statements
      .filter((s) => evaluation.deciding.includes(s.index))
      .every((s) => s.conditions.some(onUnknowable));
  }
  return evaluation.statements.some(
    (s) =>
      s.effect === 'Allow' &&
      s.principal !== 'no_match' &&
      s.action === 'match' &&
      s.resource !== 'no_match' &&
      s.conditions.some((c) => c.result !== true) &&
      s.conditions.filter((c) => c.result !== true).every(onUnknowable),
  );
}

export function checkBrokerTrust(
  policy: Policy,
  broker: BrokerPrincipal,
  options: { now?: Date; user?: { id: string; username: string } } = {},
): BrokerTrustCheck {
  const principal: RequestPrincipal = {
    type: 'AWS',
    arn: broker.principalArn,
    ...(broker.sessionArn ? { sessionArn: broker.sessionArn } : {}),
  };
  const evaluateAll = (context: Record<string, string | readonly string[]>) =>
    BROKER_ACTIONS.map((action): BrokerActionCheck => {
      const evaluation = evaluatePolicy(policy, {
        principal,
        action,
        context,
        ...(options.now ? { now: options.now } : {}),
      });
      return {
        action,
        decision: evaluation.decision,
        deciding: evaluation.deciding,
        explanation: evaluation.explanation,
        evaluation,
      };
    });
  // The portal's request, and a CLI login's (one more tag): the role must take both.
  const cli = evaluateAll(brokerRequestContext(options.user, 'cli_login'));
  const actions = evaluateAll(brokerRequestContext(options.user)).map((portal, i) => {
    const viaLogin = cli[i] as BrokerActionCheck;
    if (portal.decision !== 'allow' || viaLogin.decision === 'allow') return portal;
    return {
      ...viaLogin,
      explanation: `For credentials through a CLI login (which also send the tag gatehouse:login): ${viaLogin.explanation}`,
    };
  });
  const missingKeys = [...new Set(actions.flatMap((a) => a.evaluation.missingKeys))].sort();
  const unknowableKeys = missingKeys.filter(isUnknowable);
  const trusted = actions.every((a) => a.decision === 'allow');
  const unverifiable =
    !trusted && actions.every((a) => a.decision === 'allow' || hingesOnUnknowable(a.evaluation));
  const refused = actions.filter((a) => a.decision !== 'allow');
  const explanation = trusted
    ? `The trust policy lets ${broker.principalArn} call ${BROKER_ACTIONS.join(', ')}.`
    : refused.map((a) => a.explanation).join(' ') +
      (unverifiable
        ? ` The outcome depends on ${unknowableKeys.join(', ')}, which Gatehouse cannot know for its own calls.`
        : '');
  return { trusted, unverifiable, actions, missingKeys, unknowableKeys, explanation };
}
