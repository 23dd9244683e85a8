/**
 * The application shell and its routes. Which screen a visitor may see is decided by one
 * question to the server, `GET /api/auth/session`: no session → sign-in; half signed in
 * (`totp`) → the code step; `enroll` → authenticator enrolment; `active` → the portal.
 */
import { Suspense, lazy, useEffect } from 'react';
import type { ComponentType, LazyExoticComponent } from 'react';
import { Navigate, Outlet, Route, Routes, useLocation, useNavigate } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import AppLayout from '@cloudscape-design/components/app-layout';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import Header from '@cloudscape-design/components/header';
import SpaceBetween from '@cloudscape-design/components/space-between';
import TopNavigation from '@cloudscape-design/components/top-navigation';
import type { TopNavigationProps } from '@cloudscape-design/components/top-navigation';
import { useI18n } from './i18n';
import { signOut, useSession, useSignedInUser } from './session';
import { useFollow } from './hooks/use-follow';
import { useDocumentTitle } from './hooks/use-document-title';
import { ErrorWithRetry } from './components/error-with-retry';
import { languageUtility } from './components/language-menu';
import { Loading } from './components/loading';
import { Notifications, useNotify } from './components/notifications';
import { SetupPage } from './pages/setup';
import { EnrolLinkPage } from './pages/enrol-link';
import { SignInPage } from './pages/sign-in';
import { TotpEnrolPage } from './pages/totp-enrol';
import { DashboardPage } from './pages/dashboard';
import { ProfilePage } from './pages/profile';
import { DevicePage } from './pages/device';

// Administration and audit are for few users and carry most of the Cloudscape tables and
// forms: they load as their own chunks, on first visit.
const AdminPage = lazy(() => import('./pages/admin'));
const AuditPage = lazy(() => import('./pages/audit'));

export function App() {
  const { locale } = useI18n();
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  return (
    <Routes>
      <Route path="/setup" element={<SetupPage />} />
      <Route path="/enrol" element={<EnrolLinkPage />} />
      <Route path="/sign-in" element={<SignInPage />} />
      <Route path="/mfa/enrol" element={<TotpEnrolPage />} />
      <Route element={<RequireActive />}>
        <Route element={<Shell />}>
          <Route index element={<DashboardPage />} />
          <Route path="profile" element={<ProfilePage />} />
          <Route path="device" element={<DevicePage />} />
          <Route element={<RequireAdmin />}>
            <Route path="admin/*" element={<LazyArea area={AdminPage} />} />
            <Route path="audit/*" element={<LazyArea area={AuditPage} />} />
          </Route>
          <Route path="*" element={<NotFound />} />
        </Route>
      </Route>
    </Routes>
  );
}

function LazyArea({ area: Area }: { area: LazyExoticComponent<ComponentType> }) {
  return (
    <Suspense fallback={<Loading />}>
      <Area />
    </Suspense>
  );
}

/** Where the route guards send a visitor who is not (fully) signed in. */
function signInTarget(stage: 'totp' | 'enroll' | 'active' | null, here: string): string {
  if (stage === 'enroll') return '/mfa/enrol';
  return here === '/' ? '/sign-in' : `/sign-in?next=${encodeURIComponent(here)}`;
}

function RequireActive() {
  const session = useSession();
  const location = useLocation();
  if (session.isPending) return <Loading />;
  if (session.isError) return <SessionTrouble error={session.error} retry={() => void session.refetch()} />;
  const data = session.data;
  if (!data || data.stage !== 'active') {
    return <Navigate to={signInTarget(data?.stage ?? null, location.pathname + location.search)} replace />;
  }
  return <Outlet />;
}

function RequireAdmin() {
  const session = useSession();
  if (!session.data?.user?.isAdmin) return <NotFound />;
  return <Outlet />;
}

/** The server could not say who we are (down, unreachable): say so, offer to try again. */
function SessionTrouble({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <Box padding="xxl">
      <ErrorWithRetry error={error} onRetry={retry} />
    </Box>
  );
}

function Shell() {
  const i18n = useI18n();
  const { t } = i18n;
  const user = useSignedInUser();
  const client = useQueryClient();
  const navigate = useNavigate();
  const notify = useNotify();
  const follow = useFollow();

  const link = (text: string, href: string): TopNavigationProps.ButtonUtility => ({
    type: 'button',
    text,
    href,
    onFollow: follow,
  });

  const utilities: TopNavigationProps.Utility[] = [
    link(t('app.dashboard'), '/'),
    ...(user?.isAdmin ? [link(t('app.admin'), '/admin'), link(t('app.audit'), '/audit')] : []),
    languageUtility(i18n),
    {
      type: 'menu-dropdown',
      text: user?.displayName ?? '',
      description: user ? `${user.username}${user.email ? ` · ${user.email}` : ''}` : undefined,
      iconName: 'user-profile',
      ariaLabel: t('nav.userMenu', { name: user?.displayName ?? '' }),
      items: [
        { id: 'profile', text: t('app.profile'), href: '/profile' },
        { id: 'sign-out', text: t('app.signOut') },
      ],
      onItemFollow: (event) => {
        if (event.detail.href) {
          event.preventDefault();
          void navigate(event.detail.href);
        }
      },
      onItemClick: (event) => {
        if (event.detail.id !== 'sign-out') return;
        void signOut(client).then(
          () => {
            notify({ id: 'signed-out', type: 'success', content: t('nav.signedOut') });
            void navigate('/sign-in', { replace: true });
          },
          () => void navigate('/sign-in', { replace: true }),
        );
      },
    },
  ];

  return (
    <>
      <div id="top-nav" className="gh-top-nav">
        <TopNavigation
          identity={{ title: t('app.name'), href: '/', onFollow: follow }}
          utilities={utilities}
        />
      </div>
      <AppLayout
        headerSelector="#top-nav"
        navigationHide
        toolsHide
        notifications={<Notifications />}
        content={<Outlet />}
        ariaLabels={{ notifications: t('nav.notifications') }}
      />
    </>
  );
}

function NotFound() {
  const { t } = useI18n();
  const follow = useFollow();
  useDocumentTitle(t('app.notFoundTitle'));
  return (
    <SpaceBetween size="m">
      <Header variant="h1">{t('app.notFoundTitle')}</Header>
      <Box variant="p">{t('app.notFound')}</Box>
      <Button href="/" onFollow={follow}>
        {t('app.backToDashboard')}
      </Button>
    </SpaceBetween>
  );
}
