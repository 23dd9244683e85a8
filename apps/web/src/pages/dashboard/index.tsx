/**
 * "My access": every AWS account and role the user may enter. Favourites are pinned on top, the
 * last few roles used in this browser sit below them, and the full list is searched and paged
 * (50 roles a page), so thousands of roles cost no more than one page of them.
 */
import { useCallback, useDeferredValue, useMemo, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Alert from '@cloudscape-design/components/alert';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import Container from '@cloudscape-design/components/container';
import ContentLayout from '@cloudscape-design/components/content-layout';
import CopyToClipboard from '@cloudscape-design/components/copy-to-clipboard';
import Header from '@cloudscape-design/components/header';
import Pagination from '@cloudscape-design/components/pagination';
import SpaceBetween from '@cloudscape-design/components/space-between';
import TextFilter from '@cloudscape-design/components/text-filter';
import type { MyAccess, MyAccount } from '@gatehouse/contracts';
import { del, get, put } from '../../api';
import { describeError } from '../../errors';
import { useI18n } from '../../i18n';
import type { I18n } from '../../i18n';
import { useSession } from '../../session';
import { useDocumentTitle } from '../../hooks/use-document-title';
import { useNow } from '../../hooks/use-now';
import { AccountLabel, accountStyle } from '../../components/account-colour';
import { ErrorWithRetry } from '../../components/error-with-retry';
import { Loading } from '../../components/loading';
import { useNotify } from '../../components/notifications';
import { ACCESS_KEY, useAccessActions } from './access-actions';
import { addRecent, readRecent, writeRecent } from './recent';
import type { RecentUse } from './recent';
import { RoleRow } from './role-row';
import type { RoleActions } from './role-row';
import { filterRoles, formatAccountId, groupByAccount, indexRoles } from './search';
import type { RoleEntry } from './search';

export const PAGE_SIZE = 50;

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
      <ContentLayout header={<Header variant="h1">{t('app.dashboard')}</Header>}>
        <ErrorWithRetry error={access.error} onRetry={() => void access.refetch()} />
      </ContentLayout>
    );
  }
  return <Dashboard access={access.data} />;
}

function Dashboard({ access }: { access: MyAccess }) {
  const i18n = useI18n();
  const { t } = i18n;
  const session = useSession();
  const user = session.data?.user;
  const client = useQueryClient();
  const notify = useNotify();
  const [params, setParams] = useSearchParams();
  const query = params.get('q') ?? '';
  const deferredQuery = useDeferredValue(query);
  const [page, setPage] = useState(1);
  const [recent, setRecent] = useState<RecentUse[]>(() => (user ? readRecent(user.id) : []));
  const now = useNow(60_000);
  const allRolesRef = useRef<HTMLDivElement>(null);

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
  const pageCount = Math.max(1, Math.ceil(matches.length / PAGE_SIZE));
  const currentPage = Math.min(page, pageCount);
  const groups = useMemo(
    () => groupByAccount(matches.slice((currentPage - 1) * PAGE_SIZE, currentPage * PAGE_SIZE)),
    [matches, currentPage],
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

  const favourite = useMutation({
    mutationFn: ({ roleId, on }: { roleId: string; on: boolean }) =>
      on ? put(`/api/me/favourites/${roleId}`, {}) : del(`/api/me/favourites/${roleId}`),
    onMutate: async ({ roleId, on }) => {
      await client.cancelQueries({ queryKey: ACCESS_KEY });
      const before = client.getQueryData<MyAccess>(ACCESS_KEY);
      client.setQueryData<MyAccess>(ACCESS_KEY, (old) => (old ? setFavourite(old, roleId, on) : old));
      return { before };
    },
    onError: (error, _vars, context) => {
      if (context?.before) client.setQueryData(ACCESS_KEY, context.before);
      notify({ id: 'favourite', type: 'error', content: describeError(i18n, error).message });
    },
  });

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

  const pagination = (
    <Pagination
      currentPageIndex={currentPage}
      pagesCount={pageCount}
      onChange={(e) => {
        setPage(e.detail.currentPageIndex);
        // From the bottom pager, the next page should start at its top, not its bottom.
        allRolesRef.current?.scrollIntoView?.({ block: 'start' });
      }}
      ariaLabels={{
        nextPageLabel: t('dashboard.nextPage'),
        previousPageLabel: t('dashboard.previousPage'),
        pageLabel: (n) => t('dashboard.pageLabel', { n }),
      }}
    />
  );

  return (
    <ContentLayout
      header={
        <Header
          variant="h1"
          description={t('dashboard.summary', {
            roles: t('dashboard.summaryRoles', { count: roleCount }),
            accounts: t('dashboard.summaryAccounts', { count: access.accounts.length }),
          })}
        >
          {t('app.dashboard')}
        </Header>
      }
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
            <ul className="gh-roles" aria-label={t('dashboard.favourites')}>
              {favourites.map((entry) => (
                <RoleRow
                  key={entry.role.roleId}
                  entry={entry}
                  actions={actions}
                  opening={opening === entry.role.roleId}
                  showAccount
                />
              ))}
            </ul>
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
            <ul className="gh-roles" aria-label={t('dashboard.recent')}>
              {recentEntries.map(({ entry, use }) => (
                <RoleRow
                  key={entry.role.roleId}
                  entry={entry}
                  actions={actions}
                  opening={opening === entry.role.roleId}
                  showAccount
                  note={t(use.kind === 'console' ? 'dashboard.usedConsole' : 'dashboard.usedCli', {
                    when: relativeTime(i18n.locale, use.at, now),
                  })}
                />
              ))}
            </ul>
          </Container>
        )}

        <SpaceBetween size="m">
          <div ref={allRolesRef} className="gh-scroll-target">
            <Header
              variant="h2"
              counter={`(${i18n.formatNumber(matches.length)})`}
              actions={pageCount > 1 ? pagination : undefined}
            >
              {t('dashboard.allRoles')}
            </Header>
          </div>
          {matches.length === 0 ? (
            <Container>
              <Box textAlign="center" padding="l">
                <SpaceBetween size="s">
                  <Box variant="strong">{t('dashboard.noMatchTitle')}</Box>
                  <Box variant="p">{t('dashboard.noMatch', { query })}</Box>
                  <Button onClick={() => setQuery('')}>{t('dashboard.clearSearch')}</Button>
                </SpaceBetween>
              </Box>
            </Container>
          ) : (
            groups.map((group) => (
              <AccountSection
                key={`${group.account.id}-${group.entries[0]?.role.roleId ?? ''}`}
                account={group.account}
                entries={group.entries}
                actions={actions}
                opening={opening}
              />
            ))
          )}
          {pageCount > 1 && <Box float="right">{pagination}</Box>}
        </SpaceBetween>
      </SpaceBetween>
      {dialog}
    </ContentLayout>
  );
}

