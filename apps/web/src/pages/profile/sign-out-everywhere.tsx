/**
 * Sign out everywhere: for someone who fears another person holds a session of theirs. Every
 * browser session (this one too) and CLI login ends, and Gatehouse denies at AWS the sessions it
 * issued them. Asked once more before it happens.
 */
import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import Alert from '@cloudscape-design/components/alert';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import Container from '@cloudscape-design/components/container';
import Header from '@cloudscape-design/components/header';
import Modal from '@cloudscape-design/components/modal';
import SpaceBetween from '@cloudscape-design/components/space-between';
import type { SignOutEverywhereResponse } from '@gatehouse/contracts';
import { post } from '../../api';
import { describeError } from '../../errors';
import { useI18n } from '../../i18n';
import { setSession } from '../../session';

export function SignOutEverywhere() {
  const i18n = useI18n();
  const { t } = i18n;
  const client = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const signOut = useMutation({
    mutationFn: () => post<SignOutEverywhereResponse>('/api/me/sign-out-everywhere', {}),
    onSuccess: () => {
      // This session is gone too: the portal goes back to sign-in.
      client.clear();
      setSession(client, null);
    },
  });
  const close = () => {
    setConfirming(false);
    signOut.reset();
  };
  return (
    <Container
      header={
        <Header
          variant="h2"
          description={t('profile.everywhereDescription')}
          actions={<Button onClick={() => setConfirming(true)}>{t('profile.everywhere')}</Button>}
        >
          {t('profile.everywhereTitle')}
        </Header>
      }
    >
      <Box color="text-body-secondary">{t('profile.everywhereWhen')}</Box>
      <Modal
        visible={confirming}
        header={t('profile.everywhereConfirmTitle')}
        onDismiss={close}
        footer={
          <Box float="right">
            <SpaceBetween direction="horizontal" size="xs">
              <Button variant="link" onClick={close}>
                {t('profile.everywhereCancel')}
              </Button>
              <Button variant="primary" loading={signOut.isPending} onClick={() => signOut.mutate()}>
                {t('profile.everywhere')}
              </Button>
            </SpaceBetween>
          </Box>
        }
      >
        <SpaceBetween size="m">
          <Box>{t('profile.everywhereConfirmBody')}</Box>
          {signOut.isError && <Alert type="error">{describeError(i18n, signOut.error).message}</Alert>}
        </SpaceBetween>
      </Modal>
    </Container>
  );
}
