import type { AccountRecord } from '../shared/access-records';
import type { BrokerDeps } from './broker-deps';
import type { GrantWithTarget } from './ports';
import { decideSessionLimit } from './session-duration';

function byRole(entries: GrantWithTarget[]): Map<string, GrantWithTarget[]> {
  const grouped = new Map<string, GrantWithTarget[]>();
  for (const e of entries) {
    const list = grouped.get(e.role.id) ?? [];
    list.push(e);
    grouped.set(e.role.id, list);
  }
  return grouped;
}

/** Of several grants for one role, the one that allows the most: both kinds, longest session, fewest limits. */
function mostCapable(grants: GrantWithTarget[]): GrantWithTarget {
  const score = (g: GrantWithTarget) =>
    (g.grant.allowConsole ? 4 : 0) +
    (g.grant.allowCli ? 4 : 0) +
    (g.grant.sourceCidrs.length === 0 ? 2 : 0) +
    (g.grant.expiresAt === null ? 1 : 0);
  return [...grants].sort(
    (a, b) =>
      score(b) - score(a) ||
      (b.grant.maxSessionSeconds ?? b.role.maxSessionSeconds) -
        (a.grant.maxSessionSeconds ?? a.role.maxSessionSeconds) ||
      a.grant.id.localeCompare(b.grant.id),
  )[0] as GrantWithTarget;
}

function roleView(
  list: GrantWithTarget[],
  facts: { iamMax: Map<string, number>; chained: boolean; favourites: Set<string> },
) {
  const best = mostCapable(list);
  const limit = decideSessionLimit({
    roleMaxSeconds: best.role.maxSessionSeconds,
    grantMaxSeconds: best.grant.maxSessionSeconds,
    iamMaxSeconds: facts.iamMax.get(best.role.id) ?? null,
    chained: facts.chained,
  });
  return {
    roleId: best.role.id,
    grantId: best.grant.id,
    roleName: best.role.roleName,
    arn: best.role.arn,
    displayName: best.role.displayName,
    description: best.role.description,
    allowConsole: list.some((g) => g.grant.allowConsole),
    allowCli: list.some((g) => g.grant.allowCli),
    maxSessionSeconds: limit.maxSeconds,
    maxSessionLimitedBy: limit.limitedBy,
    maxSessionExplanation: limit.explanation,
    requiresStepUp: best.role.requiresStepUp,
    favourite: facts.favourites.has(best.role.id),
    grantExpiresAt: best.grant.expiresAt?.toISOString() ?? null,
    via: list.map((g) => (g.grant.userId ? 'direct' : `group:${g.groupName ?? g.grant.groupId}`)),
  };
}

type RoleView = ReturnType<typeof roleView>;

/** The soonest grant expiry: until then (and until a row it was read from changes) the view holds. */
function soonestExpiry(entries: GrantWithTarget[]): Date | null {
  let soonest: number | null = null;
  for (const e of entries) {
    const expiry = e.grant.expiresAt?.getTime();
    if (expiry !== undefined && (soonest === null || expiry < soonest)) soonest = expiry;
  }
  return soonest === null ? null : new Date(soonest);
}

/**
 * What `my access` shows a user, apart from their session's step-up window: the same for
 * every session of the user until one of the rows it was read from changes or `changesAt`
 * (the soonest grant expiry) passes, so the server may keep it (apps/server/src/http/caches.ts).
 */
export async function accessView(deps: Pick<BrokerDeps, 'access' | 'identity' | 'now'>, userId: string) {
  const { access } = deps;
  const [entries, favourites, broker] = await Promise.all([
    access.effectiveGrants(userId, deps.now()),
    access.favouriteRoleIds(userId),
    deps.identity.get().catch(() => null),
  ]);
  const iamMax = await access.iamMaxSessionSeconds([...new Set(entries.map((e) => e.role.id))]);
  const chained = broker ? broker.isRoleSession : false;
  const facts = { iamMax, chained, favourites: new Set(favourites) };
  const accounts = new Map<string, { account: AccountRecord; roles: RoleView[] }>();
  for (const list of byRole(entries).values()) {
    const account = list[0]!.account;
    const slot = accounts.get(account.id) ?? { account, roles: [] };
    slot.roles.push(roleView(list, facts));
    accounts.set(account.id, slot);
  }
  const sorted = [...accounts.values()].sort((a, b) => a.account.name.localeCompare(b.account.name));
  return {
    roleChaining: chained,
    changesAt: soonestExpiry(entries),
    accounts: sorted.map(({ account, roles }) => ({
      id: account.id,
      awsAccountId: account.awsAccountId,
      name: account.name,
      partition: account.partition,
      colour: account.colour,
      description: account.description,
      defaultRegion: account.defaultRegion,
      roles: roles.sort(
        (a, b) => Number(b.favourite) - Number(a.favourite) || a.displayName.localeCompare(b.displayName),
      ),
    })),
  };
}
