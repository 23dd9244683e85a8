/**
 * Profile: who I am, change my password, new recovery codes, reset my authenticator (each
 * re-authenticates with password and code), the sessions signed in as me, which I can end, and
 * signing out everywhere at once (AWS sessions included).
 */
import Container from '@cloudscape-design/components/container';
import Header from '@cloudscape-design/components/header';
import KeyValuePairs from '@cloudscape-design/components/key-value-pairs';
import SpaceBetween from '@cloudscape-design/components/space-between';
import { useI18n } from '../../i18n';
import { useSignedInUser } from '../../session';
import { useDocumentTitle } from '../../hooks/use-document-title';
import { PageLayout } from '../../components/page-layout';
import { CliTokens } from './cli-tokens';
import { Sessions } from './sessions';
import { SignOutEverywhere } from './sign-out-everywhere';
import { ChangePassword, RecoveryCodesSection, ResetAuthenticator } from './sign-in-settings';

export function ProfilePage() {
  const { t } = useI18n();
  useDocumentTitle(t('app.profile'));
  const user = useSignedInUser();
  return (
    <PageLayout title={t('app.profile')} description={t('profile.description')}>
      <SpaceBetween size="l">
        {user && (
          <Container header={<Header variant="h2">{t('profile.account')}</Header>}>
            <KeyValuePairs
              columns={4}
              items={[
                { label: t('user.username'), value: user.username },
                { label: t('user.displayName'), value: user.displayName },
                { label: t('user.email'), value: user.email ?? t('profile.noEmail') },
                {
                  label: t('profile.kind'),
                  value: user.isAdmin ? t('profile.administrator') : t('profile.member'),
                },
              ]}
            />
          </Container>
        )}
        <ChangePassword />
        <RecoveryCodesSection username={user?.username} />
        <ResetAuthenticator />
        <Sessions />
        <CliTokens />
        <SignOutEverywhere />
      </SpaceBetween>
    </PageLayout>
  );
}
