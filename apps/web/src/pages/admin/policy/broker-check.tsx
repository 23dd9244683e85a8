/** Whether the pasted trust policy lets the broker in, with each action it needs. */
import Box from '@cloudscape-design/components/box';
import Container from '@cloudscape-design/components/container';
import Header from '@cloudscape-design/components/header';
import SpaceBetween from '@cloudscape-design/components/space-between';
import StatusIndicator from '@cloudscape-design/components/status-indicator';
import type { PolicyLintResponse } from '@gatehouse/contracts';
import { useI18n } from '../../../i18n';
import { DecisionList } from '../shared/decision-list';

export function BrokerCheck({
  broker,
  brokerArn,
}: {
  broker: NonNullable<PolicyLintResponse['broker']>;
  brokerArn: string | null;
}) {
  const { t } = useI18n();
  return (
    <Container
      header={
        <Header variant="h2" description={brokerArn ?? undefined}>
          {t('admin.lint.broker.title')}
        </Header>
      }
    >
      <SpaceBetween size="xs">
        {broker.unverifiable ? (
          <StatusIndicator type="info">{t('admin.lint.broker.unverifiable')}</StatusIndicator>
        ) : broker.trusted ? (
          <StatusIndicator type="success">{t('admin.lint.broker.trusted')}</StatusIndicator>
        ) : (
          <StatusIndicator type="error">{t('admin.lint.broker.notTrusted')}</StatusIndicator>
        )}
        <Box variant="p">{broker.explanation}</Box>
        <DecisionList actions={broker.actions} />
      </SpaceBetween>
    </Container>
  );
}
