/**
 * Choosers for the things a grant or a filter names. Users are searched on the server (there may
 * be thousands); groups, accounts and roles are few enough to filter in the browser.
 */
import { useState } from 'react';
import Multiselect from '@cloudscape-design/components/multiselect';
import Select from '@cloudscape-design/components/select';
import type { SelectProps } from '@cloudscape-design/components/select';
import type { AdminAccount, AdminGroup, AdminRole, AdminUser } from '@gatehouse/contracts';
import { useI18n } from '../../../i18n';
import { useDebounced } from './use-debounced';
import { useAccounts, useGroups, useRoles, useUser, useUserList } from './queries';

export type Option = SelectProps.Option;

export const userOption = (u: Pick<AdminUser, 'id' | 'username' | 'displayName'>): Option => ({
  value: u.id,
  label: u.username,
  description: u.displayName,
});

export const groupOption = (g: Pick<AdminGroup, 'id' | 'name' | 'description'>): Option => ({
  value: g.id,
  label: g.name,
  ...(g.description ? { description: g.description } : {}),
});

export const accountOption = (a: Pick<AdminAccount, 'id' | 'name' | 'awsAccountId'>): Option => ({
  value: a.id,
  label: a.name,
  description: a.awsAccountId,
  filteringTags: [a.awsAccountId],
});

/** Roles grouped under their account, searchable by name, ARN and account id. */
export function roleOptions(
  roles: readonly AdminRole[],
  accounts: readonly AdminAccount[],
): SelectProps.OptionGroup[] {
  return accounts
    .map((a) => ({
      label: `${a.name} (${a.awsAccountId})`,
      options: roles
        .filter((r) => r.accountId === a.id)
        .map((r) => ({
          value: r.id,
          label: r.displayName,
          description: r.arn,
          filteringTags: [r.roleName, a.name, a.awsAccountId],
        })),
    }))
    .filter((group) => group.options.length > 0);
}

/** How many users a user picker lists per search (its first page, before any typing, included). */
export const USER_PICKER_PAGE = 25;

function useUserSearchOptions() {
  const [filteringText, setFilteringText] = useState('');
  const search = useDebounced(filteringText.trim(), 250);
  const list = useUserList(search, USER_PICKER_PAGE, 0);
  const options = (list.data?.users ?? []).map(userOption);
  const statusType: SelectProps['statusType'] = list.isError
    ? 'error'
    : list.isFetching
      ? 'loading'
      : 'finished';
  const { t } = useI18n();
  return {
    options,
    statusType,
    // Only lists that load on demand can offer a retry.
    recoveryText: t('admin.action.retry'),
    onLoadItems: ({ detail }: { detail: { filteringText: string; samePage: boolean } }) => {
      // The same page again is the "retry" after an error; anything else is a new search.
      if (detail.samePage) void list.refetch();
      else setFilteringText(detail.filteringText);
    },
  };
}

function useDropdownStrings() {
  const { t } = useI18n();
  return {
    loadingText: t('app.loading'),
    errorText: t('admin.picker.error'),
    empty: t('admin.picker.empty'),
    noMatch: t('admin.picker.noMatch'),
    filteringPlaceholder: t('admin.picker.search'),
    filteringAriaLabel: t('admin.picker.search'),
  };
}

/** One user; an id from the address bar gets its name from the server. */
export function UserSelect({
  selectedId,
  onChange,
  placeholder,
  ariaLabel,
  clearLabel,
}: {
  selectedId: string | null;
  onChange: (id: string | null) => void;
  placeholder: string;
  ariaLabel?: string;
  /** When given, the first option clears the choice. */
  clearLabel?: string;
}) {
  const strings = useDropdownStrings();
  const search = useUserSearchOptions();
  const known = useUser(selectedId ?? undefined);
  const selectedOption: Option | null = selectedId
    ? known.data
      ? userOption(known.data)
      : { value: selectedId, label: selectedId }
    : null;
  const clear: Option[] = clearLabel ? [{ value: '', label: clearLabel }] : [];
  return (
    <Select
      {...strings}
      selectedOption={selectedOption}
      onChange={({ detail }) => onChange(detail.selectedOption.value || null)}
      options={[...clear, ...search.options]}
      filteringType="manual"
      onLoadItems={search.onLoadItems}
      statusType={search.statusType}
      recoveryText={search.recoveryText}
      placeholder={placeholder}
      {...(ariaLabel ? { ariaLabel } : {})}
    />
  );
}

