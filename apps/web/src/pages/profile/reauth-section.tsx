import type { ReactNode } from 'react';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import { Panel } from '../../components/panel';
import { useI18n } from '../../i18n';

/**
 * A change to how one signs in (password, recovery codes, authenticator): closed, it says what
 * the change is; opened by its button, it shows its form, which asks for the password and a code.
 */
export function ReauthSection({
  topic,
  actionLabel,
  open,
  onOpen,
  children,
}: {
  /** Names its texts: `profile.<topic>`, with its `Description` and (shown while closed) `Hint`. */
  topic: 'password' | 'recovery' | 'mfa';
  actionLabel: string;
  open: boolean;
  onOpen: () => void;
  children: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <Panel
      title={t(`profile.${topic}`)}
      description={t(`profile.${topic}Description`)}
      actions={!open && <Button onClick={onOpen}>{actionLabel}</Button>}
    >
      {open ? (
        children
      ) : (
        <Box variant="p" color="text-body-secondary">
          {t(`profile.${topic}Hint`)}
        </Box>
      )}
    </Panel>
  );
}
