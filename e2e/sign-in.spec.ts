/**
 * Signing in as a returning user: generic errors that reveal nothing about usernames, the
 * authenticator step, a recovery code instead of the authenticator, then the profile page.
 */
import { createUser } from './support/admin-api';
import { expect, test } from './support/fixtures';
import { enrol, passwordFor, say } from './support/flows';
import { totpCode, totpStep } from '../scripts/stack/totp';

const l = say('en');
const USER = { username: 'carol', displayName: 'Carol Returning', password: passwordFor('carol') };

test('sign-in: generic errors, a wrong code, a recovery code, then the profile', async ({
  adminApi,
  newContext,
  snap,
}) => {
  const { enrolment } = await createUser(adminApi, {
    username: USER.username,
    displayName: USER.displayName,
  });
  const page = await (await newContext()).newPage();
  const { device, recoveryCodes } = await enrol(page, l, enrolment.url, USER.password);

  await page.getByRole('button', { name: l('nav.userMenu', { name: USER.displayName }) }).click();
  await page.getByRole('menuitem', { name: l('app.signOut') }).click();
  await expect(page.getByRole('heading', { level: 1, name: l('signIn.title') })).toBeVisible();
  await expect(page.getByText(l('nav.signedOut'))).toBeVisible();
  await snap(page, 'sign-in');

  const username = page.getByLabel(l('signIn.username'));
  const password = page.getByLabel(l('signIn.password'), { exact: true });
  const submit = page.getByRole('button', { name: l('signIn.submit') });
  // A wrong password and an unknown user get the same answer.
  for (const [name, secret] of [
    [USER.username, 'not the password at all'],
    ['nobody-by-this-name', USER.password],
  ] as const) {
    await username.fill(name);
    await password.fill(secret);
    await submit.click();
    await expect(page.getByText(l('signIn.invalid'))).toBeVisible();
    await snap(page, 'sign-in-invalid');
  }

  await username.fill(USER.username);
  await password.fill(USER.password);
  await submit.click();
  await expect(page.getByRole('heading', { level: 1, name: l('signIn.codeTitle') })).toBeVisible();
  await snap(page, 'sign-in-code');

  // A code for none of the steps the server accepts now (the current one and its neighbours).
  const valid = await Promise.all([-1, 0, 1].map((d) => totpCode(device.secret, totpStep() + d)));
  const wrong = ['000000', '111111', '222222', '333333'].find((c) => !valid.includes(c)) ?? '444444';
  await page.getByLabel(l('signIn.code')).fill(wrong);
  await page.getByRole('button', { name: l('signIn.verify') }).click();
  await expect(page.getByText(l('signIn.codeInvalid'))).toBeVisible();

  await page.getByRole('button', { name: l('signIn.useRecovery') }).click();
  await expect(page.getByRole('heading', { level: 1, name: l('signIn.recoveryTitle') })).toBeVisible();
  await snap(page, 'sign-in-recovery');
  await page.getByLabel(l('signIn.recoveryCode')).fill(recoveryCodes[0] ?? '');
  await page.getByRole('button', { name: l('signIn.verify') }).click();
  await expect(page.getByRole('heading', { level: 1, name: l('app.dashboard') })).toBeVisible();
  await expect(page.getByText(l('signIn.recoveryUsed', { count: 9 }))).toBeVisible();

  await page.getByRole('button', { name: l('nav.userMenu', { name: USER.displayName }) }).click();
  await page.getByRole('menuitem', { name: l('app.profile') }).click();
  await expect(page.getByRole('heading', { level: 1, name: l('app.profile') })).toBeVisible();
  await expect(page.getByText(l('profile.thisSession'))).toBeVisible();
  // The notice about the previous session went when this one started.
  await expect(page.getByText(l('nav.signedOut'))).toHaveCount(0);
  await snap(page, 'profile');
});
