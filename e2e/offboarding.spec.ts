/**
 * Offboarding ends access at AWS too: an administrator disables a user in the browser, and the
 * user's page reports their AWS sessions revoked on the role they used (the deny is in IAM).
 */
import { GetRolePolicyCommand, IAMClient } from '@aws-sdk/client-iam';
import { brokerTrustPolicy, createMotoRole } from '../scripts/stack/moto';
import { createAccount, createRole, createUser, grantToUser } from './support/admin-api';
import { notice } from './support/cloudscape';
import { expect, test } from './support/fixtures';
import { enrol, passwordFor, say } from './support/flows';

const l = say('en');
/** moto's default account: the broker's own, whose IAM it writes without GATEHOUSE_IAM_ROLE. */
const ACCOUNT = { awsAccountId: '123456789012', name: 'Tooling' };
const ROLE = { roleName: 'OffboardingDeploy', displayName: 'Deploy (offboarding)' };
const USER = { username: 'erin', displayName: 'Erin Leaving' };

test('disabling a user in the browser revokes their AWS sessions, and the page says so', async ({
  adminApi,
  adminContext,
  newContext,
  stack,
  snap,
}) => {
  test.setTimeout(90_000);
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
  const { user, enrolment } = await createUser(adminApi, USER);
  const { grants } = await grantToUser(adminApi, role.id, user.id);

  await test.step('the user enrols and takes CLI credentials: a live session at AWS', async () => {
    const page = await (await newContext()).newPage();
    await enrol(page, l, enrolment.url, passwordFor(USER.username));
    const issued = await page.request.post('/api/access/credentials', {
      data: { grantId: grants[0]!.id, formats: ['env'] },
    });
    expect(issued.status(), await issued.text()).toBe(200);
  });

  const admin = await (await adminContext()).newPage();
  await test.step('the administrator disables them', async () => {
    await admin.goto(`/admin/users/${user.id}`);
    await admin.getByRole('button', { name: l('admin.action.actions') }).click();
    await admin.getByRole('menuitem', { name: l('admin.users.action.disable') }).click();
    const confirm = admin.getByRole('dialog', {
      name: l('admin.users.confirm.disableTitle', { username: USER.username }),
    });
    await confirm.getByRole('button', { name: l('admin.users.action.disable') }).click();
    await expect(notice(admin, l('admin.users.done.disabled', { username: USER.username }))).toBeVisible();
  });

  await test.step('their page reports the sessions cut off on the role they used', async () => {
    const table = admin.getByRole('table', {
      name: l('admin.revocations.user.tableLabel', { username: USER.username }),
    });
    const row = table.getByRole('row').filter({ hasText: ROLE.roleName });
    // The worker writes the deny within seconds; the page asks again while anything is pending.
    await expect(row).toContainText(l('admin.revocations.status.applied'), { timeout: 20_000 });
    await expect(row).toContainText(l('admin.revocations.reason.user_disabled'));
    await expect(admin.getByText(l('admin.revocations.summary.cutOff', { count: 1 }))).toBeVisible();
    await snap(admin, 'admin-user-revoked');
  });

  await test.step('and IAM holds the deny for their sessions', async () => {
    const iam = new IAMClient({
      endpoint: stack.motoEndpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'AKIDE2ENOTREAL000000', secretAccessKey: 'e2e' },
    });
    const out = await iam.send(
      new GetRolePolicyCommand({ RoleName: ROLE.roleName, PolicyName: 'GatehouseRevokeUserSessions' }),
    );
    iam.destroy();
    expect(decodeURIComponent(out.PolicyDocument!)).toContain(user.id);
  });
});
