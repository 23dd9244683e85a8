/**
 * End-to-end: the built portal in Debian's Chromium against a real server, PostgreSQL, moto_server
 * and the federation stand-in (started by global-setup.ts). Playwright never downloads a browser.
 *
 * The first-admin project creates the first administrator through the setup link and saves their
 * session; the portal specs depend on it and run two at a time.
 */
import { defineConfig } from '@playwright/test';
import { CHROMIUM } from './support/paths';

export default defineConfig({
  testDir: '.',
  outputDir: '../test-results/e2e',
  globalSetup: './global-setup.ts',
  workers: 2,
  fullyParallel: false,
  retries: 0,
  forbidOnly: true,
  timeout: 90_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    // Set by global-setup.ts before the workers start.
    baseURL: process.env['E2E_BASE_URL'],
    viewport: { width: 1280, height: 800 },
    locale: 'en-GB',
    timezoneId: 'Europe/London',
    permissions: ['clipboard-read', 'clipboard-write'],
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    actionTimeout: 15_000,
    launchOptions: {
      executablePath: CHROMIUM,
      // As root, with no network and no GPU: no sandbox, nothing phoning home.
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  projects: [
    { name: 'first-admin', testMatch: /first-admin\.setup\.ts$/ },
    { name: 'portal', testMatch: /\.spec\.ts$/, dependencies: ['first-admin'] },
  ],
});
