/**
 * The whole product in one journey, through the UI: the administrator registers an AWS account
 * and a role, creates a user and a group and grants the role to the group; the user enrols
 * through the link, sees exactly what was granted, opens the console (landing on the federation
 * stand-in as the assumed role) and copies CLI credentials that the real aws CLI accepts; the
 * administrator finds all of it in the audit log.
 */
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import type { AdminAccountList } from '@gatehouse/contracts';
import { brokerTrustPolicy, createMotoRole } from '../scripts/stack/moto';
import { createRole } from './support/admin-api';
import { runInBash } from './support/aws-cli';
import { choose, copied, notice } from './support/cloudscape';
import { DESKTOP, MOBILE, expect, test } from './support/fixtures';
import { anyTimeFilter, dashboardSummary, enrol, passwordFor, say } from './support/flows';
import { pattern } from './support/i18n';
import { ADMIN } from './support/people';

const l = say('en');
const ACCOUNT = { id: '210987654321', name: 'Payments' };
const GRANTED = { roleName: 'PaymentsDeveloper', displayName: 'Payments developer' };
const NOT_GRANTED = { roleName: 'PaymentsAuditor', displayName: 'Payments auditor' };
const USER = { username: 'bob', displayName: 'Bob Builder', password: passwordFor('bob') };
const GROUP = 'payments-team';
// How the dashboard names a role in its buttons' labels: the role and its account.
const roleLabel = `${GRANTED.displayName} (${ACCOUNT.name})`;
const ASSUMED_ARN = `arn:aws:sts::${ACCOUNT.id}:assumed-role/${GRANTED.roleName}/${USER.username}`;

