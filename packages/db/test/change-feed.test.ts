// The change feed against a real PostgreSQL: what the triggers announce, that sync() really
// waits for changes committed before it, and that a lost connection is noticed, reported as a
// reset and repaired.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Change, ChangeFeed } from '../src/change-feed.js';
import { createChangeFeed, parseChange } from '../src/change-feed.js';
import { useTestDatabase } from './helpers.js';

const database = useTestDatabase('gh_feed');
let url: string;
let sql: pg.Client;
let feed: ChangeFeed;
const heard: Change[] = [];
const states: boolean[] = [];

async function until(what: string, condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

beforeAll(async () => {
  url = database.url;
  sql = new pg.Client({ connectionString: url });
  await sql.connect();
  feed = createChangeFeed({ connectionString: url, heartbeatMs: 200, timeoutMs: 500, retryMinMs: 50 });
  feed.subscribe((c) => heard.push(c));
  feed.onStateChange((healthy) => states.push(healthy));
  await feed.start();
});

afterAll(async () => {
  await feed?.close();
  await sql?.end();
});

describe('change feed', () => {
  it('is healthy once listening', () => {
    expect(feed.healthy).toBe(true);
    expect(states).toEqual([true]);
  });

  it('announces sessions, users, favourites and access changes, and sync() waits for them', async () => {
    heard.length = 0;
    const user = await sql.query<{ id: string }>(
      `INSERT INTO users (id, username, display_name) VALUES (gen_random_uuid(), 'feedy', 'Feedy') RETURNING id`,
    );
    const userId = user.rows[0]!.id;
    // Inserting a user announces nothing: nothing can have been cached about it.
    await sql.query(
      `INSERT INTO sessions (id, user_id, stage, expires_at, ip) VALUES ('s1', $1, 'active', now() + interval '1 hour', '::1')`,
      [userId],
    );
    await sql.query(`UPDATE sessions SET mfa_at = now() WHERE id = 's1'`);
    await sql.query(`UPDATE users SET disabled = true WHERE id = $1`, [userId]);
    const account = await sql.query<{ id: string }>(
      `INSERT INTO aws_accounts (id, aws_account_id, name) VALUES (gen_random_uuid(), '111122223333', 'feed') RETURNING id`,
    );
    const role = await sql.query<{ id: string }>(
      `INSERT INTO roles (id, account_id, role_name, arn, display_name)
       VALUES (gen_random_uuid(), $1, 'R', 'arn:aws:iam::111122223333:role/R', 'R') RETURNING id`,
      [account.rows[0]!.id],
    );
    await sql.query(`INSERT INTO favourites (user_id, role_id) VALUES ($1, $2)`, [userId, role.rows[0]!.id]);
    await sql.query(`DELETE FROM sessions WHERE id = 's1'`);
    // No waiting: sync() alone must bring in everything committed before it.
    await feed.sync();
    expect(heard).toEqual([
      { kind: 'session', id: 's1' },
      { kind: 'user', id: userId },
      { kind: 'access' },
      { kind: 'access' },
      { kind: 'favourite', userId },
      { kind: 'session', id: 's1' },
    ]);
  });

  it('says nothing until a transaction commits, and nothing for one rolled back', async () => {
    heard.length = 0;
    await sql.query('BEGIN');
    await sql.query(`UPDATE aws_accounts SET name = 'renamed'`);
    await feed.sync();
    expect(heard).toEqual([]);
    await sql.query('ROLLBACK');
    await feed.sync();
    expect(heard).toEqual([]);
    await sql.query('BEGIN');
    await sql.query(`UPDATE aws_accounts SET name = 'renamed'`);
    await sql.query(`UPDATE aws_accounts SET name = 'renamed again'`);
    await sql.query('COMMIT');
    await feed.sync();
    // One transaction, one announcement.
    expect(heard).toEqual([{ kind: 'access' }]);
  });

  it('reads unknown announcements as a reset (forget everything)', async () => {
    heard.length = 0;
    await sql.query(`SELECT pg_notify('gatehouse_changes', 'something-new:42')`);
    await feed.sync();
    expect(heard).toEqual([{ kind: 'reset' }]);
    expect(parseChange('session:')).toBeNull();
    expect(parseChange('access')).toEqual({ kind: 'access' });
  });

  it('turns unhealthy with a reset when its connection dies, then reconnects with another reset', async () => {
    heard.length = 0;
    states.length = 0;
    await sql.query(
      // The feed's is the only other connection to this database.
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
       WHERE datname = current_database() AND pid <> pg_backend_pid()`,
    );
    await until('the feed to notice', () => states.includes(false));
    await until('the feed to come back', () => feed.healthy);
    expect(states).toEqual([false, true]);
    expect(heard).toEqual([{ kind: 'reset' }, { kind: 'reset' }]);
    // And it hears changes again.
    heard.length = 0;
    await sql.query(`UPDATE aws_accounts SET name = 'back'`);
    await feed.sync();
    expect(heard).toEqual([{ kind: 'access' }]);
  });

  it('is unhealthy when PostgreSQL cannot be reached, and never claims otherwise', async () => {
    const nowhere = createChangeFeed({
      connectionString: 'postgresql://postgres@127.0.0.1:1/none',
      retryMinMs: 50,
      timeoutMs: 300,
    });
    const seen: boolean[] = [];
    nowhere.onStateChange((h) => seen.push(h));
    await nowhere.start();
    expect(nowhere.healthy).toBe(false);
    await nowhere.sync(); // returns at once, nothing to wait for
    await new Promise((r) => setTimeout(r, 200));
    expect(seen).toEqual([]);
    await nowhere.close();
  });
});
