/**
 * Paste a trust or permissions policy and see what is wrong with it, line by line, as you type:
 * JSON mistakes (with the fix the server would make), IAM grammar, risky grants, and whether the
 * broker is trusted with everything it needs.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import Box from '@cloudscape-design/components/box';
import Container from '@cloudscape-design/components/container';
import FormField from '@cloudscape-design/components/form-field';
import Grid from '@cloudscape-design/components/grid';
import Header from '@cloudscape-design/components/header';
import Input from '@cloudscape-design/components/input';
import SegmentedControl from '@cloudscape-design/components/segmented-control';
import Select from '@cloudscape-design/components/select';
import SpaceBetween from '@cloudscape-design/components/space-between';
import StatusIndicator from '@cloudscape-design/components/status-indicator';
import type { PolicyFindingSchema, PolicyLintRequest, PolicyLintResponse } from '@gatehouse/contracts';
import { post } from '../../../api';
import { useDocumentTitle } from '../../../hooks/use-document-title';
import { useI18n } from '../../../i18n';
import { ApiErrorAlert } from '../shared/errors';
import { useRoleHealth } from '../shared/queries';
import { useDebounced } from '../shared/use-debounced';
import { BrokerCheck } from './broker-check';
import { FindingsPanel, LOOK } from './lint-findings';
import { PolicyEditor } from './policy-editor';
import type { PolicyEditorHandle } from './policy-editor';
import { applyEdit, sortFindings, worstByLine } from './policy-model';

type Kind = NonNullable<PolicyLintRequest['kind']>;
type BrokerMode = 'own' | 'other' | 'none';

/** What the lint request says about the broker: its own identity (omitted), another ARN, or none (""). */
export function lintRequest(
  document: string,
  kind: Kind,
  mode: BrokerMode,
  otherArn: string,
): PolicyLintRequest {
  const request: PolicyLintRequest = { document, kind };
  if (kind === 'trust' && mode === 'none') request.brokerArn = '';
  if (kind === 'trust' && mode === 'other' && otherArn.trim()) request.brokerArn = otherArn.trim();
  return request;
}

/** The policy of a role, loaded once into an empty editor when the page is opened from that role. */
function useRolePolicy(roleId: string | null, load: (text: string) => void) {
  const health = useRoleHealth(roleId);
  const loaded = useRef(false);
  const policy = roleId ? health.data?.report?.iam?.trustPolicy : undefined;
  useEffect(() => {
    if (loaded.current || !policy) return;
    loaded.current = true;
    load(formatJson(policy));
  }, [policy, load]);
  return roleId ? health : null;
}

function formatJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

