/**
 * Seeding straight into the tables, for tests and the benchmark (the admin API would take minutes
 * for thousands of users). Users are created enrolled, the way enrolment leaves them: an argon2id
 * hash and a TOTP secret sealed under the server's key, so they sign in through the real routes.
 */
import { randomUUID } from 'node:crypto';
import { createTotpSecret, deriveKey, seal } from '@gatehouse/core';

/** A pool or a client. */
export interface Sql {
  query(text: string, values?: unknown[]): Promise<unknown>;
}

export interface EnrolledUser {
  id: string;
  username: string;
  totpSecret: string;
}

/**
 * Enrolled users, all with the password whose hash is `passwordHash` (one hash for all: hashing
 * thousands would only slow the set-up down).
 */
export async function insertEnrolledUsers(
  sql: Sql,
  options: { secretKey: Buffer; passwordHash: string; usernames: string[]; isAdmin?: boolean },
): Promise<EnrolledUser[]> {
  const key = deriveKey(options.secretKey, 'totp-secret');
  const users = options.usernames.map((username) => ({
    id: randomUUID(),
    username,
    totpSecret: createTotpSecret(),
  }));
  for (let i = 0; i < users.length; i += 1_000) {
    const batch = users.slice(i, i + 1_000);
    await sql.query(
      `INSERT INTO users (id, username, display_name, password_hash, is_admin, totp_secret_enc, totp_enabled_at)
       SELECT u.id, u.username, u.username, $3, $4, u.secret, now()
       FROM unnest($1::uuid[], $2::text[], $5::bytea[]) AS u(id, username, secret)`,
      [
        batch.map((u) => u.id),
        batch.map((u) => u.username),
        options.passwordHash,
        options.isAdmin ?? false,
        batch.map((u) => seal(key, u.totpSecret, `totp:${u.id}`)),
      ],
    );
  }
  return users;
}

/** Direct grants of roles to users; returns the grant ids in the same order. */
export async function insertUserGrants(
  sql: Sql,
  grants: ReadonlyArray<{ roleId: string; userId: string }>,
): Promise<string[]> {
  const ids = grants.map(() => randomUUID());
  for (let i = 0; i < ids.length; i += 5_000) {
    const batch = grants.slice(i, i + 5_000);
    await sql.query(
      `INSERT INTO grants (id, role_id, user_id) SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[])`,
      [ids.slice(i, i + 5_000), batch.map((g) => g.roleId), batch.map((g) => g.userId)],
    );
  }
  return ids;
}
