/** Every role that matches the search, a page of them at a time, under their accounts. */
import { useMemo, useRef } from 'react';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import Container from '@cloudscape-design/components/container';
import Header from '@cloudscape-design/components/header';
import Pagination from '@cloudscape-design/components/pagination';
import SpaceBetween from '@cloudscape-design/components/space-between';
import { useI18n } from '../../i18n';
import { AccountSection } from './role-lists';
import type { RoleActions } from './role-row';
import { groupByAccount } from './search';
import type { RoleEntry } from './search';

export const PAGE_SIZE = 50;

export function AllRoles({
  matches,
  page,
  onPage,
  query,
  onClearQuery,
  actions,
  opening,
}: {
  matches: readonly RoleEntry[];
  /** As asked for; past the last page (the search shrank the list) it shows the last one. */
  page: number;
  onPage: (page: number) => void;
  query: string;
  onClearQuery: () => void;
  actions: RoleActions;
  opening: string | null;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const top = useRef<HTMLDivElement>(null);
  const pageCount = Math.max(1, Math.ceil(matches.length / PAGE_SIZE));
  const currentPage = Math.min(page, pageCount);
  const groups = useMemo(
    () => groupByAccount(matches.slice((currentPage - 1) * PAGE_SIZE, currentPage * PAGE_SIZE)),
    [matches, currentPage],
  );

  const pagination = (
    <Pagination
      currentPageIndex={currentPage}
      pagesCount={pageCount}
      onChange={(e) => {
        onPage(e.detail.currentPageIndex);
        // From the bottom pager, the next page should start at its top, not its bottom.
        top.current?.scrollIntoView?.({ block: 'start' });
      }}
      ariaLabels={{
        nextPageLabel: t('dashboard.nextPage'),
        previousPageLabel: t('dashboard.previousPage'),
        pageLabel: (n) => t('dashboard.pageLabel', { n }),
      }}
    />
  );

  return (
    <SpaceBetween size="m">
      <div ref={top} className="gh-scroll-target">
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
              <Button onClick={onClearQuery}>{t('dashboard.clearSearch')}</Button>
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
  );
}
