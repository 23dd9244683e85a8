import { MAX_SESSION_SECONDS } from '@gatehouse/core';
import type { LiveIssuance, LiveIssuanceFilter, LiveIssuanceQuery } from '@gatehouse/core';
import type pg from 'pg';
import type { PrismaClient } from './client';
import { clientOf } from './client';

interface LiveRow {
  action: string;
  issued_at: Date;
  expires_at: Date;
  user_id: string;
  username: string;
  role_id: string;
  account_id: string | null;
  role_arn: string;
  aws_account_id: string;
  grant_id: string;
  login_id: string | null;
}

/**
 * How each filter field reads an `issued` row (packages/core/src/broker/assume-role.ts): the
 * columns have (column, occurred_at) indexes; grant and login are only in the details.
 */
const FILTER_SQL: Record<keyof LiveIssuanceFilter, string> = {
  userId: 'e.target_user_id = $::uuid',
  roleId: 'e.role_id = $::uuid',
  accountId: 'e.account_id = $::uuid',
  grantId: "e.details->>'grantId' = $::text",
  loginId: "e.details->>'loginId' = $::text",
};

/**
 * No session outlives MAX_SESSION_SECONDS, so older rows cannot be live and the scan stops there.
 * The issued row's occurred_at is this process's clock while expiresAt is AWS's, hence a few
 * minutes of allowance for skew between them.
 */
const CLOCK_SKEW_SECONDS = 5 * 60;

// assume-role writes expiresAt with toISOString(). A row that does not say when its session ends
// in that form is taken to live as long as any session can: revoking a dead session costs a
// statement, missing a live one leaves access open. The cast is guarded rather than trusted so one
// odd row cannot fail every revocation.
const EXPIRES_AT = `CASE WHEN e.details->>'expiresAt' ~ '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z$'
  THEN (e.details->>'expiresAt')::timestamptz
  ELSE e.occurred_at + $2::int * interval '1 second' END`;

function sqlFor(clauses: string[]): string {
  // $1 is now, $2 the longest session, $3 the skew allowed; the filters' are $4, $5... in order.
  let n = 3;
  const filters = clauses.map((clause) => clause.replace('$', () => `$${++n}`));
  return `
    SELECT e.action, e.occurred_at AS issued_at, x.expires_at,
           e.target_user_id::text AS user_id, coalesce(e.actor_username, '') AS username,
           e.role_id::text AS role_id, e.account_id::text AS account_id,
           coalesce(e.details->>'roleArn', '') AS role_arn,
           coalesce(e.details->>'awsAccountId', '') AS aws_account_id,
           coalesce(e.details->>'grantId', '') AS grant_id,
           e.details->>'loginId' AS login_id
    FROM audit_events e
    CROSS JOIN LATERAL (SELECT ${EXPIRES_AT} AS expires_at) x
    WHERE e.action IN ('access.console', 'access.credentials')
      AND e.outcome = 'issued'
      AND e.occurred_at > $1::timestamptz - ($2::int + $3::int) * interval '1 second'
      AND x.expires_at > $1::timestamptz
      -- assume-role always sets both; a row without them names no session anyone could target.
      AND e.target_user_id IS NOT NULL AND e.role_id IS NOT NULL
      AND ${filters.join(' AND ')}
    ORDER BY e.occurred_at, e.id`;
}

function toLiveIssuance(row: LiveRow): LiveIssuance {
  return {
    roleId: row.role_id,
    roleArn: row.role_arn,
    accountId: row.account_id,
    awsAccountId: row.aws_account_id,
    userId: row.user_id,
    username: row.username,
    grantId: row.grant_id,
    loginId: row.login_id,
    // The action is the kind (broker/issuance-audit.ts); details.kind only repeats it.
    kind: row.action === 'access.console' ? 'console' : 'cli',
    issuedAt: row.issued_at,
    expiresAt: row.expires_at,
  };
}

/**
 * The sessions the audit log shows as issued and not yet expired. `pool`, when given, carries
 * reads made outside a transaction on node-postgres, as the other adapters do; inside `tx` the
 * read sees the caller's own uncommitted changes.
 */
export function createLiveIssuanceQuery(db: PrismaClient, pool?: pg.Pool): LiveIssuanceQuery {
  return {
    async list(filter, now, tx) {
      const given = (Object.keys(FILTER_SQL) as (keyof LiveIssuanceFilter)[]).filter(
        (key) => filter[key] !== undefined,
      );
      // Every live session of the fleet is never what a revocation means: refuse rather than guess.
      if (given.length === 0) {
        throw new Error(
          'LiveIssuanceQuery.list needs at least one of userId, grantId, roleId, accountId, loginId',
        );
      }
      const sql = sqlFor(given.map((key) => FILTER_SQL[key]));
      const values = [now, MAX_SESSION_SECONDS, CLOCK_SKEW_SECONDS, ...given.map((key) => filter[key])];
      const rows =
        pool && !tx
          ? (await pool.query<LiveRow>(sql, values)).rows
          : await clientOf(db, tx).$queryRawUnsafe<LiveRow[]>(sql, ...values);
      return rows.map(toLiveIssuance);
    },
  };
}
