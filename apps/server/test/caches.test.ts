// The in-memory session and `my access` caches (caches.ts) against a real PostgreSQL: what they
// save, and every way an answer they hold must stop being given.
import type { LightMyRequestResponse } from 'fastify';
import { gunzipSync } from 'node:zlib';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChangeFeed } from '@gatehouse/db';
import { acceptsGzip, createCaches } from '../src/http/caches';
import { createEnrolledUser, createTestApp, sessionTokenOf } from './support';
import type { TestApp, Browser } from './support';

let t: TestApp;
let admin: Browser;
let alice: Browser;
let aliceId: string;
/** Another PostgreSQL connection: what a second Gatehouse process or an operator would change. */
let other: pg.Client;
let accountId: string;
let seq = 0;

/** Counts the connections this app takes from its pool (every query, Prisma's too) while `fn` runs. */
async function queriesDuring(fn: () => Promise<unknown>): Promise<number> {
  let n = 0;
  const count = () => n++;
  t.db.pool.on('acquire', count);
  try {
    await fn();
  } finally {
    t.db.pool.off('acquire', count);
  }
  return n;
}

function send(b: Browser, method: 'GET' | 'POST' | 'PATCH' | 'DELETE' | 'PUT', url: string, body?: unknown) {
  return t.app.inject({
    method,
    url,
    headers: {
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(b.cookie ? { cookie: b.cookie } : {}),
    },
    ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
  });
}

function roleNames(res: LightMyRequestResponse): string[] {
  expect(res.statusCode, res.body).toBe(200);
  const body = res.json() as { accounts: Array<{ roles: Array<{ roleName: string }> }> };
  return body.accounts.flatMap((a) => a.roles.map((r) => r.roleName)).sort();
}

async function newRoleGrantedToAlice(
  extra: Record<string, unknown> = {},
  userId = aliceId,
): Promise<{ roleId: string; grantId: string; name: string }> {
  const name = `Cached${++seq}`;
  const role = await send(admin, 'POST', '/api/admin/roles', { accountId, role: name });
  expect(role.statusCode, role.body).toBe(201);
  const roleId = (role.json() as { id: string }).id;
  const grant = await send(admin, 'POST', '/api/admin/grants', {
    roleId,
    userIds: [userId],
    allowConsole: true,
    allowCli: true,
    ...extra,
  });
  expect(grant.statusCode, grant.body).toBe(201);
  return { roleId, grantId: (grant.json() as { grants: Array<{ id: string }> }).grants[0]!.id, name };
}

beforeAll(async () => {
  t = await createTestApp();
  admin = (await createEnrolledUser(t, 'cache-admin', { isAdmin: true })).browser;
  const a = await createEnrolledUser(t, 'alice');
  alice = a.browser;
  aliceId = a.userId;
  other = new pg.Client({ connectionString: t.dbUrl });
  await other.connect();
  const account = await send(admin, 'POST', '/api/admin/accounts', {
    awsAccountId: '123456789012',
    name: 'cached',
  });
  expect(account.statusCode, account.body).toBe(201);
  accountId = (account.json() as { id: string }).id;
});

afterAll(async () => {
  await other?.end();
  await t?.close();
});