export function UserMultiselect({
  selected,
  onChange,
  placeholder,
  invalid,
}: {
  selected: readonly Option[];
  onChange: (options: readonly Option[]) => void;
  placeholder: string;
  invalid?: boolean;
}) {
  const { t } = useI18n();
  const strings = useDropdownStrings();
  const search = useUserSearchOptions();
  return (
    <Multiselect
      {...strings}
      selectedOptions={selected}
      onChange={({ detail }) => onChange(detail.selectedOptions)}
      options={search.options}
      filteringType="manual"
      onLoadItems={search.onLoadItems}
      statusType={search.statusType}
      recoveryText={search.recoveryText}
      placeholder={placeholder}
      deselectAriaLabel={(o) => t('admin.picker.remove', { name: o.label ?? '' })}
      tokenLimit={8}
      invalid={invalid ?? false}
    />
  );
}

export function GroupMultiselect({
  selected,
  onChange,
  placeholder,
  invalid,
}: {
  selected: readonly Option[];
  onChange: (options: readonly Option[]) => void;
  placeholder: string;
  invalid?: boolean;
}) {
  const { t } = useI18n();
  const strings = useDropdownStrings();
  const groups = useGroups();
  return (
    <Multiselect
      {...strings}
      selectedOptions={selected}
      onChange={({ detail }) => onChange(detail.selectedOptions)}
      options={(groups.data ?? []).map(groupOption)}
      filteringType="auto"
      statusType={groups.isError ? 'error' : groups.isPending ? 'loading' : 'finished'}
      placeholder={placeholder}
      deselectAriaLabel={(o) => t('admin.picker.remove', { name: o.label ?? '' })}
      tokenLimit={8}
      invalid={invalid ?? false}
    />
  );
}

export function GroupSelect({
  selectedId,
  onChange,
  placeholder,
  ariaLabel,
  clearLabel,
}: {
  selectedId: string | null;
  onChange: (id: string | null) => void;
  placeholder: string;
  ariaLabel?: string;
  clearLabel?: string;
}) {
  const strings = useDropdownStrings();
  const groups = useGroups();
  const options = (groups.data ?? []).map(groupOption);
  const clear: Option[] = clearLabel ? [{ value: '', label: clearLabel }] : [];
  return (
    <Select
      {...strings}
      selectedOption={options.find((o) => o.value === selectedId) ?? null}
      onChange={({ detail }) => onChange(detail.selectedOption.value || null)}
      options={[...clear, ...options]}
      filteringType="auto"
      statusType={groups.isError ? 'error' : groups.isPending ? 'loading' : 'finished'}
      placeholder={placeholder}
      {...(ariaLabel ? { ariaLabel } : {})}
    />
  );
}

export function AccountSelect({
  selectedId,
  onChange,
  placeholder,
  ariaLabel,
  clearLabel,
  invalid,
  disabled,
}: {
  selectedId: string | null;
  onChange: (id: string | null) => void;
  placeholder: string;
  ariaLabel?: string;
  clearLabel?: string;
  invalid?: boolean;
  disabled?: boolean;
}) {
  const strings = useDropdownStrings();
  const accounts = useAccounts();
  const options = (accounts.data ?? []).map(accountOption);
  const clear: Option[] = clearLabel ? [{ value: '', label: clearLabel }] : [];
  return (
    <Select
      {...strings}
      selectedOption={options.find((o) => o.value === selectedId) ?? null}
      onChange={({ detail }) => onChange(detail.selectedOption.value || null)}
      options={[...clear, ...options]}
      filteringType="auto"
      statusType={accounts.isError ? 'error' : accounts.isPending ? 'loading' : 'finished'}
      placeholder={placeholder}
      invalid={invalid ?? false}
      disabled={disabled ?? false}
      {...(ariaLabel ? { ariaLabel } : {})}
    />
  );
}

export function RoleSelect({
  selectedId,
  onChange,
  placeholder,
  ariaLabel,
  clearLabel,
  accountId,
  invalid,
}: {
  selectedId: string | null;
  onChange: (id: string | null) => void;
  placeholder: string;
  ariaLabel?: string;
  clearLabel?: string;
  /** Only this account's roles. */
  accountId?: string | null;
  invalid?: boolean;
}) {
  const strings = useDropdownStrings();
  const roles = useRoles();
  const accounts = useAccounts();
  const groups = roleOptions(
    (roles.data ?? []).filter((r) => !accountId || r.accountId === accountId),
    accounts.data ?? [],
  );
  const flat = groups.flatMap((g) => g.options);
  const clear: Option[] = clearLabel ? [{ value: '', label: clearLabel }] : [];
  const loading = roles.isPending || accounts.isPending;
  return (
    <Select
      {...strings}
      selectedOption={flat.find((o) => o.value === selectedId) ?? null}
      onChange={({ detail }) => onChange(detail.selectedOption.value || null)}
      options={[...clear, ...groups]}
      filteringType="auto"
      statusType={roles.isError || accounts.isError ? 'error' : loading ? 'loading' : 'finished'}
      placeholder={placeholder}
      invalid={invalid ?? false}
      {...(ariaLabel ? { ariaLabel } : {})}
    />
  );
}
