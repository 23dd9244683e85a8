import type { ReactNode } from 'react';
import Container from '@cloudscape-design/components/container';
import Header from '@cloudscape-design/components/header';
import KeyValuePairs from '@cloudscape-design/components/key-value-pairs';
import type { KeyValuePairsProps } from '@cloudscape-design/components/key-value-pairs';
import SpaceBetween from '@cloudscape-design/components/space-between';
import { useI18n } from '../../../i18n';

/** The first panel of an item's page: its settings and state as label–value pairs, three a row. */
export function Overview({ items, children }: { items: KeyValuePairsProps['items']; children?: ReactNode }) {
  const { t } = useI18n();
  const pairs = <KeyValuePairs columns={3} items={items} />;
  return (
    <Container header={<Header variant="h2">{t('admin.users.detail.overview')}</Header>}>
      {children === undefined ? (
        pairs
      ) : (
        <SpaceBetween size="m">
          {pairs}
          {children}
        </SpaceBetween>
      )}
    </Container>
  );
}
