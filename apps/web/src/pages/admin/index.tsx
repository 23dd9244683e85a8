/**
 * The admin area, lazy-loaded by the shell at `/admin/*`: users, groups, AWS accounts, roles and
 * grants, each on its own nested route. Its sections are a side menu on wide screens and one
 * select on narrow ones, so that on a phone the page comes first (admin-layout.css).
 */
import { Navigate, Route, Routes, useLocation, useNavigate, useParams } from 'react-router';
import SideNavigation from '@cloudscape-design/components/side-navigation';
import Select from '@cloudscape-design/components/select';
import Box from '@cloudscape-design/components/box';
import { useI18n } from '../../i18n';
import type { MessageKey } from '../../i18n';
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
import './admin-layout.css';

export const ADMIN_SECTIONS = ['users', 'groups', 'accounts', 'roles', 'grants', 'policy-linter'] as const;
type AdminSection = (typeof ADMIN_SECTIONS)[number];

const SECTION_LABELS: Record<AdminSection, MessageKey> = {
  users: 'admin.nav.users',
  groups: 'admin.nav.groups',
  accounts: 'admin.nav.accounts',
  roles: 'admin.nav.roles',
  grants: 'admin.nav.grants',
  'policy-linter': 'admin.nav.policyLinter',
};

export default function AdminArea() {
  const { t } = useI18n();
  const { pathname } = useLocation();
  // Mounted at `<prefix>/*`: what the splat matched is ours, the rest is where the shell put us.
  // (Relative paths inside a splat route resolve against the whole URL, so they cannot say it.)
  const splat = useParams()['*'] ?? '';
  const base = pathname.slice(0, pathname.length - splat.length).replace(/\/$/, '');
  const follow = useRouterFollow();
  const navigate = useNavigate();
  const section = ADMIN_SECTIONS.find((s) => pathname.startsWith(`${base}/${s}`)) ?? 'users';
  const link = (s: AdminSection) => ({
    type: 'link' as const,
    text: t(SECTION_LABELS[s]),
    href: `${base}/${s}`,
  });
  const option = (s: AdminSection) => ({ value: s, label: t(SECTION_LABELS[s]) });

  return (
    <AdminBaseProvider value={base}>
      <div className="gh-admin">
        {/* In the page content rather than the app layout's drawer, so it brings its own landmark. */}
        <nav aria-label={t('admin.nav.label')} className="gh-admin__nav">
          <div className="gh-admin__side-nav">
            <SideNavigation
              header={{ text: t('app.admin'), href: `${base}/users` }}
              activeHref={`${base}/${section}`}
              onFollow={follow}
              items={[
                link('users'),
                link('groups'),
                link('accounts'),
                link('roles'),
                link('grants'),
                { type: 'divider' },
                link('policy-linter'),
              ]}
            />
          </div>
          <div className="gh-admin__compact-nav">
            <Select
              inlineLabelText={t('app.admin')}
              selectedOption={option(section)}
              options={ADMIN_SECTIONS.map(option)}
              onChange={({ detail }) => void navigate(`${base}/${detail.selectedOption.value ?? 'users'}`)}
            />
          </div>
        </nav>
        <div className="gh-admin__content">
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
        </div>
      </div>
    </AdminBaseProvider>
  );
}
