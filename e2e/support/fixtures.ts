/**
 * The specs' `test`: every browser context it hands out is watched, and a console error, an
 * uncaught exception, a server error or a missing page or asset on the portal fails the test;
 * `snap` writes the screenshots of a page at desktop width and at 390 px.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { test as base, expect } from '@playwright/test';
import type { APIRequestContext, BrowserContext, BrowserContextOptions, Page } from '@playwright/test';
import { SCREENSHOT_DIR, runFile } from './paths';
import { readStack } from './stack';
import type { Stack } from './stack';

export { expect };

export const DESKTOP = { width: 1280, height: 800 };
export const MOBILE = { width: 390, height: 844 };

/** Options every context gets; a person is a new context (own cookies, own clipboard). */
export function contextOptions(stack: Stack, options: BrowserContextOptions = {}): BrowserContextOptions {
  return {
    baseURL: stack.baseUrl,
    viewport: DESKTOP,
    locale: 'en-GB',
    timezoneId: 'Europe/London',
    // The credentials dialog's copy buttons write to the clipboard; the specs read it back.
    permissions: ['clipboard-read', 'clipboard-write'],
    ...options,
  };
}

class BrowserProblems {
  readonly seen: string[] = [];
  private readonly origin: string;

  constructor(baseUrl: string) {
    this.origin = new URL(baseUrl).origin;
  }

  watch(context: BrowserContext): void {
    for (const page of context.pages()) this.watchPage(page);
    context.on('page', (page) => this.watchPage(page));
  }

  private watchPage(page: Page): void {
    // Only the portal's pages: the federation stand-in is a test double (and has no favicon).
    const onPortal = (url: string) => url.startsWith(`${this.origin}/`);
    page.on('console', (msg) => {
      if (msg.type() !== 'error' || !onPortal(page.url())) return;
      // Chromium logs every non-2xx response this way, the API's expected 401 for a wrong password
      // included; responses are judged by their status below instead.
      if (msg.text().startsWith('Failed to load resource: the server responded with a status of')) return;
      this.seen.push(`console.error on ${page.url()}: ${msg.text()}`);
    });
    page.on('pageerror', (error) => {
      if (onPortal(page.url()))
        this.seen.push(`uncaught exception on ${page.url()}: ${error.stack ?? error.message}`);
    });
    page.on('response', (response) => {
      if (!onPortal(response.url())) return;
      const status = response.status();
      const path = new URL(response.url()).pathname;
      // The API's 4xx answers are part of its contract (the specs check what the UI makes of them);
      // a server error, or a page or asset that is not there, is a bug.
      if (status >= 500 || (status >= 400 && !path.startsWith('/api/'))) {
        this.seen.push(`${status} for ${response.request().method()} ${path}`);
      }
    });
    page.on('requestfailed', (request) => {
      const failure = request.failure()?.errorText ?? 'failed';
      // Leaving a page cancels what it was still loading; that is not a failure.
      if (onPortal(request.url()) && failure !== 'net::ERR_ABORTED') {
        this.seen.push(`${request.method()} ${new URL(request.url()).pathname} failed: ${failure}`);
      }
    });
  }
}

interface PortalFixtures {
  stack: Stack;
  /** A new, watched browser context: another person at another computer. */
  newContext: (options?: BrowserContextOptions) => Promise<BrowserContext>;
  /** A watched context signed in as the first administrator (their session from the setup project). */
  adminContext: (options?: BrowserContextOptions) => Promise<BrowserContext>;
  /** The admin API with the first administrator's session, for arranging what a spec is not about. */
  adminApi: APIRequestContext;
  snap: (page: Page, name: string) => Promise<void>;
  browserProblems: BrowserProblems;
}

export const test = base.extend<PortalFixtures>({
  // eslint-disable-next-line no-empty-pattern -- Playwright fixtures must destructure their dependencies
  stack: async ({}, use) => {
    await use(readStack());
  },

  browserProblems: [
    async ({ context, stack }, use) => {
      const problems = new BrowserProblems(stack.baseUrl);
      problems.watch(context);
      await use(problems);
      expect(problems.seen, 'errors in the browser').toEqual([]);
    },
    { auto: true },
  ],

  newContext: async ({ browser, stack, browserProblems }, use) => {
    const contexts: BrowserContext[] = [];
    await use(async (options) => {
      const context = await browser.newContext(contextOptions(stack, options));
      browserProblems.watch(context);
      contexts.push(context);
      return context;
    });
    for (const context of contexts) await context.close();
  },

  adminContext: async ({ newContext }, use) => {
    await use((options) => newContext({ storageState: runFile('admin-storage-state.json'), ...options }));
  },

  adminApi: async ({ playwright, stack }, use) => {
    const api = await playwright.request.newContext({
      baseURL: stack.baseUrl,
      storageState: runFile('admin-storage-state.json'),
      // What the portal's own pages send; the server refuses other origins' state changes.
      extraHTTPHeaders: { origin: new URL(stack.baseUrl).origin },
    });
    await use(api);
    await api.dispose();
  },

  // eslint-disable-next-line no-empty-pattern -- Playwright fixtures must destructure their dependencies
  snap: async ({}, use) => {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await use(async (page, name) => {
      const size = page.viewportSize() ?? DESKTOP;
      for (const [suffix, viewport] of [
        ['desktop', DESKTOP],
        ['mobile', MOBILE],
      ] as const) {
        await page.setViewportSize(viewport);
        await settle(page);
        await page.screenshot({
          path: join(SCREENSHOT_DIR, `${name}.${suffix}.png`),
          fullPage: true,
          animations: 'disabled',
        });
      }
      await page.setViewportSize(size);
      await settle(page);
    });
  },
});

/** Fonts loaded and two frames painted after a resize. */
async function settle(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await document.fonts.ready;
    await new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve())));
  });
}
