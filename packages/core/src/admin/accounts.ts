/** AWS accounts as Gatehouse knows them: a name, a colour, a partition, a default region. */
import { AppError } from '../shared/app-error';
import { FieldIssues } from '../shared/field-issues';
import type { Partition } from '../shared/access-records';
import type { AdminCall } from '../shared/request-context';
import { PARTITIONS, isAccountId, isRegion, partitionOfRegion } from '../broker/aws-names';
import type { AdminDeps } from './admin-deps';
import { conflict, mustFindAccount, revocationDetails } from './admin-kit';
import { createAudited, deleteAudited, updateAudited } from './audited-change';
import type { RecordAudit } from './audited-change';
import { freeText, requiredText } from './field-rules';
import type { AccountView, NewAccount } from './ports';
import { accountSnapshot } from './snapshots';

export const DEFAULT_ACCOUNT_COLOUR = '#1d8102';
const ACCOUNT_NAME_MAX = 64;
const COLOUR = /^#[0-9a-f]{6}$/i;

export interface AccountInput {
  awsAccountId?: string;
  name?: string;
  partition?: Partition;
  colour?: string;
  description?: string;
  defaultRegion?: string | null;
  disabled?: boolean;
}

/** The given fields, normalised; problems are collected in `issues`. */
function accountFields(issues: FieldIssues, input: AccountInput): Partial<NewAccount> {
  const fields: Partial<NewAccount> = {};
  if (input.awsAccountId !== undefined) {
    fields.awsAccountId = input.awsAccountId.trim();
    if (!isAccountId(fields.awsAccountId)) issues.add('awsAccountId', 'must be exactly 12 digits');
  }
  if (input.name !== undefined) fields.name = requiredText(issues, 'name', input.name, ACCOUNT_NAME_MAX);
  if (input.partition !== undefined) {
    fields.partition = input.partition;
    if (!PARTITIONS.includes(input.partition))
      issues.add('partition', `must be one of ${PARTITIONS.join(', ')}`);
  }
  if (input.colour !== undefined) {
    fields.colour = input.colour.trim().toLowerCase();
    if (!COLOUR.test(fields.colour)) issues.add('colour', 'must be a colour like #1d8102');
  }
  if (input.description !== undefined)
    fields.description = freeText(issues, 'description', input.description);
  if (input.defaultRegion !== undefined) fields.defaultRegion = input.defaultRegion?.trim() || null;
  if (input.disabled !== undefined) fields.disabled = input.disabled;
  return fields;
}

/** A region is checked against the partition the account will have, whichever of the two changed. */
function checkRegion(issues: FieldIssues, region: string | null, partition: Partition): void {
  if (region === null) return;
  if (!isRegion(region)) issues.add('defaultRegion', 'is not an AWS region name');
  else if (partitionOfRegion(region) !== partition) {
    issues.add('defaultRegion', `is not a region of partition ${partition}`);
  }
}

export function listAccounts(deps: AdminDeps): Promise<AccountView[]> {
  return deps.repo.listAccounts();
}

export function getAccount(deps: AdminDeps, id: string): Promise<AccountView> {
  return mustFindAccount(deps, id);
}

function accountAudit(deps: AdminDeps): RecordAudit<AccountView> {
  return {
    load: (id, tx) => mustFindAccount(deps, id, tx),
    snapshot: accountSnapshot,
    columns: (a) => ({ accountId: a.id }),
  };
}

export async function createAccount(
  deps: AdminDeps,
  call: AdminCall,
  input: AccountInput & { awsAccountId: string; name: string },
): Promise<AccountView> {
  const issues = new FieldIssues();
  const data = accountFields(issues, {
    awsAccountId: input.awsAccountId,
    name: input.name,
    partition: input.partition ?? 'aws',
    colour: input.colour ?? DEFAULT_ACCOUNT_COLOUR,
    description: input.description ?? '',
    defaultRegion: input.defaultRegion ?? null,
    disabled: input.disabled ?? false,
  }) as NewAccount;
  checkRegion(issues, data.defaultRegion, data.partition);
  issues.throwIfAny();
  return createAudited(deps, call, 'admin.account_create', accountAudit(deps), (tx) =>
    deps.repo.createAccount(data, tx),
  );
}

/** Role ARNs embed the account id and partition: those stay while the account has roles. */
function accountChanges(before: AccountView, input: AccountInput): Partial<NewAccount> {
  const issues = new FieldIssues();
  const changes = accountFields(issues, input);
  if (changes.defaultRegion !== undefined || changes.partition !== undefined) {
    checkRegion(issues, changes.defaultRegion ?? before.defaultRegion, changes.partition ?? before.partition);
  }
  issues.throwIfAny();
  const moves = (['awsAccountId', 'partition'] as const).filter(
    (k) => changes[k] !== undefined && changes[k] !== before[k],
  );
  if (moves.length > 0 && before.roleCount > 0) {
    throw new AppError('conflict', 'Remove the roles of this account before changing its id or partition.', {
      fields: moves.map((field) => ({ field, reason: 'account has roles' })),
    });
  }
  return changes;
}

export async function updateAccount(
  deps: AdminDeps,
  call: AdminCall,
  id: string,
  input: AccountInput,
): Promise<AccountView> {
  return updateAudited(deps, call, 'admin.account_update', accountAudit(deps), id, {
    changes: (before) => accountChanges(before, input),
    write: (changes, tx) => deps.repo.updateAccount(id, changes, tx),
    // Disabled: every session Gatehouse issued in the account ends at AWS, role by role.
    effects: async (before, changes, tx) =>
      changes.disabled === true && !before.disabled
        ? revocationDetails(
            await deps.revocations.revokeAccount(
              { accountId: id, reason: 'account_disabled', requestedBy: call.actor },
              tx,
            ),
          )
        : {},
  });
}

export async function deleteAccount(deps: AdminDeps, call: AdminCall, id: string): Promise<void> {
  await deleteAudited(deps, call, 'admin.account_delete', accountAudit(deps), id, async (before, tx) => {
    if (before.roleCount > 0)
      throw conflict('id', 'account has roles', 'Delete the roles of this account first.');
    await deps.repo.deleteAccount(id, tx);
  });
}
