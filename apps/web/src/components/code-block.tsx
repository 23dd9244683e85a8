import Box from '@cloudscape-design/components/box';
import CopyToClipboard from '@cloudscape-design/components/copy-to-clipboard';
import SpaceBetween from '@cloudscape-design/components/space-between';
import { useI18n } from '../i18n';

/**
 * Text to paste somewhere else, with its copy button. The block scrolls sideways rather than
 * wrapping (a wrapped session token pastes the same, but reads as several lines) and takes
 * keyboard focus so it can be scrolled without a mouse.
 */
export function CodeBlock({ text, label, copyLabel }: { text: string; label: string; copyLabel?: string }) {
  const { t } = useI18n();
  return (
    <SpaceBetween size="xs">
      <pre className="gh-code" tabIndex={0} aria-label={label}>
        <code>{text}</code>
      </pre>
      <Box>
        <CopyToClipboard
          variant="button"
          textToCopy={text}
          copyButtonText={copyLabel ?? t('copy.button')}
          copySuccessText={t('copy.done')}
          copyErrorText={t('copy.failed')}
        />
      </Box>
    </SpaceBetween>
  );
}
