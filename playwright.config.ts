import { existsSync } from 'node:fs';
import { defineConfig, devices } from '@playwright/test';

// Debian's Chromium where it is installed (Playwright cannot download its own browsers on
// these machines); Playwright's bundled one elsewhere.
const DEBIAN_CHROMIUM = '/usr/bin/chromium';

// Without these, Chromium keeps calling Google's services and floods a closed network.
const QUIET_CHROMIUM_ARGS = [
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
  '--disable-domain-reliability',
  '--no-first-run',
  '--disable-quic',
  '--disable-gpu',
];

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
    launchOptions: {
      ...(existsSync(DEBIAN_CHROMIUM) ? { executablePath: DEBIAN_CHROMIUM } : {}),
      args: QUIET_CHROMIUM_ARGS,
    },
  },
  projects: [
    { name: 'integration', testDir: './tests/integration' },
    { name: 'e2e', testDir: './tests/e2e' },
    {
      name: 'e2e-phone',
      testDir: './tests/e2e',
      use: {
        ...devices['Pixel 7'],
        launchOptions: {
          ...(existsSync(DEBIAN_CHROMIUM) ? { executablePath: DEBIAN_CHROMIUM } : {}),
          args: QUIET_CHROMIUM_ARGS,
        },
      },
    },
  ],
});
