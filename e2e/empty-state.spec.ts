/** Someone with an account but no grants yet is not left in front of an empty page. */
import { createUser } from './support/admin-api';
import { expect, test } from './support/fixtures';
import { enrol, passwordFor, say } from './support/flows';

const l = say('en');

test('a user without grants sees whom to ask, and their username to tell them', async ({
  adminApi,
  newContext,
  snap,
}) => {
  const { enrolment } = await createUser(adminApi, { username: 'dave', displayName: 'Dave Newcomer' });
  const page = await (await newContext()).newPage();
  await enrol(page, l, enrolment.url, passwordFor('dave'));

  await expect(page.getByRole('heading', { level: 1, name: l('app.dashboard') })).toBeVisible();
  await expect(page.getByRole('heading', { name: l('dashboard.emptyTitle') })).toBeVisible();
  await expect(page.getByText(l('dashboard.emptyBody'))).toBeVisible();
  await expect(page.getByText(l('dashboard.emptyAsk', { username: 'dave' }))).toBeVisible();
  await expect(page.getByRole('button', { name: l('role.openConsole') })).toHaveCount(0);
  await snap(page, 'dashboard-empty');
});
