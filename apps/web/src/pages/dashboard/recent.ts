/**
 * Recently used roles, kept in this browser only (per user): a convenience, not a record. The
 * audit log on the server is the record.
 */
export interface RecentUse {
  roleId: string;
  kind: 'console' | 'cli';
  /** ISO time of the use. */
  at: string;
}

export const MAX_RECENT = 5;

function storageKey(userId: string): string {
  return `gatehouse.recent.${userId}`;
}

function isRecentUse(value: unknown): value is RecentUse {
  if (!value || typeof value !== 'object') return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.roleId === 'string' &&
    (v.kind === 'console' || v.kind === 'cli') &&
    typeof v.at === 'string' &&
    !Number.isNaN(Date.parse(v.at))
  );
}

export function readRecent(
  userId: string,
  storage: Storage | undefined = globalThis.localStorage,
): RecentUse[] {
  try {
    const raw = storage?.getItem(storageKey(userId));
    const parsed: unknown = raw ? JSON.parse(raw) : [];
    return Array.isArray(parsed) ? parsed.filter(isRecentUse).slice(0, MAX_RECENT) : [];
  } catch {
    return [];
  }
}

/** Newest first, one entry per role, at most MAX_RECENT. */
export function addRecent(list: readonly RecentUse[], use: RecentUse): RecentUse[] {
  return [use, ...list.filter((u) => u.roleId !== use.roleId)].slice(0, MAX_RECENT);
}

export function writeRecent(
  userId: string,
  list: readonly RecentUse[],
  storage: Storage | undefined = globalThis.localStorage,
): void {
  try {
    storage?.setItem(storageKey(userId), JSON.stringify(list));
  } catch {
    // Storage full or refused (private browsing): the list simply is not remembered.
  }
}
