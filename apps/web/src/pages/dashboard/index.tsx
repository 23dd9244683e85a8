/**
 * "My access": every AWS account and role the user may enter. Favourites are pinned on top, the
 * last few roles used in this browser sit below them, and the full list is searched and paged
 * (50 roles a page), so thousands of roles cost no more than one page of them.
 */
import { useCallback, useDeferredValue, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import Alert from '@cloudscape-design/components/alert';
import Box from '@cloudscape-design/components/box';
import Container from '@cloudscape-design/components/container';
import Header from '@cloudscape-design/components/header';
import SpaceBetween from '@cloudscape-design/components/space-between';
import TextFilter from '@cloudscape-design/components/text-filter';
import type { MyAccess } from '@gatehouse/contracts';
import { get } from '../../api';
import { useI18n } from '../../i18n';
import type { I18n } from '../../i18n';
import { useSignedInUser } from '../../session';
import { useDocumentTitle } from '../../hooks/use-document-title';
import { useNow } from '../../hooks/use-now';
import { ErrorWithRetry } from '../../components/error-with-retry';
import { Loading } from '../../components/loading';
import { PageLayout } from '../../components/page-layout';
import { ACCESS_KEY, useAccessActions } from './access-actions';
import { addRecent, readRecent, writeRecent } from './recent';
import type { RecentUse } from './recent';
import type { RoleActions } from './role-row';
import { AllRoles } from './all-roles';
import { RoleList } from './role-lists';
import { useFavouriteToggle } from './use-favourite-toggle';
import { filterRoles, indexRoles } from './search';
import type { RoleEntry } from './search';

export { PAGE_SIZE } from './all-roles';

/** "5 minutes ago", "yesterday", in the user's language. */
export function relativeTime(locale: I18n['locale'], iso: string, now: number): string {
  // Never in the future: the clock that stamped the use may run ahead of the one reading it.
  const seconds = Math.min(0, Math.round((Date.parse(iso) - now) / 1000));
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  const abs = Math.abs(seconds);
  if (abs < 45) return format.format(0, 'second');
  if (abs < 60) return format.format(seconds, 'second');
  if (abs < 3600) return format.format(Math.round(seconds / 60), 'minute');
  if (abs < 86400) return format.format(Math.round(seconds / 3600), 'hour');
  return format.format(Math.round(seconds / 86400), 'day');
}

export function DashboardPage() {
  const { t } = useI18n();
  useDocumentTitle(t('app.dashboard'));
  const access = useQuery({ queryKey: ACCESS_KEY, queryFn: () => get<MyAccess>('/api/me/access') });
  if (access.isPending) return <Loading />;
  if (access.isError) {
    return (
      <PageLayout title={t('app.dashboard')}>
        <ErrorWithRetry error={access.error} onRetry={() => void access.refetch()} />
      </PageLayout>
    );
  }
  return <Dashboard access={access.data} />;
}

function Dashboard({ access }: { access: MyAccess }) {
  const i18n = useI18n();
  const { t } = i18n;
  const user = useSignedInUser();
  const [params, setParams] = useSearchParams();
  const query = params.get('q') ?? '';
  const deferredQuery = useDeferredValue(query);
  const [page, setPage] = useState(1);
  const [recent, setRecent] = useState<RecentUse[]>(() => (user ? readRecent(user.id) : []));
  const now = useNow(60_000);

  const entries = useMemo(() => indexRoles(access.accounts), [access.accounts]);
  const matches = useMemo(() => filterRoles(entries, deferredQuery), [entries, deferredQuery]);
  const favourites = useMemo(() => matches.filter((e) => e.role.favourite), [matches]);
  const byRoleId = useMemo(() => new Map(entries.map((e) => [e.role.roleId, e])), [entries]);
  const recentEntries = useMemo(
    () =>
      recent.flatMap((use) => {
        const entry = byRoleId.get(use.roleId);
        return entry ? [{ entry, use }] : [];
      }),
    [recent, byRoleId],
  );

  const setQuery = (value: string) => {
    setPage(1);
    setParams(value ? { q: value } : {}, { replace: true });
  };

  const onUsed = useCallback(
    (entry: RoleEntry, kind: 'console' | 'cli') => {
      if (!user) return;
      setRecent((list) => {
        const next = addRecent(list, { roleId: entry.role.roleId, kind, at: new Date().toISOString() });
        writeRecent(user.id, next);
        return next;
      });
    },
    [user],
  );
  const accessActions = useAccessActions({ stepUpValidUntil: access.stepUpValidUntil, onUsed });

  const favourite = useFavouriteToggle();

  const { openConsole, chooseConsole, openCli, opening, dialog } = accessActions;
  const actions = useMemo<RoleActions>(
    () => ({
      openConsole: (entry) => openConsole(entry),
      chooseConsole,
      openCli,
      toggleFavourite: (entry) => favourite.mutate({ roleId: entry.role.roleId, on: !entry.role.favourite }),
    }),
    [openConsole, chooseConsole, openCli, favourite.mutate],
  );

  const roleCount = entries.length;
  if (roleCount === 0) return <NoAccess username={user?.username ?? ''} />;

  return (
    <PageLayout
      title={t('app.dashboard')}
      description={t('dashboard.summary', {
        roles: t('dashboard.summaryRoles', { count: roleCount }),
        accounts: t('dashboard.summaryAccounts', { count: access.accounts.length }),
      })}
    >
      <SpaceBetween size="l">
        {access.roleChaining && <Alert type="info">{t('dashboard.roleChaining')}</Alert>}
        <TextFilter
          filteringText={query}
          onChange={(e) => setQuery(e.detail.filteringText)}
          filteringPlaceholder={t('dashboard.searchPlaceholder')}
          filteringAriaLabel={t('dashboard.searchLabel')}
          filteringClearAriaLabel={t('dashboard.searchClear')}
          countText={query ? t('dashboard.matches', { count: matches.length }) : undefined}
        />

        {favourites.length > 0 && (
          <Container
            header={
              <Header variant="h2" counter={`(${i18n.formatNumber(favourites.length)})`}>
                {t('dashboard.favourites')}
              </Header>
            }
          >
            <RoleList
              label={t('dashboard.favourites')}
              rows={favourites.map((entry) => ({ entry }))}
              actions={actions}
              opening={opening}
              showAccount
            />
          </Container>
        )}

        {!query && recentEntries.length > 0 && (
          <Container
            header={
              <Header variant="h2" description={t('dashboard.recentDescription')}>
                {t('dashboard.recent')}
              </Header>
            }
          >
            <RoleList
              label={t('dashboard.recent')}
              rows={recentEntries.map(({ entry, use }) => ({
                entry,
                note: t(use.kind === 'console' ? 'dashboard.usedConsole' : 'dashboard.usedCli', {
                  when: relativeTime(i18n.locale, use.at, now),
                }),
              }))}
              actions={actions}
              opening={opening}
              showAccount
            />
          </Container>
        )}

        <AllRoles
          matches={matches}
          page={page}
          onPage={setPage}
          query={query}
          onClearQuery={() => setQuery('')}
          actions={actions}
          opening={opening}
        />
      </SpaceBetween>
      {dialog}
    </PageLayout>
  );
}

/** No grants yet: say what this page is for and who can change that. */
function NoAccess({ username }: { username: string }) {
  const { t } = useI18n();
  return (
    <PageLayout title={t('app.dashboard')}>
      <Container>
        <Box textAlign="center" padding="xl">
          <SpaceBetween size="m">
            <Box variant="h2" tagOverride="h2">
              {t('dashboard.emptyTitle')}
            </Box>
            <Box variant="p">{t('dashboard.emptyBody')}</Box>
            <Box variant="p">{t('dashboard.emptyAsk', { username })}</Box>
          </SpaceBetween>
        </Box>
      </Container>
    </PageLayout>
  );
}