test('grant, enrol, console, CLI credentials, audit', async ({
  adminContext,
  newContext,
  adminApi,
  stack,
  snap,
}) => {
  test.setTimeout(180_000);
  // The AWS side, as the account's owner prepares it: roles that trust the broker.
  for (const role of [GRANTED, NOT_GRANTED]) {
    await createMotoRole(stack.motoEndpoint, {
      accountId: ACCOUNT.id,
      roleName: role.roleName,
      maxSessionDuration: 7200,
      trustPolicy: brokerTrustPolicy(stack.brokerPrincipalArn),
    });
  }
  const admin = await (await adminContext()).newPage();
  let enrolmentLink = '';

  await test.step('the administrator adds the AWS account', async () => {
    await admin.goto('/admin/accounts');
    await expect(admin.getByRole('heading', { level: 1, name: l('admin.nav.accounts') })).toBeVisible();
    await admin.getByRole('button', { name: l('admin.accounts.create.button') }).click();
    const dialog = admin.getByRole('dialog', { name: l('admin.accounts.create.title') });
    await dialog.getByLabel(l('admin.accounts.field.accountId')).fill(ACCOUNT.id);
    await dialog.getByLabel(l('admin.accounts.field.name'), { exact: true }).fill(ACCOUNT.name);
    await snap(admin, 'admin-account-create');
    await dialog.getByRole('button', { name: l('admin.accounts.create.submit') }).click();
    await expect(dialog).toBeHidden();
    await expect(notice(admin, l('admin.accounts.done.created', { name: ACCOUNT.name }))).toBeVisible();
    await expect(admin.getByRole('row', { name: new RegExp(ACCOUNT.id) })).toBeVisible();
    await snap(admin, 'admin-accounts');

    // On a phone the section menu folds into one select, so the page itself comes first.
    await admin.setViewportSize(MOBILE);
    const sections = admin.getByRole('navigation', { name: l('admin.nav.label') });
    await expect(sections.getByRole('link', { name: l('admin.nav.users') })).toBeHidden();
    await expect(sections.getByRole('button', { name: new RegExp(l('admin.nav.accounts')) })).toBeVisible();
    const heading = await admin
      .getByRole('heading', { level: 1, name: l('admin.nav.accounts') })
      .boundingBox();
    expect(heading?.y ?? Infinity).toBeLessThan(MOBILE.height / 2);
    await admin.setViewportSize(DESKTOP);
    await expect(sections.getByRole('link', { name: l('admin.nav.users') })).toBeVisible();
  });

  await test.step('the administrator registers the role', async () => {
    await admin.goto('/admin/roles');
    await admin.getByRole('button', { name: l('admin.roles.create.button') }).click();
    const dialog = admin.getByRole('dialog', { name: l('admin.roles.create.title') });
    await choose(admin, dialog, l('admin.roles.field.account'), new RegExp(ACCOUNT.name));
    await dialog.getByLabel(l('admin.roles.field.role')).fill(GRANTED.roleName);
    await dialog.getByLabel(l('admin.roles.field.displayName')).fill(GRANTED.displayName);
    await dialog.getByLabel(l('admin.roles.field.maxSession')).fill('120');
    await snap(admin, 'admin-role-create');
    await dialog.getByRole('button', { name: l('admin.roles.create.submit') }).click();
    await expect(dialog).toBeHidden();
    await expect(admin.getByText(`arn:aws:iam::${ACCOUNT.id}:role/${GRANTED.roleName}`)).toBeVisible();
    await snap(admin, 'admin-roles');
  });

  // The second role is registered too, but granted to nobody: the user must not see it.
  const { accounts } = (await (await adminApi.get('/api/admin/accounts')).json()) as AdminAccountList;
  const account = accounts.find((a) => a.awsAccountId === ACCOUNT.id);
  if (!account) throw new Error(`account ${ACCOUNT.id} was not created`);
  await createRole(adminApi, {
    accountId: account.id,
    role: NOT_GRANTED.roleName,
    displayName: NOT_GRANTED.displayName,
  });

  await test.step('the administrator creates the user and copies the enrolment link', async () => {
    await admin.goto('/admin/users');
    await admin.getByRole('button', { name: l('admin.users.create.button') }).click();
    const dialog = admin.getByRole('dialog', { name: l('admin.users.create.title') });
    await dialog.getByLabel(l('admin.users.field.username')).fill(USER.username);
    await dialog.getByLabel(l('admin.users.field.displayName')).fill(USER.displayName);
    await snap(admin, 'admin-user-create');
    await dialog.getByRole('button', { name: l('admin.users.create.submit') }).click();
    const linkDialog = admin.getByRole('dialog', {
      name: l('admin.users.link.title', { username: USER.username }),
    });
    await expect(linkDialog).toBeVisible();
    enrolmentLink = await copied(admin, linkDialog.getByRole('button', { name: l('admin.users.link.copy') }));
    expect(enrolmentLink).toMatch(new RegExp(`^${new URL(stack.baseUrl).origin}/enrol#token=\\S+$`));
    await snap(admin, 'admin-enrolment-link');
    await linkDialog.getByRole('button', { name: l('admin.action.done') }).click();
    await expect(admin.getByRole('row', { name: new RegExp(USER.displayName) })).toBeVisible();
    await snap(admin, 'admin-users');
  });

  await test.step('the administrator creates the group and adds the user', async () => {
    await admin.goto('/admin/groups');
    await admin.getByRole('button', { name: l('admin.groups.create.button') }).click();
    const dialog = admin.getByRole('dialog', { name: l('admin.groups.create.title') });
    await dialog.getByLabel(l('admin.groups.field.name')).fill(GROUP);
    await dialog.getByRole('button', { name: l('admin.groups.create.submit') }).click();
    await expect(dialog).toBeHidden();
    await admin.getByRole('link', { name: GROUP }).click();
    await expect(admin.getByRole('heading', { level: 1, name: GROUP })).toBeVisible();
    await choose(admin, admin, l('admin.groups.addMembers'), new RegExp(USER.username), { multi: true });
    await admin.getByRole('button', { name: l('admin.groups.addButton'), exact: true }).click();
    await expect(notice(admin, l('admin.groups.done.membersAdded', { count: 1 }))).toBeVisible();
    await expect(admin.getByRole('row', { name: new RegExp(USER.username) })).toBeVisible();
    await snap(admin, 'admin-group');
  });

  await test.step('the administrator grants the role to the group', async () => {
    await admin.goto('/admin/grants');
    await admin.getByRole('link', { name: l('admin.grants.create.button') }).click();
    await expect(
      admin.getByRole('heading', { level: 1, name: l('admin.grants.create.title') }),
    ).toBeVisible();
    await choose(admin, admin, l('admin.grants.column.role'), new RegExp(GRANTED.displayName));
    await choose(admin, admin, l('admin.grants.field.groups'), new RegExp(GROUP), { multi: true });
    await expect(admin.getByRole('checkbox', { name: l('admin.grants.field.console') })).toBeChecked();
    await expect(admin.getByRole('checkbox', { name: l('admin.grants.field.cli') })).toBeChecked();
    await snap(admin, 'admin-grant-create');
    await admin.getByRole('button', { name: l('admin.grants.create.submit') }).click();
    await expect(notice(admin, l('admin.grants.done.created', { count: 1 }))).toBeVisible();
    await expect(admin.getByRole('row', { name: new RegExp(GROUP) })).toBeVisible();
    await snap(admin, 'admin-grants');
  });

  const bobContext = await newContext();
  const bob = await bobContext.newPage();
  const roles = bob.getByRole('list', { name: l('dashboard.rolesIn', { account: ACCOUNT.name }) });

  await test.step('the user enrols through the link', async () => {
    await enrol(bob, l, enrolmentLink, USER.password, () => snap(bob, 'enrol-link'));
  });

  await test.step('the user sees exactly the role granted to their group', async () => {
    await expect(bob.getByRole('heading', { level: 1, name: l('app.dashboard') })).toBeVisible();
    await expect(bob.getByText(dashboardSummary(l, { roles: 1, accounts: 1 }))).toBeVisible();
    await expect(roles.getByRole('listitem')).toHaveCount(1);
    await expect(roles).toContainText(GRANTED.displayName);
    await expect(roles).toContainText(l('role.viaGroups', { groups: GROUP }));
    // The real maximum: the role's 120 minutes, as the administrator set it.
    await expect(roles).toContainText(l('role.maxSession', { duration: l('duration.hours', { h: 2 }) }));
    await expect(bob.getByText(NOT_GRANTED.displayName)).toHaveCount(0);
    // No administration for a user who is not an administrator.
    await expect(bob.getByRole('button', { name: l('app.admin') })).toHaveCount(0);
    await snap(bob, 'dashboard');

    await bob.getByRole('searchbox', { name: l('dashboard.searchLabel') }).fill('auditor');
    await expect(bob.getByText(l('dashboard.noMatch', { query: 'auditor' }))).toBeVisible();
    await snap(bob, 'dashboard-no-match');
    // The empty state's button (the search field's own clear icon has the same name, no text).
    await bob
      .getByRole('button')
      .filter({ hasText: l('dashboard.clearSearch') })
      .click();
    await expect(roles.getByRole('listitem')).toHaveCount(1);
  });

  await test.step('the user opens the console and lands on the stand-in as the assumed role', async () => {
    const opened = bobContext.waitForEvent('page');
    await roles
      .getByRole('button', { name: l('role.openConsoleFor', { role: roleLabel }), exact: true })
      .click();
    const tab = await opened;
    await expect(tab.locator('#signed-in-as')).toHaveText(ASSUMED_ARN);
    await expect(tab.locator('#issuer')).toHaveText(stack.baseUrl);
    await expect(notice(bob, pattern('en', 'console.opened'))).toBeVisible();
    await tab.close();
  });

  await test.step('the user copies CLI credentials and the aws CLI accepts them', async () => {
    await roles.getByRole('button', { name: l('role.cliFor', { role: roleLabel }), exact: true }).click();
    const dialog = bob.getByRole('dialog', { name: l('creds.title') });
    await expect(dialog).toBeVisible();
    await snap(bob, 'credentials-request');
    await dialog.getByRole('button', { name: l('creds.get') }).click();
    await expect(dialog.getByText(pattern('en', 'creds.expiresIn'))).toBeVisible();
    await expect(dialog.getByText(l('creds.checkExpect', { arn: ASSUMED_ARN }))).toBeVisible();
    await snap(bob, 'credentials');

    const format = l('creds.format.env');
    await dialog.getByRole('tab', { name: format }).click();
    const snippet = await copied(bob, dialog.getByRole('button', { name: l('creds.copy', { format }) }));
    expect(snippet).toMatch(/AWS_ACCESS_KEY_ID=/);
    const check = await copied(bob, dialog.getByRole('button', { name: l('creds.copyCheck') }));
    expect(check).toBe('aws sts get-caller-identity');

    // Without the pasted credentials the same command has nothing to sign with.
    const without = await runInBash(check, stack.motoEndpoint);
    expect(without.code, without.stdout).not.toBe(0);
    const result = await runInBash(`${snippet}\n${check}`, stack.motoEndpoint);
    expect(result.code, result.stderr).toBe(0);
    expect((JSON.parse(result.stdout) as { Arn: string }).Arn).toBe(ASSUMED_ARN);
    await dialog.getByRole('button', { name: l('app.close'), exact: true }).click();
    await expect(dialog).toBeHidden();
  });

  await test.step('the administrator finds all of it in the audit log', async () => {
    await admin.goto('/audit');
    await expect(admin.getByRole('heading', { level: 1, name: l('app.audit') })).toBeVisible();
    await expect(anyTimeFilter(admin, l)).toBeVisible();
    await expectAuditRows(admin, [
      { action: 'admin.account_create', actor: ADMIN.username },
      { action: 'admin.role_create', actor: ADMIN.username },
      { action: 'admin.user_create', actor: ADMIN.username, target: USER.username },
      { action: 'admin.group_create', actor: ADMIN.username },
      { action: 'admin.group_member_add', actor: ADMIN.username, target: USER.username },
      { action: 'admin.grant_create', actor: ADMIN.username },
    ]);

    await choose(admin, admin, l('audit.column.user'), new RegExp(`^${USER.username}`));
    await expectAuditRows(admin, [
      { action: 'auth.enrolment_link', actor: USER.username },
      { action: 'access.console', actor: USER.username, outcome: l('audit.outcome.issued') },
      { action: 'access.credentials', actor: USER.username, outcome: l('audit.outcome.issued') },
    ]);
    await snap(admin, 'audit');

    const consoleRow = admin
      .getByRole('row')
      .filter({ hasText: 'access.console' })
      .filter({
        hasText: l('audit.outcome.issued'),
      });
    await consoleRow.getByRole('button', { name: pattern('en', 'audit.detail.open') }).click();
    const detail = admin.getByRole('dialog', { name: pattern('en', 'audit.detail.title') });
    await expect(detail).toContainText(ASSUMED_ARN);
    await snap(admin, 'audit-detail');
    await detail.getByRole('button', { name: l('admin.action.close'), exact: true }).click();
    await expect(detail).toBeHidden();

    const download = admin.waitForEvent('download');
    await admin.getByRole('link', { name: l('audit.export.csv') }).click();
    const csv = readFileSync(await (await download).path(), 'utf8');
    expect(csv).toContain('access.credentials');
    expect(csv).toContain(ASSUMED_ARN);

    await admin.getByRole('button', { name: l('audit.verify.button') }).click();
    await expect(admin.getByText(pattern('en', 'audit.verify.intact'))).toBeVisible();
  });
});

/**
 * Each expected event is a row with its label, raw action name, actor and (when given) outcome
 * and the user affected, by name.
 */
async function expectAuditRows(
  page: Page,
  rows: Array<{ action: string; actor: string; outcome?: string; target?: string }>,
): Promise<void> {
  for (const row of rows) {
    let match = page.getByRole('row').filter({ hasText: row.action }).filter({ hasText: row.actor });
    if (row.outcome) match = match.filter({ hasText: row.outcome });
    if (row.target) match = match.filter({ has: page.getByRole('cell', { name: row.target, exact: true }) });
    await expect(match.first(), `audit row ${row.action} by ${row.actor}`).toBeVisible();
  }
}
