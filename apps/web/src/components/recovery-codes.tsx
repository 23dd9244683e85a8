/** Recovery codes, shown once: copy, download, and say they are saved before moving on. */
import { useState } from 'react';
import Alert from '@cloudscape-design/components/alert';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import Checkbox from '@cloudscape-design/components/checkbox';
import CopyToClipboard from '@cloudscape-design/components/copy-to-clipboard';
import SpaceBetween from '@cloudscape-design/components/space-between';
import { useI18n } from '../i18n';
import { downloadText } from './download';

export function RecoveryCodesView({
  codes,
  username,
  onDone,
  doneLabel,
}: {
  codes: readonly string[];
  username: string | undefined;
  onDone: () => void;
  doneLabel: string;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const [saved, setSaved] = useState(false);
  const text = codes.join('\n');
  const fileText = [
    t('recovery.fileHeader', { user: username ?? '', date: i18n.formatDateTime(new Date()) }),
    '',
    text,
    '',
    t('recovery.fileFooter'),
    '',
  ].join('\n');

  return (
    <SpaceBetween size="m">
      <Alert type="warning" header={t('recovery.onceHeader')}>
        {t('recovery.onceBody', { count: codes.length })}
      </Alert>
      <ol className="gh-recovery-codes" aria-label={t('recovery.listLabel')}>
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ol>
      <SpaceBetween size="s" direction="horizontal">
        <CopyToClipboard
          variant="button"
          textToCopy={text}
          copyButtonText={t('recovery.copy')}
          copySuccessText={t('recovery.copied')}
          copyErrorText={t('copy.failed')}
        />
        <Button iconName="download" onClick={() => downloadText('gatehouse-recovery-codes.txt', fileText)}>
          {t('recovery.download')}
        </Button>
      </SpaceBetween>
      <Checkbox checked={saved} onChange={(e) => setSaved(e.detail.checked)}>
        {t('recovery.savedCheck')}
      </Checkbox>
      <Box>
        <Button variant="primary" disabled={!saved} onClick={onDone}>
          {doneLabel}
        </Button>
      </Box>
    </SpaceBetween>
  );
}
