/**
 * Bulk seeding straight into the tables (the admin API would take minutes for 5,000 grants and
 * a million audit events). Users are created enrolled (see @gatehouse/db/testing), so they sign in
 * through the real routes.
 */
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { hashPassword } from '@gatehouse/core';
import { createMotoRoles as createRolesInMoto } from '@gatehouse/aws/testing';
import { insertEnrolledUsers, insertUserGrants } from '@gatehouse/db/testing';
import type { EnrolledUser } from '@gatehouse/db/testing';

export const BENCH_PASSWORD = 'bench passphrase that is long enough 7';

export type SeededUser = EnrolledUser;

export interface SeededRole {
  id: string;
  arn: string;
  roleName: string;
  accountId: string;
}

let passwordHash: Promise<string> | undefined;

export async function createUsers(
  pool: pg.Pool,
  secretKey: Buffer,
  usernames: string[],
  options: { isAdmin?: boolean } = {},
): Promise<SeededUser[]> {
  // One argon2 hash for every bench user: hashing thousands would only slow the set-up down.
  passwordHash ??= hashPassword(BENCH_PASSWORD);
  return insertEnrolledUsers(pool, {
    secretKey,
    passwordHash: await passwordHash,
    usernames,
    isAdmin: options.isAdmin ?? false,
  });
}

/** `count` accounts with `rolesPerAccount` roles each; account ids from `firstAwsAccountId` on. */
export async function createAccountsAndRoles(
  pool: pg.Pool,
  options: { prefix: string; accounts: number; rolesPerAccount: number; firstAwsAccountId: number },
): Promise<{ accountIds: string[]; roles: SeededRole[] }> {
  const accounts = Array.from({ length: options.accounts }, (_, i) => ({
    id: randomUUID(),
    awsAccountId: String(options.firstAwsAccountId + i).padStart(12, '0'),
    name: `${options.prefix}-account-${String(i).padStart(4, '0')}`,
  }));
  await pool.query(
    `INSERT INTO aws_accounts (id, aws_account_id, name, default_region)
     SELECT * , 'eu-west-1' FROM unnest($1::uuid[], $2::text[], $3::text[])`,
    [accounts.map((a) => a.id), accounts.map((a) => a.awsAccountId), accounts.map((a) => a.name)],
  );
  const roles: SeededRole[] = [];
  for (const account of accounts) {
    for (let r = 0; r < options.rolesPerAccount; r++) {
      const roleName = `${options.prefix}-role-${r}`;
      roles.push({
        id: randomUUID(),
        roleName,
        arn: `arn:aws:iam::${account.awsAccountId}:role/${roleName}`,
        accountId: account.id,
      });
    }
  }
  await insertRoles(pool, roles);
  return { accountIds: accounts.map((a) => a.id), roles };
}

/** Roles of existing accounts, straight into the table. */
export async function insertRoles(pool: pg.Pool, roles: SeededRole[]): Promise<void> {
  for (let i = 0; i < roles.length; i += 5_000) {
    const batch = roles.slice(i, i + 5_000);
    await pool.query(
      `INSERT INTO roles (id, account_id, role_name, arn, display_name, description, max_session_seconds)
       SELECT r.id, r.account_id, r.role_name, r.arn, initcap(replace(r.role_name, '-', ' ')),
              'Seeded by the benchmark', 3600
       FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[]) AS r(id, account_id, role_name, arn)`,
      [
        batch.map((r) => r.id),
        batch.map((r) => r.accountId),
        batch.map((r) => r.roleName),
        batch.map((r) => r.arn),
      ],
    );
  }
}

export function grantToUser(pool: pg.Pool, userId: string, roleIds: string[]): Promise<string[]> {
  return insertUserGrants(
    pool,
    roleIds.map((roleId) => ({ roleId, userId })),
  );
}

