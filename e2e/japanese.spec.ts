/**
 * The journey's key pages in Japanese, for a browser that prefers Japanese: enrolment, the
 * dashboard, the console and the credentials dialog, signing out and in again, and the admin and
 * audit pages. Every expected text comes from the Japanese catalogue. Then switching language by hand.
 */
import { brokerTrustPolicy, createMotoRole } from '../scripts/stack/moto';
import type { TotpDevice } from '../scripts/stack/totp';
import { createAccount, createRole, createUser, grantToUser } from './support/admin-api';
import { expect, test } from './support/fixtures';
import {
  acknowledgeRecoveryCodes,
  anyTimeFilter,
  chooseEnrolmentPassword,
  dashboardSummary,
  passwordFor,
  say,
  setUpAuthenticator,
  signIn,
} from './support/flows';
import { pattern } from './support/i18n';
import { notice } from './support/cloudscape';

const ja = say('ja');
const en = say('en');
const JAPANESE = { locale: 'ja-JP', timezoneId: 'Asia/Tokyo' };
const ACCOUNT = { awsAccountId: '310987654321', name: '検証環境' };
const ROLE = { roleName: 'KenshoReadOnly', displayName: '閲覧のみ' };
const USER = { username: 'hanako', displayName: '山田 花子', password: passwordFor('hanako') };
// How the dashboard names a role in its buttons' labels: the role and its account.
const roleLabel = `${ROLE.displayName} (${ACCOUNT.name})`;
const ASSUMED_ARN = `arn:aws:sts::${ACCOUNT.awsAccountId}:assumed-role/${ROLE.roleName}/${USER.username}`;

