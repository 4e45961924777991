import { defineConfig, devices } from '@playwright/test';
import { chromiumLaunchOptions } from './tests/harness/chromium.ts';

/**
 * Integration and end-to-end tests against a real newsroom: the global setup starts Strapi
 * with a throwaway database, seeds it, builds the site and serves it (tests/harness/).
 * NEWSROOM_TEST_DB=postgres runs the same against PostgreSQL (see scripts/test-postgres.ts).
 */
export default defineConfig({
  globalSetup: './tests/harness/global-setup.ts',
  forbidOnly: !!process.env.CI,
  // One newsroom serves every spec; the specs that write to the CMS clean up after themselves.
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 60_000,
  reporter: [['list']],
  use: {
    ...devices['Desktop Chrome'],
    locale: 'th-TH',
    timezoneId: 'Asia/Bangkok',
    launchOptions: chromiumLaunchOptions(),
  },
  projects: [
    { name: 'integration', testDir: './tests/integration' },
    { name: 'e2e', testDir: './tests/e2e' },
    {
      name: 'e2e-phone',
      testDir: './tests/e2e',
      use: {
        ...devices['Pixel 7'],
        launchOptions: chromiumLaunchOptions(),
      },
    },
  ],
});
