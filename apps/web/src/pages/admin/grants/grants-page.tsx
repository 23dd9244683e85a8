/** All grants, narrowed by role, user or group (kept in the address, so a filtered view can be shared). */
import { useSearchParams } from 'react-router';
import SpaceBetween from '@cloudscape-design/components/space-between';
import type { AdminGrantListQuery } from '@gatehouse/contracts';
import { useDocumentTitle } from '../../../hooks/use-document-title';
import { useI18n } from '../../../i18n';
import { useFlash } from '../shared/flash';
import { GroupSelect, RoleSelect, UserSelect } from '../shared/pickers';
import { useSetSearchParam } from '../shared/search-params';
import { GrantsTable } from './grants-table';

const FILTERS = [
  { key: 'roleId', Picker: RoleSelect, label: 'admin.grants.filterRole', any: 'admin.grants.anyRole' },
  { key: 'userId', Picker: UserSelect, label: 'admin.grants.filterUser', any: 'admin.grants.anyUser' },
  { key: 'groupId', Picker: GroupSelect, label: 'admin.grants.filterGroup', any: 'admin.grants.anyGroup' },
] as const;

export function grantQueryFromSearch(params: URLSearchParams): AdminGrantListQuery {
  const query: AdminGrantListQuery = {};
  for (const { key } of FILTERS) {
    const value = params.get(key);
    if (value) query[key] = value;
  }
  return query;
}

export function GrantsPage() {
  const { t } = useI18n();
  useDocumentTitle(t('admin.nav.grants'));
  const flash = useFlash();
  const [params] = useSearchParams();
  const setParam = useSetSearchParam();
  const query = grantQueryFromSearch(params);

  return (
    <SpaceBetween size="m">
      {flash.element}
      <GrantsTable
        query={query}
        title={t('admin.nav.grants')}
        description={t('admin.grants.description')}
        headingLevel="h1"
        notify={flash.notify}
        filters={
          <SpaceBetween direction="horizontal" size="xs">
            {FILTERS.map(({ key, Picker, label, any }) => (
              <Picker
                key={key}
                selectedId={query[key] ?? null}
                onChange={(id) => setParam(key, id)}
                placeholder={t(label)}
                ariaLabel={t(label)}
                clearLabel={t(any)}
              />
            ))}
          </SpaceBetween>
        }
      />
    </SpaceBetween>
  );
}
