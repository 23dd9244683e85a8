import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, GOOD_PASSWORD, adminCommand, createTestApp } from './support';
import type { TestApp } from './support';

let t: TestApp;

function admin(args: string[], input?: string) {
  return adminCommand(t, args, input);
}

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

describe('npm run admin', () => {
  it('creates a user from a password on stdin, and the user can sign in', async () => {
    const out = admin(
      ['create-user', '--username', 'Ops.Lead', '--display-name', 'Ops Lead', '--admin', '--password-stdin'],
      `${GOOD_PASSWORD}\n`,
    );
    expect(out.stderr).toBe('');
    expect(out.status).toBe(0);
    expect(out.stdout).toMatch(/^created user ops\.lead \([0-9a-f-]{36}\) with admin rights\n$/);
    const login = await new Browser(t.app).post('/api/auth/login', {
      username: 'ops.lead',
      password: GOOD_PASSWORD,
    });
    expect(login.json()).toEqual({ stage: 'enroll' });
  });

  it('refuses a weak password and a duplicate with one line and a non-zero exit', () => {
    const weak = admin(
      ['create-user', '--username', 'weakling', '--display-name', 'W', '--password-stdin'],
      'password1\n',
    );
    expect(weak.status).toBe(1);
    expect(weak.stderr).toMatch(/^gatehouse admin: Password is too common/);
    const dup = admin(
      ['create-user', '--username', 'ops.lead', '--display-name', 'Again', '--password-stdin'],
      `${GOOD_PASSWORD}\n`,
    );
    expect(dup.status).toBe(1);
    expect(dup.stderr).toBe('gatehouse admin: A user named "ops.lead" already exists.\n');
  });

  it('refuses to disable the last enabled administrator, as the admin API does', () => {
    const out = admin(['disable', '--username', 'ops.lead']);
    expect(out.status).toBe(1);
    expect(out.stderr).toBe('gatehouse admin: Gatehouse needs at least one enabled administrator.\n');
  });

  it('unlocks, disables, enables and resets MFA, each audited with the operator as actor', async () => {
    // Another enabled administrator (straight into the table, so no audit row), so ops.lead may be disabled.
    await t.db.prisma.user.create({
      data: { username: 'other.admin', displayName: 'Other', isAdmin: true },
    });
    for (const command of ['unlock', 'disable', 'enable', 'reset-mfa']) {
      const out = admin([command, '--username', 'ops.lead']);
      expect(out.status, out.stderr).toBe(0);
    }
    const rows = await t.db.prisma.auditEvent.findMany({
      where: { action: { startsWith: 'admin.user_' } },
      orderBy: { id: 'asc' },
    });
    expect(rows.map((r) => r.action)).toEqual([
      'admin.user_create',
      'admin.user_unlock',
      'admin.user_disable',
      'admin.user_enable',
      'admin.user_reset_mfa',
    ]);
    for (const row of rows) expect(row.actorUsername).toMatch(/^os:.+@.+/);
    expect(admin(['unlock', '--username', 'nobody-at-all']).stderr).toBe(
      'gatehouse admin: No user named "nobody-at-all".\n',
    );
  });

  it('prints a one-time enrolment link for a user created without a password, and the link works', async () => {
    const out = admin(['create-user', '--username', 'new.hire', '--display-name', 'New Hire']);
    expect(out.stderr).toBe('');
    expect(out.status).toBe(0);
    const lines = out.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^created user new\.hire \([0-9a-f-]{36}\)$/);
    expect(lines[1]).toMatch(/^they set a password at this one-time link \(valid until \S+Z\):$/);
    const token = /\/enrol#token=([\w-]{43})$/.exec(lines[2] ?? '')?.[1];
    expect(token).toBeDefined();
    const enrol = await new Browser(t.app).post('/api/enrol', { token, password: GOOD_PASSWORD });
    expect(enrol.json()).toEqual({ stage: 'enroll' });
    const again = await new Browser(t.app).post('/api/enrol', { token, password: GOOD_PASSWORD });
    expect(again.statusCode).toBe(410);
  });

  it('prints usage for unknown commands and missing flags', () => {
    const unknown = admin(['frobnicate']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('unknown command "frobnicate"');
    expect(unknown.stderr).toContain('Usage: npm run admin');
    expect(admin(['disable']).stderr).toContain('missing --username');
  });
});
