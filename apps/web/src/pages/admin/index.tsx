/**
 * The admin area, lazy-loaded by the shell at `/admin/*`: users, groups, AWS accounts, roles and
 * grants, each on its own nested route.
 */
import { Navigate, Route, Routes, useLocation, useParams } from 'react-router';
import Grid from '@cloudscape-design/components/grid';
import SideNavigation from '@cloudscape-design/components/side-navigation';
import Box from '@cloudscape-design/components/box';
import { useI18n } from '../../i18n';
import { AdminBaseProvider, useRouterFollow } from './shared/nav';
import { UsersPage } from './users/users-page';
import { UserDetailPage } from './users/user-detail-page';
import { GroupsPage } from './groups/groups-page';
import { GroupDetailPage } from './groups/group-detail-page';
import { AccountsPage } from './accounts/accounts-page';
import { RolesPage } from './roles/roles-page';
import { RoleDetailPage } from './roles/role-detail-page';
import { PolicyLinterPage } from './policy/policy-linter-page';
import { GrantsPage } from './grants/grants-page';
import { GrantCreatePage } from './grants/grant-create-page';

export const ADMIN_SECTIONS = ['users', 'groups', 'accounts', 'roles', 'grants', 'policy-linter'] as const;

export default function AdminArea() {
  const { t } = useI18n();
  const { pathname } = useLocation();
  // Mounted at `<prefix>/*`: what the splat matched is ours, the rest is where the shell put us.
  // (Relative paths inside a splat route resolve against the whole URL, so they cannot say it.)
  const splat = useParams()['*'] ?? '';
  const base = pathname.slice(0, pathname.length - splat.length).replace(/\/$/, '');
  const follow = useRouterFollow();
  const section = ADMIN_SECTIONS.find((s) => pathname.startsWith(`${base}/${s}`)) ?? 'users';

  return (
    <AdminBaseProvider value={base}>
      <Grid gridDefinition={[{ colspan: { default: 12, m: 2 } }, { colspan: { default: 12, m: 10 } }]}>
        {/* In the page content rather than the app layout's drawer, so it brings its own landmark. */}
        <nav aria-label={t('admin.nav.label')}>
          <SideNavigation
            header={{ text: t('app.admin'), href: `${base}/users` }}
            activeHref={`${base}/${section}`}
            onFollow={follow}
            items={[
              { type: 'link', text: t('admin.nav.users'), href: `${base}/users` },
              { type: 'link', text: t('admin.nav.groups'), href: `${base}/groups` },
              { type: 'link', text: t('admin.nav.accounts'), href: `${base}/accounts` },
              { type: 'link', text: t('admin.nav.roles'), href: `${base}/roles` },
              { type: 'link', text: t('admin.nav.grants'), href: `${base}/grants` },
              { type: 'divider' },
              { type: 'link', text: t('admin.nav.policyLinter'), href: `${base}/policy-linter` },
            ]}
          />
        </nav>
        <Routes>
          <Route index element={<Navigate to="users" replace />} />
          <Route path="users" element={<UsersPage />} />
          <Route path="users/:id" element={<UserDetailPage />} />
          <Route path="groups" element={<GroupsPage />} />
          <Route path="groups/:id" element={<GroupDetailPage />} />
          <Route path="accounts" element={<AccountsPage />} />
          <Route path="roles" element={<RolesPage />} />
          <Route path="roles/:id" element={<RoleDetailPage />} />
          <Route path="grants" element={<GrantsPage />} />
          <Route path="grants/new" element={<GrantCreatePage />} />
          <Route path="policy-linter" element={<PolicyLinterPage />} />
          <Route path="*" element={<Box variant="p">{t('app.notFound')}</Box>} />
        </Routes>
      </Grid>
    </AdminBaseProvider>
  );
}