test('a Japanese browser gets the whole journey in Japanese', async ({
  adminApi,
  adminContext,
  newContext,
  stack,
  snap,
}) => {
  test.setTimeout(150_000);
  await createMotoRole(stack.motoEndpoint, {
    accountId: ACCOUNT.awsAccountId,
    roleName: ROLE.roleName,
    trustPolicy: brokerTrustPolicy(stack.brokerPrincipalArn),
  });
  const account = await createAccount(adminApi, ACCOUNT);
  const role = await createRole(adminApi, {
    accountId: account.id,
    role: ROLE.roleName,
    displayName: ROLE.displayName,
  });
  const { user, enrolment } = await createUser(adminApi, {
    username: USER.username,
    displayName: USER.displayName,
  });
  await grantToUser(adminApi, role.id, user.id);

  const context = await newContext(JAPANESE);
  const page = await context.newPage();

  const roles = page.getByRole('list', { name: ja('dashboard.rolesIn', { account: ACCOUNT.name }) });
  let device: TotpDevice | undefined;

  await test.step('enrolment', async () => {
    await chooseEnrolmentPassword(page, ja, enrolment.url, USER.password, () => snap(page, 'ja-enrol-link'));
    await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
    ({ device } = await setUpAuthenticator(page, ja, () => snap(page, 'ja-mfa-enrol')));
    await snap(page, 'ja-recovery-codes');
    await acknowledgeRecoveryCodes(page, ja);
  });

  await test.step('dashboard', async () => {
    await expect(page.getByRole('heading', { level: 1, name: ja('app.dashboard') })).toBeVisible();
    await expect(page.getByText(dashboardSummary(ja, { roles: 1, accounts: 1 }))).toBeVisible();
    await expect(roles).toContainText(ROLE.displayName);
    await snap(page, 'ja-dashboard');
  });

  await test.step('console', async () => {
    const opened = context.waitForEvent('page');
    await roles
      .getByRole('button', { name: ja('role.openConsoleFor', { role: roleLabel }), exact: true })
      .click();
    const tab = await opened;
    await expect(tab.locator('#signed-in-as')).toHaveText(ASSUMED_ARN);
    await tab.close();
    await expect(notice(page, pattern('ja', 'console.opened'))).toBeVisible();
  });

  await test.step('CLI credentials', async () => {
    await roles.getByRole('button', { name: ja('role.cliFor', { role: roleLabel }), exact: true }).click();
    const dialog = page.getByRole('dialog', { name: ja('creds.title') });
    await dialog.getByRole('button', { name: ja('creds.get') }).click();
    await expect(dialog.getByText(pattern('ja', 'creds.expiresIn'))).toBeVisible();
    await expect(dialog.getByRole('tab', { name: ja('creds.format.ini') })).toBeVisible();
    await snap(page, 'ja-credentials');
    await dialog.getByRole('button', { name: ja('app.close'), exact: true }).click();
    await expect(dialog).toBeHidden();
  });

  await test.step('signing out and in again', async () => {
    if (!device) throw new Error('no authenticator from the enrolment step');
    await page.getByRole('button', { name: ja('nav.userMenu', { name: USER.displayName }) }).click();
    await page.getByRole('menuitem', { name: ja('app.signOut') }).click();
    await expect(page.getByRole('heading', { level: 1, name: ja('signIn.title') })).toBeVisible();
    await expect(page.getByText(ja('nav.signedOut'))).toBeVisible();
    await snap(page, 'ja-sign-in');
    await signIn(page, ja, USER.username, USER.password, device, () => snap(page, 'ja-sign-in-code'));
    await expect(page.getByRole('heading', { level: 1, name: ja('app.dashboard') })).toBeVisible();
    await expect(page.getByText(ja('nav.signedOut'))).toHaveCount(0);
  });

  await test.step('the administrator’s pages', async () => {
    const admin = await (await adminContext(JAPANESE)).newPage();
    await admin.goto('/admin/users');
    await expect(admin.getByRole('heading', { level: 1, name: ja('admin.nav.users') })).toBeVisible();
    await expect(admin.getByRole('row', { name: new RegExp(USER.displayName) })).toBeVisible();
    await snap(admin, 'ja-admin-users');
    await admin.goto('/admin/grants');
    await expect(admin.getByRole('heading', { level: 1, name: ja('admin.nav.grants') })).toBeVisible();
    await snap(admin, 'ja-admin-grants');
    await admin.goto('/audit');
    await expect(admin.getByRole('heading', { level: 1, name: ja('app.audit') })).toBeVisible();
    const consoleRow = admin
      .getByRole('row')
      .filter({ hasText: 'access.console' })
      .filter({ hasText: USER.username });
    await expect(consoleRow.first()).toContainText(ja('audit.action.access.console'));
    // Dates as Japanese write them: 2026/11/23 (Intl's ja medium date style).
    await expect(consoleRow.first()).toContainText(/\d{4}\/\d{1,2}\/\d{1,2}/);
    await expect(anyTimeFilter(admin, ja)).toBeVisible();
    await snap(admin, 'ja-audit');
    // What administrators did to the user names them, not their id.
    await admin.goto(`/audit?user=${user.id}`);
    for (const action of ['admin.user_create', 'admin.grant_create']) {
      await expect(
        admin
          .getByRole('row')
          .filter({ hasText: action })
          .filter({ has: admin.getByRole('cell', { name: USER.username, exact: true }) }),
      ).toBeVisible();
    }
  });

  await test.step('switching language by hand, remembered across reloads', async () => {
    const admin = await (await adminContext()).newPage();
    await admin.goto('/');
    await expect(admin.getByRole('heading', { level: 1, name: en('app.dashboard') })).toBeVisible();
    await admin.getByRole('button', { name: `${en('app.language')}: English` }).click();
    await admin.getByRole('menuitemcheckbox', { name: '日本語' }).click();
    await expect(admin.getByRole('heading', { level: 1, name: ja('app.dashboard') })).toBeVisible();
    await expect(admin.locator('html')).toHaveAttribute('lang', 'ja');
    await admin.reload();
    await expect(admin.getByRole('heading', { level: 1, name: ja('app.dashboard') })).toBeVisible();
  });
});
