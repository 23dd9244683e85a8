/**
 * Who may call what, for every route: auth level, CLI token, rate limit, and which parameters stay
 * out of the logs. The committed table is the attack surface as reviewed; a route whose exposure
 * changes (a new route, an auth level edited by hand) fails here until the table is updated with
 * it, in the same commit.
 *
 * To update after a deliberate change: UPDATE_ROUTE_TABLE=1 npx vitest run apps/server/test/route-table.test.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderRouteTable, routeTable } from '../src/routes/route-table';
import { createTestApp } from './support';
import type { TestApp } from './support';

const TABLE = join(import.meta.dirname, 'route-table.txt');
let t: TestApp;

beforeAll(async () => {
  // The default sign-in limit, so the table shows what a fresh install has.
  t = await createTestApp({ GATEHOUSE_LOGIN_RATE_LIMIT: '20' });
});
afterAll(async () => {
  await t?.close();
});

describe('the route table', () => {
  it('matches the committed table: every route, its auth level, CLI token and rate limit', () => {
    const rendered = renderRouteTable(routeTable(t.app));
    if (process.env['UPDATE_ROUTE_TABLE'] === '1') writeFileSync(TABLE, rendered);
    expect(rendered, 'a route changed its exposure: review it, then update route-table.txt').toBe(
      readFileSync(TABLE, 'utf8'),
    );
  });

  it('would notice an auth level changed by hand, or a route opened to CLI tokens', () => {
    const rows = routeTable(t.app);
    const committed = readFileSync(TABLE, 'utf8');
    const users = rows.findIndex((r) => r.method === 'GET' && r.url === '/api/admin/users');
    expect(users).toBeGreaterThanOrEqual(0);
    const demoted = rows.map((r, i) => (i === users ? { ...r, auth: 'active' as const } : r));
    expect(renderRouteTable(demoted)).not.toBe(committed);
    const opened = rows.map((r, i) => (i === users ? { ...r, cliToken: true } : r));
    expect(renderRouteTable(opened)).not.toBe(committed);
  });

  it('lets a CLI token reach only what `gatehouse` needs, and no admin route', () => {
    const cli = routeTable(t.app).filter((r) => r.cliToken);
    expect(cli.map((r) => `${r.method} ${r.url}`).sort()).toEqual([
      'GET /api/cli/session',
      'GET /api/me/access',
      'POST /api/access/console',
      'POST /api/access/credentials',
      'POST /api/cli/logout',
    ]);
    expect(cli.every((r) => r.auth === 'active')).toBe(true);
  });
});