export function PolicyLinterPage() {
  const { t } = useI18n();
  useDocumentTitle(t('admin.lint.title'));
  const [params] = useSearchParams();
  const [text, setText] = useState('');
  const [kind, setKind] = useState<Kind>('trust');
  const [brokerMode, setBrokerMode] = useState<BrokerMode>('own');
  const [otherArn, setOtherArn] = useState('');
  const [caretLine, setCaretLine] = useState(1);
  const editor = useRef<PolicyEditorHandle>(null);
  const summaryId = useId();
  const roleHealth = useRolePolicy(params.get('roleId'), setText);

  const request = lintRequest(useDebounced(text, 400), kind, brokerMode, useDebounced(otherArn, 400));
  const lint = useQuery({
    queryKey: ['admin', 'policy-lint', request],
    queryFn: () => post<PolicyLintResponse>('/api/admin/policies/lint', request),
    enabled: request.document.trim() !== '',
    placeholderData: keepPreviousData,
    retry: false,
  });
  const result = request.document.trim() === '' ? undefined : lint.data;
  // Positions and fixes belong to the text that was checked: only use them while it is on screen.
  const current = !lint.isPlaceholderData && request.document === text;
  const findings = sortFindings(result?.findings ?? []);
  const onCaret = findings.filter((f) => f.line === caretLine);

  const applyFix = (finding: PolicyFindingSchema) => {
    if (!finding.fix || !current) return;
    setText(applyEdit(text, finding.fix));
  };

  const kindOptions = [
    { id: 'trust', text: t('admin.lint.kind.trust') },
    { id: 'identity', text: t('admin.lint.kind.identity') },
  ];
  const brokerOptions = [
    { value: 'own', label: t('admin.lint.broker.own') },
    { value: 'other', label: t('admin.lint.broker.another') },
    { value: 'none', label: t('admin.lint.broker.none') },
  ];

  return (
    <SpaceBetween size="m">
      <Header variant="h1" description={t('admin.lint.description')}>
        {t('admin.lint.title')}
      </Header>
      <Container>
        <SpaceBetween size="m">
          <SpaceBetween direction="horizontal" size="l">
            <FormField label={t('admin.lint.kind.label')}>
              <SegmentedControl
                selectedId={kind}
                onChange={({ detail }) => setKind(detail.selectedId as Kind)}
                label={t('admin.lint.kind.label')}
                options={kindOptions}
              />
            </FormField>
            {kind === 'trust' ? (
              <FormField label={t('admin.lint.broker.label')} description={t('admin.lint.broker.hint')}>
                <Select
                  selectedOption={brokerOptions.find((o) => o.value === brokerMode) ?? null}
                  onChange={({ detail }) =>
                    setBrokerMode((detail.selectedOption.value ?? 'own') as BrokerMode)
                  }
                  options={brokerOptions}
                />
              </FormField>
            ) : null}
            {kind === 'trust' && brokerMode === 'other' ? (
              <FormField label={t('admin.lint.broker.arn')}>
                <Input
                  value={otherArn}
                  onChange={({ detail }) => setOtherArn(detail.value)}
                  placeholder="arn:aws:iam::111122223333:role/gatehouse-broker"
                  spellcheck={false}
                />
              </FormField>
            ) : null}
          </SpaceBetween>
          {roleHealth?.isError ? <ApiErrorAlert error={roleHealth.error} /> : null}
        </SpaceBetween>
      </Container>
      <Grid gridDefinition={[{ colspan: { default: 12, l: 7 } }, { colspan: { default: 12, l: 5 } }]}>
        <SpaceBetween size="xs">
          <PolicyEditor
            ref={editor}
            value={text}
            onChange={setText}
            markers={current ? worstByLine(findings) : new Map()}
            onCaretLine={setCaretLine}
            label={t('admin.lint.editorLabel')}
            describedBy={summaryId}
            invalid={Boolean(result && !result.ok)}
          />
          {/* What the caret's line has, read out as it moves: the findings beside the line. */}
          <div aria-live="polite">
            {current && onCaret.length > 0 ? (
              <SpaceBetween size="xxs">
                {onCaret.map((f, i) => (
                  <StatusIndicator key={`${f.code}-${i}`} type={LOOK[f.severity].type}>
                    {t('admin.lint.onLine', { line: f.line, message: f.message })}
                  </StatusIndicator>
                ))}
              </SpaceBetween>
            ) : (
              <Box variant="small" color="text-body-secondary">
                {t('admin.lint.caret', { line: caretLine })}
              </Box>
            )}
          </div>
        </SpaceBetween>
        <SpaceBetween size="m">
          <FindingsPanel
            summaryId={summaryId}
            empty={text.trim() === ''}
            lint={lint}
            result={result}
            findings={findings}
            current={current}
            onSelect={(f) => editor.current?.select(f.offset, f.endOffset)}
            onApplyFix={applyFix}
          />
          {result?.broker && kind === 'trust' ? (
            <BrokerCheck broker={result.broker} brokerArn={result.brokerArn} />
          ) : null}
        </SpaceBetween>
      </Grid>
    </SpaceBetween>
  );
}
