/**
 * What people do in the public pages, step by step through the real UI: follow an enrolment
 * link, set up an authenticator, keep the recovery codes, sign in.
 */
import type { Locator, Page } from '@playwright/test';
import { TotpDevice } from '../../scripts/stack/totp';
import { expect } from './fixtures';
import { message } from './i18n';
import type { Locale, MessageKey } from './i18n';

export type Say = (key: MessageKey, vars?: Record<string, string | number>) => string;

export function say(locale: Locale): Say {
  return (key, vars) => message(locale, key, vars);
}

/** A password good enough for the server's rules (length, not common, not the username). */
export function passwordFor(username: string): string {
  return `${username} walks past the gatehouse at dawn 7`;
}

export async function fillNewPassword(page: Page, l: Say, password: string): Promise<void> {
  await page.getByLabel(l('password.label'), { exact: true }).fill(password);
  await page.getByLabel(l('password.confirm'), { exact: true }).fill(password);
}

/** On /enrol#token=…: choose a password; lands on the authenticator page. */
export async function chooseEnrolmentPassword(
  page: Page,
  l: Say,
  link: string,
  password: string,
  shoot?: () => Promise<void>,
): Promise<void> {
  await page.goto(link);
  await expect(page.getByRole('heading', { level: 1, name: l('enrolLink.title') })).toBeVisible();
  await shoot?.();
  await fillNewPassword(page, l, password);
  await page.getByRole('button', { name: l('enrolLink.submit') }).click();
  await expect(page).toHaveURL(/\/mfa\/enrol$/);
}

/**
 * On /mfa/enrol: read the setup key the way a person typing it into an app would, confirm with a
 * code computed from it, and return the "authenticator" holding it. `shoot` runs once the page is ready.
 */
export async function setUpAuthenticator(
  page: Page,
  l: Say,
  shoot?: () => Promise<void>,
): Promise<{ device: TotpDevice; recoveryCodes: string[] }> {
  await expect(page.getByRole('heading', { level: 1, name: l('enrol.title') })).toBeVisible();
  await expect(page.getByRole('img', { name: l('enrol.qrAlt') })).toBeVisible();
  const shown = (await page.getByLabel(l('enrol.secretLabel'), { exact: true }).textContent()) ?? '';
  const secret = shown.replace(/\s+/g, '');
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  await shoot?.();
  const device = new TotpDevice(secret);
  await page.getByLabel(l('signIn.code')).fill(await device.nextCode());
  await page.getByRole('button', { name: l('enrol.confirm') }).click();

  await expect(page.getByRole('heading', { level: 1, name: l('enrol.codesTitle') })).toBeVisible();
  const codes = await page
    .getByRole('list', { name: l('recovery.listLabel') })
    .getByRole('listitem')
    .allTextContents();
  expect(codes).toHaveLength(10);
  return { device, recoveryCodes: codes.map((c) => c.trim()) };
}

/** Ticks "I have saved these recovery codes" and continues to the portal. */
export async function acknowledgeRecoveryCodes(page: Page, l: Say): Promise<void> {
  const cont = page.getByRole('button', { name: l('enrol.continue') });
  await expect(cont).toBeDisabled();
  await page.getByRole('checkbox', { name: l('recovery.savedCheck') }).check();
  await cont.click();
  await expect(page).toHaveURL(/\/$/);
}

/**
 * The whole enrolment through the link, as a new user does it: a password, the authenticator and
 * the recovery codes kept; lands on the portal. `shootLink` runs once the link's page is ready.
 */
export async function enrol(
  page: Page,
  l: Say,
  link: string,
  password: string,
  shootLink?: () => Promise<void>,
): Promise<{ device: TotpDevice; recoveryCodes: string[] }> {
  await chooseEnrolmentPassword(page, l, link, password, shootLink);
  const enrolled = await setUpAuthenticator(page, l);
  await acknowledgeRecoveryCodes(page, l);
  return enrolled;
}

/** The dashboard's summary line for so many roles in so many accounts. */
export function dashboardSummary(l: Say, counts: { roles: number; accounts: number }): string {
  return l('dashboard.summary', {
    roles: l('dashboard.summaryRoles', { count: counts.roles }),
    accounts: l('dashboard.summaryAccounts', { count: counts.accounts }),
  });
}

/** The audit page's time filter, as it reads before anyone has chosen a time. */
export function anyTimeFilter(page: Page, l: Say): Locator {
  return page.getByRole('button', {
    name: `${l('audit.filter.time')} ${l('audit.filter.anyTime')}`,
    exact: true,
  });
}

/** /sign-in (wherever the page is now) with username and password, then the authenticator code. */
export async function signIn(
  page: Page,
  l: Say,
  username: string,
  password: string,
  device: TotpDevice,
  shootCodeStep?: () => Promise<void>,
): Promise<void> {
  await page.goto('/sign-in');
  await expect(page.getByRole('heading', { level: 1, name: l('signIn.title') })).toBeVisible();
  await page.getByLabel(l('signIn.username')).fill(username);
  await page.getByLabel(l('signIn.password'), { exact: true }).fill(password);
  await page.getByRole('button', { name: l('signIn.submit') }).click();
  await expect(page.getByRole('heading', { level: 1, name: l('signIn.codeTitle') })).toBeVisible();
  await shootCodeStep?.();
  await page.getByLabel(l('signIn.code')).fill(await device.nextCode());
  await page.getByRole('button', { name: l('signIn.verify') }).click();
  await expect(page).toHaveURL(/\/$/);
}
