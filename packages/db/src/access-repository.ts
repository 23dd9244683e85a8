import type {
  AccessRepository,
  AccountRecord,
  GrantWithTarget,
  Partition,
  RoleRecord,
} from '@gatehouse/core';
import type pg from 'pg';
import type { PrismaClient } from './client';
import { clientOf } from './client';
import type { AwsAccount, Role } from './generated/prisma/client';

export function toAccountRecord(a: AwsAccount): AccountRecord {
  return { ...a, partition: a.partition as Partition };
}

export function toRoleRecord(r: Role): RoleRecord {
  return r;
}

/**
 * A grant joined with its role, account and group, columns prefixed by table. Timestamps travel
 * as epoch milliseconds: turning thousands of timestamp strings into Dates was the largest single
 * cost of `my access` for a user with many roles.
 */
interface TargetRow {
  g_id: string;
  g_role_id: string;
  g_user_id: string | null;
  g_group_id: string | null;
  g_allow_console: boolean;
  g_allow_cli: boolean;
  g_max_session_seconds: number | null;
  g_source_cidrs: string[] | null;
  g_expires_at: number | null;
  g_note: string;
  g_created_at: number;
  g_updated_at: number;
  r_id: string;
  r_account_id: string;
  r_role_name: string;
  r_role_path: string;
  r_arn: string;
  r_display_name: string;
  r_description: string;
  r_max_session_seconds: number;
  r_session_policy: string | null;
  r_requires_step_up: boolean;
  r_created_at: number;
  r_updated_at: number;
  a_id: string;
  a_aws_account_id: string;
  a_name: string;
  a_partition: string;
  a_colour: string;
  a_description: string;
  a_default_region: string | null;
  a_disabled: boolean;
  a_created_at: number;
  a_updated_at: number;
  group_name: string | null;
}

const ms = (column: string) => `(extract(epoch FROM ${column}) * 1000)::float8`;

const TARGET_COLUMNS = `
  g.id AS g_id, g.role_id AS g_role_id, g.user_id AS g_user_id, g.group_id AS g_group_id,
  g.allow_console AS g_allow_console, g.allow_cli AS g_allow_cli, g.max_session_seconds AS g_max_session_seconds,
  g.source_cidrs AS g_source_cidrs, ${ms('g.expires_at')} AS g_expires_at, g.note AS g_note,
  ${ms('g.created_at')} AS g_created_at, ${ms('g.updated_at')} AS g_updated_at,
  r.id AS r_id, r.account_id AS r_account_id, r.role_name AS r_role_name, r.role_path AS r_role_path,
  r.arn AS r_arn, r.display_name AS r_display_name, r.description AS r_description,
  r.max_session_seconds AS r_max_session_seconds, r.session_policy AS r_session_policy,
  r.requires_step_up AS r_requires_step_up, ${ms('r.created_at')} AS r_created_at, ${ms('r.updated_at')} AS r_updated_at,
  a.id AS a_id, a.aws_account_id AS a_aws_account_id, a.name AS a_name, a.partition AS a_partition,
  a.colour AS a_colour, a.description AS a_description, a.default_region AS a_default_region,
  a.disabled AS a_disabled, ${ms('a.created_at')} AS a_created_at, ${ms('a.updated_at')} AS a_updated_at,
  gr.name AS group_name`;

// Direct grants and group grants as two indexed branches (an OR across them defeats the indexes).
const EFFECTIVE_GRANTS_SQL = `
  SELECT ${TARGET_COLUMNS}
  FROM (
    SELECT id FROM grants WHERE user_id = $1::uuid
    UNION ALL
    SELECT gg.id FROM group_memberships m JOIN grants gg ON gg.group_id = m.group_id WHERE m.user_id = $1::uuid
  ) mine
  JOIN grants g ON g.id = mine.id
  JOIN roles r ON r.id = g.role_id
  JOIN aws_accounts a ON a.id = r.account_id
  LEFT JOIN groups gr ON gr.id = g.group_id
  WHERE (g.expires_at IS NULL OR g.expires_at > $2::timestamptz) AND NOT a.disabled`;

interface IssuanceRow extends TargetRow {
  reaches_user: boolean;
  iam_max_session_seconds: number | null;
}

// Grant, role, account, the user's membership of the grant's group and the role's IAM maximum in
// one round trip (and one snapshot): issuance used to ask for them one query at a time.
const ISSUANCE_TARGET_SQL = `
  SELECT ${TARGET_COLUMNS},
    coalesce(g.user_id = $2::uuid, false)
      OR EXISTS (SELECT 1 FROM group_memberships m WHERE m.group_id = g.group_id AND m.user_id = $2::uuid)
      AS reaches_user,
    h.iam_max_session_seconds
  FROM grants g
  JOIN roles r ON r.id = g.role_id
  JOIN aws_accounts a ON a.id = r.account_id
  LEFT JOIN groups gr ON gr.id = g.group_id
  LEFT JOIN role_health h ON h.role_id = r.id
  WHERE g.id = $1::uuid`;

