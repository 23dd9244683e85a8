/**
 * What IAM says about the role: does it exist, does its trust policy let the broker in (with
 * SourceIdentity and session tags), how long can sessions really last, which revocations are in
 * place; with the fixed trust policy to paste when something is wrong.
 */
import { useMutation } from '@tanstack/react-query';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import ExpandableSection from '@cloudscape-design/components/expandable-section';
import KeyValuePairs from '@cloudscape-design/components/key-value-pairs';
import SpaceBetween from '@cloudscape-design/components/space-between';
import Spinner from '@cloudscape-design/components/spinner';
import StatusIndicator from '@cloudscape-design/components/status-indicator';
import type { StatusIndicatorProps } from '@cloudscape-design/components/status-indicator';
import type { RoleHealthList, RoleHealthReportSchema } from '@gatehouse/contracts';
import { post } from '../../../api';
import { CodeBlock } from '../../../components/code-block';
import { Panel } from '../../../components/panel';
import { useI18n } from '../../../i18n';
import { DecisionList } from '../shared/decision-list';
import { ApiErrorAlert } from '../shared/errors';
import { RouterLink, useAdminPath } from '../shared/nav';
import { useInvalidateAdmin, useRoleHealth } from '../shared/queries';
import { RoleHealthStatus } from './role-health-status';

const SEVERITY: Record<RoleHealthReportSchema['findings'][number]['severity'], StatusIndicatorProps.Type> = {
  error: 'error',
  warning: 'warning',
  info: 'info',
};

export function RoleHealthPanel({ roleId }: { roleId: string }) {
  const { t, formatDateTime, formatDuration } = useI18n();
  const invalidate = useInvalidateAdmin();
  const adminPath = useAdminPath();
  const health = useRoleHealth(roleId);
  const check = useMutation({
    mutationFn: () => post<RoleHealthList>('/api/admin/role-health/refresh', { roleIds: [roleId] }),
    onSuccess: () => invalidate(),
  });
  const entry = health.data;
  const report = entry?.report ?? null;
  const yesNo = (value: boolean | null) =>
    value === null
      ? t('admin.roles.health.notKnown')
      : value
        ? t('admin.roles.health.yes')
        : t('admin.roles.health.no');

  return (
    <Panel
      title={t('admin.roles.health.title')}
      description={t('admin.roles.health.description')}
      actions={
        <Button onClick={() => check.mutate()} loading={check.isPending}>
          {t('admin.roles.health.check')}
        </Button>
      }
    >
      <SpaceBetween size="m">
        <ApiErrorAlert error={check.error} onDismiss={() => check.reset()} />
        {health.isPending ? (
          <Spinner />
        ) : health.isError ? (
          <ApiErrorAlert error={health.error} />
        ) : (
          <SpaceBetween size="m">
            <SpaceBetween direction="horizontal" size="s" alignItems="center">
              <RoleHealthStatus status={health.data.status} />
              <Box color="text-body-secondary">
                {health.data.checkedAt
                  ? t('admin.roles.health.checkedAt', { at: formatDateTime(health.data.checkedAt) })
                  : t('admin.roles.health.neverChecked')}
              </Box>
            </SpaceBetween>
            {report ? (
              <SpaceBetween size="m">
                <KeyValuePairs
                  columns={3}
                  items={[
                    { label: t('admin.roles.health.exists'), value: yesNo(report.exists) },
                    {
                      label: t('admin.roles.health.trusted'),
                      value: report.trust ? (
                        <SpaceBetween size="xxxs">
                          <span>
                            {report.trust.unverifiable
                              ? t('admin.roles.health.notKnown')
                              : yesNo(report.trust.trusted)}
                          </span>
                          <Box variant="small">{report.trust.explanation}</Box>
                        </SpaceBetween>
                      ) : (
                        t('admin.roles.health.notKnown')
                      ),
                    },
                    {
                      label: t('admin.roles.health.sessionLimit'),
                      value: (
                        <SpaceBetween size="xxxs">
                          <span>{formatDuration(report.sessionLimit.maxSeconds)}</span>
                          <Box variant="small">{report.sessionLimit.explanation}</Box>
                        </SpaceBetween>
                      ),
                    },
                    {
                      label: t('admin.roles.health.iamMaxSession'),
                      value: report.iam ? formatDuration(report.iam.maxSessionSeconds) : '—',
                    },
                    { label: t('admin.roles.health.broker'), value: report.brokerPrincipalArn ?? '—' },
                    { label: t('admin.roles.health.checkedAs'), value: report.checkedAs ?? '—' },
                  ]}
                />
                {report.iam ? (
                  <RouterLink href={adminPath(`policy-linter?roleId=${encodeURIComponent(roleId)}`)}>
                    {t('admin.roles.health.lintLink')}
                  </RouterLink>
                ) : null}
                {report.trust && report.trust.actions.length > 0 ? (
                  <SpaceBetween size="xxs">
                    <Box variant="h4">{t('admin.roles.health.actions')}</Box>
                    <DecisionList actions={report.trust.actions} />
                  </SpaceBetween>
                ) : null}
                {report.findings.length > 0 ? (
                  <SpaceBetween size="xxs">
                    <Box variant="h4">{t('admin.roles.health.findings')}</Box>
                    <ul>
                      {report.findings.map((f, i) => (
                        <li key={`${f.code}-${i}`}>
                          <StatusIndicator type={SEVERITY[f.severity]}>{f.message}</StatusIndicator>
                          {f.fix ? <Box variant="small">{f.fix}</Box> : null}
                        </li>
                      ))}
                    </ul>
                  </SpaceBetween>
                ) : null}
                {report.revocations &&
                (report.revocations.roleWide || report.revocations.users.length > 0) ? (
                  <SpaceBetween size="xxs">
                    <Box variant="h4">{t('admin.roles.health.revocations')}</Box>
                    <ul>
                      {report.revocations.roleWide ? (
                        <li>
                          {t('admin.roles.health.roleWideCutoff', {
                            at: formatDateTime(report.revocations.roleWide),
                          })}
                        </li>
                      ) : null}
                      {report.revocations.users.map((u) => (
                        <li key={u.sourceIdentity}>
                          {t('admin.roles.health.userCutoff', {
                            identity: u.sourceIdentity,
                            at: formatDateTime(u.cutoff),
                          })}
                        </li>
                      ))}
                    </ul>
                  </SpaceBetween>
                ) : null}
                {report.fix ? (
                  <ExpandableSection
                    headerText={t('admin.roles.health.fix')}
                    variant="footer"
                    defaultExpanded
                  >
                    <SpaceBetween size="s">
                      <CodeBlock text={report.fix.trustPolicy} label={t('admin.roles.health.fixPolicy')} />
                      <CodeBlock text={report.fix.awsCli} label={t('admin.roles.health.fixCli')} />
                    </SpaceBetween>
                  </ExpandableSection>
                ) : null}
              </SpaceBetween>
            ) : null}
          </SpaceBetween>
        )}
      </SpaceBetween>
    </Panel>
  );
}
