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

/** How a dropdown gets its options: filtered here, or asked of the server as one types. */
type OptionSource = Pick<SelectProps, 'filteringType' | 'statusType' | 'onLoadItems' | 'recoveryText'>;

/** Loading until every list has arrived; an error in any of them shows. */
function loadedHere(...queries: ReadonlyArray<{ isError: boolean; isPending: boolean }>): OptionSource {
  const statusType = queries.some((q) => q.isError)
    ? 'error'
    : queries.some((q) => q.isPending)
      ? 'loading'
      : 'finished';
  return { filteringType: 'auto', statusType };
}

function useUserSearchOptions(): { options: Option[]; source: OptionSource } {
  const { t } = useI18n();
  const [filteringText, setFilteringText] = useState('');
  const search = useDebounced(filteringText.trim(), 250);
  const list = useUserList(search, USER_PICKER_PAGE, 0);
  return {
    options: (list.data?.users ?? []).map(userOption),
    source: {
      filteringType: 'manual',
      statusType: list.isError ? 'error' : list.isFetching ? 'loading' : 'finished',
      // Only lists that load on demand can offer a retry.
      recoveryText: t('admin.action.retry'),
      onLoadItems: ({ detail }) => {
        // The same page again is the "retry" after an error; anything else is a new search.
        if (detail.samePage) void list.refetch();
        else setFilteringText(detail.filteringText);
      },
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

interface SelectByIdProps {
  selectedId: string | null;
  onChange: (id: string | null) => void;
  placeholder: string;
  ariaLabel?: string;
  /** When given, the first option clears the choice. */
  clearLabel?: string;
  invalid?: boolean;
  disabled?: boolean;
}

/** The single choosers: an id in, an id (or null, for the clearing option) out. */
function SelectById({
  onChange,
  placeholder,
  ariaLabel,
  clearLabel,
  invalid,
  disabled,
  selectedOption,
  options,
  source,
}: Omit<SelectByIdProps, 'selectedId'> & {
  selectedOption: Option | null;
  options: ReadonlyArray<Option | SelectProps.OptionGroup>;
  source: OptionSource;
}) {
  const strings = useDropdownStrings();
  const clear: Option[] = clearLabel ? [{ value: '', label: clearLabel }] : [];
  return (
    <Select
      {...strings}
      {...source}
      selectedOption={selectedOption}
      onChange={({ detail }) => onChange(detail.selectedOption.value || null)}
      options={[...clear, ...options]}
      placeholder={placeholder}
      invalid={invalid ?? false}
      disabled={disabled ?? false}
      {...(ariaLabel ? { ariaLabel } : {})}
    />
  );
}

interface MultiselectProps {
  selected: readonly Option[];
  onChange: (options: readonly Option[]) => void;
  placeholder: string;
  invalid?: boolean;
}

function OptionMultiselect({
  selected,
  onChange,
  placeholder,
  invalid,
  options,
  source,
}: MultiselectProps & { options: Option[]; source: OptionSource }) {
  const { t } = useI18n();
  const strings = useDropdownStrings();
  return (
    <Multiselect
      {...strings}
      {...source}
      selectedOptions={selected}
      onChange={({ detail }) => onChange(detail.selectedOptions)}
      options={options}
      placeholder={placeholder}
      deselectAriaLabel={(o) => t('admin.picker.remove', { name: o.label ?? '' })}
      tokenLimit={8}
      invalid={invalid ?? false}
    />
  );
}

/** One user; an id from the address bar gets its name from the server. */
export function UserSelect(props: Omit<SelectByIdProps, 'invalid' | 'disabled'>) {
  const search = useUserSearchOptions();
  const known = useUser(props.selectedId ?? undefined);
  const selectedOption: Option | null = props.selectedId
    ? known.data
      ? userOption(known.data)
      : { value: props.selectedId, label: props.selectedId }
    : null;
  return <SelectById {...props} selectedOption={selectedOption} {...search} />;
}

export function UserMultiselect(props: MultiselectProps) {
  return <OptionMultiselect {...props} {...useUserSearchOptions()} />;
}

export function GroupMultiselect(props: MultiselectProps) {
  const groups = useGroups();
  return (
    <OptionMultiselect
      {...props}
      options={(groups.data ?? []).map(groupOption)}
      source={loadedHere(groups)}
    />
  );
}

export function GroupSelect(props: Omit<SelectByIdProps, 'invalid' | 'disabled'>) {
  const groups = useGroups();
  const options = (groups.data ?? []).map(groupOption);
  const selectedOption = options.find((o) => o.value === props.selectedId) ?? null;
  return (
    <SelectById {...props} selectedOption={selectedOption} options={options} source={loadedHere(groups)} />
  );
}

export function AccountSelect(props: SelectByIdProps) {
  const accounts = useAccounts();
  const options = (accounts.data ?? []).map(accountOption);
  const selectedOption = options.find((o) => o.value === props.selectedId) ?? null;
  return (
    <SelectById {...props} selectedOption={selectedOption} options={options} source={loadedHere(accounts)} />
  );
}

export function RoleSelect({
  accountId,
  ...props
}: Omit<SelectByIdProps, 'disabled'> & {
  /** Only this account's roles. */
  accountId?: string | null;
}) {
  const roles = useRoles();
  const accounts = useAccounts();
  const groups = roleOptions(
    (roles.data ?? []).filter((r) => !accountId || r.accountId === accountId),
    accounts.data ?? [],
  );
  const selectedOption = groups.flatMap((g) => g.options).find((o) => o.value === props.selectedId) ?? null;
  return (
    <SelectById
      {...props}
      selectedOption={selectedOption}
      options={groups}
      source={loadedHere(roles, accounts)}
    />
  );
}
