/**
 * Lint rules for conditions: keys that a request never carries (so the condition silently never
 * matches), operators that compare a key as the wrong type, set operators on the wrong kind of key,
 * values the operator cannot read, and conditions that keep the broker out.
 */
import { parseCidr } from '../broker/source-cidrs';
import type { LintContext } from './lint-context';
import { parseNumeric, parsePolicyDate } from './match';
import { CURRENT_POLICY_VERSION } from './model';
import type { ConditionClause, PolicyKind, PolicyStatement } from './model';

type KeyType = 'string' | 'arn' | 'ip' | 'bool' | 'date' | 'numeric';
interface KeySpec {
  type: KeyType;
  multi?: boolean;
}

/**
 * Global and STS condition keys (names lower-cased) by the type of their value, from AWS's
 * condition key reference.
 */
const KEYS_BY_TYPE: Record<KeyType, readonly string[]> = {
  string: [
    'aws:calledvia',
    'aws:calledviafirst',
    'aws:calledvialast',
    'aws:federatedprovider',
    'aws:principalaccount',
    'aws:principalorgid',
    'aws:principalorgpaths',
    'aws:principalservicename',
    'aws:principalservicenameslist',
    'aws:principaltype',
    'aws:referer',
    'aws:requestedregion',
    'aws:resourceaccount',
    'aws:resourceorgid',
    'aws:resourceorgpaths',
    'aws:sourceaccount',
    'aws:sourceidentity',
    'aws:sourceorgid',
    'aws:sourceorgpaths',
    'aws:sourcevpc',
    'aws:sourcevpce',
    'aws:tagkeys',
    'aws:useragent',
    'aws:userid',
    'aws:username',
    'aws:ec2instancesourcevpc',
    'sts:awsservicename',
    'sts:externalid',
    'sts:rolesessionname',
    'sts:sourceidentity',
    'sts:transitivetagkeys',
    'sts:requestcontext',
  ],
  arn: ['aws:principalarn', 'aws:sourcearn', 'aws:sourcevpcarn', 'sts:requestcontextproviders'],
  ip: ['aws:sourceip', 'aws:vpcsourceip', 'aws:ec2instancesourceprivateipv4'],
  bool: [
    'aws:multifactorauthpresent',
    'aws:principalisawsservice',
    'aws:securetransport',
    'aws:viaawsservice',
  ],
  date: ['aws:currenttime', 'aws:epochtime', 'aws:tokenissuetime'],
  numeric: ['aws:multifactorauthage', 'sts:durationseconds'],
};
/** Of those, the keys that can hold several values in one request. */
const MULTIVALUED_KEYS = [
  'aws:calledvia',
  'aws:principalorgpaths',
  'aws:principalservicenameslist',
  'aws:resourceorgpaths',
  'aws:sourceorgpaths',
  'aws:tagkeys',
  'sts:transitivetagkeys',
  'sts:requestcontextproviders',
];
// A Map, not an object: a condition key named `constructor` or `__proto__` must find nothing.
const KNOWN_KEYS = new Map<string, KeySpec>(
  (Object.entries(KEYS_BY_TYPE) as Array<[KeyType, readonly string[]]>).flatMap(([type, keys]) =>
    keys.map((key): [string, KeySpec] => [
      key,
      MULTIVALUED_KEYS.includes(key) ? { type, multi: true } : { type },
    ]),
  ),
);
const TAG_KEY_PREFIXES = ['aws:principaltag/', 'aws:requesttag/', 'aws:resourcetag/'];

const FAMILY_OF_TYPE: Record<KeyType, string[]> = {
  string: ['string', 'arn'],
  arn: ['arn', 'string'],
  ip: ['ip'],
  bool: ['bool'],
  date: ['date', 'numeric'],
  numeric: ['numeric'],
};

const OPERATOR_FOR_TYPE: Record<KeyType, string> = {
  string: 'StringEquals / StringLike',
  arn: 'ArnEquals / ArnLike',
  ip: 'IpAddress / NotIpAddress',
  bool: 'Bool',
  date: 'DateLessThan / DateGreaterThan',
  numeric: 'NumericLessThan / NumericGreaterThan',
};

function keySpec(key: string): KeySpec | null | 'provider' {
  const lower = key.toLowerCase();
  const known = KNOWN_KEYS.get(lower);
  if (known) return known;
  if (TAG_KEY_PREFIXES.some((p) => lower.startsWith(p) && lower.length > p.length)) return { type: 'string' };
  const prefix = lower.split(':')[0] ?? '';
  // saml:*, and web identity keys named after the provider (accounts.google.com:aud, …).
  if (prefix === 'saml' || (prefix.includes('.') && lower.includes(':'))) return 'provider';
  return null;
}

const MULTI_HINT = 'Use ForAnyValue: or ForAllValues: with a multivalued key.';

