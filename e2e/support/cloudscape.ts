/** Driving Cloudscape's dropdowns and copy buttons the way a person does: click, pick, read back. */
import type { Locator, Page } from '@playwright/test';
import { expect } from './fixtures';

/**
 * Opens the Select or Multiselect labelled `label` inside `scope` and picks `option`. A
 * multiselect stays open after a pick; Escape closes it.
 */
export async function choose(
  page: Page,
  scope: Locator | Page,
  label: string,
  option: string | RegExp,
  options: { multi?: boolean } = {},
): Promise<void> {
  // The trigger is named by its field's label followed by what it shows (placeholder or choice).
  await scope.getByRole('button', { name: new RegExp(`^${escapeRegExp(label)}`) }).click();
  const choice = page.getByRole('option', { name: option });
  await expect(choice.first()).toBeVisible();
  await choice.first().click();
  if (options.multi) await page.keyboard.press('Escape');
}

/** Clicks a copy button and returns what it put on the clipboard. */
export async function copied(page: Page, button: Locator): Promise<string> {
  // A value that cannot be what the button copies, so a copy that did nothing is noticed.
  await page.evaluate(() => navigator.clipboard.writeText('(nothing copied yet)'));
  await button.click();
  await expect
    .poll(() => page.evaluate(() => navigator.clipboard.readText()))
    .not.toBe('(nothing copied yet)');
  return page.evaluate(() => navigator.clipboard.readText());
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A Flashbar notification showing `text`. Cloudscape also repeats a new notification in a
 * screen-reader live region ("Success <text>") for a moment, so the match is exact (or anchored,
 * for a pattern): only the notification itself is found.
 */
export function notice(scope: Page | Locator, text: string | RegExp): Locator {
  if (typeof text === 'string') return scope.getByText(text, { exact: true });
  return scope.getByText(new RegExp(`^(?:${text.source})$`, text.flags));
}
