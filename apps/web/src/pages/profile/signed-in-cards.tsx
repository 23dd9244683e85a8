/** What is signed in as me (browser sessions, CLI tokens): one card each, and a way to end it. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import Box from '@cloudscape-design/components/box';
import Cards from '@cloudscape-design/components/cards';
import type { CardsProps } from '@cloudscape-design/components/cards';
import Header from '@cloudscape-design/components/header';
import type { Ok } from '@gatehouse/contracts';
import { del } from '../../api';
import { describeError } from '../../errors';
import { useI18n } from '../../i18n';
import { ErrorAlert } from '../../components/error-alert';
import { useNotify } from '../../components/notifications';

const CARDS_PER_ROW = [{ cards: 1 }, { minWidth: 640, cards: 2 }, { minWidth: 1000, cards: 3 }];

export function SignedInCards<T extends { id: string }>({
  title,
  description,
  actions,
  query,
  items,
  emptyText,
  cardHeader,
  sections,
}: {
  title: string;
  description: string;
  actions?: ReactNode;
  query: { isPending: boolean; isError: boolean; error: unknown; data: unknown };
  items: T[];
  emptyText: string;
  cardHeader: (item: T) => ReactNode;
  sections: CardsProps.SectionDefinition<T>[];
}) {
  const { t, formatNumber } = useI18n();
  return (
    <Cards<T>
      variant="container"
      header={
        <Header
          variant="h2"
          counter={query.data ? `(${formatNumber(items.length)})` : undefined}
          description={description}
          actions={actions}
        >
          {title}
        </Header>
      }
      loading={query.isPending}
      loadingText={t('app.loading')}
      items={items}
      trackBy="id"
      cardsPerRow={CARDS_PER_ROW}
      empty={query.isError ? <ErrorAlert error={query.error} /> : <Box textAlign="center">{emptyText}</Box>}
      cardDefinition={{ header: cardHeader, sections }}
    />
  );
}

/**
 * Ends one of them by id. Either way the list is asked again: one that failed may be gone already
 * (ended elsewhere, expired).
 */
export function useEnd(
  url: (id: string) => string,
  queryKey: readonly unknown[],
  noticeId: string,
  done: string,
) {
  const i18n = useI18n();
  const client = useQueryClient();
  const notify = useNotify();
  return useMutation({
    mutationFn: (id: string) => del<Ok>(url(id)),
    onSuccess: () => notify({ id: noticeId, type: 'success', content: done }),
    onError: (error) => notify({ id: noticeId, type: 'error', content: describeError(i18n, error).message }),
    onSettled: () => void client.invalidateQueries({ queryKey }),
  });
}