describe('my access from memory', () => {
  it('answers a repeated read without touching PostgreSQL, byte for byte the same', async () => {
    const { name } = await newRoleGrantedToAlice();
    const first = await alice.get('/api/me/access');
    expect(roleNames(first)).toContain(name);
    let second: LightMyRequestResponse | undefined;
    const queries = await queriesDuring(async () => {
      second = await alice.get('/api/me/access');
    });
    expect(queries).toBe(0);
    expect(second?.body).toBe(first.body);
    expect(second?.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(second?.headers['cache-control']).toBe('no-store');
  });

  it('sends gzip to a client that accepts it, the same JSON inside', async () => {
    const plain = await alice.get('/api/me/access');
    for (const accept of ['gzip, deflate, br, zstd', 'br;q=1.0, gzip;q=0.8, *;q=0.1', '*']) {
      const zipped = await t.app.inject({
        method: 'GET',
        url: '/api/me/access',
        headers: { cookie: alice.cookie!, 'accept-encoding': accept },
      });
      expect(zipped.statusCode).toBe(200);
      expect(zipped.headers['content-encoding'], accept).toBe('gzip');
      expect(zipped.headers['vary']).toMatch(/accept-encoding/i);
      expect(zipped.rawPayload.length).toBeLessThan(plain.rawPayload.length);
      expect(gunzipSync(zipped.rawPayload).toString('utf8')).toBe(plain.body);
    }
    for (const accept of ['gzip;q=0', 'br', 'identity', '*;q=0']) {
      const res = await t.app.inject({
        method: 'GET',
        url: '/api/me/access',
        headers: { cookie: alice.cookie!, 'accept-encoding': accept },
      });
      expect(res.headers['content-encoding'], accept).toBeUndefined();
      expect(res.body).toBe(plain.body);
    }
    expect(acceptsGzip(undefined)).toBe(false);
    expect(acceptsGzip('GZIP')).toBe(true);
    expect(acceptsGzip('gzip;q=0.000')).toBe(false);
    expect(acceptsGzip('*;q=0.5, gzip;q=0')).toBe(false);
  });

  it('matches what the broker builds, field for field', async () => {
    const cached = (await alice.get('/api/me/access')).json();
    const auth = await t.ctx.services.identity.authenticate(sessionTokenOf(alice));
    const { roleChaining, accounts } = await t.ctx.services.broker.accessView(auth!.user.id);
    const stepUpValidUntil = t.ctx.services.broker.stepUpValidUntil(auth!);
    const built = JSON.parse(JSON.stringify({ roleChaining, stepUpValidUntil, accounts }));
    expect(cached).toEqual(built);
  });

  it('shows an admin change made through the API on the very next read', async () => {
    const { grantId, name } = await newRoleGrantedToAlice();
    expect(roleNames(await alice.get('/api/me/access'))).toContain(name);
    expect((await send(admin, 'DELETE', `/api/admin/grants/${grantId}`)).statusCode).toBe(200);
    expect(roleNames(await alice.get('/api/me/access'))).not.toContain(name);
  });

  it('shows a favourite at once, for this user only', async () => {
    const { roleId } = await newRoleGrantedToAlice();
    const before = (await alice.get('/api/me/access')).json() as {
      accounts: Array<{ roles: Array<{ roleId: string; favourite: boolean }> }>;
    };
    expect(before.accounts[0]!.roles.find((r) => r.roleId === roleId)?.favourite).toBe(false);
    expect((await send(alice, 'PUT', `/api/me/favourites/${roleId}`, {})).statusCode).toBe(200);
    const after = (await alice.get('/api/me/access')).json() as typeof before;
    expect(after.accounts[0]!.roles.find((r) => r.roleId === roleId)?.favourite).toBe(true);
  });

  it('hears of changes made elsewhere (another process, an operator in psql)', async () => {
    const { roleId, name } = await newRoleGrantedToAlice();
    expect(roleNames(await alice.get('/api/me/access'))).toContain(name);
    await other.query(`UPDATE roles SET display_name = 'Renamed elsewhere' WHERE id = $1`, [roleId]);
    await other.query(`UPDATE aws_accounts SET disabled = true WHERE id = $1`, [accountId]);
    // Delivery takes a moment across connections; sync() waits for what is committed.
    await t.ctx.changes.sync();
    const res = await alice.get('/api/me/access');
    expect(res.json()).toMatchObject({ accounts: [] });
    await other.query(`UPDATE aws_accounts SET disabled = false WHERE id = $1`, [accountId]);
    await t.ctx.changes.sync();
    const back = (await alice.get('/api/me/access')).json() as {
      accounts: Array<{ roles: Array<{ roleId: string; displayName: string }> }>;
    };
    expect(back.accounts[0]!.roles.find((r) => r.roleId === roleId)?.displayName).toBe('Renamed elsewhere');
  });

  it('drops a role when its grant expires, with no change in the database', async () => {
    const expiresAt = new Date(Date.now() + t.clock.offsetMs + 10 * 60_000).toISOString();
    const { name } = await newRoleGrantedToAlice({ expiresAt });
    expect(roleNames(await alice.get('/api/me/access'))).toContain(name);
    t.clock.offsetMs += 11 * 60_000;
    try {
      expect(roleNames(await alice.get('/api/me/access'))).not.toContain(name);
    } finally {
      t.clock.offsetMs -= 11 * 60_000;
    }
  });

  it('keeps nothing while the change feed is down: every read goes to PostgreSQL', async () => {
    const frank = await createEnrolledUser(t, 'frank');
    const { roleId, name } = await newRoleGrantedToAlice({}, frank.userId);
    expect(roleNames(await frank.browser.get('/api/me/access'))).toContain(name);
    await t.ctx.changes.close();
    try {
      expect(t.ctx.changes.healthy).toBe(false);
      expect(t.ctx.caches.stats()).toMatchObject({ sessions: 0, accessAnswers: 0 });
      // Unheard (the feed is closed), yet seen: nothing is answered from memory.
      await other.query(`DELETE FROM grants WHERE role_id = $1`, [roleId]);
      expect(roleNames(await frank.browser.get('/api/me/access'))).not.toContain(name);
      expect(t.ctx.caches.stats()).toMatchObject({ sessions: 0, accessAnswers: 0 });
      await other.query(`UPDATE sessions SET expires_at = now() - interval '1 second' WHERE user_id = $1`, [
        frank.userId,
      ]);
      expect((await frank.browser.get('/api/me/access')).statusCode).toBe(401);
    } finally {
      await t.ctx.changes.start();
    }
    expect(t.ctx.changes.healthy).toBe(true);
  });
});

describe('the bounds of my access in memory', () => {
  it('keeps the answer of a user with thousands of roles, but not one beyond the bound', async () => {
    const feed = createChangeFeed({ connectionString: t.dbUrl });
    await feed.start();
    try {
      const caches = createCaches(feed);
      const view = (roles: number) => ({
        roleChaining: false,
        changesAt: null,
        // ~520 bytes a role, as the real answer.
        accounts: [
          {
            id: 'a',
            roles: Array.from({ length: roles }, (_, i) => ({ roleId: `${i}`, pad: 'x'.repeat(480) })),
          },
        ],
      });
      for (const [roles, kept] of [
        [5_000, true],
        [10_000, false],
      ] as const) {
        let loads = 0;
        const load = async () => {
          loads++;
          return view(roles);
        };
        const request = {
          userId: `u${roles}`,
          roleChaining: false,
          stepUpValidUntil: null,
          encoding: 'gzip' as const,
        };
        await caches.access(request, load);
        await caches.access(request, load);
        expect(loads, `${roles} roles`).toBe(kept ? 1 : 2);
      }
    } finally {
      await feed.close();
    }
  });
});

describe('sessions from memory', () => {
  it('reads a repeated GET without PostgreSQL, but a POST always reads the session afresh', async () => {
    await alice.get('/api/me/sessions');
    const getQueries = await queriesDuring(() => alice.get('/api/auth/session'));
    expect(getQueries).toBe(0);
    // A state change reads the session and user from PostgreSQL (and then waits for the feed).
    await other.query(`UPDATE users SET disabled = true WHERE id = $1`, [aliceId]);
    const post = await send(alice, 'POST', '/api/me/favourites/00000000-0000-4000-8000-000000000000', {});
    expect(post.statusCode).toBe(401);
  });

  it('ends a session at once when it is deleted or its user disabled elsewhere', async () => {
    const bob = await createEnrolledUser(t, 'bob');
    expect((await bob.browser.get('/api/me/sessions')).statusCode).toBe(200);
    await other.query(`UPDATE users SET disabled = true WHERE id = $1`, [bob.userId]);
    await t.ctx.changes.sync();
    expect((await bob.browser.get('/api/me/sessions')).statusCode).toBe(401);

    const carol = await createEnrolledUser(t, 'carol');
    expect((await carol.browser.get('/api/me/sessions')).statusCode).toBe(200);
    await other.query(`DELETE FROM sessions WHERE user_id = $1`, [carol.userId]);
    await t.ctx.changes.sync();
    expect((await carol.browser.get('/api/me/sessions')).statusCode).toBe(401);
  });

  it('ends a session signed out through the API on the very next read', async () => {
    const dave = await createEnrolledUser(t, 'dave');
    const cookie = dave.browser.cookie;
    expect((await dave.browser.get('/api/me/sessions')).statusCode).toBe(200);
    expect((await dave.browser.post('/api/auth/logout', {})).statusCode).toBe(200);
    dave.browser.cookie = cookie;
    expect((await dave.browser.get('/api/me/sessions')).statusCode).toBe(401);
  });

  it('re-reads a cached session at least once a minute, so idle and absolute expiry still apply', async () => {
    const erin = await createEnrolledUser(t, 'erin');
    expect((await erin.browser.get('/api/me/sessions')).statusCode).toBe(200);
    expect((await erin.browser.get('/api/me/sessions')).statusCode).toBe(200); // from memory
    t.clock.offsetMs += 13 * 3_600_000;
    try {
      expect((await erin.browser.get('/api/me/sessions')).statusCode).toBe(401);
    } finally {
      t.clock.offsetMs -= 13 * 3_600_000;
    }
  });
});
