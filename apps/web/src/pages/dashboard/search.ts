/**
 * Searching the roles a user may enter, fast enough to run on every keystroke over thousands:
 * each role gets one normalised text once, and a query is a few substring checks against it.
 */
import type { MyAccount, MyRole } from '@gatehouse/contracts';

export interface RoleEntry {
  account: MyAccount;
  role: MyRole;
  /** Account name, account id, role display name and role name, normalised. */
  text: string;
}

export interface AccountGroup {
  account: MyAccount;
  entries: RoleEntry[];
}

/** Full-width letters and digits (typed with a Japanese IME) match their ASCII forms; case never matters. */
export function normalise(value: string): string {
  return value.normalize('NFKC').toLowerCase();
}

export function indexRoles(accounts: readonly MyAccount[]): RoleEntry[] {
  return accounts.flatMap((account) =>
    account.roles.map((role) => ({
      account,
      role,
      text: normalise([account.name, account.awsAccountId, role.displayName, role.roleName].join('\n')),
    })),
  );
}

interface Term {
  text: string;
  /** For a term like `1234-5678`: the digits, to find account ids the console writes with dashes. */
  digits: string | null;
}

export function parseQuery(query: string): Term[] {
  return normalise(query)
    .split(/\s+/)
    .filter(Boolean)
    .map((text) => ({ text, digits: /^[\d-]*\d[\d-]*$/.test(text) ? text.replace(/-/g, '') : null }));
}

/** Every term must match (in any of the fields); an empty query matches everything. */
export function filterRoles(entries: readonly RoleEntry[], query: string): RoleEntry[] {
  const terms = parseQuery(query);
  if (terms.length === 0) return [...entries];
  return entries.filter((entry) =>
    terms.every(
      (term) =>
        entry.text.includes(term.text) ||
        (term.digits !== null && entry.account.awsAccountId.includes(term.digits)),
    ),
  );
}

/** Consecutive entries of one account become one group, in the order given. */
export function groupByAccount(entries: readonly RoleEntry[]): AccountGroup[] {
  const groups: AccountGroup[] = [];
  for (const entry of entries) {
    const last = groups[groups.length - 1];
    if (last && last.account.id === entry.account.id) last.entries.push(entry);
    else groups.push({ account: entry.account, entries: [entry] });
  }
  return groups;
}

/** `123456789012` → `1234-5678-9012`, as the AWS console shows account ids. */
export function formatAccountId(id: string): string {
  return /^\d{12}$/.test(id) ? `${id.slice(0, 4)}-${id.slice(4, 8)}-${id.slice(8)}` : id;
}
