import type { ReactNode } from 'react';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import Container from '@cloudscape-design/components/container';
import Header from '@cloudscape-design/components/header';

/**
 * A change to how one signs in (password, recovery codes, authenticator): closed, it says what
 * the change is; opened by its button, it shows its form, which asks for the password and a code.
 */
export function ReauthSection({
  title,
  description,
  actionLabel,
  hint,
  open,
  onOpen,
  children,
}: {
  title: string;
  description: string;
  actionLabel: string;
  /** Shown while closed. */
  hint: string;
  open: boolean;
  onOpen: () => void;
  children: ReactNode;
}) {
  return (
    <Container
      header={
        <Header
          variant="h2"
          description={description}
          actions={!open && <Button onClick={onOpen}>{actionLabel}</Button>}
        >
          {title}
        </Header>
      }
    >
      {open ? (
        children
      ) : (
        <Box variant="p" color="text-body-secondary">
          {hint}
        </Box>
      )}
    </Container>
  );
}
