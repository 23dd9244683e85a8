/** Naming the users an audit event is about: from the event itself, else from who the page knows. */
import type { AuditEventSchema } from '@gatehouse/contracts';

export const shortId = (id: string) => (id.length > 12 ? `${id.slice(0, 8)}…` : id);

const asRecord = (value: unknown): Record<string, unknown> | null =>
  value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : null;

/**
 * The target user's name as the event itself records it: the actor's when they acted on
 * themselves, `details.username`, a user snapshot's (`details.after` / `before` of a created or
 * changed user), or a grant's subject.
 */
export function nameInEvent(event: AuditEventSchema): string | null {
  const id = event.targetUserId;
  if (!id) return null;
  if (id === event.actorId && event.actorUsername) return event.actorUsername;
  const details = asRecord(event.details);
  if (!details) return null;
  if (typeof details['username'] === 'string') return details['username'];
  for (const snapshot of [asRecord(details['after']), asRecord(details['before'])]) {
    if (typeof snapshot?.['username'] === 'string') return snapshot['username'];
  }
  const subject = asRecord(details['subject']);
  if (subject?.['type'] === 'user' && subject['id'] === id && typeof subject['name'] === 'string') {
    return subject['name'];
  }
  return null;
}

/** Usernames by id, from the users already loaded and from what the events record. */
export function knownUserNames(
  events: readonly AuditEventSchema[],
  users: ReadonlyArray<{ id: string; username: string }>,
): Map<string, string> {
  const names = new Map<string, string>();
  for (const e of events) {
    if (e.actorId && e.actorUsername) names.set(e.actorId, e.actorUsername);
    const target = nameInEvent(e);
    if (e.targetUserId && target) names.set(e.targetUserId, target);
  }
  for (const u of users) names.set(u.id, u.username);
  return names;
}

/**
 * A target user's name: from the event, else from the names known on the page; a short id only
 * for a user nobody here can name (deleted, or beyond the users loaded).
 */
export function targetName(
  event: AuditEventSchema,
  known: ReadonlyMap<string, string> = new Map(),
): string | null {
  if (!event.targetUserId) return null;
  return nameInEvent(event) ?? known.get(event.targetUserId) ?? shortId(event.targetUserId);
}