export async function createGroupWithGrants(
  pool: pg.Pool,
  name: string,
  memberIds: string[],
  roleIds: string[],
): Promise<string> {
  const groupId = randomUUID();
  await pool.query('INSERT INTO groups (id, name) VALUES ($1, $2)', [groupId, name]);
  await pool.query(
    'INSERT INTO group_memberships (group_id, user_id) SELECT $1, u FROM unnest($2::uuid[]) AS u',
    [groupId, memberIds],
  );
  for (let i = 0; i < roleIds.length; i += 5_000) {
    const batch = roleIds.slice(i, i + 5_000);
    await pool.query(
      'INSERT INTO grants (id, role_id, group_id) SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[])',
      [batch.map(() => randomUUID()), batch, batch.map(() => groupId)],
    );
  }
  return groupId;
}

/** Roles that are really assumed must exist in moto too (trusting moto's account: moto checks nothing). */
export async function createMotoRoles(motoEndpoint: string, roleNames: string[]): Promise<void> {
  await createRolesInMoto(
    motoEndpoint,
    roleNames.map((roleName) => ({ roleName, maxSessionDuration: 43_200 })),
  );
}

/**
 * `count` audit events shaped like a busy installation's: sign-ins of many users, issuances
 * spread over the accounts, a few admin actions, ids and times increasing together over 90 days.
 * The hashes are unique but not a real chain (the benchmark measures queries, not verification).
 */
export async function seedAuditEvents(
  pool: pg.Pool,
  options: { count: number; roles: SeededRole[]; userIds: string[] },
  progress: (done: number) => void = () => undefined,
): Promise<void> {
  const batch = 100_000;
  const spanMs = 90 * 24 * 3_600_000;
  const startMs = Date.now() - spanMs;
  for (let from = 0; from < options.count; from += batch) {
    const to = Math.min(options.count, from + batch);
    await pool.query(
      `INSERT INTO audit_events (occurred_at, action, outcome, actor_id, actor_username, target_user_id, ip,
                                 user_agent, request_id, account_id, role_id, correlation_id, details,
                                 prev_hash, hash)
       SELECT to_timestamp(($1::float8 + g * $2::float8) / 1000),
              a.action,
              CASE WHEN a.action LIKE 'access.%' THEN
                     (CASE WHEN g % 2 = 0 THEN 'pending' WHEN g % 29 = 1 THEN 'failed' ELSE 'issued' END)::audit_outcome
                   WHEN g % 17 = 0 THEN 'failure'::audit_outcome
                   ELSE 'success'::audit_outcome END,
              u.id, 'user-' || (g % $5), u.id, '10.0.' || (g % 200) || '.' || (g % 250), 'bench/1.0',
              md5(g::text),
              CASE WHEN a.action LIKE 'access.%' THEN r.account_id END,
              CASE WHEN a.action LIKE 'access.%' THEN r.id END,
              CASE WHEN a.action LIKE 'access.%' THEN md5('c' || (g / 2))::uuid END,
              jsonb_build_object('bench', true, 'seq', g),
              md5('p' || g) || md5('q' || g),
              md5('h' || g) || md5('i' || g)
       FROM generate_series($3::bigint, $4::bigint - 1) AS g
       CROSS JOIN LATERAL (SELECT (ARRAY['auth.password', 'auth.totp', 'access.console', 'access.credentials',
                                         'access.console', 'access.credentials', 'auth.logout',
                                         'admin.grant_create'])[1 + ((g / 2) * 7 % 8)] AS action) a
       CROSS JOIN LATERAL (SELECT ($6::uuid[])[1 + (g * 31 % $5)] AS id) u
       CROSS JOIN LATERAL (SELECT ($7::uuid[])[1 + ((g / 2) * 17 % $8)] AS id,
                                  ($9::uuid[])[1 + ((g / 2) * 17 % $8)] AS account_id) r`,
      [
        startMs,
        spanMs / options.count,
        from,
        to,
        options.userIds.length,
        options.userIds,
        options.roles.map((r) => r.id),
        options.roles.length,
        options.roles.map((r) => r.accountId),
      ],
    );
    progress(to);
  }
  await pool.query('ANALYZE audit_events');
}
