/** Revocations at AWS (the outbox): per user and per role, where each one stands. */
import { AdminRevocationList, AdminRevocationListQuery } from '@gatehouse/contracts';
import type { AdminRevocation } from '@gatehouse/contracts';
import type { RevocationRecord } from '@gatehouse/core';
import { iso, isoOrNull, lookupErrors } from '../route-kit';
import type { App, RouteDeps } from '../route-kit';

export function toAdminRevocation(r: RevocationRecord): AdminRevocation {
  const waiting = r.status === 'pending' || r.status === 'failing';
  return {
    id: r.id,
    createdAt: iso(r.createdAt),
    reason: r.reason,
    scope: r.scope,
    cutoff: iso(r.cutoff),
    role: { id: r.roleId, arn: r.roleArn, name: r.roleName, awsAccountId: r.awsAccountId },
    user: r.userId && r.username !== null ? { id: r.userId, username: r.username } : null,
    grantId: r.grantId,
    loginId: r.loginId,
    liveSessions: r.liveSessions,
    sessionsEndAt: iso(r.sessionsEndAt),
    status: r.status,
    attempts: r.attempts,
    nextAttemptAt: waiting ? iso(r.nextAttemptAt) : null,
    lastError: r.lastError,
    appliedAt: isoOrNull(r.appliedAt),
    policyName: r.policyName,
    requestedBy: r.requestedByUsername,
  };
}

export function register(app: App, { services }: RouteDeps): void {
  app.get(
    '/api/admin/revocations',
    {
      config: { auth: 'admin' },
      schema: {
        querystring: AdminRevocationListQuery,
        response: { 200: AdminRevocationList, ...lookupErrors },
      },
    },
    async (request) => {
      const { rows, counts } = await services.revocations.listRevocations(request.query);
      return { revocations: rows.map(toAdminRevocation), counts };
    },
  );
}