interface IamMaxRow {
  role_id: string;
  iam_max_session_seconds: number;
}

const IAM_MAX_SQL = `
  SELECT role_id::text, iam_max_session_seconds FROM role_health
  WHERE role_id = ANY($1::uuid[]) AND iam_max_session_seconds IS NOT NULL`;

function fromRow(row: TargetRow): GrantWithTarget {
  return {
    grant: {
      id: row.g_id,
      roleId: row.g_role_id,
      userId: row.g_user_id,
      groupId: row.g_group_id,
      allowConsole: row.g_allow_console,
      allowCli: row.g_allow_cli,
      maxSessionSeconds: row.g_max_session_seconds,
      sourceCidrs: row.g_source_cidrs ?? [],
      expiresAt: row.g_expires_at === null ? null : new Date(row.g_expires_at),
      note: row.g_note,
      createdAt: new Date(row.g_created_at),
      updatedAt: new Date(row.g_updated_at),
    },
    role: {
      id: row.r_id,
      accountId: row.r_account_id,
      roleName: row.r_role_name,
      rolePath: row.r_role_path,
      arn: row.r_arn,
      displayName: row.r_display_name,
      description: row.r_description,
      maxSessionSeconds: row.r_max_session_seconds,
      sessionPolicy: row.r_session_policy,
      requiresStepUp: row.r_requires_step_up,
      createdAt: new Date(row.r_created_at),
      updatedAt: new Date(row.r_updated_at),
    },
    account: {
      id: row.a_id,
      awsAccountId: row.a_aws_account_id,
      name: row.a_name,
      partition: row.a_partition as Partition,
      colour: row.a_colour,
      description: row.a_description,
      defaultRegion: row.a_default_region,
      disabled: row.a_disabled,
      createdAt: new Date(row.a_created_at),
      updatedAt: new Date(row.a_updated_at),
    },
    groupName: row.group_name,
  };
}

/**
 * `pool`, when given, runs the `my access` and issuance queries directly on node-postgres (outside
 * a transaction): for thousands of rows Prisma's per-value conversion costs more than the query,
 * and for one row its per-query overhead does.
 */
export function createAccessRepository(db: PrismaClient, pool?: pg.Pool): AccessRepository {
  return {
    async effectiveGrants(userId, now, tx) {
      // One round trip that reads each row once: Prisma's nested include took ~10x the CPU
      // (a query per relation, then stitching) and dominated `my access` for users with many roles.
      const rows =
        pool && !tx
          ? (await pool.query<TargetRow>(EFFECTIVE_GRANTS_SQL, [userId, now])).rows
          : await clientOf(db, tx).$queryRawUnsafe<TargetRow[]>(EFFECTIVE_GRANTS_SQL, userId, now);
      return rows.map(fromRow);
    },
    async issuanceTarget(grantId, userId, tx) {
      const rows =
        pool && !tx
          ? (
              await pool.query<IssuanceRow>({
                // Prepared once per connection: planning this join cost more than running it.
                name: 'gatehouse_issuance_target',
                text: ISSUANCE_TARGET_SQL,
                values: [grantId, userId],
              })
            ).rows
          : await clientOf(db, tx).$queryRawUnsafe<IssuanceRow[]>(ISSUANCE_TARGET_SQL, grantId, userId);
      const row = rows[0];
      if (!row) return null;
      return {
        ...fromRow(row),
        reachesUser: row.reaches_user,
        iamMaxSessionSeconds: row.iam_max_session_seconds,
      };
    },
    async favouriteRoleIds(userId, tx) {
      const rows = await clientOf(db, tx).favourite.findMany({ where: { userId }, select: { roleId: true } });
      return rows.map((r) => r.roleId);
    },
    async iamMaxSessionSeconds(roleIds, tx) {
      if (roleIds.length === 0) return new Map();
      // One array parameter: Prisma's `in` with thousands of ids (my access of a large user)
      // cost ~15 ms of CPU per request; ANY($1) costs ~2.
      const ids = [...roleIds];
      const rows =
        pool && !tx
          ? (await pool.query<IamMaxRow>(IAM_MAX_SQL, [ids])).rows
          : await clientOf(db, tx).$queryRawUnsafe<IamMaxRow[]>(IAM_MAX_SQL, ids);
      return new Map(rows.map((r) => [r.role_id, r.iam_max_session_seconds]));
    },
    async setFavourite(userId, roleId, favourite, tx) {
      const c = clientOf(db, tx);
      if (favourite) {
        await c.favourite.upsert({
          where: { userId_roleId: { userId, roleId } },
          create: { userId, roleId },
          update: {},
        });
      } else {
        await c.favourite.deleteMany({ where: { userId, roleId } });
      }
    },
  };
}
