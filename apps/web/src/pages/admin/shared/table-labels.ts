/** Labels Cloudscape tables need for selection controls, in the chosen language. */
import type { TableProps } from '@cloudscape-design/components/table';
import type { I18n } from '../../../i18n';

export function selectionLabels<T>(t: I18n['t'], name: (item: T) => string): TableProps.AriaLabels<T> {
  return {
    selectionGroupLabel: t('admin.table.selectionGroup'),
    allItemsSelectionLabel: () => t('admin.table.selectAll'),
    itemSelectionLabel: (_selection, item) => t('admin.table.selectItem', { name: name(item) }),
  };
}