export function lintConditions(
  s: PolicyStatement,
  kind: PolicyKind,
  version: string | null,
  ctx: LintContext,
): void {
  const { add } = ctx;
  for (const c of s.conditions) {
    const spec = keySpec(c.key);
    const keyPath = c.path;
    if (spec === null) {
      const lower = c.key.toLowerCase();
      const serviceKey = !lower.startsWith('aws:') && !lower.startsWith('sts:');
      if (!(serviceKey && kind === 'identity')) {
        add(
          'warning',
          'condition_key_unknown',
          keyPath,
          serviceKey
            ? `Condition key "${c.key}" is not available in AssumeRole requests, so this condition never sees a value.`
            : `Unknown condition key "${c.key}": a misspelt key is simply absent, so the condition silently never matches (or always does, for negated operators).`,
          null,
          'key',
        );
      }
    } else if (spec !== 'provider') {
      if (c.family && !FAMILY_OF_TYPE[spec.type].includes(c.family) && c.family !== 'null') {
        add(
          'warning',
          'condition_operator_mismatch',
          keyPath,
          `${c.key} holds ${spec.type === 'ip' ? 'an IP address' : `a ${spec.type}`} value; ${c.base} compares it as ${c.family}.`,
          `Use ${OPERATOR_FOR_TYPE[spec.type]}.`,
          'key',
        );
      }
      if (spec.multi && !c.qualifier && c.family !== 'null') {
        add(
          'warning',
          'multivalued_key_without_set_operator',
          keyPath,
          `${c.key} can hold several values in one request.`,
          MULTI_HINT,
          'key',
        );
      }
      if (!spec.multi && c.qualifier) {
        add(
          'warning',
          'set_operator_on_single_valued_key',
          keyPath,
          `${c.qualifier} on the single-valued key ${c.key} can make the policy more permissive than it reads.`,
          `Use ${c.operator.replace(`${c.qualifier}:`, '')}.`,
          'key',
        );
      }
    }
    if (c.qualifier === 'ForAllValues' && !c.negated && s.effect === 'Allow') {
      add(
        'warning',
        'for_all_values_allow',
        keyPath,
        `ForAllValues is also true when the request has no ${c.key} at all, so this Allow applies to requests without it.`,
        `Add "Null": { "${c.key}": "false" } to require the key.`,
        'key',
      );
    }
    lintConditionValues(c, ctx);
    if (
      kind === 'trust' &&
      c.key.toLowerCase() === 'aws:multifactorauthpresent' &&
      s.effect === 'Allow' &&
      c.values.some((v) => v.toLowerCase() === 'true')
    ) {
      add(
        'warning',
        'mfa_condition_blocks_broker',
        keyPath,
        'Gatehouse calls AssumeRole with its own credentials, which carry no AWS MFA, so this condition keeps the broker out.',
        'Gatehouse checks every user\'s TOTP itself and sets the session tag gatehouse:mfa=true: require "StringEquals": { "aws:RequestTag/gatehouse:mfa": "true" } instead.',
        'key',
      );
    }
    if (version !== CURRENT_POLICY_VERSION && c.values.some((v) => v.includes('${'))) {
      add(
        'warning',
        'policy_variable_without_version',
        keyPath,
        `Policy variables are only substituted with "Version": "2012-10-17"; here "\${" is literal text.`,
      );
    }
  }
}

function lintConditionValues(c: ConditionClause, ctx: LintContext): void {
  const { add, listPath } = ctx;
  c.values.forEach((v, i) => {
    const path = listPath(c.path, i);
    const never = 'the condition can never match it';
    switch (c.family) {
      case 'ip': {
        const parsed = parseCidr(v);
        if (!parsed.ok) {
          add(
            'error',
            'condition_value_invalid',
            path,
            `"${v}" is not an IP address or CIDR range (${parsed.reason}); ${never}.`,
            /x/i.test(v)
              ? 'This looks like a placeholder from an example: put your real address range, e.g. 203.0.113.0/24.'
              : null,
          );
        }
        break;
      }
      case 'date':
        if (parsePolicyDate(v) === null) {
          add(
            'error',
            'condition_value_invalid',
            path,
            `"${v}" is not a date: use ISO 8601 (2026-01-31T09:00:00Z) or epoch seconds.`,
          );
        }
        break;
      case 'numeric':
        if (parseNumeric(v) === null) {
          add('error', 'condition_value_invalid', path, `"${v}" is not a number; ${never}.`);
        }
        break;
      case 'bool':
      case 'null':
        if (v.toLowerCase() !== 'true' && v.toLowerCase() !== 'false') {
          add('error', 'condition_value_invalid', path, `${c.base} takes "true" or "false", not "${v}".`);
        }
        break;
      case 'arn':
        if (v !== '*' && v.split(':').length < 6) {
          add(
            'warning',
            'condition_value_not_arn',
            path,
            `"${v}" is not an ARN; ${c.base} compares the six ARN fields.`,
          );
        } else if (v !== '*') {
          const account = v.split(':')[4] ?? '';
          if (account !== '' && !/^(\d{12}|[*?]+)$/.test(account) && !account.includes('${')) {
            add(
              'warning',
              'condition_value_account_invalid',
              path,
              `The account "${account}" in ${v} is not a 12-digit AWS account id, so this value matches nothing.`,
              'This looks like a placeholder from an example: put the real account id.',
            );
          }
        }
        break;
      default:
        break;
    }
  });
}
