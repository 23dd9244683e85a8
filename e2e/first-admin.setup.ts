/**
 * First run, as an operator does it: open the one-time setup link the server printed on its
 * standard output, create the first administrator, set up the authenticator, keep the recovery
 * codes. The administrator's session is saved for the other specs.
 */
import { readFileSync } from 'node:fs';
import { expect, test } from './support/fixtures';
import { acknowledgeRecoveryCodes, fillNewPassword, say, setUpAuthenticator } from './support/flows';
import { runFile } from './support/paths';
import { ADMIN } from './support/people';

const l = say('en');

test('the first administrator is created through the setup link and enrols an authenticator', async ({
  page,
  stack,
  snap,
}) => {
  // The link is the one in the server's output, not one made up by the test.
  const printed = readFileSync(runFile('server.log'), 'utf8');
  expect(printed).toContain(stack.setupUrl);

  await page.goto('/setup');
  await expect(page.getByText(l('setup.noToken'))).toBeVisible();

  await page.goto(stack.setupUrl);
  await expect(page.getByRole('heading', { level: 1, name: l('setup.title') })).toBeVisible();
  await snap(page, 'setup');
  await page.getByLabel(l('user.username')).fill(ADMIN.username);
  await page.getByLabel(l('user.displayName')).fill(ADMIN.displayName);
  await fillNewPassword(page, l, ADMIN.password);
  await page.getByRole('button', { name: l('setup.submit') }).click();

  await expect(page).toHaveURL(/\/mfa\/enrol$/);
  const { recoveryCodes } = await setUpAuthenticator(page, l, () => snap(page, 'mfa-enrol'));
  await snap(page, 'recovery-codes');

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: l('recovery.download') }).click();
  const file = readFileSync(await (await download).path(), 'utf8');
  for (const code of recoveryCodes) expect(file).toContain(code);

  await acknowledgeRecoveryCodes(page, l);
  await expect(
    page.getByRole('button', { name: l('nav.userMenu', { name: ADMIN.displayName }) }),
  ).toBeVisible();

  await page.context().storageState({ path: runFile('admin-storage-state.json') });

  // Single use: the same link now only points to the sign-in.
  await page.goto(stack.setupUrl);
  await expect(page.getByText(l('setup.alreadyDone'))).toBeVisible();
});
