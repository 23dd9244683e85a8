import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '@gatehouse/db';
import { Browser, adminCommand, createTestApp } from './support';
import type { TestApp } from './support';

let t: TestApp;

function auditVerifyCli() {
  return adminCommand(t, ['audit', 'verify']);
}

beforeAll(async () => {
  t = await createTestApp();
  // Twelve events from real requests, concurrently, so the chain is built under contention.
  await Promise.all(
    Array.from({ length: 12 }, (_, i) =>
      new Browser(t.app).post('/api/auth/login', { username: `nobody${i}`, password: 'x'.repeat(12) }),
    ),
  );
});
afterAll(async () => {
  await t?.close();
});

describe('audit hash chain', () => {
  it('verifies an intact chain, through the library and the admin command', async () => {
    expect(await verifyAuditChain(t.db.prisma)).toEqual({ checked: 12, broken: null });
    const cli = auditVerifyCli();
    expect(cli.stderr).toBe('');
    expect(cli.stdout).toBe('audit chain intact: 12 rows verified\n');
    expect(cli.status).toBe(0);
  });

  it('names exactly the row a superuser edited with the trigger disabled', async () => {
    const rows = await t.db.prisma.auditEvent.findMany({ orderBy: { id: 'asc' }, select: { id: true } });
    const target = rows[6]!.id;
    const client = new pg.Client({ connectionString: t.dbUrl });
    await client.connect();
    await client.query('ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update_delete');
    await client.query(`UPDATE audit_events SET details = '{"username":"someone-else"}' WHERE id = $1`, [
      target,
    ]);
    await client.query('ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_update_delete');
    await client.end();

    expect(await verifyAuditChain(t.db.prisma, 4)).toEqual({
      checked: 6,
      broken: { id: String(target), reason: 'hash_mismatch' },
    });
    const cli = auditVerifyCli();
    expect(cli.status).toBe(3);
    expect(cli.stdout).toContain(`audit chain BROKEN at row id ${target} (hash_mismatch)`);
  });
});
