import CopyToClipboard from '@cloudscape-design/components/copy-to-clipboard';
import { useI18n } from '../../../i18n';

/** A value shown in full with a copy button beside it (an ARN, an enrolment link). */
export function CopyInline({ text, copyLabel }: { text: string; copyLabel: string }) {
  const { t } = useI18n();
  return (
    <CopyToClipboard
      variant="inline"
      textToCopy={text}
      copyButtonAriaLabel={copyLabel}
      copySuccessText={t('admin.copy.success')}
      copyErrorText={t('admin.copy.error')}
    />
  );
}
