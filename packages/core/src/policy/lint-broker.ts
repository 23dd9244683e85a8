/**
 * Lint rules for whether Gatehouse itself gets in: the broker needs sts:AssumeRole,
 * sts:SetSourceIdentity and sts:TagSession, and no Deny in its way. Decided by checkBrokerTrust,
 * reported here at the statement to change, with the edit when it is obvious.
 */
import { BROKER_ACTIONS, brokerPrincipalFromArn } from './check-broker-trust';
import type { BrokerTrustCheck } from './check-broker-trust';
import { locateJsonPath } from './json-document';
import type { JsonNode, TextEdit } from './json-document';
import type { AddFinding } from './lint-context';
import { statementLabel } from './model';
import type { IssueSeverity, Policy, PolicyStatement } from './model';

/** Replaces the Action value of a statement so that it also lists `missing`. */
function addActionsFix(root: JsonNode, text: string, s: PolicyStatement, missing: string[]): TextEdit | null {
  if (!s.action) return null;
  const range = locateJsonPath(root, [...s.path, 'Action']);
  const current = text.slice(range.start.offset, range.end.offset);
  if (!current.startsWith('"') && !current.startsWith('[')) return null;
  const list = [...s.action, ...missing];
  return {
    offset: range.start.offset,
    deleteCount: range.end.offset - range.start.offset,
    insert: `[${list.map((a) => JSON.stringify(a)).join(', ')}]`,
  };
}

export function lintBroker(
  policy: Policy,
  check: BrokerTrustCheck,
  brokerArn: string,
  root: JsonNode,
  text: string,
  add: AddFinding,
): void {
  const byAction = new Map(check.actions.map((a) => [a.action, a]));
  const assume = byAction.get('sts:AssumeRole');
  const severity: IssueSeverity = check.unverifiable ? 'warning' : 'error';
  const unverifiableNote = check.unverifiable
    ? ` Whether it applies depends on ${check.unknowableKeys.join(', ')}, which Gatehouse cannot check for its own calls.`
    : '';

  for (const a of check.actions) {
    if (a.decision !== 'explicit_deny') continue;
    for (const index of a.deciding) {
      const s = policy.statements.find((st) => st.index === index);
      if (!s) continue;
      add(
        severity,
        'deny_blocks_broker',
        s.path,
        `${statementLabel(s, 'Statement')} denies ${a.action} to the broker (${brokerArn}), so Gatehouse cannot issue sessions for this role.${unverifiableNote}`,
        'Narrow the Deny (for example with a condition the broker does not meet), or exclude the broker from it.',
      );
    }
  }
  if (assume && assume.decision === 'implicit_deny') {
    add(
      severity,
      'broker_not_trusted',
      [],
      `The policy does not let the broker (${brokerArn}) assume the role. ${assume.explanation}${unverifiableNote}`,
      `Add a statement that allows ${BROKER_ACTIONS.join(', ')} to "Principal": { "AWS": "${brokerPrincipalFromArn(brokerArn).principalArn}" } (Gatehouse generates it).`,
    );
    return;
  }
  if (!assume || assume.decision !== 'allow') return;
  const allowing = policy.statements.find((s) => s.index === assume.deciding[0]);
  const missing = check.actions.filter((a) => a.decision === 'implicit_deny').map((a) => a.action);
  for (const action of missing) {
    const why =
      action === 'sts:SetSourceIdentity'
        ? 'Gatehouse sets SourceIdentity to the user on every AssumeRole (it follows the session into CloudTrail), so AWS refuses the call without it.'
        : 'Gatehouse passes session tags (gatehouse:user, gatehouse:mfa, …) on every AssumeRole, so AWS refuses the call without it.';
    add(
      severity,
      action === 'sts:SetSourceIdentity'
        ? 'broker_missing_set_source_identity'
        : 'broker_missing_tag_session',
      allowing ? [...allowing.path, 'Action'] : [],
      `The broker may call sts:AssumeRole but not ${action}. ${why}${unverifiableNote}`,
      allowing
        ? `Add "${action}" to the Action of ${statementLabel(allowing, 'Statement')}.`
        : `Allow "${action}" for the broker.`,
      'value',
      allowing ? addActionsFix(root, text, allowing, missing) : null,
    );
  }
}
