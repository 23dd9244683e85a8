/** What the linter found: the verdict, counts by severity, and each finding with its place and fix. */
import Alert from '@cloudscape-design/components/alert';
import Badge from '@cloudscape-design/components/badge';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import Container from '@cloudscape-design/components/container';
import Header from '@cloudscape-design/components/header';
import SpaceBetween from '@cloudscape-design/components/space-between';
import StatusIndicator from '@cloudscape-design/components/status-indicator';
import type { StatusIndicatorProps } from '@cloudscape-design/components/status-indicator';
import type { PolicyFindingSchema, PolicyLintResponse } from '@gatehouse/contracts';
import { useI18n } from '../../../i18n';
import type { MessageKey } from '../../../i18n';
import { ApiErrorAlert } from '../shared/errors';
import type { Severity } from './policy-model';

export const LOOK: Record<Severity, { type: StatusIndicatorProps.Type; label: MessageKey }> = {
  error: { type: 'error', label: 'admin.lint.severity.error' },
  danger: { type: 'error', label: 'admin.lint.severity.danger' },
  warning: { type: 'warning', label: 'admin.lint.severity.warning' },
  info: { type: 'info', label: 'admin.lint.severity.info' },
};

export function FindingsPanel({
  summaryId,
  empty,
  lint,
  result,
  findings,
  current,
  onSelect,
  onApplyFix,
}: {
  /** The editor is described by this summary. */
  summaryId: string;
  /** Nothing typed yet. */
  empty: boolean;
  lint: { isFetching: boolean; isError: boolean; error: unknown };
  result: PolicyLintResponse | undefined;
  /** The result's findings, in reading order. */
  findings: readonly PolicyFindingSchema[];
  /** Whether the result is of the text on screen: positions and fixes apply only then. */
  current: boolean;
  onSelect: (finding: PolicyFindingSchema) => void;
  onApplyFix: (finding: PolicyFindingSchema) => void;
}) {
  const { t, formatNumber } = useI18n();
  return (
    <Container
      header={
        <Header
          variant="h2"
          counter={result ? `(${formatNumber(result.findings.length)})` : undefined}
          actions={
            lint.isFetching ? (
              <StatusIndicator type="loading">{t('admin.lint.checking')}</StatusIndicator>
            ) : null
          }
        >
          {t('admin.lint.findings')}
        </Header>
      }
    >
      <div id={summaryId}>
        {empty ? (
          <Box color="text-body-secondary">{t('admin.lint.empty')}</Box>
        ) : lint.isError ? (
          <ApiErrorAlert error={lint.error} />
        ) : !result ? (
          <StatusIndicator type="loading">{t('admin.lint.checking')}</StatusIndicator>
        ) : (
          <SpaceBetween size="s">
            <SpaceBetween direction="horizontal" size="xs">
              {result.ok && result.findings.length === 0 ? (
                <StatusIndicator type="success">{t('admin.lint.clean')}</StatusIndicator>
              ) : result.ok ? (
                <StatusIndicator type="success">{t('admin.lint.okWithNotes')}</StatusIndicator>
              ) : (
                <StatusIndicator type="error">{t('admin.lint.notOk')}</StatusIndicator>
              )}
              {(['error', 'danger', 'warning', 'info'] as const).map((s) =>
                result.counts[s] > 0 ? (
                  <Badge
                    key={s}
                    color={
                      s === 'error' || s === 'danger'
                        ? 'severity-high'
                        : s === 'warning'
                          ? 'severity-medium'
                          : 'blue'
                    }
                  >
                    {t(LOOK[s].label)} {formatNumber(result.counts[s])}
                  </Badge>
                ) : null,
              )}
            </SpaceBetween>
            {result.assumedFixes.length > 0 ? (
              <Alert type="info">{t('admin.lint.assumedFixes', { count: result.assumedFixes.length })}</Alert>
            ) : null}
            <ol style={{ margin: 0, paddingInlineStart: '1.25rem' }}>
              {findings.map((f, i) => (
                <li key={`${f.code}-${f.offset}-${i}`} style={{ marginBottom: '0.75rem' }}>
                  <SpaceBetween size="xxxs">
                    <SpaceBetween direction="horizontal" size="xs" alignItems="center">
                      <StatusIndicator type={LOOK[f.severity].type}>
                        {t(LOOK[f.severity].label)}
                      </StatusIndicator>
                      <Button
                        variant="inline-link"
                        disabled={!current}
                        onClick={() => onSelect(f)}
                        ariaLabel={t('admin.lint.goToAria', { line: f.line, column: f.column })}
                      >
                        {t('admin.lint.position', { line: f.line, column: f.column })}
                      </Button>
                    </SpaceBetween>
                    <span>{f.message}</span>
                    {f.hint ? (
                      <Box variant="small" color="text-body-secondary">
                        {f.hint}
                      </Box>
                    ) : null}
                    {f.path ? (
                      <Box variant="small" color="text-body-secondary">
                        <Box variant="code">{f.path}</Box>
                      </Box>
                    ) : null}
                    {f.fix ? (
                      <Box>
                        <Button
                          variant="normal"
                          disabled={!current}
                          onClick={() => onApplyFix(f)}
                          ariaLabel={t('admin.lint.applyFixAria', { line: f.line })}
                        >
                          {t('admin.lint.applyFix')}
                        </Button>
                      </Box>
                    ) : null}
                  </SpaceBetween>
                </li>
              ))}
            </ol>
          </SpaceBetween>
        )}
      </div>
    </Container>
  );
}
