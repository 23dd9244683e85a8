/** The frame of the pages before sign-in completes: a title bar with the language menu, one card. */
import type { ReactNode } from 'react';
import TopNavigation from '@cloudscape-design/components/top-navigation';
import Container from '@cloudscape-design/components/container';
import Header from '@cloudscape-design/components/header';
import SpaceBetween from '@cloudscape-design/components/space-between';
import { useI18n } from '../i18n';
import { useDocumentTitle } from '../hooks/use-document-title';
import { useFollow } from '../hooks/use-follow';
import { languageUtility } from './language-menu';
import { Notifications } from './notifications';

export function PublicLayout({
  title,
  description,
  children,
  wide = false,
}: {
  title: string;
  description?: ReactNode;
  children: ReactNode;
  wide?: boolean;
}) {
  const i18n = useI18n();
  const follow = useFollow();
  useDocumentTitle(title);
  return (
    <>
      <div id="top-nav" className="gh-top-nav">
        <TopNavigation
          identity={{ title: i18n.t('app.name'), href: '/', onFollow: follow }}
          utilities={[languageUtility(i18n)]}
        />
      </div>
      <main className={wide ? 'gh-public gh-public--wide' : 'gh-public'}>
        <SpaceBetween size="m">
          <Notifications />
          <Container
            header={
              <Header variant="h1" description={description}>
                {title}
              </Header>
            }
          >
            {children}
          </Container>
        </SpaceBetween>
      </main>
    </>
  );
}