function setFavourite(access: MyAccess, roleId: string, on: boolean): MyAccess {
  return {
    ...access,
    accounts: access.accounts.map((account) =>
      account.roles.some((r) => r.roleId === roleId)
        ? { ...account, roles: account.roles.map((r) => (r.roleId === roleId ? { ...r, favourite: on } : r)) }
        : account,
    ),
  };
}

function AccountSection({
  account,
  entries,
  actions,
  opening,
}: {
  account: MyAccount;
  entries: RoleEntry[];
  actions: RoleActions;
  opening: string | null;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const headingId = `account-${account.id}`;
  return (
    <section aria-labelledby={headingId}>
      <Container
        media={{
          content: <div className="gh-account-stripe" style={accountStyle(account.colour)} />,
          position: 'top',
          height: 6,
        }}
        header={
          <Header
            variant="h3"
            description={account.description || undefined}
            info={<span className="gh-partition">{account.partition}</span>}
          >
            <span id={headingId}>
              <AccountLabel name={account.name} colour={account.colour} />
            </span>
          </Header>
        }
      >
        <SpaceBetween size="s">
          <div className="gh-account__id">
            <span>{t('dashboard.accountId')}</span>
            <span className="gh-mono">{formatAccountId(account.awsAccountId)}</span>
            <CopyToClipboard
              variant="icon"
              textToCopy={account.awsAccountId}
              copyButtonAriaLabel={t('dashboard.copyAccountId', { account: account.name })}
              copySuccessText={t('copy.done')}
              copyErrorText={t('copy.failed')}
            />
            {account.defaultRegion && (
              <span>{t('dashboard.defaultRegion', { region: account.defaultRegion })}</span>
            )}
          </div>
          <ul className="gh-roles" aria-label={t('dashboard.rolesIn', { account: account.name })}>
            {entries.map((entry) => (
              <RoleRow
                key={entry.role.roleId}
                entry={entry}
                actions={actions}
                opening={opening === entry.role.roleId}
              />
            ))}
          </ul>
        </SpaceBetween>
      </Container>
    </section>
  );
}

/** No grants yet: say what this page is for and who can change that. */
function NoAccess({ username }: { username: string }) {
  const { t } = useI18n();
  return (
    <ContentLayout header={<Header variant="h1">{t('app.dashboard')}</Header>}>
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
    </ContentLayout>
  );
}
