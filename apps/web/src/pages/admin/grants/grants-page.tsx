/** All grants, narrowed by role, user or group (kept in the address, so a filtered view can be shared). */
import { useSearchParams } from 'react-router';
import SpaceBetween from '@cloudscape-design/components/space-between';
import type { AdminGrantListQuery } from '@gatehouse/contracts';
import { useDocumentTitle } from '../../../hooks/use-document-title';
import { useI18n } from '../../../i18n';
import { useFlash } from '../shared/flash';
import { useAdminPath } from '../shared/nav';
import { GroupSelect, RoleSelect, UserSelect } from '../shared/pickers';
import { GrantsTable } from './grants-table';

const FILTER_KEYS = ['roleId', 'userId', 'groupId'] as const;

export function grantQueryFromSearch(params: URLSearchParams): AdminGrantListQuery {
  const query: AdminGrantListQuery = {};
  for (const key of FILTER_KEYS) {
    const value = params.get(key);
    if (value) query[key] = value;
  }
  return query;
}

export function GrantsPage() {
  const { t } = useI18n();
  useDocumentTitle(t('admin.nav.grants'));
  const adminPath = useAdminPath();
  const flash = useFlash();
  const [params, setParams] = useSearchParams();
  const query = grantQueryFromSearch(params);
  const setFilter = (key: (typeof FILTER_KEYS)[number], value: string | null) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );
  // The create form starts with the role, user or group this view is narrowed to.
  const createSearch = new URLSearchParams(
    Object.entries(query).filter((e): e is [string, string] => typeof e[1] === 'string'),
  ).toString();

  return (
    <SpaceBetween size="m">
      {flash.element}
      <GrantsTable
        query={query}
        title={t('admin.nav.grants')}
        description={t('admin.grants.description')}
        headingLevel="h1"
        notify={flash.notify}
        createHref={adminPath(`grants/new${createSearch ? `?${createSearch}` : ''}`)}
        filters={
          <SpaceBetween direction="horizontal" size="xs">
            <RoleSelect
              selectedId={query.roleId ?? null}
              onChange={(id) => setFilter('roleId', id)}
              placeholder={t('admin.grants.filterRole')}
              ariaLabel={t('admin.grants.filterRole')}
              clearLabel={t('admin.grants.anyRole')}
            />
            <UserSelect
              selectedId={query.userId ?? null}
              onChange={(id) => setFilter('userId', id)}
              placeholder={t('admin.grants.filterUser')}
              ariaLabel={t('admin.grants.filterUser')}
              clearLabel={t('admin.grants.anyUser')}
            />
            <GroupSelect
              selectedId={query.groupId ?? null}
              onChange={(id) => setFilter('groupId', id)}
              placeholder={t('admin.grants.filterGroup')}
              ariaLabel={t('admin.grants.filterGroup')}
              clearLabel={t('admin.grants.anyGroup')}
            />
          </SpaceBetween>
        }
      />
    </SpaceBetween>
  );
}
