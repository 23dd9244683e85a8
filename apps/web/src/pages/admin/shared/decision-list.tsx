/** What IAM's policy evaluation decided for each action the broker needs, and why. */
import Box from '@cloudscape-design/components/box';
import StatusIndicator from '@cloudscape-design/components/status-indicator';
import { useI18n } from '../../../i18n';
import type { MessageKey } from '../../../i18n';

const DECISIONS: Record<string, MessageKey> = {
  allow: 'admin.roles.decision.allow',
  explicit_deny: 'admin.roles.decision.explicitDeny',
  implicit_deny: 'admin.roles.decision.implicitDeny',
};

export function DecisionList({
  actions,
}: {
  actions: ReadonlyArray<{ action: string; decision: string; explanation: string }>;
}) {
  const { t } = useI18n();
  return (
    <ul>
      {actions.map((a) => (
        <li key={a.action}>
          <Box variant="code">{a.action}</Box>{' '}
          <StatusIndicator type={a.decision === 'allow' ? 'success' : 'error'}>
            {t(DECISIONS[a.decision] ?? 'admin.roles.decision.implicitDeny')}
          </StatusIndicator>{' '}
          <Box variant="small" display="inline">
            {a.explanation}
          </Box>
        </li>
      ))}
    </ul>
  );
}
